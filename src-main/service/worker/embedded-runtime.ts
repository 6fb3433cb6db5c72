/**
 * The embedded MFA service inside its worker thread: opens the database (the only SQL the console runs, and it
 * runs here, off Electron's main thread), seeds the demo company on a first start, builds the Fastify app and
 * answers HTTP requests arriving on a MessagePort with `inject`. Email (R-DIR-5) is sent from here too: the mail
 * queue and its retry timer run in this thread, through the SMTP server the console's Settings name (its password
 * read from the console's vault), and the demo company's mail always lands in the simulator's outbox. On `close`
 * it stops taking requests, lets the ones in flight (and the writes they started) finish, then closes the app
 * (stopping the mail queue) and the database.
 */
import { randomUUID } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { APP_VERSION } from '../../version';
import { buildApp } from '../app';
import { createTrustedSession } from '../auth/trusted-session';
import { errorBody } from '../http/error-handler';
import { systemClock } from '../clock';
import type { MailTransport } from '../mail/mail-transport';
import { openSmtpTransport } from '../mail/smtp-setup';
import { seedDemoInvitations } from '../seed/seed-demo-invitations';
import { startUp } from '../startup';
import { openStore, type Store } from '../store/store';
import { toWireError, type EmbeddedWorkerData, type FromWorker, type HttpRequest, type HttpResponse, type ToWorker } from './embedded-protocol';
import { PortVault } from './port-vault';

/**
 * Where the embedded service's links point. It listens on no port, so nothing real is there: the links open in the
 * simulator's browser (the name is on a reserved example domain, so it can never reach someone else's site).
 */
export const EMBEDDED_PUBLIC_URL = 'https://accounts.northwind.example';

/** Where the console's admin gives the SMTP password, for the error when none is stored. */
const GIVE_PASSWORD_IN = 'in Settings → Email';

/** An error body of the worker itself (no Fastify request ran), in the service's shape with an id of its own. */
function workerErrorBody(code: 'service_unavailable' | 'internal', message: string): string {
  return JSON.stringify(errorBody(randomUUID(), code, message));
}

/** Runs the service until the main thread sends `close`; every outcome is reported on `parent`. */
export async function runEmbeddedService(parent: MessagePort, data: EmbeddedWorkerData): Promise<void> {
  const post = (message: FromWorker) => parent.postMessage(message);
  const vault = new PortVault(parent, data.vault);
  const inFlight = new Set<Promise<void>>();
  let opened: Store | null = null;
  /** The store bound to the audit chain: set only once the keys are open, so nothing writes unkeyed entries. */
  let store: Store | null = null;
  let app: FastifyInstance | null = null;
  let closing: Promise<void> | null = null;

  const close = async () => {
    await Promise.all([...inFlight]);
    await app?.close();
    await (store ?? opened)?.close();
    post({ type: 'closed' });
  };

  parent.on('message', (message: ToWorker) => {
    if (vault.settle(message)) return;
    if (message.type === 'close') closing ??= close();
    if (message.type === 'set-mail-server') {
      const current = app;
      if (!current || closing) {
        post({ type: 'mail-server-failed', id: message.id, error: { name: 'Error', message: 'The embedded MFA service is not running.' } });
        return;
      }
      mailTransport(message.smtpUrl, vault).then(
        (transport) => {
          current.mailQueue.setTransport(transport);
          post({ type: 'mail-server-set', id: message.id });
        },
        (error: unknown) => post({ type: 'mail-server-failed', id: message.id, error: toWireError(error) }),
      );
    }
    if (message.type === 'sign-in-as') {
      const current = store;
      if (!current || closing) {
        post({ type: 'sign-in-failed', id: message.id, error: { name: 'Error', message: 'The embedded MFA service is not running.' } });
        return;
      }
      createTrustedSession(current, message.email, systemClock.now()).then(
        (token) => post({ type: 'signed-in', id: message.id, token }),
        (error: unknown) => post({ type: 'sign-in-failed', id: message.id, error: toWireError(error) }),
      );
    }
  });

  try {
    opened = await openStore({ file: data.databaseFile });
    // The keys, the audit key and head live in the console's vault, reached over messages; every write from here on
    // seals its entries with the audit key and saves the head there once it is durable. The console owns its data
    // folder alone, so a key lost from its vault is replaced (with a warning) rather than stopping it.
    const started = await startUp(opened, async () => vault, { seedDemo: true, now: systemClock.now(), replaceLostKeys: true });
    store = started.store;
    const { keys } = started;
    if (started.seeded) await seedDemoInvitations(store, keys.sealer, systemClock.now(), EMBEDDED_PUBLIC_URL);
    const warnings = [...keys.warnings];
    const transport = await mailTransport(data.smtpUrl, vault).catch((error: unknown) => {
      warnings.push(`The mail server in Settings could not be used (${toWireError(error).message}); email stays in the demo outbox.`);
      return null;
    });
    const mfa = { keys, demoTools: true, rateLimits: 'off' as const };
    const mail = { transport, publicUrl: EMBEDDED_PUBLIC_URL };
    app = await buildApp({ store, clock: systemClock, version: APP_VERSION, mfa, mail, checkResponses: process.env.MFA_CHECK_RESPONSES === '1' });
    const running = app;
    data.http.on('message', (request: HttpRequest) => {
      if (closing) {
        const body = workerErrorBody('service_unavailable', 'The embedded MFA service is shutting down, so this was not done. Start the console again and retry.');
        data.http.postMessage(reply(request.id, 503, 'Service Unavailable', { 'content-type': 'application/json; charset=utf-8' }, body));
        return;
      }
      const handled = answer(running, request).then((response) => data.http.postMessage(response));
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
    });
    post({ type: 'ready', warnings });
  } catch (error) {
    post({ type: 'start-failed', error: toWireError(error) });
    await opened?.close().catch(() => undefined);
  }
}

/** The transport of the console's SMTP setting (password from the vault), or null for none. */
async function mailTransport(smtpUrl: string | null, vault: PortVault): Promise<MailTransport | null> {
  return smtpUrl === null ? null : (await openSmtpTransport(smtpUrl, vault, GIVE_PASSWORD_IN)).transport;
}

/** Runs one request through the app; an unexpected failure becomes a 500, never a lost request. */
async function answer(app: FastifyInstance, request: HttpRequest): Promise<HttpResponse> {
  try {
    const injected = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
      remoteAddress: '127.0.0.1',
    });
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(injected.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
    return reply(request.id, injected.statusCode, injected.statusMessage, headers, injected.body);
  } catch (error) {
    const body = workerErrorBody('internal', `The embedded MFA service failed on this request: ${toWireError(error).message}`);
    return reply(request.id, 500, 'Internal Server Error', { 'content-type': 'application/json; charset=utf-8' }, body);
  }
}

function reply(id: number, status: number, statusText: string, headers: Record<string, string | string[]>, body: string): HttpResponse {
  return { id, status, statusText, headers, body };
}
