/**
 * Cuts CSV text that arrives in pieces into batches of whole records, reading it with the product's one CSV grammar
 * (`readCsv`, shared/domain/csv.ts): a line break inside a quoted value does not end a record, and a stray quote inside
 * an unquoted value (`Pat O"Brien`) does not open one, exactly as the service will read each batch. A batch closes at
 * `maxRecords` records or once it holds `maxChars` characters, whatever the size of the pieces. Each batch says how many
 * physical lines it spans, so the service's line numbers of each batch can be turned back into line numbers of the file.
 */
import { countLines, isCsvRecord, readCsv } from '../../../shared/domain/csv';

/** Whole records taken from the text received so far. */
export interface RecordBatch {
  /** The records' text, each ending with its line break (the file's last record may lack it). */
  text: string;
  /** Physical lines it spans (a record with a quoted line break spans two). */
  lines: number;
}

/** A quote left open this far back is taken as a mistake: the text after it is read (and reported) as it is. */
const OPEN_QUOTE_LIMIT_FACTOR = 4;

/** Splits a stream of CSV text into batches of whole records. */
export class CsvRecordSplitter {
  /** Text received and not yet in a batch. */
  private pending = '';
  /** Offsets in `pending` just past each whole record read so far (the text before `scanned` is read). */
  private ends: number[] = [];
  private scanned = 0;

  constructor(
    private readonly maxRecords: number,
    private readonly maxChars: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Adds text and returns the batches now complete; with `end`, the rest of the text too. */
  push(text: string, end: boolean): RecordBatch[] {
    this.pending += text;
    this.scan(end);
    const batches: RecordBatch[] = [];
    let start = 0;
    let first = 0;
    for (let i = 0; i < this.ends.length; i++) {
      const recordEnd = this.ends[i] ?? 0;
      if (i + 1 - first >= this.maxRecords || recordEnd - start >= this.maxChars) {
        batches.push(this.batch(start, recordEnd));
        start = recordEnd;
        first = i + 1;
      }
    }
    if (end && this.pending.length > start) {
      batches.push(this.batch(start, this.pending.length));
      start = this.pending.length;
      first = this.ends.length;
    }
    this.pending = this.pending.slice(start);
    this.ends = this.ends.slice(first).map((offset) => offset - start);
    this.scanned -= start;
    return batches;
  }

  /** Reads the unread text and records where whole records end; an unfinished last record waits for more text. */
  private scan(end: boolean): void {
    const unread = this.pending.slice(this.scanned);
    const entries = readCsv(unread);
    let complete = entries.length;
    const open = entries.findIndex((entry) => !isCsvRecord(entry) && entry.unclosedQuote);
    if (!end && open >= 0 && unread.length < OPEN_QUOTE_LIMIT_FACTOR * Math.min(this.maxChars, 4 * 1024 * 1024)) complete = open;
    const last = entries[complete - 1];
    const terminated = /[\r\n]$/.test(unread) && !unread.endsWith('\r');
    if (!end && last && complete === entries.length && last.end === unread.length && !terminated) complete -= 1;
    for (let i = 0; i < complete; i++) this.ends.push(this.scanned + (entries[i]?.end ?? 0));
    if (complete > 0) this.scanned += entries[complete - 1]?.end ?? 0;
  }

  private batch(from: number, to: number): RecordBatch {
    const text = this.pending.slice(from, to);
    return { text, lines: countLines(text) };
  }
}
