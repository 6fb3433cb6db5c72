/** The only place the MFA service listens on a socket (house style 5): the standalone entry's HTTP server. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { ServiceDeps } from './service-context';

/** A listening service. */
export interface RunningServer {
  app: FastifyInstance;
  /** `http://HOST:PORT`, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

/** Builds the app from `deps` and listens on `host:port` (port 0: any free one). */
export async function startServer(deps: ServiceDeps, listen: { host: string; port: number }): Promise<RunningServer> {
  const app = await buildApp(deps);
  await app.listen({ host: listen.host, port: listen.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}
