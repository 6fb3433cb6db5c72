/**
 * The change a policy save makes, in words, for the confirmation dialog ("MFA will be required from Friday 17 July
 * 2026 at 00:00 in America/New_York.") — the admin confirms what will happen, not a list of field names.
 */
import type { PolicyView } from '../../shared/api/routes/admin-policy';
import { MAX_CONSECUTIVE_FAILURES } from '../../shared/domain/lockout';
import { METHOD_LABELS } from '../../shared/domain/methods';
import type { IpcError } from '../../shared/ipc/define';
import { formatCalendarDate } from './use-calendar-dates';
import { fieldName, isPolicySetting } from './use-policy-labels';

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
  | 'signInRetentionDays'
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
    signInRetentionDays: policy.signInRetentionDays,
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
const count = (n: unknown, one: string, many: string) => (n === 1 ? `1 ${one}` : `${String(n)} ${many}`);

/** A value as the history shows it, for anything a stored entry may hold. */
function plainWords(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.map(plainWords).join(', ') || 'none';
  if (typeof value === 'object') return 'label' in value ? String(value.label) : JSON.stringify(value);
  return String(value);
}

/** One setting's value in words ("12 minutes", "Friday 17 July 2026", "Authenticator app, Text message (SMS)"). */
export function policySettingWords(key: string, value: unknown): string {
  if (!isPolicySetting(key) || value === undefined) return plainWords(value);
  switch (key) {
    case 'required':
      return value === true ? 'on' : 'off';
    case 'deadlineDate':
      return typeof value === 'string' ? formatCalendarDate(value) : 'no deadline';
    case 'allowedMethods':
      return Array.isArray(value) ? value.map((kind: unknown) => (kind === 'totp' || kind === 'sms' ? METHOD_LABELS[kind] : String(kind))).join(', ') : plainWords(value);
    case 'smsCodeTtlMinutes':
    case 'lockoutMinutes':
      return count(value, 'minute', 'minutes');
    case 'sessionIdleMinutes':
      return value === null ? 'never' : `after ${count(value, 'minute', 'minutes')}`;
    case 'sessionLifetimeHours':
      return count(value, 'hour', 'hours');
    case 'lockoutThreshold':
      return count(value, 'wrong code', 'wrong codes');
    case 'staleAfterDays':
    case 'signInRetentionDays':
      return count(value, 'day', 'days');
    default:
      return plainWords(value);
  }
}


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
  if ('signInRetentionDays' in changed) {
    const shorter = after.signInRetentionDays < before.signInRetentionDays ? ' Older attempts are removed when you save.' : '';
    lines.push(`Sign-in activity will be kept ${after.signInRetentionDays} days (was ${before.signInRetentionDays}).${shorter}`);
  }
  return lines;
}

/**
 * Why a save failed, for beside the Save button: each refused setting by the form's name with the service's words
 * (never a field's code name), else the error's own message.
 */
export function saveFailure(error: IpcError | null): string {
  if (!error) return 'The MFA policy was not saved: something unexpected went wrong. Try again.';
  const refused = Object.entries(error.fields ?? {}).filter(([key]) => key !== '_');
  if (refused.length === 0) return `The MFA policy was not saved. ${error.message}`;
  return `The MFA policy was not saved. ${refused.map(([key, message]) => `${fieldName(key)}: ${message}`).join(' ')}`;
}
