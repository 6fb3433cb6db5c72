/**
 * An import (or a check of a file) that stopped before the end of the file, in words: why, which lines were done,
 * which were with the service when the connection broke, which were not done, and what to do next. Importing the same
 * file again is safe because rows already imported come back unchanged.
 */
import type { ImportStop } from '../../shared/ipc/channels/directory';

const lines = (from: number, to: number) => (from === to ? `Line ${from}` : `Lines ${from.toLocaleString()}–${to.toLocaleString()}`);

/** The sentences that say what a stopped import did and did not do. */
export function importStopLines(stop: ImportStop, preview: boolean): string[] {
  if (preview) {
    return [
      `The check stopped before the end of the file. ${stop.message}`,
      stop.doneThroughLine >= 2 ? `${lines(2, stop.doneThroughLine)} were checked: the counts are theirs.` : 'No line was checked.',
      'Nothing was imported. Check the file again once the console is back online, then import it.',
    ];
  }
  const said = [`The import stopped before the end of the file. ${stop.message}`];
  said.push(stop.doneThroughLine >= 2 ? `${lines(2, stop.doneThroughLine)} were imported: the counts are theirs.` : 'No line was imported.');
  if (stop.inDoubt) said.push(`${lines(stop.inDoubt.fromLine, stop.inDoubt.toLine)} were with the service when the connection broke: it may or may not have imported them.`);
  said.push(`From line ${stop.notDoneFromLine.toLocaleString()} on, nothing was imported.`);
  said.push('Import the same file again once the console is back online: the rows already imported come back unchanged, so nothing is done twice.');
  return said;
}
