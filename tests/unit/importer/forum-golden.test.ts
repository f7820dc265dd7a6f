import { parseFrontmatter } from '@astrojs/markdown-remark';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { describe, expect, test } from 'vitest';
import { importForumThread } from '../../../src/importer/forum.ts';
import { renderFiles } from '../../../src/importer/to-mdx.ts';
import { renderForumBlock } from '../../../src/lib/forum/render.ts';
import { essaySchema } from '../../../src/schemas/essay.ts';
import { threadSchema } from '../../../src/schemas/thread.ts';
import { buildCommentTree } from '../../../src/lib/threads/tree.ts';
import { read } from './helpers.ts';

// The realistic fixture (tests/fixtures/forum/lesswrong-thread.json): replies four deep, a
// deleted parent with live replies, a retracted comment, lists, links, a table, a blockquote of
// the post, formulas in every stored shape, footnotes from both editors, hostile HTML of every
// kind. Its import is compared with committed golden files, then every block is rendered as a
// page would render it and the result checked for anything that could run or load.

const FROM = 'content/sources/lesswrong-thread.json';
const GOLDEN: Record<string, string> = {
  'content/threads/counting-arguments-worked-example.mdx': 'tests/fixtures/golden/forum.thread.mdx',
  'content/essays/counting-arguments-worked-example.mdx': 'tests/fixtures/golden/forum.essay.mdx',
};
const files = () => renderFiles(importForumThread({ file: FROM, text: read('tests/fixtures/forum/lesswrong-thread.json'), from: FROM, people: [] }));
const thread = () => threadSchema.parse(parseFrontmatter(files()[0]?.text ?? '').frontmatter);
const essay = () => essaySchema.parse(parseFrontmatter(files()[1]?.text ?? '').frontmatter);

describe('forum import of the fixture', () => {
  test('matches the committed golden files', () => {
    const out = files();
    expect(out.map((f) => f.path)).toEqual(Object.keys(GOLDEN));
    for (const f of out) expect(f.text, `${f.path}: regenerate ${GOLDEN[f.path] ?? ''} only if the change is intended`).toBe(read(GOLDEN[f.path] ?? ''));
  });

  test('keeps the forum’s reply tree, four replies deep, with the deleted parent in its place', () => {
    const t = thread();
    const trees = buildCommentTree(t.comments);
    const shape = (n: (typeof trees)[number]): unknown => ({ [n.comment.id]: n.replies.map(shape) });
    expect(trees.map(shape)).toEqual([
      { 'c-Qx1TopLevelAaaaaa': [{ 'c-Qx2ReplyDepthOneB': [{ 'c-Qx3ReplyDepthTwoC': [{ 'c-Qx4ReplyDepth3Ddd': [{ 'c-Qx5ReplyDepth4Eee': [] }] }] }] }] },
      { 'c-Qx6DeletedParentF': [{ 'c-Qx7LiveUnderDelGg': [{ 'c-Qx8DeeperUnderDel': [] }] }] },
      { 'c-Qx9HostileMmmmmmm': [] },
      { 'c-QxAMarkdownNnnnnn': [] },
    ]);
    const byId = new Map(t.comments.map((c) => [c.id, c]));
    expect(byId.get('c-Qx6DeletedParentF')).toMatchObject({ deleted: true, paragraphs: [], author: { name: null, status: 'unknown' } });
    expect(byId.get('c-Qx3ReplyDepthTwoC')?.retracted).toBe(true);
    expect(byId.get('c-Qx7LiveUnderDelGg')?.karma).toBe(-3);
    expect(byId.get('c-Qx1TopLevelAaaaaa')?.url).toBe(
      'https://www.lesswrong.com/posts/FmTestPost0000001/counting-arguments-worked-example?commentId=Qx1TopLevelAaaaaa',
    );
  });

  test('marks the blockquotes as quotations, which the quote matcher can source', () => {
    const quoted = thread().comments.flatMap((c) => c.paragraphs.filter((p) => p.quote).map((p) => p.text));
    expect(quoted).toEqual([
      'The second assumption carries most of the weight in this toy model.',
      'the bit counts do double duty, which makes the comparison between the two rows unfair',
    ]);
    const essayText = essay().sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : [])));
    expect(essayText.some((t) => t.includes(quoted[0] ?? '-'))).toBe(true);
  });

  test('turns the post into essay sections at its headings', () => {
    expect(essay().sections.map((s) => [s.id, s.heading, s.level])).toEqual([
      ['post', null, 2],
      ['setup', 'Setup', 2],
      ['three-assumptions', 'Three assumptions', 2],
      ['what-would-change-my-mind', 'What would change my mind', 3],
    ]);
  });
});

describe('the fixture rendered as the pages render it', () => {
  const blocks = () => [
    ...thread().comments.flatMap((c) => c.paragraphs.map((p) => ({ where: c.id, html: p.html ?? '', text: p.text }))),
    ...essay().sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'p' ? [{ where: s.id, html: b.html ?? '', text: b.text }] : []))),
  ];
  const rendered = () => blocks().map((b) => ({ ...b, out: renderForumBlock(b.html, b.text) }));

  test('holds nothing that runs, loads or styles from elsewhere', () => {
    for (const { where, out } of rendered()) {
      expect(out, where).not.toMatch(/<(script|style|iframe|frame|object|embed|img|svg|form|input|button|link|meta|base|template|noscript|video|audio)\b/i);
      expect(out, where).not.toMatch(/\son[a-z]+\s*=/i);
      expect(out, where).not.toMatch(/\s(src|srcdoc|action|formaction|xlink:href|background)\s*=/i);
      // (A formula's TeX may say "javascript:" as text; no attribute but a tooltip may.)
      expect(out, where).not.toMatch(/\s(?!title)[a-z-]+="[^"]*(?:javascript|vbscript|data):/i);
      expect(out, where).not.toContain('SECRET');
      for (const m of out.matchAll(/\shref="([^"]*)"/g)) expect(m[1], where).toMatch(/^(https?:\/\/[^/]|#fm-)/);
      for (const m of out.matchAll(/\sid="([^"]*)"/g)) expect(m[1], where).toMatch(/^fm-Qx|^fm-Fm/);
      // Only KaTeX sets styles, and only sizes and spacing (CSP hashes each one).
      for (const m of out.matchAll(/\sstyle="([^"]*)"/g))
        expect(m[1], where).toMatch(
          /^(?:(?:height|vertical-align|margin-right|margin-left|top|width|min-width|padding-left|border-bottom-width|position|left|color):[^;]*;)+$/,
        );
    }
  });

  test('shows every block’s words, with formulas typeset by KaTeX (or shown as their source when KaTeX refuses)', () => {
    for (const { where, out, text } of rendered()) {
      const shown = toText(fromHtml(out, { fragment: true }));
      const withoutMath = text.replace(/\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g, ' ');
      // hast-util-to-text drops format characters (the bidi override) that the page does show.
      for (const word of withoutMath.split(/\s+/).filter((w) => w.replace(/\p{Cf}/gu, '').length > 0)) expect(shown, `${where}: "${word}"`).toContain(word);
    }
    const all = rendered()
      .map((r) => r.out)
      .join('');
    const stored = blocks()
      .map((b) => b.html)
      .join('');
    const formulas = stored.match(/class="math-tex"/g)?.length ?? 0;
    const refused = all.match(/<code class="math-error"/g)?.length ?? 0;
    expect(formulas).toBe(10);
    expect(refused).toBe(2);
    expect(all.match(/class="katex"/g)?.length).toBe(formulas - refused);
  });
});
