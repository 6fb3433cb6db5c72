/** The service's email dependencies, with their defaults: no SMTP server, links to the service's own address. */
import type { Clock } from '../clock';
import type { SecretSealer } from '../secrets/sealed-secret';
import type { Store } from '../store/store';
import { MailQueue } from './mail-queue';
import type { MailTransport } from './mail-transport';

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's mail queue: its host sets the transport (the console's Settings) and tests drive retries. */
    mailQueue: MailQueue;
  }
}

/** What the composition root may pass. */
export interface MailOptions {
  /** The SMTP transport; none = mail is kept for the demo outbox, or fails visibly outside demos. */
  transport?: MailTransport | null;
  /** The address people open links at (`--public-url`), or a function answering it once the server listens. */
  publicUrl?: string | (() => string);
  /** Waits between tries of a failed send. */
  retryScheduleMs?: readonly number[];
  /** How often due retries run; 0 = never by a timer (tests call `runDue`). */
  retryIntervalMs?: number;
}

/** The resolved email dependencies route modules use. */
export interface MailRuntime {
  readonly queue: MailQueue;
  /** The public base address of links, without a trailing slash. */
  publicUrl(): string;
}

/** Where links point when nothing was said: a reserved name that resolves nowhere (only the simulator opens it). */
export const DEFAULT_PUBLIC_URL = 'https://accounts.mfa.invalid';

/** Builds the runtime and starts the retry timer. */
export function createMailRuntime(input: { store: Store; clock: Clock; sealer: SecretSealer; demoTools: boolean; options?: MailOptions | undefined }): MailRuntime {
  const options = input.options ?? {};
  const queue = new MailQueue({
    store: input.store,
    clock: input.clock,
    sealer: input.sealer,
    transport: options.transport ?? null,
    demoOutbox: input.demoTools,
    ...(options.retryScheduleMs ? { retryScheduleMs: options.retryScheduleMs } : {}),
  });
  const interval = options.retryIntervalMs ?? 30_000;
  if (interval > 0) {
    queue.start(interval);
    void queue.runDue().catch(() => undefined);
  }
  const publicUrl = options.publicUrl ?? DEFAULT_PUBLIC_URL;
  return {
    queue,
    publicUrl: () => (typeof publicUrl === 'function' ? publicUrl() : publicUrl).replace(/\/+$/, ''),
  };
}
