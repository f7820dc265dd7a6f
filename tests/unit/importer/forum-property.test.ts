import { parseFrontmatter } from '@astrojs/markdown-remark';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { describe, expect, test } from 'vitest';
import { importForumThread } from '../../../src/importer/forum.ts';
import { renderFiles } from '../../../src/importer/to-mdx.ts';
import { renderForumBlock } from '../../../src/lib/forum/render.ts';
import { SourceError } from '../../../src/lib/threads/errors.ts';
import { threadSchema } from '../../../src/schemas/thread.ts';

// Any JSON of the forum's shape either imports to a thread page whose text holds every word each
// comment shows, or is refused with a `file: $.path: message` line. Generated comments mix
// visible words with hostile markup carrying a marker that must never reach the page.

const FILE = 'content/sources/generated.json';
const MARK = 'zzhostile';
const word = fc.stringMatching(/^[a-zà-ÿ]{3,9}$/);
const words = fc.array(word, { minLength: 1, maxLength: 5 });
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A piece of inline HTML and the words a reader sees in it. */
type Piece = { html: string; shown: readonly string[] };
const plain = words.map((w): Piece => ({ html: esc(w.join(' ')), shown: w }));
const inline: fc.Arbitrary<Piece> = fc.oneof(
  plain,
  fc.tuple(fc.constantFrom('em', 'strong', 'code', 's', 'sub'), words).map(([t, w]) => ({ html: `<${t}>${w.join(' ')}</${t}>`, shown: w })),
  words.map((w) => ({ html: `<a href="https://ok.example/${w[0] ?? ''}">${w.join(' ')}</a>`, shown: w })),
  words.map((w) => ({ html: `<a href="javascript:${MARK}()" onclick="${MARK}">${w.join(' ')}</a>`, shown: w })),
  fc.constant({ html: '<span class="math-tex">\\(x^2+y\\)</span>', shown: [] }),
  fc.constant({ html: `<script>${MARK}()</script><style>.${MARK}{}</style>`, shown: [] }),
  fc.constant({ html: `<iframe srcdoc="${MARK}" src="javascript:${MARK}"></iframe>`, shown: [] }),
  fc.constant({ html: `<img src="x" onerror="${MARK}()" alt="">`, shown: ['[image]'] }),
  fc.constant({ html: `<svg onload="${MARK}()"><text>${MARK}</text></svg>`, shown: [] }),
);
const line = fc
  .array(inline, { minLength: 1, maxLength: 4 })
  .map((ps): Piece => ({ html: ps.map((p) => p.html).join(' '), shown: ps.flatMap((p) => p.shown) }));
const block: fc.Arbitrary<Piece> = fc.oneof(
  line.map((l) => ({ html: `<p onclick="${MARK}" style="color:red">${l.html}</p>`, shown: l.shown })),
  fc
    .array(line, { minLength: 1, maxLength: 3 })
    .map((ls) => ({ html: `<ul>${ls.map((l) => `<li>${l.html}</li>`).join('')}</ul>`, shown: ls.flatMap((l) => l.shown) })),
  line.map((l) => ({ html: `<blockquote><p>${l.html}</p></blockquote>`, shown: l.shown })),
  words.map((w) => ({ html: `<h2>${w.join(' ')}</h2>`, shown: w })),
  words.map((w) => ({ html: `<pre><code>${w.join('  ')}</code></pre>`, shown: w })),
);
const body = fc
  .array(block, { minLength: 0, maxLength: 4 })
  .map((bs): Piece => ({ html: bs.map((b) => b.html).join('\n'), shown: bs.flatMap((b) => b.shown) }));

interface Generated {
  json: unknown;
  shown: Map<string, readonly string[]>;
}

const id = (i: number) => `Gen${String(i).padStart(14, '0')}`;
const thread: fc.Arbitrary<Generated> = fc
  .record({
    postBody: body,
    comments: fc.array(
      fc.record({
        parent: fc.nat(),
        top: fc.boolean(),
        body,
        deleted: fc.boolean(),
        retracted: fc.boolean(),
        score: fc.integer({ min: -50, max: 300 }),
        hasUser: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ postBody, comments }) => {
    const shown = new Map<string, readonly string[]>();
    const results = comments.map((c, i) => {
      const parent = c.top || i === 0 ? null : id(c.parent % i);
      shown.set(`c-${id(i)}`, c.deleted ? [] : c.body.shown);
      return {
        _id: id(i),
        postId: 'GenPost0000000001',
        parentCommentId: parent,
        postedAt: new Date(Date.UTC(2023, 0, 1 + i)).toISOString(),
        baseScore: c.score,
        deleted: c.deleted,
        retracted: c.retracted,
        user: c.hasUser ? { displayName: `User ${i}`, slug: `user-${i}` } : null,
        contents: c.deleted ? null : { html: c.body.html },
      };
    });
    const post = {
      _id: 'GenPost0000000001',
      title: 'A generated post',
      slug: 'a-generated-post',
      pageUrl: 'https://forum.effectivealtruism.org/posts/GenPost0000000001/a-generated-post',
      postedAt: '2023-01-01T00:00:00.000Z',
      baseScore: 1,
      user: { displayName: 'Poster', slug: 'poster' },
      contents: { html: postBody.html },
    };
    return { json: { data: { post: { result: post }, comments: { results } } }, shown };
  });

/** Breaks a valid thread in one of the ways the importer must refuse. */
const broken = fc.tuple(thread, fc.constantFrom('parent', 'duplicate', 'post', 'field', 'cycle'), fc.nat()).map(([g, how, n]) => {
  const json = structuredClone(g.json) as { data: { post: { result: Record<string, unknown> }; comments: { results: Record<string, unknown>[] } } };
  const list = json.data.comments.results;
  const c = list[n % Math.max(1, list.length)];
  if (!c || how === 'field') delete json.data.post.result['postedAt'];
  else if (how === 'parent') c['parentCommentId'] = 'Missing0000000001';
  else if (how === 'duplicate') list.push({ ...c });
  else if (how === 'post') c['postId'] = 'OtherPost00000001';
  else c['parentCommentId'] = c['_id'];
  return json;
});

function run(json: unknown): { ok: true; files: ReturnType<typeof renderFiles> } | { ok: false; message: string } {
  try {
    return { ok: true, files: renderFiles(importForumThread({ file: FILE, text: JSON.stringify(json), from: FILE, people: [] })) };
  } catch (e) {
    if (e instanceof SourceError) return { ok: false, message: e.message };
    throw e;
  }
}

const REFUSAL = /^content\/sources\/generated\.json: \$[^\s:]*: \S/;

describe('forum import of generated threads', () => {
  test('imports a page showing every comment’s words and nothing hostile, or refuses with a message', () => {
    fc.assert(
      fc.property(thread, (g) => {
        const r = run(g.json);
        if (!r.ok) {
          expect(r.message).toMatch(REFUSAL);
          return;
        }
        const data = threadSchema.parse(parseFrontmatter(r.files[0]?.text ?? '').frontmatter);
        expect(data.comments.map((c) => c.id).sort()).toEqual([...g.shown.keys()].sort());
        for (const c of data.comments) {
          const html = c.paragraphs.map((p) => renderForumBlock(p.html ?? '', p.text)).join('\n');
          expect(html).not.toContain(MARK);
          expect(html).not.toMatch(/<(script|style|iframe|img|svg)\b|\son[a-z]+=/i);
          const text = toText(fromHtml(html, { fragment: true }));
          for (const w of g.shown.get(c.id) ?? []) expect(text, `${c.id} shows "${w}"`).toContain(w);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('refuses a broken thread with `file: $.path: message`', () => {
    fc.assert(
      fc.property(broken, (json) => {
        const r = run(json);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toMatch(REFUSAL);
      }),
      { numRuns: 60 },
    );
  });
});
