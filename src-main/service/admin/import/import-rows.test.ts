import { describe, expect, it } from 'vitest';
import { ApiError } from '../../http/api-error';
import { readHeader, readImportFile } from './import-rows';

describe('import header', () => {
  it('reads column names case-insensitively, with spaces, dashes and common aliases', () => {
    const header = readHeader(['E-mail', 'Full Name', 'Country Code', 'Timezone', 'Directory Permission']);
    expect([...header.entries()]).toEqual([
      ['email', 0],
      ['name', 1],
      ['country', 2],
      ['time_zone', 3],
      ['directory', 4],
    ]);
  });

  it('refuses missing, unknown and repeated columns with what to do', () => {
    expect(() => readHeader(['email', 'name'])).toThrow(/missing: country, time_zone/);
    expect(() => readHeader(['email', 'name', 'country', 'time_zone', 'salary'])).toThrow(/does not know: salary/);
    expect(() => readHeader(['email', 'Email', 'name', 'country', 'time_zone'])).toThrow(ApiError);
  });
});

describe('import rows', () => {
  it('reads a time-zone alias as its canonical name', () => {
    const { rows } = readImportFile('email,name,country,time_zone\na@example.com,A,IN,Asia/Calcutta\nb@example.com,B,UA,europe/kiev\n');
    expect(rows.map((row) => row.timeZone)).toEqual(['Asia/Kolkata', 'Europe/Kyiv']);
  });

  it('keeps a name with a stray quote before a multi-line quoted value as one row', () => {
    const { rows, problems } = readImportFile('email,name,time_zone,country\npat@example.com,Pat O"Brien,"Europe/\nDublin",IE\nkim@example.com,Kim,Europe/London,GB\n');
    expect(problems.map((problem) => problem.line)).toEqual([2]);
    expect(problems[0]?.message).toMatch(/not a time zone/);
    expect(rows.map((row) => [row.line, row.name])).toEqual([[4, 'Kim']]);
  });

  const file = (...rows: string[]) => readImportFile(['email,name,country,time_zone,status,company_admin', ...rows].join('\n'));

  it('normalises good rows: trimmed, lower-case key, upper-case country, empty optional cells left undefined', () => {
    const { rows, problems } = file(' Ana.Silva@Example.com , Ana Silva ,br,America/Sao_Paulo,, Read-Only ');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        email: 'Ana.Silva@Example.com',
        emailLower: 'ana.silva@example.com',
        name: 'Ana Silva',
        country: 'BR',
        timeZone: 'America/Sao_Paulo',
        accountType: undefined,
        status: undefined,
        companyAdmin: 'read_only',
        directory: undefined,
      },
    ]);
  });

  it('says what is wrong with each bad row, by line', () => {
    const { rows, problems, records } = file(
      'a@example.com,A,US,UTC,,',
      'b@example.com,B,USA,UTC,,',
      'c@example.com,C,US,Europe/Atlantis,,',
      'd@example.com,D,US,UTC,retired,',
      'e@example.com,E,US,UTC,,owner',
      'f@example.com,F,US,UTC',
      'A@EXAMPLE.com,A again,US,UTC,,',
      'g@example,G,US,UTC,,',
      'h..i@example.com,H,US,UTC,,',
      'j@example.com,J,XX,UTC,,',
    );
    expect(records).toBe(10);
    expect(rows.map((row) => row.line)).toEqual([2]);
    expect(problems.map((problem) => [problem.line, problem.message.split('. ')[0]])).toEqual([
      [3, '"USA" is not a two-letter country code'],
      [4, '"Europe/Atlantis" is not a time zone from the IANA list'],
      [5, '"retired" is not a status'],
      [6, '"owner" is not a Company Admin permission'],
      [7, 'This row has 4 values but the header has 6 columns'],
      [8, 'This email is already on line 2'],
      [9, '"g@example" is not a valid email address'],
      [10, '"h..i@example.com" is not a valid email address'],
      [11, '"XX" is not a country code of ISO 3166'],
    ]);
  });
});
