/**
 * The verified helpdesk workflow — a reset (R-RST-1..3) or a temporary access code (R-RST-6) — and "Locked out?"
 * triage (R-RST-4). The service decides eligibility for each action and records what was checked; this store walks
 * the steps.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AccessCodeIssued } from '../../shared/api/routes/admin-access-codes';
import type { ResetEligibility, ResetResult, TriageResult } from '../../shared/api/routes/admin-reset';
import type { VerifiedAction } from '../../shared/domain/reset-eligibility';
import { ACCESS_CODE_HOURS } from '../../shared/domain/temporary-access-code';
import { checksMissingValue } from '../../shared/domain/reset-evidence';
import { invoke } from '../bridge';
import { adminTimeZone } from '../composables/use-admin-time';
import { useNotificationsStore } from './notifications';

export const useResetStore = defineStore('reset', () => {
  const email = ref('');
  const eligibility = ref<ResetEligibility | null>(null);
  /** Whether a temporary access code may be issued for the same email (R-RST-6). */
  const codeEligibility = ref<ResetEligibility | null>(null);
  const action = ref<VerifiedAction>('reset');
  /** Hours the code stays valid (1 to 72). */
  const hours = ref<number>(ACCESS_CODE_HOURS.default);
  /** The code just issued: shown this once. */
  const issued = ref<AccessCodeIssued | null>(null);
  const checked = ref<string[]>([]);
  /** What was typed for checks that record something (the ticket number), by check id. */
  const values = ref<Record<string, string>>({});
  const verified = ref(false);
  const note = ref('');
  const result = ref<ResetResult | null>(null);
  const busy = ref(false);
  const triageEmail = ref('');
  const triage = ref<TriageResult | null>(null);

  /** Each action's answer: the chosen one decides the form. */
  const answers = computed(() => ({ reset: eligibility.value, access_code: codeEligibility.value }));
  /** The eligible answer of the chosen action (its checklist and user), or null. */
  const chosen = computed(() => {
    const answer = answers.value[action.value];
    return answer?.eligible ? answer : null;
  });
  /** The refusal to show when neither action is possible: a reset's, unless only the code's names the user's case. */
  const refusal = computed(() => {
    const reset = eligibility.value;
    const code = codeEligibility.value;
    if (!reset || reset.eligible || code?.eligible) return null;
    return reset.reason === 'operator_lacks_permission' && code && !code.eligible && code.reason !== 'operator_lacks_permission' ? code : reset;
  });
  /** The user the answers are about, when one matched. */
  const target = computed(() => eligibility.value?.user ?? codeEligibility.value?.user ?? null);
  const checklist = computed(() => chosen.value?.checklist ?? []);
  const allChecked = computed(() => checklist.value.every((item) => checked.value.includes(item.id)));
  /** Ticked checks whose value (the ticket number) is still empty. */
  const missingValues = computed(() => checksMissingValue(checklist.value, checked.value, values.value));
  const hoursValid = computed(() => Number.isInteger(hours.value) && hours.value >= ACCESS_CODE_HOURS.min && hours.value <= ACCESS_CODE_HOURS.max);
  const canSubmit = computed(
    () =>
      chosen.value !== null &&
      allChecked.value &&
      missingValues.value.length === 0 &&
      verified.value &&
      !busy.value &&
      (action.value === 'reset' || hoursValid.value),
  );

  /** Step 1: may this operator reset this exact email's MFA, or issue a temporary access code? */
  async function check(): Promise<void> {
    busy.value = true;
    result.value = null;
    issued.value = null;
    checked.value = [];
    values.value = {};
    verified.value = false;
    try {
      const request = { email: email.value, timeZone: adminTimeZone() };
      const [reset, code] = await Promise.all([invoke('reset:eligibility', request), invoke('reset:access-code-eligibility', request)]);
      eligibility.value = reset;
      codeEligibility.value = code;
      action.value = reset.eligible || !code.eligible ? 'reset' : 'access_code';
    } catch (error) {
      eligibility.value = null;
      codeEligibility.value = null;
      useNotificationsStore().fromError('Could not check this email', error);
    } finally {
      busy.value = false;
    }
  }

  /** The checks ticked, what they record, and the confirmation, as both actions send them. */
  function evidence(user: { email: string }) {
    const recorded = Object.fromEntries(checklist.value.filter((item) => item.record !== undefined).map((item) => [item.id, (values.value[item.id] ?? '').trim()]));
    return { email: user.email, checks: [...checked.value], values: recorded, verified: true as const, ...(note.value.trim() ? { note: note.value.trim() } : {}) };
  }

  /** Last step of a temporary access code: the code comes back once, to read out or copy. */
  async function issueCode(): Promise<void> {
    const current = chosen.value;
    if (!current || action.value !== 'access_code' || !canSubmit.value) return;
    busy.value = true;
    try {
      issued.value = await invoke('reset:issue-access-code', { ...evidence(current.user), validHours: hours.value });
      eligibility.value = null;
      codeEligibility.value = null;
    } catch (error) {
      useNotificationsStore().fromError('No temporary access code was issued', error);
    } finally {
      busy.value = false;
    }
  }

  /** Last step of a reset, with the checks ticked, what they record, and the confirmation. */
  async function reset(): Promise<void> {
    const current = chosen.value;
    if (!current || action.value !== 'reset' || !canSubmit.value) return;
    busy.value = true;
    try {
      result.value = await invoke('reset:perform', evidence(current.user));
      eligibility.value = null;
      codeEligibility.value = null;
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
    codeEligibility.value = null;
    issued.value = null;
    hours.value = ACCESS_CODE_HOURS.default;
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
    const user = target.value;
    if (user && (await unlock(user))) await check();
  }

  /** Starts the workflow afresh for one user (opened from their panel in the Directory), their email checked at once. */
  async function startFor(userEmail: string): Promise<void> {
    startOver();
    email.value = userEmail;
    await check();
  }

  /** Moves the triaged caller's email into the verified workflow, with `chosen` picked when it is possible. */
  async function startFromTriage(wanted: VerifiedAction): Promise<void> {
    const user = triage.value?.user;
    if (!user) return;
    email.value = user.email;
    await check();
    if (answers.value[wanted]?.eligible) action.value = wanted;
  }

  return {
    email,
    eligibility,
    codeEligibility,
    action,
    hours,
    issued,
    answers,
    chosen,
    refusal,
    target,
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
    canSubmit,
    hoursValid,
    check,
    reset,
    issueCode,
    startOver,
    runTriage,
    unlockTriaged,
    unlockTarget,
    startFromTriage,
    startFor,
  };
});
