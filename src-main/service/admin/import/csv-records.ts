/**
 * A forgiving RFC 4180 CSV reader for imports: records one at a time (a generator over the text), each with the
 * line it starts on. Quoted values may hold commas, quotes ("") and line breaks. A malformed record is reported
 * with its line and reading resumes on the next line, so one bad row never costs the good rows after it.
 */

/** A record and the line (1-based) it starts on, or a record that could not be read. */
export type CsvRecord =
  | { readonly line: number; readonly fields: string[] }
  | { readonly line: number; readonly error: string };

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Reads `text` record by record; blank lines are skipped, a leading byte-order mark ignored. */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const end = text.length;

  /** Moves past the end of the physical line that contains `from`; returns the new position. */
  const skipLine = (from: number): number => {
    const next = text.indexOf('\n', from);
    return next < 0 ? end : next + 1;
  };

  while (pos < end) {
    const startLine = line;
    const startPos = pos;
    const fields: string[] = [];
    let failure: string | null = null;
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        let value = '';
        let cursor = pos + 1;
        let closed = false;
        while (cursor < end) {
          const quote = text.indexOf('"', cursor);
          if (quote < 0) break;
          const chunk = text.slice(cursor, quote);
          value += chunk;
          for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) line += 1;
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            cursor = quote + 2;
            continue;
          }
          cursor = quote + 1;
          closed = true;
          break;
        }
        if (!closed) {
          failure = 'A quoted value that starts on this line is never closed. Close it with a double quote (") or remove the quote.';
          pos = skipLine(startPos);
          line = startLine + 1;
          break;
        }
        fields.push(value);
        pos = cursor;
        const next = text.charCodeAt(pos);
        if (pos < end && next !== COMMA && next !== CR && next !== LF) {
          failure = 'Text follows a closing double quote. Put the whole value inside the quotes, and write a quote inside it as "".';
          pos = skipLine(pos);
          line += 1;
          break;
        }
      } else {
        let cursor = pos;
        while (cursor < end) {
          const code = text.charCodeAt(cursor);
          if (code === COMMA || code === LF || code === CR) break;
          cursor += 1;
        }
        fields.push(text.slice(pos, cursor));
        pos = cursor;
      }
      const code = text.charCodeAt(pos);
      if (pos < end && code === COMMA) {
        pos += 1;
        continue;
      }
      if (code === CR) pos += 1;
      if (text.charCodeAt(pos) === LF) pos += 1;
      line += 1;
      break;
    }
    if (failure !== null) {
      yield { line: startLine, error: failure };
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: startLine, fields };
  }
}
