import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records';

const read = (text: string) => [...csvRecords(text)];

describe('csvRecords', () => {
  it('reads plain records with their line numbers, skipping blank lines and a BOM', () => {
    expect(read('\uFEFFa,b\r\n1,2\r\n\r\n3,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', ''] },
    ]);
  });

  it('reads quoted values with commas, doubled quotes and line breaks, numbering lines by where a record starts', () => {
    expect(read('a,b\n"x, ""y""","multi\nline"\nz,w')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'multi\nline'] },
      { line: 4, fields: ['z', 'w'] },
    ]);
  });

  it('reports text after a closing quote and keeps reading on the next line', () => {
    const records = read('a,b\n1,"2"x\n3,4\n');
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringContaining('closing double quote') });
    expect(records[2]).toEqual({ line: 3, fields: ['3', '4'] });
  });

  it('reports a quote that is never closed and keeps the rows after it', () => {
    const records = read('a,b\n1,"2\n3,4\n5,6\n');
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringContaining('never closed') });
    expect(records.slice(2)).toEqual([
      { line: 3, fields: ['3', '4'] },
      { line: 4, fields: ['5', '6'] },
    ]);
  });

  it('reads a last line without a line break', () => {
    expect(read('a\nb')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
    ]);
  });
});
