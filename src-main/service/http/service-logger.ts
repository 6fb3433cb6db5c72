/**
 * The standalone service's structured log: JSON lines (pino, Fastify's logger) on stderr, one object per line with
 * the request id (`reqId`) on every line a request writes. Requests are logged by their route pattern, never their
 * query or headers, so no password, code, token or secret reaches the log: credentials travel only in bodies and the
 * Authorization header, which are never logged, and one-time links carry their token in the query.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../cli-args';

/** What a log line says about a request: method, route pattern (or the bare path when none matched), client address. */
export function requestForLog(request: FastifyRequest): Record<string, string | undefined> {
  const route = request.routeOptions.url;
  return {
    method: request.method,
    ...(route ? { route } : { path: request.url.split('?')[0] }),
    remoteAddress: request.ip,
  };
}

/** What a log line says about a reply: its status. */
export function replyForLog(reply: FastifyReply): { statusCode: number } {
  return { statusCode: reply.statusCode };
}

/** An error on a log line: its kind, message, code and stack; no other fields (they may quote values). */
export function errorForLog(error: Error & { code?: unknown }): Record<string, unknown> {
  return { type: error.name, message: error.message, ...(typeof error.code === 'string' ? { code: error.code } : {}), stack: error.stack };
}

/** A logger writing JSON lines to `fd` (stderr), synchronously so the last lines before an exit are not lost. */
export function createServiceLogger(level: LogLevel, fd = 2): Logger {
  return pino(
    {
      level,
      base: { service: 'mfa-service', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { req: requestForLog, res: replyForLog, err: errorForLog },
    },
    pino.destination({ fd, sync: true }),
  );
}
