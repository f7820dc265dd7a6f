// Small helpers for the bench's figures and its plain-text tables.

/** Median of a list of numbers; 0 for an empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/**
 * The item whose key is the median (the lower middle of an even count), so figures measured
 * together stay together; throws on no items.
 */
export function medianItem<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const item = sorted[Math.floor((sorted.length - 1) / 2)];
  if (item === undefined) throw new Error('medianItem: no items');
  return item;
}

/** One cold build of ours and, right after it, the bare floor's, in seconds. */
export interface BuildPair {
  seconds: number;
  bareSeconds: number;
}

/**
 * The ratio to the bare floor over alternating pairs of builds: each pair's own ratio and their
 * median. Builds here vary by ±20 % within minutes, so one pair can land either side of a goal;
 * the median of pairs measured back to back moves less.
 */
export function pairedRatio(pairs: readonly BuildPair[]): { ratios: number[]; median: number } {
  const ratios = pairs.map((p) => p.seconds / p.bareSeconds);
  return { ratios, median: median(ratios) };
}

/** Bytes as KiB with one decimal, the unit every bench table uses. */
export function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

/** A table as aligned text: first column left-aligned, the others right-aligned. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A table as GitHub Markdown, for the README. */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (row: readonly string[]) => `| ${row.join(' | ')} |`;
  const rule = `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
