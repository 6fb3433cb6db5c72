/**
 * The MFA policy screen's state: the saved policy, the draft being edited, the live time-zone preview of the draft's
 * deadline, and the history of changes. Rules (preview, warnings) are computed in main; this store orchestrates.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { PolicyHistoryEntry } from '../../shared/api/routes/admin-policy';
import type { PolicyPreview, PolicyState } from '../../shared/ipc/channels/policy';
import { BridgeError, invoke } from '../bridge';
import { adminTimeZone } from '../composables/use-admin-time';
import { changedSettings, describePolicyChange, draftOf, saveFailure, type PolicyDraft } from '../composables/use-policy-change';
import { useNotificationsStore } from './notifications';

export const usePolicyStore = defineStore('policy', () => {
  const state = ref<PolicyState | null>(null);
  const draft = ref<PolicyDraft | null>(null);
  const extraZones = ref<string[]>([]);
  /** Every zone by its canonical IANA name, from main (the browser's own list holds old names such as Asia/Calcutta). */
  const timeZones = ref<string[]>([]);
  const preview = ref<PolicyPreview | null>(null);
  const previewError = ref<string | null>(null);
  const history = ref<PolicyHistoryEntry[]>([]);
  const historyCursor = ref<string | null>(null);
  /** When the history shown is the console's copy (the service cannot be used), when it was taken; else null. */
  const historyCopyAt = ref<number | null>(null);
  const saving = ref(false);
  const fieldErrors = ref<Record<string, string>>({});
  /** What the last save did, in words, shown beside the Save button; cleared by the next edit. */
  const saveResult = ref<{ ok: boolean; text: string } | null>(null);
  let previewSeq = 0;

  const saved = computed(() => (state.value ? draftOf(state.value.policy) : null));
  const changeLines = computed(() => (saved.value && draft.value ? describePolicyChange(saved.value, draft.value) : []));
  const dirty = computed(() => changeLines.value.length > 0);
  /** Why the draft's deadline zone is refused (checked in main by the rule the service applies), or null. */
  const zoneRefusal = ref<string | null>(null);
  /** The refusal to show at the deadline zone field: main's check, else the service's own refusal of the last save. */
  const zoneError = computed(() => zoneRefusal.value ?? fieldErrors.value.deadlineZone ?? null);
  let zoneCheck: Promise<string | null> | null = null;

  // An edit makes the last save's result and the service's field errors out of date.
  watch(
    draft,
    () => {
      if (!dirty.value) return;
      saveResult.value = null;
      fieldErrors.value = {};
    },
    { deep: true },
  );
  watch(
    () => draft.value?.deadlineZone,
    () => void checkDeadlineZone(),
  );

  /** Loads the policy and its history; the draft starts as the saved policy, its zone the admin's when no deadline is set. */
  async function load(): Promise<void> {
    try {
      state.value = await invoke('policy:get', {});
      const next = draftOf(state.value.policy);
      if (next.deadlineDate === null) next.deadlineZone = adminTimeZone();
      draft.value = next;
      fieldErrors.value = {};
      await Promise.all([refreshPreview(), loadHistory(true), loadTimeZones()]);
    } catch (error) {
      useNotificationsStore().fromError('Could not load the MFA policy', error);
    }
  }

  async function loadTimeZones(): Promise<void> {
    if (timeZones.value.length === 0) timeZones.value = (await invoke('policy:time-zones', {})).zones;
  }

  /**
   * A zone typed by its name or an alias, by its canonical name (Asia/Calcutta → Asia/Kolkata), or the refusal in
   * words when it is not a time zone. The one place the form asks: main answers with the service's own zone rule.
   */
  async function resolveZone(name: string): Promise<{ zone: string } | { refused: string }> {
    try {
      return { zone: (await invoke('policy:time-zone', { name })).zone };
    } catch (error) {
      return { refused: error instanceof BridgeError ? error.error.message : 'That time zone could not be checked. Try again.' };
    }
  }

  /** Adds a zone to the preview, shown by its canonical name; returns the refusal in words, else null. */
  async function addExtraZone(name: string): Promise<string | null> {
    const resolved = await resolveZone(name);
    if ('refused' in resolved) return resolved.refused;
    if (!extraZones.value.includes(resolved.zone)) extraZones.value = [...extraZones.value, resolved.zone];
    return null;
  }

  /**
   * Checks the draft's deadline zone as the service will: a refusal is shown at the field (before any confirmation),
   * an alias is replaced by its canonical name. Resolves to the refusal, or null when the zone is fine.
   */
  function checkDeadlineZone(): Promise<string | null> {
    const name = draft.value?.deadlineZone;
    if (name === undefined) return Promise.resolve(null);
    const check: Promise<string | null> = resolveZone(name).then((resolved): Promise<string | null> | string | null => {
      // A newer check (the zone changed meanwhile) decides.
      if (zoneCheck !== check) return zoneCheck;
      zoneRefusal.value = 'refused' in resolved ? resolved.refused : null;
      if ('zone' in resolved && draft.value && resolved.zone !== name) draft.value.deadlineZone = resolved.zone;
      return zoneRefusal.value;
    });
    zoneCheck = check;
    return check;
  }

  /** Recomputes the preview of the draft's deadline (the latest request wins). */
  async function refreshPreview(): Promise<void> {
    const current = draft.value;
    if (!current?.deadlineDate) {
      preview.value = null;
      previewError.value = null;
      return;
    }
    const seq = ++previewSeq;
    try {
      const result = await invoke('policy:preview', {
        date: current.deadlineDate,
        zone: current.deadlineZone,
        extraZones: extraZones.value,
        required: current.required,
      });
      if (seq !== previewSeq) return;
      preview.value = result;
      previewError.value = null;
    } catch (error) {
      if (seq !== previewSeq) return;
      preview.value = null;
      previewError.value = error instanceof BridgeError ? error.error.message : 'The preview could not be computed. Try again.';
    }
  }

  async function loadHistory(reset = false): Promise<void> {
    try {
      const page = await invoke('policy:history', { limit: 20, ...(!reset && historyCursor.value ? { cursor: historyCursor.value } : {}) });
      history.value = reset ? page.entries : [...history.value, ...page.entries];
      historyCursor.value = page.nextCursor;
      historyCopyAt.value = page.fromCopy ? page.takenAt : null;
    } catch (error) {
      useNotificationsStore().fromError('Could not load the history of policy changes', error);
    }
  }

  /** Saves what changed; true when saved. The outcome, either way, is `saveResult`. */
  async function save(): Promise<boolean> {
    if (!state.value || !saved.value || !draft.value) return false;
    saving.value = true;
    fieldErrors.value = {};
    saveResult.value = null;
    try {
      const result = await invoke('policy:save', { version: state.value.policy.version, ...changedSettings(saved.value, draft.value) });
      state.value = { ...state.value, policy: result.policy };
      draft.value = draftOf(result.policy);
      const settings = `${result.changed.length} ${result.changed.length === 1 ? 'setting' : 'settings'}`;
      saveResult.value = { ok: true, text: `MFA policy saved: ${settings} changed. The change is in the audit log.` };
      await Promise.all([refreshPreview(), loadHistory(true)]);
      return true;
    } catch (error) {
      if (error instanceof BridgeError && error.error.fields) fieldErrors.value = error.error.fields;
      saveResult.value = { ok: false, text: saveFailure(error instanceof BridgeError ? error.error : null) };
      return false;
    } finally {
      saving.value = false;
    }
  }

  /**
   * The console is connected again: the saved policy and its history as the service has them now. Edits in progress
   * are kept (saving them is checked against the version they started from, as always).
   */
  async function catchUp(): Promise<void> {
    if (!state.value || !dirty.value) {
      await load();
      return;
    }
    try {
      const fresh = await invoke('policy:get', {});
      state.value = fresh.policy.version === state.value.policy.version ? fresh : { ...fresh, policy: state.value.policy };
      await loadHistory(true);
    } catch (error) {
      useNotificationsStore().fromError('Could not load the MFA policy', error);
    }
  }

  /** Puts the draft back to the saved policy. */
  function discard(): void {
    if (saved.value) draft.value = draftOf(saved.value);
    fieldErrors.value = {};
    saveResult.value = null;
  }

  return {
    state, draft, extraZones, timeZones, addExtraZone, preview, previewError, history, historyCursor, historyCopyAt, saving, fieldErrors, saveResult, zoneError,
    checkDeadlineZone, changeLines, dirty, load, catchUp, refreshPreview, loadHistory, save, discard,
  };
});
