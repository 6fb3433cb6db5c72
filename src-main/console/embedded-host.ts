/**
 * The embedded service's worker, seen from the main thread: starts it, routes HTTP answers, trusted sign-ins, mail
 * server changes and vault calls, restarts it after a crash (telling the console, and with the mail server last
 * set), and shuts it down after the requests in flight.
 */
import { MessageChannel, Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';
import { IPC_ERROR } from '../../shared/ipc/errors';
import { ConsoleError } from '../ipc/console-error';
import { PendingWrites } from '../service/store/pending-writes';
import { StoreError, type StoreErrorKind } from '../service/store/store-error';
import type { FromWorker, HttpResponse, ToWorker, WireError } from '../service/worker/embedded-protocol';
import type { EmbeddedOptions } from './embedded-service';
import { embeddedWorkerOptions } from './embedded-worker-entry';
import type { Exchange } from './port-adapter';

/** Crashes within a minute after which the worker is not started again. */
const RESTARTS_PER_MINUTE = 3;

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Owns the worker: starts it, routes messages, restarts it after a crash, shuts it down. */
export class EmbeddedHost {
  started: Promise<void>;
  warnings: string[] = [];
  readonly #requests = new Map<number, Waiter<HttpResponse>>();
  readonly #signIns = new Map<number, Waiter<string | null>>();
  readonly #mailServers = new Map<number, Waiter<void>>();
  readonly #listeners = new Set<(message: string) => void>();
  readonly #crashes: number[] = [];
  readonly #inFlight = new PendingWrites();
  #worker: Worker | null = null;
  #port: MessagePort | null = null;
  #closed: Waiter<void> | null = null;
  #closing = false;
  #nextId = 1;
  /** The SMTP setting the worker sends mail through (a restarted worker gets it too). */
  #smtpUrl: string | null;

  constructor(
    private readonly databaseFile: string,
    private readonly options: EmbeddedOptions,
  ) {
    this.#smtpUrl = options.smtpUrl ?? null;
    this.started = this.#spawn();
  }

  readonly exchange: Exchange = async (request) => {
    await this.started;
    const port = this.#port;
    if (this.#closing || !port) throw unavailable('The embedded MFA service has been stopped. Start the console again.');
    const id = this.#nextId++;
    const answered = new Promise<HttpResponse>((resolve, reject) => {
      this.#requests.set(id, { resolve, reject });
      port.postMessage({ ...request, id });
    });
    return this.#inFlight.track(answered);
  };

  async signInAs(email: string): Promise<string | null> {
    await this.started;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#signIns.set(id, { resolve, reject });
      this.#post({ type: 'sign-in-as', id, email });
    });
  }

  /** Makes the worker send mail through `smtpUrl` (its password from the vault); rejects with the reason it cannot. */
  async setMailServer(smtpUrl: string | null): Promise<void> {
    await this.started;
    const id = this.#nextId++;
    await new Promise<void>((resolve, reject) => {
      this.#mailServers.set(id, { resolve, reject });
      this.#post({ type: 'set-mail-server', id, smtpUrl });
    });
    this.#smtpUrl = smtpUrl;
  }

  onProblem(listener: (message: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    const worker = this.#worker;
    if (!worker || !(await this.started.then(() => true, () => false))) return;
    // Requests already sent finish first (and the writes they make); only then is the worker told to close.
    await this.#inFlight.settled();
    await new Promise<void>((resolve, reject) => {
      this.#closed = { resolve, reject };
      this.#post({ type: 'close' });
    });
    await worker.terminate();
  }

  /** Starts a worker on the database and resolves once the service inside answers (or rejects why it cannot). */
  #spawn(): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    const { entry, execArgv } = embeddedWorkerOptions(this.options.workerEntry);
    const vault = this.options.vault;
    const workerOptions: WorkerOptions = {
      workerData: {
        databaseFile: this.databaseFile,
        vault: { kind: vault.kind, location: vault.location, warning: vault.warning },
        http: port2,
        smtpUrl: this.#smtpUrl,
      },
      transferList: [port2],
      ...(execArgv ? { execArgv } : {}),
    };
    const worker = (this.options.createWorker ?? ((file, opts) => new Worker(file, opts)))(entry, workerOptions);
    this.#worker = worker;
    this.#port = port1;
    port1.on('message', (response: HttpResponse) => settle(this.#requests, response.id, (w) => w.resolve(response)));
    let lastError: unknown = null;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          ready = true;
          this.warnings.splice(0, this.warnings.length, ...message.warnings);
          resolve();
        } else if (message.type === 'start-failed') {
          reject(fromWire(message.error));
          void worker.terminate();
        }
        else this.#onMessage(message);
      });
      worker.on('error', (error) => (lastError = error));
      worker.on('exit', (code) => {
        port1.close();
        if (!ready) reject(lastError ?? new Error(`The embedded MFA service stopped while starting (exit code ${code}).`));
        else if (this.#closing) this.#closed?.resolve();
        else this.#crashed(lastError, code);
      });
    });
  }

  #onMessage(message: FromWorker): void {
    if (message.type === 'signed-in') settle(this.#signIns, message.id, (w) => w.resolve(message.token));
    else if (message.type === 'sign-in-failed') settle(this.#signIns, message.id, (w) => w.reject(fromWire(message.error)));
    else if (message.type === 'mail-server-set') settle(this.#mailServers, message.id, (w) => w.resolve());
    else if (message.type === 'mail-server-failed') settle(this.#mailServers, message.id, (w) => w.reject(fromWire(message.error)));
    else if (message.type === 'closed') this.#closed?.resolve();
    else if (message.type === 'vault') void this.#vault(message);
  }

  async #vault(message: Extract<FromWorker, { type: 'vault' }>): Promise<void> {
    const vault = this.options.vault;
    try {
      const value = message.op === 'get' ? await vault.get(message.account) : null;
      if (message.op === 'set') await vault.set(message.account, message.value ?? '');
      if (message.op === 'delete') await vault.delete(message.account);
      this.#post({ type: 'vault-result', id: message.id, value });
    } catch (error) {
      this.#post({ type: 'vault-error', id: message.id, error: { name: 'SecretVaultError', message: (error as Error).message } });
    }
  }

  /** The worker died: fail what it was doing, tell the console, and start another unless it keeps dying. */
  #crashed(error: unknown, code: number): void {
    const reason = error instanceof Error ? error.message : `exit code ${code}`;
    const lost = unavailable('The embedded MFA service stopped while handling this, and is being restarted. Check whether the change was made, then try again.');
    for (const waiters of [this.#requests, this.#signIns, this.#mailServers] as Map<number, Waiter<never>>[]) {
      for (const waiter of waiters.values()) waiter.reject(lost);
      waiters.clear();
    }
    const now = Date.now();
    this.#crashes.push(now);
    const recent = this.#crashes.filter((at) => now - at < 60_000).length;
    const at = new Date(now).toTimeString().slice(0, 5);
    if (recent > RESTARTS_PER_MINUTE) {
      const message = `The embedded MFA service keeps stopping (last at ${at}: ${reason}), so it was not restarted again. Close and reopen the console; if it happens again, report it with this message.`;
      this.started = Promise.reject(unavailable(message));
      this.started.catch(() => undefined);
      this.#notify(message);
      return;
    }
    this.#notify(`The embedded MFA service stopped unexpectedly at ${at} (${reason}) and was restarted. A change being made at that moment may not have been saved: check it.`);
    this.started = this.#spawn().catch((failure: unknown) => {
      const message = `The embedded MFA service could not be restarted: ${(failure as Error).message}`;
      this.#notify(message);
      throw unavailable(message);
    });
    this.started.catch(() => undefined);
  }

  #notify(message: string): void {
    for (const listener of this.#listeners) listener(message);
  }

  #post(message: ToWorker): void {
    this.#worker?.postMessage(message);
  }
}

function settle<T>(waiters: Map<number, Waiter<T>>, id: number, fn: (waiter: Waiter<T>) => void): void {
  const waiter = waiters.get(id);
  waiters.delete(id);
  if (waiter) fn(waiter);
}

function unavailable(message: string): ConsoleError {
  return new ConsoleError(IPC_ERROR.serviceUnavailable, message);
}

/** Rebuilds an error from the worker, keeping a StoreError's kind for callers that react to it. */
function fromWire(error: WireError): Error {
  if (error.name === 'StoreError' && error.kind) return new StoreError(error.kind as StoreErrorKind, error.message);
  return new Error(error.message);
}
