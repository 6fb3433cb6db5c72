import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter } from './csv-records';

describe('CsvRecordSplitter', () => {
  it('never cuts a record, even when a piece ends inside a quoted field with a newline', () => {
    const splitter = new CsvRecordSplitter(1);
    const pieces = ['a@x.com,"Ann\nSmith",US\nb@x', '.com,Bob,GB\nc@x.com,"Cy', '",FR'];
    const batches = [...splitter.push(pieces[0]!, false), ...splitter.push(pieces[1]!, false), ...splitter.push(pieces[2]!, true)];
    expect(batches.map((b) => b.text)).toEqual(['a@x.com,"Ann\nSmith",US\n', 'b@x.com,Bob,GB\n', 'c@x.com,"Cy",FR']);
    expect(batches.map((b) => b.lines)).toEqual([2, 1, 1]);
    expect(batches.map((b) => b.text).join('')).toBe(pieces.join(''));
  });

  it('makes batches of at most the given number of records, or of characters, whatever the pieces', () => {
    const byRecords = new CsvRecordSplitter(2);
    const batches = [...byRecords.push('1\n2', false), ...byRecords.push('\n3\n4\n5\n', true)];
    expect(batches.map((b) => b.text)).toEqual(['1\n2\n', '3\n4\n', '5\n']);
    const byChars = new CsvRecordSplitter(100, 6);
    expect(byChars.push('aa\nbb\ncc\ndd\n', true).map((b) => b.text)).toEqual(['aa\nbb\n', 'cc\ndd\n']);
  });

  it('reads a stray quote the way the service does: Pat O"Brien before a multi-line quoted value stays one record', () => {
    const file = 'pat@x.example,Pat O"Brien,"Dublin\nOffice",IE\nkim@x.example,Kim,"London\nOffice",GB\nlee@x.example,Lee,Paris,FR\n';
    for (const cut of [20, 31, 40, 60]) {
      const splitter = new CsvRecordSplitter(1);
      const batches = [...splitter.push(file.slice(0, cut), false), ...splitter.push(file.slice(cut), true)];
      expect(batches.map((b) => b.text), `cut at ${cut}`).toEqual([
        'pat@x.example,Pat O"Brien,"Dublin\nOffice",IE\n',
        'kim@x.example,Kim,"London\nOffice",GB\n',
        'lee@x.example,Lee,Paris,FR\n',
      ]);
      expect(batches.map((b) => b.lines)).toEqual([2, 2, 1]);
    }
  });

  it('keeps whole records until a batch is full or the file ends', () => {
    const splitter = new CsvRecordSplitter(10);
    expect(splitter.push('abc', false)).toEqual([]);
    expect(splitter.push('def\n', false)).toEqual([]);
    expect(splitter.push('', true)).toEqual([{ text: 'abcdef\n', lines: 1 }]);
  });
});
