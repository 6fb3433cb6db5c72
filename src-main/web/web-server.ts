/**
 * Browser mode (`npm run web`): serves the built renderer and the console's IPC handlers on 127.0.0.1 only.
 * Handlers are reached at `POST /rpc/<channel>`; without the session cookie → 401 and no handler runs,
 * a foreign Origin → 403. Trainers demo with it without installing; e2e tests run through it.
 */
import { readFile } from 'node:fs/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { IPC_ERROR, IPC_ERROR_MESSAGE } from '../../shared/ipc/errors';
import type { Dispatcher } from '../ipc/dispatch';
import { resolveUnder } from '../window/app-protocol-path';
import { CONTENT_SECURITY_POLICY } from '../window/csp';
import { START_LINK_MINUTES, SessionGuard, allowedOrigins, isAllowedHost } from './session-guard';

/** A listening browser-mode server. */
export interface WebServer {
  url: string;
  /** The one line to print: `Console: http://127.0.0.1:N/?token=…` (its link works once, within 10 minutes). */
  consoleLine: string;
  /** Another Console line with a fresh single-use link (`npm run web` prints one when Enter is pressed). */
  newConsoleLine(): string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const PAGE_HEAD = '<!doctype html><html lang="en"><meta charset="utf-8"><title>MFA Admin Console</title><main>';
const NEW_LINK =
  '<p>To get a new link, press Enter in the terminal where <code>npm run web</code> runs: it prints another ' +
  '<code>Console: …</code> line. Copy that whole link into the address bar. (Restarting <code>npm run web</code> prints one too.)</p>';

const PLEASE_OPEN_LINK =
  `${PAGE_HEAD}<h1>Open the console link</h1>` +
  '<p>This address needs the link that <code>npm run web</code> printed (it ends with <code>?token=…</code>).</p>' +
  `${NEW_LINK}</main></html>`;

const LINK_SPENT =
  `${PAGE_HEAD}<h1>This link no longer works</h1>` +
  `<p>Each console link opens the console once, within ${START_LINK_MINUTES} minutes, so a link left in a terminal or a ` +
  'history cannot be used by anyone else. This one was already used, has expired, or was never printed by this server.</p>' +
  `${NEW_LINK}</main></html>`;

/** Starts the server for a renderer folder and a dispatcher. Port 0 = any free port. */
export async function startWebServer(options: {
  rendererDir: string;
  dispatch: Dispatcher;
  port?: number;
  rpcBodyLimit?: number;
  /** The clock start links expire by (tests move it). */
  now?: () => number;
}): Promise<WebServer> {
  const guard = new SessionGuard(options.now);
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: options.rpcBodyLimit ?? 64 * 1024 * 1024 });
  let port = 0;

  app.addHook('onRequest', async (request, reply) => {
    if (!isAllowedHost(request.headers.host, port)) {
      return reply.status(421).type('text/plain').send('This server answers only at its 127.0.0.1 address.');
    }
    return undefined;
  });

  app.post<{ Params: { channel: string } }>('/rpc/:channel', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins(port).includes(origin)) {
      return reply.status(403).send({ ok: false, error: { code: IPC_ERROR.forbiddenSender, message: IPC_ERROR_MESSAGE.forbidden_sender } });
    }
    if (!guard.hasSession(request.headers.cookie)) {
      return reply.status(401).send({ ok: false, error: { code: IPC_ERROR.unauthorized, message: IPC_ERROR_MESSAGE.unauthorized } });
    }
    return reply.send(await options.dispatch(request.params.channel, request.body ?? {}));
  });

  app.get('/*', async (request, reply) => serveStatic(request, reply, guard, options.rendererDir));

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const newConsoleLine = () => `Console: ${url}/?token=${guard.issueStartToken()}`;
  return { url, port, consoleLine: newConsoleLine(), newConsoleLine, close: () => app.close() };
}

/** Token exchange on `/?token=` (once per link), then files of the renderer folder for holders of the session. */
async function serveStatic(request: FastifyRequest, reply: FastifyReply, guard: SessionGuard, root: string) {
  reply.headers(SECURITY_HEADERS);
  const url = new URL(request.url, 'http://127.0.0.1');
  const token = url.searchParams.get('token');
  if (token !== null) {
    const exchanged = guard.exchange(token);
    if (exchanged.kind === 'session') return reply.header('set-cookie', SessionGuard.cookie(exchanged.session)).redirect('/', 303);
    // A browser that already holds a session (say, reloading the link it opened) simply goes on.
    if (guard.hasSession(request.headers.cookie)) return reply.redirect('/', 303);
    return reply.status(401).type('text/html; charset=utf-8').send(LINK_SPENT);
  }
  if (!guard.hasSession(request.headers.cookie)) return reply.status(401).type('text/html; charset=utf-8').send(PLEASE_OPEN_LINK);
  const target = resolveUnder(url.pathname, root);
  if (target.kind === 'refuse') return reply.status(target.status).type('text/plain').send('Not found');
  try {
    const body = await readFile(target.file);
    return reply.type(target.mime).header('cache-control', 'no-cache').send(body);
  } catch {
    // A client-side route (e.g. /policy) loads the app shell.
    if (!/\.[a-z0-9]+$/i.test(url.pathname)) {
      const index = resolveUnder('/', root);
      if (index.kind === 'file') return reply.type(index.mime).send(await readFile(index.file));
    }
    return reply.status(404).type('text/plain').send('Not found');
  }
}
