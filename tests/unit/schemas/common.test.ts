import { describe, expect, test } from 'vitest';
import { httpUrlSchema, licenceSchema, originSchema } from '../../../src/schemas/common.ts';
import { personSchema } from '../../../src/schemas/person.ts';
import { commentSchema, onPostSchema } from '../../../src/schemas/thread.ts';

const message = (v: unknown) => {
  const r = httpUrlSchema.safeParse(v);
  return r.success ? null : r.error.issues[0]?.message;
};

describe('httpUrlSchema', () => {
  test.each(['https://www.lesswrong.com/posts/x', 'http://example.com', 'HTTPS://EXAMPLE.COM/a?b=c#d'])('accepts %s', (url) => {
    expect(httpUrlSchema.parse(url)).toBe(url);
  });

  test.each([
    ['javascript:alert(1)', 'a URL must start with http:// or https:// and a host'],
    ['data:text/html,<script>alert(1)</script>', 'a URL must start with http:// or https:// and a host'],
    ['\u0001javascript:alert(1)', 'a URL must not contain spaces, control or invisible characters'],
    [' https://example.com', 'a URL must not contain spaces, control or invisible characters'],
    ['https://exa\u200bmple.com', 'a URL must not contain spaces, control or invisible characters'],
    ['https://example.com/\n', 'a URL must not contain spaces, control or invisible characters'],
    ['http:example.com', 'a URL must start with http:// or https:// and a host'],
    ['ftp://example.com', 'a URL must start with http:// or https:// and a host'],
    ['//example.com', 'a URL must start with http:// or https:// and a host'],
    ['https://', 'a URL must start with http:// or https:// and a host'],
    ['https://exa mple.com', 'a URL must not contain spaces, control or invisible characters'],
    ['https://[bad', 'must be a valid http(s) URL'],
  ])('rejects %j', (url, why) => {
    expect(message(url)).toBe(why);
  });

  test('guards every URL field of the schemas that use it', () => {
    const bad = 'javascript:alert(1)';
    expect(originSchema.safeParse({ site: 'x', url: bad, date: null }).success).toBe(false);
    expect(originSchema.safeParse({ site: 'x', url: null, date: null, mirrors: [{ label: 'm', url: bad }] }).success).toBe(false);
    expect(licenceSchema.safeParse({ status: 'unknown', statement: 's', evidenceUrl: bad }).success).toBe(false);
    expect(personSchema.safeParse({ type: 'person', name: 'n', description: 'd', profiles: [{ label: 'p', url: bad }] }).success).toBe(false);
    expect(onPostSchema.safeParse({ title: null, url: bad, status: 'unknown' }).success).toBe(false);
    expect(commentSchema.shape.url.safeParse(bad).success).toBe(false);
    expect(commentSchema.shape.url.safeParse('https://example.com').success).toBe(true);
  });
});
