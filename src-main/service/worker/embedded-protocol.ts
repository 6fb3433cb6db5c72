/**
 * The messages between the console's main thread and the embedded MFA service in its worker thread.
 *
 * HTTP requests travel on their own MessagePort (`HttpRequest` → `HttpResponse`), so the service is reached
 * through the same HTTP contract as a remote one. Everything else (start-up, trusted sign-in, the mail server, the
 * console's vault, shutdown) goes over the worker's parent port as `ToWorker` / `FromWorker`. No secret travels in
 * these messages except as the vault's answer to the worker (the data key, the SMTP password).
 */
import type { MessagePort } from 'node:worker_threads';
import type { SecretVaultKind } from '../secrets/secret-vault';

/** What the worker is started with. */
export interface EmbeddedWorkerData {
  databaseFile: string;
  /** The console's vault, described; the worker reads and writes it through `vault` messages. */
  vault: { kind: SecretVaultKind; location: string; warning: string | null };
  /** The port HTTP requests arrive on. */
  http: MessagePort;
  /** The console's SMTP server setting (never with its password, which is in the vault), or null: demo outbox only. */
  smtpUrl: string | null;
}

/** One HTTP request, as axios would send it. */
export interface HttpRequest {
  id: number;
  method: string;
  /** Path and query string. */
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** The service's answer. */
export interface HttpResponse {
  id: number;
  status: number;
  statusText: string;
  headers: Record<string, string | string[]>;
  body: string;
}

/** An error as it crosses the thread boundary: its class name, StoreError kind and message. */
export interface WireError {
  name: string;
  kind?: string;
  message: string;
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'sign-in-as'; id: number; email: string }
  | { type: 'vault-result'; id: number; value: string | null }
  | { type: 'vault-error'; id: number; error: WireError }
  /** Send email through this SMTP server from now on (its password from the vault); null: the demo outbox only. */
  | { type: 'set-mail-server'; id: number; smtpUrl: string | null }
  | { type: 'close' };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'ready'; warnings: string[] }
  | { type: 'start-failed'; error: WireError }
  | { type: 'signed-in'; id: number; token: string | null }
  | { type: 'sign-in-failed'; id: number; error: WireError }
  | { type: 'mail-server-set'; id: number }
  | { type: 'mail-server-failed'; id: number; error: WireError }
  | { type: 'vault'; id: number; op: 'get' | 'set' | 'delete'; account: string; value?: string }
  | { type: 'closed' };

/** The wire form of any thrown value. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const kind = (error as { kind?: unknown }).kind;
    return { name: error.name, message: error.message, ...(typeof kind === 'string' ? { kind } : {}) };
  }
  return { name: 'Error', message: String(error) };
}
