import { describe, expect, test } from 'vitest';
import { claimSchema, summarySchema, termSchema } from '../../../src/schemas/curated.ts';
import { checkRefs, resolveRef } from '../../../src/lib/links/refs.ts';
import { claimRelations, unknownSlugs } from '../../../src/lib/map/claims.ts';
import { pageIdOf } from '../../../src/lib/site/routes.ts';
import { contentFiles as docs, contentModel } from './site-content.ts';

// The curated layer checked against the generated source pages: every claim and glossary entry
// links to at least one source anchor that exists, every relation and related term is known, and
// every essay and thread has our summary. Read from content/ so it runs without a build; the
// anchors come from the site model the build uses (building it also runs its reference checks).
const model = contentModel();
const { known } = model;
const claims = docs('claims');
const terms = docs('glossary');
const summaries = docs('summaries');
const guides = docs('guides');

describe('claimSchema', () => {
  const base = { type: 'claim', title: 'A claim', summary: 'It says something.' };

  test('rejects a claim with no source', () => {
    const r = claimSchema.safeParse({ ...base, sources: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('a claim needs at least one source passage');
  });

  test('rejects a claim whose sources field is missing', () => {
    expect(claimSchema.safeParse(base).success).toBe(false);
  });

  test('rejects a claim with no passage that makes it and no external source', () => {
    const r = claimSchema.safeParse({ ...base, sources: [{ to: 'essays/x#a', role: 'attacks' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('a claim needs a passage with role "makes", or an `external` entry naming where it is made');
  });

  test('rejects a source that is not a passage reference', () => {
    expect(claimSchema.safeParse({ ...base, sources: ['https://example.com/post'] }).success).toBe(false);
    expect(claimSchema.safeParse({ ...base, sources: ['arguments/other-claim'] }).success).toBe(false);
  });

  test('returns plain sources and annotated passages, reading a bare string as "makes"', () => {
    const r = claimSchema.parse({ ...base, sources: ['essays/x#a', { to: 'threads/y#c-1', role: 'attacks', note: 'No.' }, { to: 'essays/x#a', role: 'context' }] });
    expect(r.sources).toEqual(['essays/x#a', 'threads/y#c-1']);
    expect(r.passages).toEqual([
      { to: 'essays/x#a', role: 'makes' },
      { to: 'threads/y#c-1', role: 'attacks', note: 'No.' },
      { to: 'essays/x#a', role: 'context' },
    ]);
    expect(r.kind).toBe('claim');
    expect(r.supports).toEqual([]);
  });

  test('accepts a claim made outside our sources when a passage discusses it', () => {
    const r = claimSchema.safeParse({ ...base, sources: [{ to: 'threads/y#c-1', role: 'context' }], external: [{ title: 'A report', url: 'https://example.com/r', note: 'Not in our exports.' }] });
    expect(r.success).toBe(true);
  });
});

describe('termSchema', () => {
  test('rejects a term with no source', () => {
    const r = termSchema.safeParse({ type: 'term', term: 'X', short: 'An x.', sources: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('a term needs at least one source passage');
  });
});

describe('summarySchema', () => {
  test('rejects a target that is not an essay, thread or person page', () => {
    expect(summarySchema.safeParse({ type: 'summary', target: 'arguments/x' }).success).toBe(false);
    expect(summarySchema.safeParse({ type: 'summary', target: 'essays/x#a' }).success).toBe(false);
  });
});

describe('content/claims', () => {
  test('holds at least 15 claims', () => {
    expect(claims.length).toBeGreaterThanOrEqual(15);
  });

  test.each(claims.map((c) => [c.file, c] as const))('%s passes the schema', (_f, c) => {
    const r = claimSchema.safeParse(c.data);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  });

  test.each(claims.map((c) => [c.file, c] as const))('%s links to at least one source anchor, and every source resolves', (_f, c) => {
    const parsed = claimSchema.parse(c.data);
    for (const s of parsed.sources) expect(resolveRef(s, known), s).toMatchObject({ ok: true });
    expect(parsed.sources.some((s) => s.includes('#') && resolveRef(s, known).ok)).toBe(true);
  });

  test('relations point at existing claims', () => {
    const parsed = claims.map((c) => ({ ...claimSchema.parse(c.data), slug: c.slug, file: c.file }));
    expect(claimRelations(parsed).problems).toEqual([]);
  });

  test('an added relation to an unknown claim is reported with its file', () => {
    const parsed = claims.map((c) => ({ ...claimSchema.parse(c.data), slug: c.slug, file: c.file }));
    const [first, ...rest] = parsed;
    if (!first) throw new Error('no claims');
    const broken = [{ ...first, attacks: [...first.attacks, 'no-such-claim'] }, ...rest];
    expect(claimRelations(broken).problems).toEqual([`${first.file}: attacks: unknown claim "no-such-claim" (no content/claims/no-such-claim.mdx)`]);
  });

  test('glossary terms named by claims exist', () => {
    const slugs = new Set(terms.map((t) => t.slug));
    expect(claims.flatMap((c) => unknownSlugs(c.file, 'terms', claimSchema.parse(c.data).terms, slugs, 'glossary term'))).toEqual([]);
  });
});

describe('content/glossary', () => {
  const required = [
    'base-goal', 'mesa-objective', 'proxy-goal', 'situational-awareness', 'goal-directedness', 'goal-horizon', 'episode',
    'beyond-episode-goal', 'differential-adversarial-examples', 'training-gaming', 'scheming', 'deceptive-alignment',
    'direct-reward-optimizer', 'hfdt', 'counting-argument', 'speed-cost', 'slack', 'goal-guarding', 'rlhf', 'pre-training',
  ];

  test('holds at least 20 terms, including every term the issue lists', () => {
    expect(terms.length).toBeGreaterThanOrEqual(20);
    expect(required.filter((s) => !terms.some((t) => t.slug === s))).toEqual([]);
  });

  test.each(terms.map((t) => [t.file, t] as const))('%s passes the schema and links to a source anchor that resolves', (_f, t) => {
    const r = termSchema.safeParse(t.data);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    const parsed = termSchema.parse(t.data);
    for (const s of parsed.sources) expect(resolveRef(s, known), s).toMatchObject({ ok: true });
    expect(parsed.sources.some((s) => s.includes('#') && resolveRef(s, known).ok)).toBe(true);
  });

  test('related terms exist', () => {
    const slugs = new Set(terms.map((t) => t.slug));
    expect(terms.flatMap((t) => unknownSlugs(t.file, 'related', termSchema.parse(t.data).related, slugs, 'glossary term'))).toEqual([]);
  });

  test('no spelling is claimed by two terms', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of terms) {
      const parsed = termSchema.parse(t.data);
      for (const f of [parsed.term, ...parsed.aliases].map((x) => x.toLowerCase())) {
        const o = owner.get(f);
        if (o && o !== t.slug) clashes.push(`"${f}": ${o} and ${t.slug}`);
        owner.set(f, t.slug);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('content/summaries', () => {
  // A page without a summary is not an error: a thread just imported has none yet, and
  // `npm run curation` lists it (src/lib/site/curation.ts).
  test('no essay or thread has two summaries, and every summary targets an existing page', () => {
    const targets = summaries.map((s) => summarySchema.parse(s.data).target);
    const pages = [...model.essays.map((e) => pageIdOf('essay', e.id)), ...model.threads.map((t) => pageIdOf('thread', t.id))];
    for (const p of pages) expect(targets.filter((t) => t === p).length, p).toBeLessThanOrEqual(1);
    for (const t of targets) expect(known.has(t), t).toBe(true);
  });
});

describe('references in curated MDX bodies', () => {
  const all = [...claims, ...terms, ...summaries, ...guides];
  test.each(all.map((d) => [d.file, d] as const))('%s: every <Ref> resolves', (_f, d) => {
    const { errors, refs } = checkRefs(d.file, d.source, known);
    expect(errors).toEqual([]);
    if (!d.file.includes('/guides/')) expect(refs.length).toBeGreaterThan(0);
  });
});

describe('quotations in curated MDX', () => {
  // Text of every passage a reference can point at: essay sections and comments.
  const texts = new Map<string, string>();
  for (const e of model.essays) {
    for (const s of e.data.sections) texts.set(`${pageIdOf('essay', e.id)}#${s.id}`, s.blocks.map((b) => (b.kind === 'p' ? b.text : '')).join('\n'));
  }
  for (const t of model.threads) for (const c of t.data.comments) texts.set(`${pageIdOf('thread', t.id)}#${c.id}`, c.paragraphs.map((p) => p.text).join('\n'));
  for (const p of model.profiles) for (const c of p.data.comments) texts.set(`${pageIdOf('person', p.data.person)}#${c.id}`, c.paragraphs.map((x) => x.text).join('\n'));
  const all = [...claims, ...terms, ...summaries, ...guides];
  const quoted: [string, string, string][] = [];
  for (const d of all) {
    // A quotation is link text that is entirely one quoted string: "…", “…” or {"“…”"}.
    for (const m of d.source.matchAll(/<Ref to="([^"]+)">(?:\{"“([^”]+)”"\}|"([^"<]+)"|“([^”<]+)”)<\/Ref>/g)) {
      const to = m[1] ?? '';
      if (to.includes('#')) quoted.push([d.file, to, m[2] ?? m[3] ?? m[4] ?? '']);
    }
  }

  test('finds the quotations it is meant to check', () => {
    expect(quoted.length).toBeGreaterThan(10);
  });

  test.each(quoted)('%s quotes %s exactly: %s', (_file, to, q) => {
    expect(texts.get(to), `no passage text for ${to}`).toBeDefined();
    expect(texts.get(to)).toContain(q);
  });
});
