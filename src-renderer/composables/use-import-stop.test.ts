import { describe, expect, it } from 'vitest';
import { importStopLines } from './use-import-stop';

describe('a stopped import in words', () => {
  it('says which lines were imported, which are in doubt, which were not, and that importing again is safe', () => {
    const said = importStopLines({ message: 'The connection broke.', doneThroughLine: 20_001, inDoubt: { fromLine: 20_002, toLine: 40_001 }, notDoneFromLine: 40_002 }, false);
    expect(said).toEqual([
      'The import stopped before the end of the file. The connection broke.',
      'Lines 2–20,001 were imported: the counts are theirs.',
      'Lines 20,002–40,001 were with the service when the connection broke: it may or may not have imported them.',
      'From line 40,002 on, nothing was imported.',
      'Import the same file again once the console is back online: the rows already imported come back unchanged, so nothing is done twice.',
    ]);
  });

  it('says nothing was imported when the first batch never left, and a stopped check imports nothing', () => {
    const stop = { message: 'Offline.', doneThroughLine: 1, inDoubt: null, notDoneFromLine: 2 };
    expect(importStopLines(stop, false).slice(1, 3)).toEqual(['No line was imported.', 'From line 2 on, nothing was imported.']);
    expect(importStopLines(stop, true)).toContain('Nothing was imported. Check the file again once the console is back online, then import it.');
  });
});
