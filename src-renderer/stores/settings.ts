/** Settings: the connection (embedded or remote), who the console acts as, and the remote sign-in steps. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { operatorMay, permissionRefusal, type OperatorAction } from '../../shared/domain/permissions';
import type { ConsoleSettings, RemoteSignInStep } from '../../shared/ipc/channels/settings';
import { BridgeError, invoke } from '../bridge';
import { useConnectionStore } from './connection';
import { useNotificationsStore } from './notifications';

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<ConsoleSettings | null>(null);
  const step = ref<Exclude<RemoteSignInStep, { step: 'connected' }> | null>(null);
  const busy = ref(false);
  /** Field problems of the last remote sign-in call, keyed by field name. */
  const fieldErrors = ref<Record<string, string>>({});
  /** The last sign-in error in plain words (shown inside the dialog, next to what the user typed). */
  const signInError = ref<string | null>(null);
  const smsNotice = ref<string | null>(null);

  /** The operator the console acts as, with their permissions, or null until the settings are known. */
  const operator = computed(() => {
    const current = settings.value?.operator;
    return current
      ? { email: current.email, permissions: { companyAdmin: current.companyAdmin, directory: current.directory, helpdesk: current.helpdesk } }
      : null;
  });

  /**
   * What the operator the console acts as may do, by the one permission table (false until the settings are known);
   * the service decides anyway.
   */
  const may = computed(() => {
    const current = operator.value;
    const allowed = (action: OperatorAction) => current !== null && operatorMay(current, action);
    return {
      writeDirectory: allowed('write_directory'),
      unlock: allowed('unlock_mfa'),
      resetMfa: allowed('reset_mfa'),
      issueAccessCode: allowed('issue_access_code'),
      seeSignInActivity: allowed('see_sign_in_activity'),
      changePermissions: allowed('change_permissions'),
      known: current !== null,
    };
  });

  /** Why a control is disabled for this operator, in the service's words. */
  function refusal(action: OperatorAction): string {
    return permissionRefusal(action);
  }

  /** Loads the settings unless they are already known. */
  async function ensureLoaded(): Promise<void> {
    if (settings.value === null) await load();
  }

  async function load(): Promise<void> {
    try {
      settings.value = await invoke('settings:get', {});
    } catch (error) {
      useNotificationsStore().fromError('Could not load the settings', error);
    }
  }

  /** Runs a settings change; on success shows `done` and refreshes the status bar. */
  async function change(action: () => Promise<ConsoleSettings>, done: string, failure: string): Promise<void> {
    busy.value = true;
    try {
      settings.value = await action();
      useNotificationsStore().push('success', done, settings.value.operator ? `Acting as ${settings.value.operator.name} (${settings.value.operator.email}).` : '');
      await useConnectionStore().refresh();
    } catch (error) {
      useNotificationsStore().fromError(failure, error);
    } finally {
      busy.value = false;
    }
  }

  const actAs = (email: string) => change(() => invoke('settings:act-as', { email }), 'Operator changed', 'Could not change the operator');
  const useEmbedded = () => change(() => invoke('settings:use-embedded', {}), 'Using the embedded service', 'Could not switch to the embedded service');
  const signOutRemote = () => change(() => invoke('settings:remote-sign-out', {}), 'Signed out of the remote service', 'Could not sign out');

  /** Runs one remote sign-in step; errors stay in the dialog so nothing typed is lost. */
  async function signInStep(run: () => Promise<RemoteSignInStep>): Promise<void> {
    busy.value = true;
    fieldErrors.value = {};
    signInError.value = null;
    try {
      const next = await run();
      if (next.step === 'connected') {
        settings.value = next.settings;
        step.value = null;
        smsNotice.value = null;
        useNotificationsStore().push('success', 'Connected to the remote service', `Signed in to ${next.settings.remote.url ?? ''}.`);
        await useConnectionStore().refresh();
      } else {
        step.value = next;
      }
    } catch (error) {
      signInError.value = error instanceof BridgeError ? error.error.message : 'Something unexpected went wrong. Try again.';
      if (error instanceof BridgeError && error.error.fields) fieldErrors.value = error.error.fields;
    } finally {
      busy.value = false;
    }
  }

  async function sendSms(): Promise<void> {
    busy.value = true;
    signInError.value = null;
    try {
      const sent = await invoke('settings:remote-send-sms', {});
      smsNotice.value = `We sent a code to ${sent.phoneMasked}.`;
    } catch (error) {
      signInError.value = error instanceof BridgeError ? error.error.message : 'The text message could not be sent.';
    } finally {
      busy.value = false;
    }
  }

  async function cancelSignIn(): Promise<void> {
    step.value = null;
    signInError.value = null;
    fieldErrors.value = {};
    smsNotice.value = null;
    await invoke('settings:remote-cancel', {}).catch(() => undefined);
  }

  return { settings, operator, step, busy, fieldErrors, signInError, smsNotice, may, refusal, load, ensureLoaded, actAs, useEmbedded, signOutRemote, signInStep, sendSms, cancelSignIn };
});
