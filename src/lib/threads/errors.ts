/**
 * A problem in an input file, with the file and (when known) the 1-based line it is on. The CLI
 * prints `file:line: message`.
 */
export class SourceError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly detail: string;

  constructor(file: string, line: number | null, detail: string) {
    super(`${file}${line === null ? '' : `:${line}`}: ${detail}`);
    this.name = 'SourceError';
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}
