import { describe, expect, test } from 'vitest';
import { sourceHost, sourceLinkLabel } from '../../../../src/lib/text/source-host.ts';

describe('sourceHost', () => {
  test('returns the GreaterWrong mirror for greaterwrong.com addresses, with or without www', () => {
    expect(sourceHost('https://www.greaterwrong.com/posts/RTkatYxJWvXR4Qbyd/x/comment/PHYDa4jyhchREs2kA')).toBe('the GreaterWrong mirror of LessWrong');
    expect(sourceHost('https://greaterwrong.com/posts/2rWKkWuPrgTMpLRbp/lesswrong-faq')).toBe('the GreaterWrong mirror of LessWrong');
  });
  test('returns the EA Forum mirror for ea.greaterwrong.com', () => {
    expect(sourceHost('https://ea.greaterwrong.com/posts/4MTwLjzPeaNyXomnx/x')).toBe('the GreaterWrong mirror of the EA Forum');
  });
  test('returns the forum itself for its own hosts', () => {
    expect(sourceHost('https://www.lesswrong.com/posts/ysHERGduadwJFkKhS/x')).toBe('LessWrong');
    expect(sourceHost('https://www.alignmentforum.org/s/J7JpFeijCK5urdbzv')).toBe('the Alignment Forum');
    expect(sourceHost('https://forum.effectivealtruism.org/posts/KK6AE8HzPkR2KnqSg/x')).toBe('the EA Forum');
  });
  test('returns the bare host for other sites, and a neutral name for an unreadable address', () => {
    expect(sourceHost('https://www.example.org/a')).toBe('example.org');
    expect(sourceHost('not a url')).toBe('the original site');
  });
});

describe('sourceLinkLabel', () => {
  test('returns link text naming the host', () => {
    expect(sourceLinkLabel('https://www.greaterwrong.com/posts/a/b/comment/c')).toBe('On the GreaterWrong mirror of LessWrong');
  });
});
