/**
 * Cuts CSV text that arrives in pieces into batches of whole records: a newline inside a quoted field does not end a
 * record, so a batch never ends in the middle of one. A batch closes at `maxRecords` records or once it holds
 * `maxChars` characters, whatever the size of the pieces. Counts physical lines, so the service's line numbers of
 * each batch can be turned back into line numbers of the file.
 */

/** Whole records taken from the text received so far. */
export interface RecordBatch {
  /** The records' text, each ending with its newline (the file's last record may lack it). */
  text: string;
  /** Physical lines it spans (a record with a quoted newline spans two). */
  lines: number;
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines += 1;
  return text.length > 0 && !text.endsWith('\n') ? lines + 1 : lines;
}

/** Splits a stream of CSV text into batches of whole records. */
export class CsvRecordSplitter {
  /** Text received and not yet in a batch. */
  private pending = '';
  /** How far `pending` has been scanned, the quote state there, and the whole records before `lastEnd`. */
  private scanned = 0;
  private inQuotes = false;
  private records = 0;
  private lastEnd = 0;

  constructor(
    private readonly maxRecords: number,
    private readonly maxChars: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Adds text and returns the batches now complete; with `end`, the rest of the text too. */
  push(text: string, end: boolean): RecordBatch[] {
    this.pending += text;
    const batches: RecordBatch[] = [];
    for (let i = this.scanned; i < this.pending.length; i++) {
      const char = this.pending.charCodeAt(i);
      if (char === 34) this.inQuotes = !this.inQuotes;
      else if (char === 10 && !this.inQuotes) {
        this.lastEnd = i + 1;
        this.records += 1;
        if (this.records >= this.maxRecords || this.lastEnd >= this.maxChars) {
          batches.push(this.take(this.lastEnd));
          i = -1;
        }
      }
    }
    this.scanned = this.pending.length;
    if (end && this.pending.length > 0) batches.push(this.take(this.pending.length));
    return batches;
  }

  /** Takes the first `length` characters of the pending text as a batch. */
  private take(length: number): RecordBatch {
    const text = this.pending.slice(0, length);
    this.pending = this.pending.slice(length);
    this.scanned = 0;
    this.records = 0;
    this.lastEnd = 0;
    return { text, lines: countLines(text) };
  }
}
