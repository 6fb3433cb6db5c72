import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/api/routes/admin-import';
import { isCsvRecord, readCsv } from '../../../shared/domain/csv';
import { ConsoleError } from '../../ipc/console-error';
import { DirectoryImport, DirectoryImports } from './directory-import';

/**
 * A fake service import that reads records with the shared CSV reader (line = where a record starts): rows whose
 * email lacks "@" fail, rows whose email starts with "old" update a user's name, the others add users.
 */
function fakeSink(sent: string[]) {
  return async (csv: string, query: { mode: 'apply' | 'preview'; invite: 'none' | 'new' }): Promise<ImportResult> => {
    sent.push(csv);
    const records = readCsv(csv).slice(1).filter(isCsvRecord);
    const errors = records
      .filter((r) => !(r.fields[0] ?? '').includes('@'))
      .map((r) => ({ line: r.line, email: r.fields[0] ?? null, message: 'Enter a valid email address.' }));
    const changes = records
      .filter((r) => (r.fields[0] ?? '').startsWith('old'))
      .map((r) => ({ line: r.line, userId: `id-${r.line}`, email: r.fields[0] ?? '', kind: 'updated' as const, before: { name: '=name' }, after: { name: r.fields[1] ?? '' }, permissionChange: false }));
    const rows = records.length;
    return {
      preview: query.mode === 'preview',
      rows,
      created: rows - errors.length - changes.length,
      updated: changes.length,
      unchanged: 0,
      failed: errors.length,
      permissionChanges: 0,
      invited: query.invite === 'new' ? rows - errors.length - changes.length : 0,
      errors,
      errorsTruncated: false,
      changes,
      durationMs: 1,
    };
  };
}

describe('DirectoryImport', () => {
  it('sends whole records in batches with the header, and reports bad rows by their line in the file', async () => {
    const sent: string[] = [];
    const file = '\uFEFFemail,name\r\na@x.com,A\r\nbad,B\r\nc@x.com,"C\r\nmultiline"\r\nalso-bad,D\r\ne@x.com,E\r\n';
    const job = new DirectoryImport('people.csv', file.length, fakeSink(sent), { mode: 'apply', permissionChanges: 'refuse', invite: 'none' }, 2);
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

  it('lists the changed users by their line in the file, on screen and in a changes report safe for spreadsheets', async () => {
    const file = 'email,name\na@x.com,A\nold1@x.com,"Multi\nLine"\nb@x.com,B\nold2@x.com,=cmd\n';
    const job = new DirectoryImport('people.csv', file.length, fakeSink([]), { mode: 'preview', permissionChanges: 'refuse', invite: 'none' }, 1);
    const done = await job.push(file, true);
    expect(done).toMatchObject({ preview: true, updated: 2, changesTotal: 2 });
    expect(done.changes.map((c) => [c.line, c.email])).toEqual([
      [3, 'old1@x.com'],
      [6, 'old2@x.com'],
    ]);
    expect(job.changesReport()).toBe(
      'line,email,change,field,before,after\r\n3,old1@x.com,updated,name,\'=name,"Multi\nLine"\r\n6,old2@x.com,updated,name,\'=name,\'=cmd\r\n',
    );
  });

  it('asks every batch to invite the new users when the admin chose it, and adds up who was invited', async () => {
    const file = 'email,name\na@x.com,A\nold1@x.com,B\nc@x.com,C\nd@x.com,D\n';
    const job = new DirectoryImport('people.csv', file.length, fakeSink([]), { mode: 'preview', permissionChanges: 'refuse', invite: 'new' }, 2);
    expect(await job.push(file, true)).toMatchObject({ preview: true, created: 3, updated: 1, invited: 3 });
    const plain = new DirectoryImport('people.csv', file.length, fakeSink([]), { mode: 'apply', permissionChanges: 'refuse', invite: 'none' }, 2);
    expect(await plain.push(file, true)).toMatchObject({ created: 3, invited: 0 });
  });

  it('refuses an empty file in plain words and a piece after the end', async () => {
    const empty = new DirectoryImport('empty.csv', 0, fakeSink([]));
    await expect(empty.push('', true)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('The file is empty') });
    const job = new DirectoryImport('one.csv', 10, fakeSink([]));
    await job.push('email,name\na@x.com,A\n', true);
    await expect(job.push('more', true)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('stops at the batch the connection broke on: the lines before are imported, that batch is in doubt, the rest not sent', async () => {
    const sent: string[] = [];
    const working = fakeSink(sent);
    let calls = 0;
    const breaking = async (csv: string, query: { mode: 'apply' | 'preview'; invite: 'none' | 'new' }) => {
      calls += 1;
      if (calls === 2) throw new ConsoleError('service_unavailable', 'The connection broke.', { details: { delivery: 'unknown' } });
      return working(csv, query);
    };
    const file = 'email,name\na@x.com,A\nb@x.com,B\nc@x.com,C\nd@x.com,D\ne@x.com,E\n';
    const job = new DirectoryImport('people.csv', file.length, breaking, { mode: 'apply', permissionChanges: 'refuse', invite: 'none' }, 2);
    const done = await job.push(file, true);
    expect(done).toMatchObject({ finished: true, created: 2, stopped: { message: 'The connection broke.', doneThroughLine: 3, inDoubt: { fromLine: 4, toLine: 5 }, notDoneFromLine: 6 } });
    expect(done.processedBytes).toBeLessThan(file.length);
    expect(calls).toBe(2);
    expect(await job.push('f@x.com,F\n', true)).toMatchObject({ stopped: { doneThroughLine: 3 } });
    expect(calls).toBe(2);
  });

  it('a batch that never left, or that the service refused, is not in doubt', async () => {
    const offline = async () => {
      throw new ConsoleError('offline', 'The MFA service cannot be reached right now.');
    };
    const job = new DirectoryImport('people.csv', 30, offline, { mode: 'apply', permissionChanges: 'refuse', invite: 'none' }, 2);
    expect(await job.push('email,name\na@x.com,A\n', true)).toMatchObject({ created: 0, stopped: { doneThroughLine: 1, inDoubt: null, notDoneFromLine: 2 } });
    const refused = async () => {
      throw new ConsoleError('forbidden', 'Importing users needs Standard or Admin permission on the Directory tool.');
    };
    const other = new DirectoryImport('people.csv', 30, refused, { mode: 'apply', permissionChanges: 'refuse', invite: 'none' }, 2);
    expect(await other.push('email,name\na@x.com,A\n', true)).toMatchObject({ stopped: { inDoubt: null, message: expect.stringMatching(/needs Standard or Admin/) } });
  });

  it('keeps the last few imports and forgets older ones', () => {
    const imports = new DirectoryImports(2);
    const a = imports.start('a.csv', 1, fakeSink([]));
    imports.start('b.csv', 1, fakeSink([]));
    imports.start('c.csv', 1, fakeSink([]));
    expect(() => imports.get(a.id)).toThrow(/no longer knows this import/);
  });
});
