/**
 * npm run import -- <export.txt> [--slug <slug>] [--segments <file>] [--out <dir>]
 *
 * The only importer file that touches the file system or the process. Reads the export (and the
 * segmentation file), lets the pure core check and build everything, and only then writes the
 * files, each through a temporary file and a rename. Any problem: one `file:line: message` on
 * stderr, exit code 1, nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { SourceError } from '../lib/threads/errors.ts';
import { importExport } from './parse.ts';
import { renderFiles } from './to-mdx.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const USAGE = 'usage: npm run import -- <export.txt> [--slug <slug>] [--segments <file>] [--out <dir>]';

class UsageError extends Error {}

function readText(file: string): string {
  if (!existsSync(file)) throw new SourceError(file, null, 'file not found');
  if (!statSync(file).isFile()) throw new SourceError(file, null, 'not a file');
  const bytes = readFileSync(file);
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

function knownPeople(): string[] {
  const dir = join(REPO_ROOT, 'content', 'people');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Refuses to overwrite a file generated from a different export (two sources, one slug). */
function checkTarget(path: string, from: string): void {
  if (!existsSync(path)) return;
  let existing: unknown = null;
  try {
    const fm = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path, 'utf8'))?.[1];
    existing = fm === undefined ? null : (parseYaml(fm) as { generated?: { from?: unknown } } | null)?.generated?.from;
  } catch {
    existing = null;
  }
  if (existing !== from) {
    throw new SourceError(path, null, `already exists and was not generated from ${from}; choose another --slug or remove the file`);
  }
}

function run(argv: string[]): string[] {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { slug: { type: 'string' }, segments: { type: 'string' }, out: { type: 'string' } },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  const [exportFile, ...extra] = parsed.positionals;
  if (!exportFile || extra.length > 0) throw new UsageError(USAGE);
  const root = resolve(parsed.values.out ?? REPO_ROOT);
  const segmentsFile = parsed.values.segments;
  const input = {
    exportFile,
    exportText: readText(exportFile),
    from: posixRelative(root, exportFile),
    segmentsFile,
    segmentsText: segmentsFile === undefined ? undefined : readText(segmentsFile),
    segmentsRel: segmentsFile === undefined ? undefined : posixRelative(root, segmentsFile),
    slug: parsed.values.slug,
    people: knownPeople(),
  };
  const result = importExport(input);
  const files = renderFiles(result).map((f) => ({ ...f, abs: join(root, f.path) }));
  for (const f of files) checkTarget(f.abs, input.from);
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
  return files.map((f) => f.path);
}

try {
  const written = run(process.argv.slice(2));
  for (const p of written) process.stdout.write(`wrote ${p}\n`);
} catch (e) {
  if (e instanceof SourceError || e instanceof UsageError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
