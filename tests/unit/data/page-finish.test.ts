import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { finishDigest, finishInputsOf, finishRenderedPage } from '../../../src/data/page-finish.ts';

const LOADER_SOURCE = readFileSync('src/scripts/after-paint.js', 'utf8');
const PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><main><p>x</p></main></body></html>';

describe('finishing inputs', () => {
  test('their digest, which goes into every cached page key, changes with the loader and with the moved anchors', () => {
    const base = finishInputsOf(LOADER_SOURCE, '{}').digest;
    expect(finishInputsOf(LOADER_SOURCE, '{}').digest).toBe(base);
    expect(finishInputsOf(`${LOADER_SOURCE}\n;`, '{}').digest).not.toBe(base);
    expect(finishInputsOf(LOADER_SOURCE, '{"/a/#x": "/a/#y"}').digest).not.toBe(base);
    // Comments are not part of the loader pages carry, so they leave the key alone.
    expect(finishInputsOf(`// a note\n${LOADER_SOURCE}`, '{}').digest).toBe(base);
    expect(finishDigest()).toBe(finishInputsOf(LOADER_SOURCE, readFileSync('content/permalinks/redirects.json', 'utf8')).digest);
  });

  test('a redirects file that is not an object of strings stops with its name', () => {
    expect(() => finishInputsOf(LOADER_SOURCE, '[1]')).toThrow('content/permalinks/redirects.json: expected an object mapping');
    expect(() => finishInputsOf(LOADER_SOURCE, '{')).toThrow('content/permalinks/redirects.json: not valid JSON');
  });
});

describe('finishRenderedPage', () => {
  test('fails on inline code the policy cannot allow, naming the page', () => {
    expect(() => finishRenderedPage('/about/', PAGE.replace('<p>', '<p onclick="x()">'))).toThrow(
      'inline code the Content-Security-Policy would block:\n  /about/: <p onclick="…">: inline event handlers are blocked by the policy',
    );
    expect(finishRenderedPage('/about/', PAGE)).toContain('<meta http-equiv="Content-Security-Policy"');
  });
});
