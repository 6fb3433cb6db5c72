/**
 * One signed POST to an audit webhook (R-AUD-2): the body signed with HMAC-SHA256 over `<unix seconds>.<body>`
 * (`MFA-Signature`), a time limit, no redirects followed, and every outcome in plain words. A 2xx answer is a
 * success; anything else is a failure the caller retries. Nothing here logs, and no message carries the secret.
 */
import {
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_EVENT_TYPE_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  webhookSignature,
} from '../../../shared/domain/webhook-signature';

/** The default time limit of one POST (connecting, sending and the answer's status and body). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of a refusal's body is quoted in the error, at most. */
const QUOTED_BODY = 200;

/** One event to post. */
export interface WebhookRequest {
  url: string;
  secret: string;
  eventId: string;
  eventType: 'audit.entry' | 'test';
  body: string;
  /** Unix seconds put in the signature. */
  timestampSeconds: number;
  timeoutMs: number;
  userAgent: string;
  /** Aborts the POST when the service stops. */
  signal?: AbortSignal;
}

/** What came of a POST. `stopped`: the service stopped it; it counts neither as a success nor as a failure. */
export interface WebhookResponse {
  ok: boolean;
  stopped: boolean;
  status: number | null;
  message: string;
  durationMs: number;
}

/** Posts the event and says what happened; never throws. */
export async function postWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': request.userAgent,
        [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(request.secret, request.timestampSeconds, request.body),
        [WEBHOOK_EVENT_ID_HEADER]: request.eventId,
        [WEBHOOK_EVENT_TYPE_HEADER]: request.eventType,
      },
      body: request.body,
    });
    const text = await response.text();
    const status = response.status;
    if (status >= 200 && status < 300) {
      return { ok: true, stopped: false, status, message: `The receiver accepted it (HTTP ${status}) in ${took()} ms.`, durationMs: took() };
    }
    return { ok: false, stopped: false, status, message: refusalWords(response, text), durationMs: took() };
  } catch (error) {
    if (request.signal?.aborted && !timeout.aborted) {
      return { ok: false, stopped: true, status: null, message: 'The service stopped before the receiver answered.', durationMs: took() };
    }
    if (timeout.aborted) {
      return { ok: false, stopped: false, status: null, message: `The receiver did not answer within ${seconds(request.timeoutMs)} (timed out).`, durationMs: took() };
    }
    return { ok: false, stopped: false, status: null, message: unreachableWords(request.url, error), durationMs: took() };
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** "The receiver answered HTTP 500 Internal Server Error: “…”." */
function refusalWords(response: Response, text: string): string {
  const head = `The receiver answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    return `${head}, a redirect${location ? ` to ${location.slice(0, QUOTED_BODY)}` : ''}, which is not followed: give the final address instead.`;
  }
  const quoted = text.replace(/\s+/g, ' ').trim().slice(0, QUOTED_BODY);
  const hint = response.status === 401 || response.status === 403 ? ' Check that the receiver has the same secret.' : '';
  return `${head}${quoted ? `: “${quoted}”` : ''}.${hint}`;
}

/** Why nothing answered: refused, unknown host, TLS, reset … */
function unreachableWords(url: string, error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const where = new URL(url).host;
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${where} (connection refused): is the receiver running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The name ${new URL(url).hostname} could not be found (DNS).`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `The connection to ${where} was closed before the receiver answered.`;
    default: {
      const detail = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
      return `Could not reach ${where}: ${code ?? detail}${code && typeof cause?.message === 'string' ? ` (${cause.message})` : ''}.`;
    }
  }
}
