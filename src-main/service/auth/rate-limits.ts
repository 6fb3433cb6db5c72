/**
 * Per-IP rate limits on sign-in and code routes (@fastify/rate-limit), on top of the per-account lockout: they
 * slow password guessing across accounts and floods of code requests. The embedded console turns them off (its
 * calls all come from 127.0.0.1 in-process, where they would only throttle the trainer).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/** One limit: at most `max` requests per `timeWindow` milliseconds from one IP, per route. */
export interface RouteRateLimit {
  max: number;
  timeWindow: number;
}

/** The limits by kind of route. */
export interface RateLimits {
  /** Email + password. */
  signIn: RouteRateLimit;
  /** Routes that check or send a code. */
  codes: RouteRateLimit;
}

/** Defaults for a service on a network: generous for people, slow for scripts. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  signIn: { max: 20, timeWindow: 60_000 },
  codes: { max: 60, timeWindow: 60_000 },
};

/** Limits for a `--demo` service: a trainer's console signs demo users in and out all day from one address. */
export const DEMO_RATE_LIMITS: RateLimits = {
  signIn: { max: 300, timeWindow: 60_000 },
  codes: { max: 600, timeWindow: 60_000 },
};

/** Installs the plugin (no global limit: only routes that ask for one are limited). */
export async function installRateLimiting(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`Too many attempts from your network. Wait ${context.after} and try again.`),
        { statusCode: 429 },
      ),
  });
}

/** The route option for a kind of route, or none when limits are off. */
export function routeRateLimit(limits: RateLimits | 'off', kind: keyof RateLimits): { rateLimit?: RouteRateLimit } {
  return limits === 'off' ? {} : { rateLimit: limits[kind] };
}
