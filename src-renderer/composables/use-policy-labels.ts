/**
 * The MFA policy's settings by the names the policy form gives them, for every place that names a setting: the form,
 * its history of changes and the audit log's details. Kept free of heavy imports so the Audit screen can use it.
 */
import type { PolicyDraft } from './use-policy-change';

/** What the form calls each setting (without the unit the form's fields add, such as "(minutes)"). */
export const POLICY_SETTING_LABELS: Readonly<Record<keyof PolicyDraft, string>> = {
  required: 'Require MFA for everyone in the company',
  deadlineDate: 'Enforcement deadline',
  deadlineZone: 'Time zone the date is read in',
  allowedMethods: 'Allowed methods',
  smsCodeTtlMinutes: 'SMS codes stay valid',
  lockoutThreshold: 'Lock after wrong codes in a row',
  lockoutMinutes: 'First lockout lasts',
  sessionIdleMinutes: 'End sessions after inactivity',
  sessionLifetimeHours: 'Sign in again after',
  resetChecklist: 'Reset identity checklist',
  staleAfterDays: 'A user is stale after',
  signInRetentionDays: 'Keep sign-in activity for',
};

/** True when `key` names a policy setting. */
export function isPolicySetting(key: string): key is keyof PolicyDraft {
  return Object.hasOwn(POLICY_SETTING_LABELS, key);
}

/** A field name in words: a policy setting by the form's name, anything else split from camelCase ("fooBar" → "Foo bar"). */
export function fieldName(key: string): string {
  if (isPolicySetting(key)) return POLICY_SETTING_LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
