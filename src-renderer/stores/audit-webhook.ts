/**
 * Settings → Audit to a SIEM (R-AUD-2): the webhook and where its delivery stands, kept fresh while shown; saving (a
 * new secret goes to the service once, never comes back), a test event, retry now and removal.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuditWebhookTestResult, AuditWebhookView } from '../../shared/ipc/channels/audit-webhook';
import { BridgeError, invoke } from '../bridge';
import { useNotificationsStore } from './notifications';

/** How often the delivery status is read again while Settings is shown. */
export const WEBHOOK_REFRESH_MS = 5_000;

export const useAuditWebhookStore = defineStore('audit-webhook', () => {
  const view = ref<AuditWebhookView | null>(null);
  const busy = ref(false);
  /** Problems of the last save, by field (`url`, `secret`), or a general one under `_`. */
  const fieldErrors = ref<Record<string, string>>({});
  const testResult = ref<AuditWebhookTestResult | null>(null);

  /** Reads the webhook; `quiet` (the periodic refresh) keeps the last view on failure instead of a notice. */
  async function load(options: { quiet?: boolean } = {}): Promise<void> {
    try {
      view.value = await invoke('audit-webhook:get', {});
    } catch (error) {
      if (!options.quiet) useNotificationsStore().fromError('Could not read the audit webhook', error);
    }
  }

  /** Runs a change; answers whether it worked. Field problems stay beside the form, others become a notice. */
  async function change(action: () => Promise<AuditWebhookView>, done: string | null, failure: string): Promise<boolean> {
    busy.value = true;
    fieldErrors.value = {};
    try {
      view.value = await action();
      if (done) useNotificationsStore().push('success', done, '');
      return true;
    } catch (error) {
      const fields = error instanceof BridgeError ? (error.error.fields ?? (error.error.details?.fields as Record<string, string> | undefined)) : undefined;
      if (fields) fieldErrors.value = fields;
      else useNotificationsStore().fromError(failure, error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const save = (form: { url: string; enabled: boolean; secret: string | null }) =>
    change(() => invoke('audit-webhook:save', form), 'Audit webhook saved', 'The audit webhook was not saved');
  const remove = () => change(() => invoke('audit-webhook:remove', {}), 'Audit webhook removed', 'The audit webhook was not removed');
  const retry = () => change(() => invoke('audit-webhook:retry', {}), null, 'Could not retry the audit webhook');

  async function sendTest(): Promise<void> {
    busy.value = true;
    testResult.value = null;
    try {
      testResult.value = await invoke('audit-webhook:test', {});
    } catch (error) {
      testResult.value = { ok: false, status: null, message: error instanceof BridgeError ? error.error.message : 'The test event was not sent.', durationMs: 0 };
    } finally {
      busy.value = false;
    }
  }

  /** Drops a field's problem once the admin acted on it (a new secret was generated). */
  function clearFieldError(field: string): void {
    const { [field]: _dropped, ...rest } = fieldErrors.value;
    fieldErrors.value = rest;
  }

  return { view, busy, fieldErrors, testResult, load, save, remove, retry, sendTest, clearFieldError };
});
