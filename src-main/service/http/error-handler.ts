/**
 * The service's single error handler: plain words for every refusal, no internals in 5xx answers, and the request id
 * in every error body and every reply's `X-Request-Id` header, the id the log lines of the request carry.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody, ApiErrorCode } from '../../../shared/api/define';
import { API_ERRORS } from '../../../shared/api/define';
import { ApiError } from './api-error';
import { ResponseContractError } from './response-check';

/** Builds the error body of the request `requestId`. */
export function errorBody(requestId: string, code: ApiErrorCode, message: string, details?: Record<string, unknown>): ApiErrorBody {
  return { error: { code, message, requestId, ...(details ? { details } : {}) } };
}

/** What a request arriving while the service shuts down is told. */
export const SHUTTING_DOWN_MESSAGE = 'This MFA service instance is shutting down, so the request was not handled. Try again in a moment.';

/** Maps Fastify's own errors (parsing, limits) to our codes and words. */
function fromFastifyError(error: FastifyError): { code: ApiErrorCode; message: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', message: 'The request body is too large. Send less data at once.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'This kind of request body is not accepted. Send JSON (application/json), or a CSV file (text/csv) to the user import.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'bad_request', message: 'The request body is not valid JSON.' };
    default:
      break;
  }
  if (error instanceof SyntaxError) return { code: 'bad_request', message: 'The request body is not valid JSON.' };
  if (error.statusCode === 429) return { code: 'rate_limited', message: error.message };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: 'bad_request', message: error.message };
  }
  return null;
}

/**
 * Fastify's `frameworkErrors`: errors the router raises before any route runs (a bad %-encoding, a path parameter
 * over its length) answer in the service's own shape, without echoing the address back.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('x-request-id', request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(API_ERRORS.uri_too_long).send(errorBody(request.id, 'uri_too_long', 'A part of the address is too long. Check the address and try again.'));
    return;
  }
  void reply
    .status(API_ERRORS.bad_request)
    .send(errorBody(request.id, 'bad_request', 'The address is not valid: it has a broken %-escape or a character that cannot be read. Check the address and try again.'));
}

/**
 * Installs the handler, a JSON 404 for unknown routes, the `X-Request-Id` header, and the answer to requests that
 * arrive (on a connection kept open) once the service began to close: 503, so a load balancer retries elsewhere.
 */
export function installErrorHandling(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (closing) return reply.status(API_ERRORS.service_unavailable).send(errorBody(request.id, 'service_unavailable', SHUTTING_DOWN_MESSAGE));
    return undefined;
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      // The code only: a refusal's words may name the person it concerns.
      request.log.info({ code: error.code }, 'refused');
      return reply.status(error.status).send(errorBody(request.id, error.code, error.message, error.details));
    }
    if (error instanceof ResponseContractError) {
      request.log.error({ err: { name: error.name, message: error.message } }, 'response does not match its contract');
      return reply.status(500).send(errorBody(request.id, 'internal', error.message, { route: error.route, issues: error.issues }));
    }
    const mapped = fromFastifyError(error);
    if (mapped) return reply.status(API_ERRORS[mapped.code]).send(errorBody(request.id, mapped.code, mapped.message));
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(
        errorBody(
          request.id,
          'internal',
          `Something went wrong in the MFA service. Try again; if it keeps happening, contact your administrator and give them the reference ${request.id}.`,
        ),
      );
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(request.id, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]} in this service.`)),
  );
}
