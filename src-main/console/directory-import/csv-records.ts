/**
 * Cuts CSV text that arrives in pieces into whole records: a newline inside a quoted field does not end a record,
 * so a batch never ends in the middle of one. Counts physical lines, so the service's line numbers of each batch can
 * be turned back into line numbers of the file.
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

/** Splits a stream of CSV text into batches of at most `maxRecords` whole records. */
export class CsvRecordSplitter {
  /** The start of a record whose end has not arrived yet. */
  private pending = '';

  constructor(private readonly maxRecords: number) {}

  /** Adds text and returns the batches now complete; with `end`, the rest of the text too. */
  push(text: string, end: boolean): RecordBatch[] {
    const input = this.pending + text;
    const batches: RecordBatch[] = [];
    let inQuotes = false;
    let start = 0;
    let lastEnd = 0;
    let records = 0;
    for (let i = 0; i < input.length; i++) {
      const char = input.charCodeAt(i);
      if (char === 34) inQuotes = !inQuotes;
      else if (char === 10 && !inQuotes) {
        lastEnd = i + 1;
        records += 1;
        if (records === this.maxRecords) {
          batches.push(this.batch(input.slice(start, lastEnd)));
          start = lastEnd;
          records = 0;
        }
      }
    }
    const cut = end ? input.length : lastEnd;
    if (cut > start) batches.push(this.batch(input.slice(start, cut)));
    this.pending = input.slice(Math.max(cut, start));
    return batches;
  }

  private batch(text: string): RecordBatch {
    return { text, lines: countLines(text) };
  }
}
