/** The service's single error handler: plain words for every refusal, no internals in 5xx answers. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody, ApiErrorCode } from '../../../shared/api/define';
import { API_ERRORS } from '../../../shared/api/define';
import { ApiError } from './api-error';
import { ResponseContractError } from './response-check';

/** Builds the error body. */
export function errorBody(code: ApiErrorCode, message: string, details?: Record<string, unknown>): ApiErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

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
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(API_ERRORS.uri_too_long).send(errorBody('uri_too_long', 'A part of the address is too long. Check the address and try again.'));
    return;
  }
  void reply.status(API_ERRORS.bad_request).send(errorBody('bad_request', 'The address is not valid: it has a broken %-escape or a character that cannot be read. Check the address and try again.'));
}

/** Installs the handler and a JSON 404 for unknown routes. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (error instanceof ResponseContractError) {
      request.log.error({ err: { name: error.name, message: error.message } }, 'response does not match its contract');
      return reply.status(500).send(errorBody('internal', error.message, { route: error.route, issues: error.issues }));
    }
    const mapped = fromFastifyError(error);
    if (mapped) return reply.status(API_ERRORS[mapped.code]).send(errorBody(mapped.code, mapped.message));
    request.log.error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
    return reply
      .status(500)
      .send(errorBody('internal', 'Something went wrong in the MFA service. Try again; if it keeps happening, contact your administrator.'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('not_found', `There is no ${request.method} ${request.url.split('?')[0]} in this service.`)),
  );
}
