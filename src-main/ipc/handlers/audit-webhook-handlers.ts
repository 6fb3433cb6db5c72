/**
 * Handlers of the audit webhook channels (R-AUD-2): straight to the service's Admin API, embedded or remote alike,
 * since the webhook is delivered by the service. A new secret is passed on once; the service never answers it back.
 */
import type { ConsoleRuntime } from '../../console/console-runtime';
import type { Handlers } from '../dispatch';

/** `audit-webhook:*` channels. */
export function createAuditWebhookHandlers(runtime: ConsoleRuntime): Pick<Handlers, Extract<keyof Handlers, `audit-webhook:${string}`>> {
  return {
    'audit-webhook:get': () => runtime.client().call('adminAuditWebhookGet', {}),
    'audit-webhook:save': ({ url, enabled, secret }) =>
      runtime.client().call('adminAuditWebhookPut', { body: { url, enabled, ...(secret === null ? {} : { secret }) } }),
    'audit-webhook:remove': () => runtime.client().call('adminAuditWebhookDelete', {}),
    'audit-webhook:test': () => runtime.client().call('adminAuditWebhookTest', {}),
    'audit-webhook:retry': () => runtime.client().call('adminAuditWebhookRetry', {}),
  };
}
