/**
 * The console's own settings (not secrets): which service it uses and who it acts as, in
 * `<dataDir>/console-settings.json`. A damaged file is ignored with a warning rather than stopping the console.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const SettingsSchema = z.object({
  mode: z.enum(['embedded', 'remote']).default('embedded'),
  embeddedOperator: z.string().nullable().default(null),
  remoteUrl: z.string().nullable().default(null),
  remoteEmail: z.string().nullable().default(null),
  /** The embedded service's SMTP server, without its password (that is in the SecretVault). */
  smtpUrl: z.string().nullable().default(null),
});
/** Stored settings. */
export type StoredSettings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: StoredSettings = { mode: 'embedded', embeddedOperator: null, remoteUrl: null, remoteEmail: null, smtpUrl: null };

/** Reads and writes the settings file. */
export class SettingsFile {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'console-settings.json');
  }

  /** The stored settings, defaults when absent; `warning` when the file was unreadable and was ignored. */
  async load(): Promise<{ settings: StoredSettings; warning: string | null }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: { ...DEFAULT_SETTINGS }, warning: null };
      return { settings: { ...DEFAULT_SETTINGS }, warning: `The console settings could not be read (${(error as Error).message}); defaults are used.` };
    }
    try {
      return { settings: SettingsSchema.parse(JSON.parse(text)), warning: null };
    } catch {
      return { settings: { ...DEFAULT_SETTINGS }, warning: `The console settings file ${this.file} was damaged and was ignored; defaults are used.` };
    }
  }

  /** Saves atomically (temp file + rename). */
  async save(settings: StoredSettings): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}`;
    await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.file);
  }
}
