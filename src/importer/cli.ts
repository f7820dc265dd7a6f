/**
 * npm run import -- <export.txt | thread.json | folder> [more…] [--slug <slug>] [--segments <file>] [--out <dir>] [--force]
 *
 * Many exports (files, or folders of .txt and .json exports) import in one process, all or nothing:
 * if any one is bad, the message names it and nothing is written.
 *
 * The input's kind is read from its content: a file that starts with `{` is a thread saved from a
 * ForumMagnum GraphQL endpoint (forum.ts), anything else a plain-text export (parse.ts).
 *
 * The only importer file that touches the file system or the process. Reads the export (and the
 * segmentation file, and the people under content/people), lets the pure core check and build
 * everything, and only then writes the files, each through a temporary file and a rename. Any
 * problem: one `file:line: message` on stderr, exit code 1, nothing written. Warnings go to
 * stderr as `file:line: warning: …` and do not change the exit code.
 *
 * A file generated from the same export with other options (another --slug, --segments or none)
 * is not replaced unless --force is given: regenerating it by accident without the segmentation
 * file would silently drop every editorial fact in it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { SourceError } from '../lib/threads/errors.ts';
import type { PersonRecord } from '../lib/threads/names.ts';
import { personSchema } from '../schemas/person.ts';
import { importForumThread, looksLikeForumJson } from './forum.ts';
import { importExport, type ImportResult } from './parse.ts';
import { renderFiles } from './to-mdx.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const USAGE =
  'usage: npm run import -- <export.txt | thread.json | folder> [more…] [--slug <slug>] [--segments <file>] [--out <dir>] [--force]\n(--slug and --segments with one export only)';

class UsageError extends Error {}

/** A one-line reason for a failed fs call (no stack trace for a bad path). */
function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'ENOTDIR') return 'file not found (part of the path is a file, not a directory)';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  if (code === 'EISDIR') return 'not a file (it is a directory)';
  return `cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`;
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new SourceError(file, null, statSync(file).isDirectory() ? 'not a file (it is a directory)' : 'not a file');
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(file, null, fsReason(e));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SourceError(file, null, 'is not valid UTF-8 text');
  }
  if (text.length === 0) throw new SourceError(file, null, 'the file is empty');
  return text;
}

function posixRelative(root: string, file: string): string {
  return relative(root, resolve(file)).split(sep).join('/');
}

function frontmatter(text: string): unknown {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  return fm === undefined ? null : parseYaml(fm, { maxAliasCount: 100 });
}

/** The people under content/people, with the names, aliases and forum profiles authors are matched against. */
function knownPeople(): (PersonRecord & { profiles: string[] })[] {
  const dir = join(REPO_ROOT, 'content', 'people');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const rel = posixRelative(process.cwd(), join(dir, f));
      let data: unknown;
      try {
        data = frontmatter(readFileSync(join(dir, f), 'utf8'));
      } catch (e) {
        throw new SourceError(rel, null, `cannot read its frontmatter: ${(e as Error).message.split('\n')[0] ?? ''}`);
      }
      const p = personSchema.safeParse(data);
      if (!p.success) {
        const issue = p.error.issues[0];
        throw new SourceError(rel, null, `not a valid person page: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      return { slug: f.slice(0, -4), name: p.data.name, aliases: p.data.aliases, profiles: p.data.profiles.map((x) => x.url) };
    });
}

type Generated = { from: string | null; segments: string | null; slug: string | null };

/** What an existing file says about how it was generated; `from: null` when it does not say. */
function generatedOf(path: string): Generated {
  let gen: { from?: unknown; segments?: unknown; command?: unknown } | undefined;
  try {
    gen = (frontmatter(readFileSync(path, 'utf8')) as { generated?: typeof gen } | null)?.generated;
  } catch {
    gen = undefined;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const command = str(gen?.command) ?? '';
  return { from: str(gen?.from), segments: str(gen?.segments), slug: /(?:^| )--slug (\S+)/.exec(command)?.[1] ?? null };
}

/** The options that differ between an existing file's generation and this run, in words. */
function optionDifferences(old: Generated, now: Omit<Generated, 'from'>): string[] {
  const show = (flag: string, v: string | null) => (v === null ? `no ${flag}` : `${flag} ${v}`);
  const out: string[] = [];
  if (old.segments !== now.segments) out.push(`it was generated with ${show('--segments', old.segments)}, this run has ${show('--segments', now.segments)}`);
  if (old.slug !== now.slug) out.push(`it was generated with ${show('--slug', old.slug)}, this run has ${show('--slug', now.slug)}`);
  return out;
}

function generatedFiles(root: string): string[] {
  return ['threads', 'essays'].flatMap((d) => {
    const dir = join(root, 'content', d);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => join(dir, f));
  });
}

/**
 * Refuses to overwrite a file generated from a different export (two sources, one slug; --force
 * does not help there), and, unless `force`, to replace or add to files generated from this
 * export with other options.
 */
function checkTargets(root: string, targets: readonly string[], now: Generated & { from: string }, force: boolean): void {
  const rel = (abs: string) => posixRelative(root, abs);
  for (const path of targets) {
    if (!existsSync(path)) continue;
    const old = generatedOf(path);
    if (old.from !== now.from) {
      throw new SourceError(rel(path), null, `already exists and was not generated from ${now.from}; choose another --slug or remove the file`);
    }
    const diff = optionDifferences(old, now);
    if (diff.length > 0 && !force) throw new SourceError(rel(path), null, `${diff.join('; ')}; re-run with the same options, or pass --force to replace it`);
  }
  if (force) return;
  const wanted = new Set(targets.map((t) => resolve(t)));
  for (const path of generatedFiles(root)) {
    if (wanted.has(resolve(path))) continue;
    const old = generatedOf(path);
    if (old.from !== now.from) continue;
    const diff = optionDifferences(old, now);
    const why = diff.length > 0 ? diff.join('; ') : 'this run names its output differently (the slug in the segmentation file changed?)';
    throw new SourceError(
      rel(path),
      null,
      `was also generated from ${now.from}, but ${why}, so this run would write ${targets.map(rel).join(' and ')} beside it; re-run with the same options, or pass --force (then remove the stale file)`,
    );
  }
}

/** One export made ready to write: its result and how it was generated. */
interface Prepared {
  result: ImportResult;
  now: Generated & { from: string };
}

/** The export files named on the command line: files as given, folders as their .txt and .json files, sorted. */
function inputFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      return [p]; // readText names the problem
    }
    if (!isDir) return [p];
    const files = readdirSync(p)
      .filter((f) => f.endsWith('.txt') || f.endsWith('.json'))
      .sort()
      .map((f) => join(p, f));
    if (files.length === 0) throw new SourceError(p, null, 'the folder holds no exports (.txt or .json files)');
    return files;
  });
}

/** Reads and converts one export; nothing is written. */
function prepare(
  root: string,
  exportFile: string,
  options: { slug?: string | undefined; segments?: string | undefined },
  people: ReturnType<typeof knownPeople>,
): Prepared {
  const exportText = readText(exportFile);
  const from = posixRelative(root, exportFile);
  if (looksLikeForumJson(exportText)) {
    if (options.segments !== undefined) throw new UsageError(`--segments is for plain-text exports; ${exportFile} is forum data, which needs none\n${USAGE}`);
    const result = importForumThread({ file: exportFile, text: exportText, from, slug: options.slug, people });
    return { result, now: { from, segments: null, slug: options.slug ?? null } };
  }
  const input = {
    exportFile,
    exportText,
    from,
    segmentsFile: options.segments,
    segmentsText: options.segments === undefined ? undefined : readText(options.segments),
    segmentsRel: options.segments === undefined ? undefined : posixRelative(root, options.segments),
    slug: options.slug,
    people,
  };
  return { result: importExport(input), now: { from, segments: input.segmentsRel ?? null, slug: input.slug ?? null } };
}

function run(argv: string[]): { written: string[]; warnings: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { slug: { type: 'string' }, segments: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  if (parsed.positionals.length === 0) throw new UsageError(USAGE);
  const root = resolve(parsed.values.out ?? REPO_ROOT);
  const files = inputFiles(parsed.positionals);
  // A slug or a segmentation file names one thread: with several exports it would name them all.
  if (files.length > 1 && (parsed.values.slug !== undefined || parsed.values.segments !== undefined)) {
    throw new UsageError(`--slug and --segments apply to one export; ${files.length} were given (import those one at a time)\n${USAGE}`);
  }
  // One process for the whole batch: people are read once, every export is converted and checked,
  // and only if all of them are good is anything written.
  const people = knownPeople();
  const prepared = files.map((f) => prepare(root, f, { slug: parsed.values.slug, segments: parsed.values.segments }, people));
  return write(root, prepared, parsed.values.force === true);
}

/** Checks every target, then writes each file next to its target and renames them all over their targets. */
function write(root: string, batch: readonly Prepared[], force: boolean): { written: string[]; warnings: string[] } {
  const files = batch.flatMap(({ result, now }) => renderFiles(result).map((f) => ({ ...f, abs: join(root, f.path), now })));
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.abs);
    if (other !== undefined && other !== f.now.from)
      throw new SourceError(f.now.from, null, `would write ${f.path}, as ${other} in the same batch does; give one of them another slug`);
    seen.set(f.abs, f.now.from);
  }
  for (const { result, now } of batch) {
    checkTargets(
      root,
      renderFiles(result).map((f) => join(root, f.path)),
      now,
      force,
    );
  }
  // Everything is valid: write each file next to its target, then rename over it.
  const temps: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.abs), { recursive: true });
      const tmp = `${f.abs}.tmp-${process.pid}`;
      writeFileSync(tmp, f.text, 'utf8');
      temps.push(tmp);
    }
    files.forEach((f, i) => renameSync(temps[i] ?? '', f.abs));
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
  return {
    written: files.map((f) => f.path),
    warnings: batch.flatMap(({ result }) => result.warnings.map((w) => `${w.file}${w.line === null ? '' : `:${w.line}`}: warning: ${w.message}`)),
  };
}

try {
  const { written, warnings } = run(process.argv.slice(2));
  for (const w of warnings) process.stderr.write(`${w}\n`);
  for (const p of written) process.stdout.write(`wrote ${p}\n`);
} catch (e) {
  if (e instanceof SourceError || e instanceof UsageError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
