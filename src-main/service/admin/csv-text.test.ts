import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv-text';

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
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', null, 1])).toBe('a,,1\r\n');
  });
});
