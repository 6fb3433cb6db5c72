import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/api/routes/admin-import';
import { csvRecords } from '../../service/admin/import/csv-records';
import { DirectoryImport, DirectoryImports } from './directory-import';

/**
 * A fake service import that reads records with the service's own CSV reader (line = where a record starts): rows
 * whose email lacks "@" fail.
 */
function fakeSink(sent: string[]) {
  return async (csv: string): Promise<ImportResult> => {
    sent.push(csv);
    const records = [...csvRecords(csv)].slice(1);
    const errors = records
      .filter((r) => 'fields' in r && !(r.fields[0] ?? '').includes('@'))
      .map((r) => ({ line: r.line, email: 'fields' in r ? (r.fields[0] ?? null) : null, message: 'Enter a valid email address.' }));
    const rows = records.length;
    return { rows, created: rows - errors.length, updated: 0, unchanged: 0, failed: errors.length, invited: 0, errors, errorsTruncated: false, durationMs: 1 };
  };
}

describe('DirectoryImport', () => {
  it('sends whole records in batches with the header, and reports bad rows by their line in the file', async () => {
    const sent: string[] = [];
    const file = '\uFEFFemail,name\r\na@x.com,A\r\nbad,B\r\nc@x.com,"C\r\nmultiline"\r\nalso-bad,D\r\ne@x.com,E\r\n';
    const job = new DirectoryImport('people.csv', file.length, fakeSink(sent), 2);
    const first = await job.push(file.slice(0, 30), false);
    expect(first.finished).toBe(false);
    const done = await job.push(file.slice(30), true);
    expect(sent.every((csv) => csv.startsWith('email,name\r\n'))).toBe(true);
    expect(done).toMatchObject({ finished: true, rowsProcessed: 5, created: 3, failed: 2 });
    expect(done.errors.map((e) => [e.line, e.email])).toEqual([
      [3, 'bad'],
      [6, 'also-bad'],
    ]);
    expect(job.errorReport()).toBe('line,email,problem\r\n3,bad,Enter a valid email address.\r\n6,also-bad,Enter a valid email address.\r\n');
  });

  it('refuses an empty file in plain words and a piece after the end', async () => {
    const empty = new DirectoryImport('empty.csv', 0, fakeSink([]));
    await expect(empty.push('', true)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('The file is empty') });
    const job = new DirectoryImport('one.csv', 10, fakeSink([]));
    await job.push('email,name\na@x.com,A\n', true);
    await expect(job.push('more', true)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps the last few imports and forgets older ones', () => {
    const imports = new DirectoryImports(2);
    const a = imports.start('a.csv', 1, fakeSink([]));
    imports.start('b.csv', 1, fakeSink([]));
    imports.start('c.csv', 1, fakeSink([]));
    expect(() => imports.get(a.id)).toThrow(/no longer knows this import/);
  });
});
