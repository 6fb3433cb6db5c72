/**
 * CSV grammar of the product (R-DIR-4), read with csv-parse and written by `csvLine`, for every side: the console cuts
 * an import into batches of whole records with `readCsv`, the service reads each batch with it, and exports are
 * written with `csvLine`.
 *
 * Reading: RFC 4180 (values quoted with `"`, `""` for a quote inside, commas and line breaks allowed inside quotes;
 * records end with CRLF, LF or CR), leniently: a quote that does not open a value (`Pat O"Brien`) and text after a
 * closing quote are kept as written. A leading byte-order mark is ignored and blank lines are skipped. Each record
 * carries the line it starts on. A quote that is never closed is reported on the line it opens, and reading goes on
 * at the next line, so one bad row does not cost the good rows after it.
 *
 * csv-parse's browser build is used: shared code runs in Node and in browsers alike and may not rely on Node's Buffer.
 * It is given the text as UTF-8 bytes from the platform's TextEncoder, which reads about 40% faster than handing it a
 * string (the build would encode it with its own JavaScript Buffer).
 */
import { parse } from 'csv-parse/browser/esm/sync';

/** A record read from the text. `end` is the offset just past it (its line break included). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
  readonly end: number;
}

/** A part of the text that is not a readable record, with the line it starts on. */
export interface CsvProblem {
  readonly line: number;
  readonly message: string;
  readonly end: number;
  /** True for a quote never closed: in a text cut short it may still close in the text that follows. */
  readonly unclosedQuote: boolean;
}

/** A record or a problem, in text order. */
export type CsvEntry = CsvRecord | CsvProblem;

/** True for an entry that is a record. */
export function isCsvRecord(entry: CsvEntry): entry is CsvRecord {
  return 'fields' in entry;
}

const UNCLOSED_QUOTE = 'A quoted value that starts on this line is never closed. Close it with a double quote (") or remove the quote.';
/** After this many unclosed quotes the rest of the text is one problem (each one re-reads the rest of the text). */
const MAX_RECOVERIES = 200;

const OPTIONS = {
  relax_quotes: true,
  relax_column_count: true,
  skip_records_with_error: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  info: true,
};

interface ParsedRecord {
  record: string[];
  info: { bytes: number };
}

/** Walks a text forward, turning csv-parse's UTF-8 byte counts into string offsets and counting line breaks. */
class TextCursor {
  pos: number;
  line: number;
  private bytes = 0;

  constructor(
    private readonly text: string,
    start: number,
    line: number,
  ) {
    this.pos = start;
    this.line = line;
  }

  /** Moves to `bytes` UTF-8 bytes past where the current parse began, counting the line breaks passed. */
  advanceToByte(bytes: number): void {
    const { text } = this;
    while (this.bytes < bytes && this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === 10 || (code === 13 && text.charCodeAt(this.pos + 1) !== 10)) this.line += 1;
      if (code < 0x80) this.bytes += 1;
      else if (code < 0x800) this.bytes += 2;
      else if (code >= 0xd800 && code <= 0xdbff) {
        this.bytes += 4;
        this.pos += 1;
      } else this.bytes += 3;
      this.pos += 1;
    }
  }

  /** Starts counting bytes afresh at `pos` (a new parse begins there). */
  restartAt(pos: number, line: number): void {
    this.pos = pos;
    this.line = line;
    this.bytes = 0;
  }
}

const encoder = new TextEncoder();

/** Reads `text` into records and problems, in order (see the module comment for the grammar). */
export function readCsv(text: string): CsvEntry[] {
  const entries: CsvEntry[] = [];
  const cursor = new TextCursor(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, 1);
  for (let recoveries = 0; cursor.pos < text.length; recoveries++) {
    const start = cursor.pos;
    let failure: { code?: string; message: string } | null = null;
    const parsed = parse(encoder.encode(start === 0 ? text : text.slice(start)), {
      ...OPTIONS,
      on_skip: (error: { code?: string; message: string } | undefined) => {
        failure ??= error ?? { message: 'unreadable record' };
      },
    }) as unknown as ParsedRecord[];
    cursor.restartAt(start, cursor.line);
    for (const { record, info } of parsed) {
      const line = cursor.line;
      cursor.advanceToByte(info.bytes);
      if (record.length === 1 && record[0] === '') continue;
      entries.push({ line, fields: record, end: cursor.pos });
    }
    if (failure === null) break;
    const problemLine = cursor.line;
    const lineEnd = nextLineStart(text, cursor.pos);
    const unclosedQuote = (failure as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED';
    if (!unclosedQuote || recoveries >= MAX_RECOVERIES) {
      const message = unclosedQuote ? UNCLOSED_QUOTE : `This line and the rest of the file cannot be read as CSV (${(failure as { message: string }).message}).`;
      entries.push({ line: problemLine, message, end: text.length, unclosedQuote });
      break;
    }
    entries.push({ line: problemLine, message: UNCLOSED_QUOTE, end: lineEnd, unclosedQuote: true });
    cursor.restartAt(lineEnd, problemLine + 1);
  }
  return entries;
}

/** Physical lines of a text as `readCsv` numbers them: line breaks (CRLF, LF or CR), plus an unterminated last line. */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) lines += 1;
  }
  const last = text.charCodeAt(text.length - 1);
  return text.length > 0 && last !== 10 && last !== 13 ? lines + 1 : lines;
}

/** The offset just past the line break that ends the line containing `from` (or the end of the text). */
function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) return i + 1;
    if (code === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

/**
 * One cell as written to a CSV file: a value that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
 * `@`, tab or carriage return) gets a `'` in front; then RFC 4180 quoting when needed.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
