/**
 * Checks every JSON answer against the contract (house style 11): a route's answer against its `response` schema,
 * an error answer against the one error body. Turned on by the test harnesses and by `MFA_CHECK_RESPONSES=1` (the test
 * suites set it for the consoles they start), so every test that calls the service also tests its contract. Off in
 * production, where the handlers' return types (`z.input` of the schema) already hold the line at compile time.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ApiErrorBody, type RouteDef } from '../../../shared/api/define';

/** The route config key under which `registerRoute` leaves the route's contract. */
export const CONTRACT_CONFIG_KEY = 'contract';

/** An answer that does not match its schema: a bug in the service, reported as a 500 with the problems. */
export class ResponseContractError extends Error {
  constructor(
    readonly route: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`The answer of ${route} does not match its contract: ${issues.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; ')}`);
    this.name = 'ResponseContractError';
  }
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Validates each JSON answer before it is sent; a mismatch throws `ResponseContractError`. */
export function installResponseCheck(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    const config = request.routeOptions.config as { [CONTRACT_CONFIG_KEY]?: RouteDef } | undefined;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    if (reply.statusCode >= 400) {
      const parsed = ApiErrorBody.safeParse(payload);
      if (!parsed.success) throw new ResponseContractError(route, issuesOf(parsed.error));
      return payload;
    }
    const contract = config?.[CONTRACT_CONFIG_KEY];
    if (!contract) return payload;
    const parsed = contract.response.safeParse(payload);
    if (!parsed.success) throw new ResponseContractError(route, issuesOf(parsed.error));
    return payload;
  });
}
