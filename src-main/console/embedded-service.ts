/**
 * The MFA service embedded in the console (R-CON-1 embedded mode), run in a worker thread so its SQL never runs
 * on the main thread (Electron's, whose stalls freeze the window). Its database lives in the console's data
 * folder (`service/mfa.sqlite`, locked for this process), the demo company is seeded on first start, and calls
 * go through axios over a MessagePort. If the worker dies, requests it was handling fail in plain words, the
 * console is told, and a new worker is started on the same database.
 */
import path from 'node:path';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import axios, { type AxiosInstance } from 'axios';
import type { SecretVault } from '../service/secrets/secret-vault';
import { DEMO_ADMIN_EMAIL } from '../service/seed/demo-company';
import { lockDataFolder } from '../service/store/folder-lock';
import { EmbeddedHost } from './embedded-host';
import { createPortAdapter } from './port-adapter';
import { makePrivateDir } from './private-dir';

/** A running embedded service. */
export interface EmbeddedService {
  http: AxiosInstance;
  /** Where the database file lives. */
  databaseFile: string;
  /** Plain-words warnings for the console's status bar (e.g. the data key kept in a file, not a keychain). */
  warnings: string[];
  /**
   * Sends email through this SMTP server from now on (Settings; its password already in the vault); null = the demo
   * outbox only. Rejects with the reason when the worker cannot use it (nothing changes then).
   */
  setMailServer(smtpUrl: string | null): Promise<void>;
  /** Mints an operator session for a directory user (the console acts as them). */
  signInAs(email: string): Promise<string | null>;
  /** Calls `listener` with a plain-words message when the service stopped unexpectedly (and was restarted). */
  onProblem(listener: (message: string) => void): () => void;
  /** Stops taking requests, lets those in flight finish, closes the database and ends the worker. */
  close(): Promise<void>;
}

/** Where the service keeps its data and secrets; `workerEntry` is the built worker file in the desktop app. */
export interface EmbeddedOptions {
  dataDir: string;
  vault: SecretVault;
  workerEntry?: string;
  /** The SMTP server from Settings (no password: that is in `vault`); the demo company's mail reaches the Mail app too. */
  smtpUrl?: string | null;
  /** Creates the worker (tests wrap it to end one abruptly). */
  createWorker?: (entry: string, options: WorkerOptions) => Worker;
}

/**
 * Starts the worker and waits until the service answers. The data key comes from `vault` (the console's), over
 * messages, as does the SMTP password. SMS go to an in-memory outbox the simulator reads, email to the demo outbox
 * (and through the SMTP server of Settings); demo tools are on; per-IP rate limits are off.
 */
export async function startEmbeddedService(options: EmbeddedOptions): Promise<EmbeddedService> {
  const databaseFile = path.join(options.dataDir, 'service', 'mfa.sqlite');
  makePrivateDir(path.dirname(databaseFile));
  const lock = lockDataFolder(path.dirname(databaseFile), 'the embedded service of MFA Admin Console');
  const host = new EmbeddedHost(databaseFile, options);
  try {
    await host.started;
  } catch (error) {
    lock.release();
    throw error;
  }
  const http = axios.create({ adapter: createPortAdapter(host.exchange), baseURL: '/' });
  return {
    http,
    databaseFile,
    warnings: host.warnings,
    setMailServer: (smtpUrl) => host.setMailServer(smtpUrl),
    signInAs: (email) => host.signInAs(email),
    onProblem: (listener) => host.onProblem(listener),
    close: async () => {
      await host.close();
      lock.release();
    },
  };
}

/** The operator the embedded console acts as on a fresh demo. */
export const DEFAULT_EMBEDDED_OPERATOR = DEMO_ADMIN_EMAIL;
