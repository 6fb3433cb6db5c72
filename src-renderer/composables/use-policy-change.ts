/**
 * The change a policy save makes, in words, for the confirmation dialog ("MFA will be required from Friday 17 July
 * 2026 at 00:00 in America/New_York.") — the admin confirms what will happen, not a list of field names.
 */
import type { PolicyView } from '../../shared/api/routes/admin-policy';
import { MAX_CONSECUTIVE_FAILURES } from '../../shared/domain/lockout';
import { formatCalendarDate } from './use-calendar-dates';

/** The settings the policy form edits. */
export type PolicyDraft = Pick<
  PolicyView,
  | 'required'
  | 'deadlineDate'
  | 'deadlineZone'
  | 'allowedMethods'
  | 'smsCodeTtlMinutes'
  | 'lockoutThreshold'
  | 'lockoutMinutes'
  | 'sessionIdleMinutes'
  | 'sessionLifetimeHours'
  | 'resetChecklist'
  | 'staleAfterDays'
>;

/** The settings of a policy, as a draft to edit. */
export function draftOf(policy: PolicyDraft): PolicyDraft {
  return {
    required: policy.required,
    deadlineDate: policy.deadlineDate,
    deadlineZone: policy.deadlineZone,
    allowedMethods: [...policy.allowedMethods],
    smsCodeTtlMinutes: policy.smsCodeTtlMinutes,
    lockoutThreshold: policy.lockoutThreshold,
    lockoutMinutes: policy.lockoutMinutes,
    sessionIdleMinutes: policy.sessionIdleMinutes,
    sessionLifetimeHours: policy.sessionLifetimeHours,
    resetChecklist: policy.resetChecklist.map((item) => ({ ...item })),
    staleAfterDays: policy.staleAfterDays,
  };
}

/** Only the settings that differ, as the update to send. */
export function changedSettings(before: PolicyDraft, after: PolicyDraft): Partial<PolicyDraft> {
  const changed: Partial<PolicyDraft> = {};
  for (const key of Object.keys(after) as (keyof PolicyDraft)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(changed, { [key]: after[key] });
  }
  return changed;
}

const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);
const hours = (n: number) => (n === 1 ? '1 hour' : `${n} hours`);

function deadlineWords(draft: PolicyDraft): string {
  if (!draft.deadlineDate) return 'with no deadline: every user must set it up at their next sign-in';
  return `from ${formatCalendarDate(draft.deadlineDate)} at 00:00 in ${draft.deadlineZone}, for users in every time zone`;
}

/** One sentence per change, in the order the form shows the settings. */
export function describePolicyChange(before: PolicyDraft, after: PolicyDraft): string[] {
  const changed = changedSettings(before, after);
  const lines: string[] = [];
  const deadlineMoved = 'deadlineDate' in changed || ('deadlineZone' in changed && after.deadlineDate !== null);
  if ('required' in changed) {
    lines.push(after.required ? `MFA will be required ${deadlineWords(after)}.` : 'MFA will no longer be required by the company (payments users still need it).');
  } else if (deadlineMoved && after.required) {
    lines.push(`The enforcement deadline moves to ${deadlineWords(after).replace(/^from /, '')}.`);
  } else if (deadlineMoved) {
    lines.push(after.deadlineDate ? `The deadline is set to ${formatCalendarDate(after.deadlineDate)} (${after.deadlineZone}); it applies once MFA is required.` : 'The deadline is cleared.');
  }
  if ('allowedMethods' in changed) {
    lines.push(after.allowedMethods.includes('sms') ? 'Users may use text messages (SMS) as well as the authenticator app.' : 'Only the authenticator app will be allowed: text messages (SMS) are turned off.');
  }
  if ('smsCodeTtlMinutes' in changed) lines.push(`SMS codes will stay valid for ${minutes(after.smsCodeTtlMinutes)} (was ${minutes(before.smsCodeTtlMinutes)}).`);
  if ('lockoutThreshold' in changed || 'lockoutMinutes' in changed) {
    lines.push(
      `After ${after.lockoutThreshold} wrong codes in a row, MFA locks for ${minutes(after.lockoutMinutes)}, each lock in a row twice as long as the last (was ${before.lockoutThreshold} codes, ${minutes(before.lockoutMinutes)}). After ${MAX_CONSECUTIVE_FAILURES} in a row it stays locked until an admin unlocks it.`,
    );
  }
  if ('sessionIdleMinutes' in changed) {
    lines.push(after.sessionIdleMinutes === null ? 'Sessions will no longer end after inactivity.' : `Sessions will end after ${minutes(after.sessionIdleMinutes)} without activity.`);
  }
  if ('sessionLifetimeHours' in changed) {
    lines.push(`Users will sign in again after ${hours(after.sessionLifetimeHours)}, however active they are (was ${hours(before.sessionLifetimeHours)}). Console sessions end after 12 hours at most.`);
  }
  if ('resetChecklist' in changed) lines.push(`The reset identity checklist will have ${after.resetChecklist.length} checks: ${after.resetChecklist.map((item) => `“${item.label}”`).join(', ') || 'none'}.`);
  if ('staleAfterDays' in changed) lines.push(`Users become stale after ${after.staleAfterDays} days without signing in (was ${before.staleAfterDays}).`);
  return lines;
}
