/** Cache files of the console's data folder: written whole or not at all, readable by the current user only. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `text` to `file` atomically (a temp file, then a rename), so a crash leaves the old file or the new one. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, file);
}
