import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, isCsvRecord, readCsv, type CsvEntry } from './csv';

const plain = (entries: CsvEntry[]) => entries.map((entry) => (isCsvRecord(entry) ? { line: entry.line, fields: entry.fields } : { line: entry.line, error: entry.message }));

describe('readCsv (one CSV grammar for the console and the service)', () => {
  it('reads plain records with their line numbers, skipping blank lines and a BOM', () => {
    expect(plain(readCsv('\uFEFFa,b\r\n1,2\r\n\r\n3,\n'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', ''] },
    ]);
  });

  it('reads quoted values with commas, doubled quotes and line breaks, numbering lines by where a record starts', () => {
    expect(plain(readCsv('a,b\n"x, ""y""","multi\nline"\nz,w'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'multi\nline'] },
      { line: 4, fields: ['z', 'w'] },
    ]);
    expect(plain(readCsv('a,b\r\n"c\r\nd",e\r\nf,g\rh,i'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c\r\nd', 'e'] },
      { line: 4, fields: ['f', 'g'] },
      { line: 5, fields: ['h', 'i'] },
    ]);
  });

  it('keeps a stray quote in a value as written, also before a multi-line quoted value (Pat O"Brien)', () => {
    const text = 'email,name,note,country\npat@x.example,Pat O"Brien,"first line\nsecond line",IE\nkim@x.example,Kim,ok,GB\n';
    expect(plain(readCsv(text))).toEqual([
      { line: 1, fields: ['email', 'name', 'note', 'country'] },
      { line: 2, fields: ['pat@x.example', 'Pat O"Brien', 'first line\nsecond line', 'IE'] },
      { line: 4, fields: ['kim@x.example', 'Kim', 'ok', 'GB'] },
    ]);
  });

  it('reports a quote that is never closed on its line and keeps the rows after it', () => {
    const entries = plain(readCsv('a,b\n1,"2\n3,4\n5,6\n'));
    expect(entries[1]).toEqual({ line: 2, error: expect.stringContaining('never closed') });
    expect(entries.slice(2)).toEqual([
      { line: 3, fields: ['3', '4'] },
      { line: 4, fields: ['5', '6'] },
    ]);
  });

  it('gives the offset after each record, counting characters beyond ASCII correctly', () => {
    const text = 'é,ü\n"Zoë\n😀",x\nlast';
    const entries = readCsv(text);
    expect(entries.map((entry) => entry.end)).toEqual([4, text.indexOf('last'), text.length]);
    expect(plain(entries)[1]).toEqual({ line: 2, fields: ['Zoë\n😀', 'x'] });
  });

  it('reads a last line without a line break', () => {
    expect(plain(readCsv('a\nb'))).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
    ]);
  });
});

describe('CSV cells', () => {
  it('quotes values with commas, quotes or line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('keeps spreadsheets from reading a cell as a formula', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-x@example.com')).toBe("'-x@example.com");
    expect(csvCell('@here')).toBe("'@here");
    expect(csvCell('=A1,"b"')).toBe(`"'=A1,""b"""`);
  });

  it('ends each line with CRLF, and reads back what it writes', () => {
    expect(csvLine(['a', null, 1])).toBe('a,,1\r\n');
    const values = ['Pat O"Brien', 'two\nlines', 'a,b', ''];
    expect(plain(readCsv(csvLine(values)))).toEqual([{ line: 1, fields: values }]);
  });
});
