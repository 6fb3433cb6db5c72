/** What every route module receives: the Fastify instance and the service's dependencies. */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { SignInRecorder } from './activity/record-sign-in';
import type { AuditWebhookDelivery, AuditWebhookOptions } from './audit-webhook/webhook-delivery';
import type { Authenticator } from './auth/authenticator';
import type { MfaOptions, MfaRuntime } from './auth/mfa-runtime';
import type { Clock } from './clock';
import type { MailOptions, MailRuntime } from './mail/mail-runtime';
import type { Store } from './store/store';

/** Dependencies the service is built from (wired by the standalone CLI or the console's embedded host). */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  version: string;
  /** The structured log (the standalone service's JSON lines); none in tests and embedded mode. */
  logger?: FastifyBaseLogger;
  /**
   * The reverse proxies whose `X-Forwarded-For` names the client (Fastify's `trustProxy`: addresses, CIDR blocks,
   * range names); absent = the header is ignored and the client address is the connection's.
   */
  trustProxy?: string;
  /** Keys, SMS delivery, randomness, rate limits and demo tools of the MFA flows (defaults suit tests). */
  mfa?: MfaOptions;
  /** Email (R-DIR-5): the SMTP transport, the public address links point to, retries (defaults suit tests). */
  mail?: MailOptions;
  /** Audit webhook delivery (R-AUD-2): time limit, retries, poll (defaults suit production). */
  auditWebhook?: AuditWebhookOptions;
  /** Check every JSON answer against its contract schema; a mismatch answers 500 (tests turn this on). */
  checkResponses?: boolean;
}

/** Dependencies plus the app and the shared authenticator, as route modules see them. */
export interface ServiceContext extends Omit<ServiceDeps, 'mfa' | 'mail' | 'auditWebhook'> {
  app: FastifyInstance;
  authenticator: Authenticator;
  mfa: MfaRuntime;
  mail: MailRuntime;
  /** Records sign-in attempts (R-LOG-1) and prunes them after the retention. */
  signIns: SignInRecorder;
  auditWebhook: AuditWebhookDelivery;
}
