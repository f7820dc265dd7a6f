/** One line of a raw export, 1-based. */
export interface ExportLine {
  line: number;
  text: string;
}

/**
 * Splits an export into lines. A byte-order mark at the very start is an encoding marker, not
 * text, and is dropped; each line loses only a trailing `\r` (CRLF files); everything else,
 * including leading and trailing spaces, is kept verbatim. A final newline does not make an
 * extra empty line (000 has no final newline and 167 lines).
 */
export function splitExportLines(text: string): ExportLine[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body === '') return [];
  const parts = body.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ line: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
}

/** True when a line holds only whitespace; such lines never become paragraphs. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}
