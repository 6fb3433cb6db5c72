/**
 * The verified reset workflow (R-RST-1..3) and "Locked out?" triage (R-RST-4). The service decides eligibility and
 * records the reset with what was checked; this store walks the steps.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ResetEligibility, ResetResult, TriageResult } from '../../shared/api/routes/admin-reset';
import { checksMissingValue } from '../../shared/domain/reset-evidence';
import { invoke } from '../bridge';
import { adminTimeZone } from '../composables/use-admin-time';
import { useNotificationsStore } from './notifications';

export const useResetStore = defineStore('reset', () => {
  const email = ref('');
  const eligibility = ref<ResetEligibility | null>(null);
  const checked = ref<string[]>([]);
  /** What was typed for checks that record something (the ticket number), by check id. */
  const values = ref<Record<string, string>>({});
  const verified = ref(false);
  const note = ref('');
  const result = ref<ResetResult | null>(null);
  const busy = ref(false);
  const triageEmail = ref('');
  const triage = ref<TriageResult | null>(null);

  const checklist = computed(() => (eligibility.value?.eligible ? eligibility.value.checklist : []));
  const allChecked = computed(() => checklist.value.every((item) => checked.value.includes(item.id)));
  /** Ticked checks whose value (the ticket number) is still empty. */
  const missingValues = computed(() => checksMissingValue(checklist.value, checked.value, values.value));
  const canReset = computed(
    () => eligibility.value?.eligible === true && allChecked.value && missingValues.value.length === 0 && verified.value && !busy.value,
  );

  /** Step 1: is this exact email eligible for a reset by this operator? */
  async function check(): Promise<void> {
    busy.value = true;
    result.value = null;
    checked.value = [];
    values.value = {};
    verified.value = false;
    try {
      eligibility.value = await invoke('reset:eligibility', { email: email.value, timeZone: adminTimeZone() });
    } catch (error) {
      eligibility.value = null;
      useNotificationsStore().fromError('Could not check this email', error);
    } finally {
      busy.value = false;
    }
  }

  /** Last step: the reset, with the checks ticked, what they record, and the confirmation. */
  async function reset(): Promise<void> {
    const current = eligibility.value;
    if (!current?.eligible || !canReset.value) return;
    busy.value = true;
    try {
      const recorded = Object.fromEntries(checklist.value.filter((item) => item.record !== undefined).map((item) => [item.id, (values.value[item.id] ?? '').trim()]));
      result.value = await invoke('reset:perform', {
        email: current.user.email,
        checks: [...checked.value],
        values: recorded,
        verified: true,
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
      });
      eligibility.value = null;
    } catch (error) {
      useNotificationsStore().fromError('MFA was not reset', error);
    } finally {
      busy.value = false;
    }
  }

  /** Back to an empty form for the next caller. */
  function startOver(): void {
    email.value = '';
    eligibility.value = null;
    checked.value = [];
    values.value = {};
    verified.value = false;
    note.value = '';
    result.value = null;
  }

  async function runTriage(): Promise<void> {
    try {
      triage.value = await invoke('reset:triage', { email: triageEmail.value, timeZone: adminTimeZone() });
    } catch (error) {
      triage.value = null;
      useNotificationsStore().fromError('Could not look up this caller', error);
    }
  }

  /** Ends a user's lock (after the screen's confirmation); true when done. */
  async function unlock(user: { id: string; name: string }): Promise<boolean> {
    busy.value = true;
    try {
      await invoke('directory:unlock', { id: user.id });
      useNotificationsStore().push('success', 'MFA unlocked', `${user.name} can enter a code again now.`);
      return true;
    } catch (error) {
      useNotificationsStore().fromError('The user was not unlocked', error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Unlocks the caller found by triage, then looks them up again. */
  async function unlockTriaged(): Promise<void> {
    const user = triage.value?.user;
    if (user && (await unlock(user))) await runTriage();
  }

  /** Unlocks the user on the reset form, then checks them again. */
  async function unlockTarget(): Promise<void> {
    const user = eligibility.value?.user;
    if (user && (await unlock(user))) await check();
  }

  /** Starts the workflow afresh for one user (opened from their panel in the Directory), their email checked at once. */
  async function startFor(userEmail: string): Promise<void> {
    startOver();
    email.value = userEmail;
    await check();
  }

  /** Moves the triaged caller's email into the reset workflow. */
  function resetTriaged(): void {
    const user = triage.value?.user;
    if (!user) return;
    email.value = user.email;
    void check();
  }

  return {
    email,
    eligibility,
    checked,
    values,
    verified,
    note,
    result,
    busy,
    triageEmail,
    triage,
    checklist,
    allChecked,
    missingValues,
    canReset,
    check,
    reset,
    startOver,
    runTriage,
    unlockTriaged,
    unlockTarget,
    resetTriaged,
    startFor,
  };
});
