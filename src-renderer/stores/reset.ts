/**
 * The verified reset workflow (R-RST-1..3) and "Locked out?" triage (R-RST-4). The service decides eligibility and
 * records the reset with what was checked; this store walks the steps.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ResetEligibility, ResetResult, TriageResult } from '../../shared/api/routes/admin-reset';
import { invoke } from '../bridge';
import { useNotificationsStore } from './notifications';

export const useResetStore = defineStore('reset', () => {
  const email = ref('');
  const eligibility = ref<ResetEligibility | null>(null);
  const checked = ref<string[]>([]);
  const verified = ref(false);
  const note = ref('');
  const result = ref<ResetResult | null>(null);
  const busy = ref(false);
  const triageEmail = ref('');
  const triage = ref<TriageResult | null>(null);

  const checklist = computed(() => (eligibility.value?.eligible ? eligibility.value.checklist : []));
  const allChecked = computed(() => checklist.value.every((item) => checked.value.includes(item.id)));
  const canReset = computed(() => eligibility.value?.eligible === true && allChecked.value && verified.value && !busy.value);

  /** Step 1: is this exact email eligible for a reset by this operator? */
  async function check(): Promise<void> {
    busy.value = true;
    result.value = null;
    checked.value = [];
    verified.value = false;
    try {
      eligibility.value = await invoke('reset:eligibility', { email: email.value });
    } catch (error) {
      eligibility.value = null;
      useNotificationsStore().fromError('Could not check this email', error);
    } finally {
      busy.value = false;
    }
  }

  /** Last step: the reset, with the checks ticked and the confirmation. */
  async function reset(): Promise<void> {
    const current = eligibility.value;
    if (!current?.eligible || !canReset.value) return;
    busy.value = true;
    try {
      result.value = await invoke('reset:perform', {
        email: current.user.email,
        checks: [...checked.value],
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
    verified.value = false;
    note.value = '';
    result.value = null;
  }

  async function runTriage(): Promise<void> {
    try {
      triage.value = await invoke('reset:triage', { email: triageEmail.value });
    } catch (error) {
      triage.value = null;
      useNotificationsStore().fromError('Could not look up this caller', error);
    }
  }

  /** Unlocks the caller found by triage, then looks them up again. */
  async function unlockTriaged(): Promise<void> {
    const user = triage.value?.user;
    if (!user) return;
    try {
      await invoke('directory:unlock', { id: user.id });
      useNotificationsStore().push('success', 'MFA unlocked', `${user.name} can try their code again now.`);
      await runTriage();
    } catch (error) {
      useNotificationsStore().fromError('The user was not unlocked', error);
    }
  }

  /** Moves the triaged caller's email into the reset workflow. */
  function resetTriaged(): void {
    const user = triage.value?.user;
    if (!user) return;
    email.value = user.email;
    void check();
  }

  return { email, eligibility, checked, verified, note, result, busy, triageEmail, triage, checklist, allChecked, canReset, check, reset, startOver, runTriage, unlockTriaged, resetTriaged };
});
