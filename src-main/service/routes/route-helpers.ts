/** Small helpers the end-user route modules share. */
import type { FastifyRequest } from 'fastify';
import type { SignInMethod } from '../../../shared/domain/sign-in-activity';
import type { AttemptSource } from '../activity/record-sign-in';
import type { AuthContext, SessionRow } from '../auth/authenticator';
import { routeRateLimit, type RateLimits } from '../auth/rate-limits';
import { ApiError } from '../http/api-error';
import type { UserContext } from '../repositories/user-context';
import type { ServiceContext } from '../service-context';

/** An attempt by the user of a sign-in session (R-LOG-1), with the way they used. */
export function attemptBy(uc: UserContext, method: SignInMethod | null, request: FastifyRequest): AttemptSource {
  return { email: uc.user.email, user: { id: uc.user.id, companyId: uc.user.company_id }, method, request };
}

/** The caller's session and their user context at company time, as the authenticator read them (no new query). */
export function callerContext(auth: AuthContext): { uc: UserContext; session: SessionRow } {
  if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
  return { uc: auth.uc, session: auth.session };
}

/** Route options with the per-IP limit of a kind of route (none when limits are off). */
export function limited(ctx: ServiceContext, kind: keyof RateLimits): { rateLimit?: { max: number; timeWindow: number } } {
  return routeRateLimit(ctx.mfa.rateLimits, kind);
}
