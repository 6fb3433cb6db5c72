/**
 * The company MFA policy (R-POL-2, R-POL-6, R-POL-7, R-SMS-1, R-AUTH-2, R-AUTH-4, R-RST-3, R-DIR-3, R-LOG-1): its schema with
 * plain-words messages, defaults, and helpers to apply an update and list what changed for the audit log.
 */
import { z } from 'zod';
import { methodKindSchema, timeZoneSchema } from './model';
import { isValidCalendarDate } from './time-zone';

/** Bounds and defaults of the policy settings. */
export const POLICY_LIMITS = {
  smsCodeTtlMinutes: { min: 1, max: 30, default: 10 },
  /** NIST SP 800-63B: never more than 100 consecutive failures. */
  lockoutThreshold: { min: 1, max: 100, default: 5 },
  lockoutMinutes: { min: 1, max: 1440, default: 15 },
  sessionIdleMinutes: { min: 5, max: 10080, default: null },
  /** NIST SP 800-63B AAL2: sign in again at least every 12 hours; never more than 30 days (AAL1). */
  sessionLifetimeHours: { min: 1, max: 720, default: 12 },
  staleAfterDays: { min: 1, max: 3650, default: 90 },
  /** R-LOG-1: sign-in activity is kept 90 days by default (Okta's System Log keeps 90). */
  signInRetentionDays: { min: 1, max: 3650, default: 90 },
  resetChecklistItems: { max: 20 },
  resetChecklistLabel: { max: 200 },
} as const;

const int = (min: number, max: number, message: string) =>
  z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });

/** One identity check of the verified reset workflow (R-RST-3). */
export const resetCheckItemSchema = z.object({
  id: z
    .string({ error: 'Each check needs an id.' })
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: 'A check id uses lower-case letters, digits, - or _ (at most 40).' }),
  label: z
    .string({ error: 'Each check needs a label.' })
    .trim()
    .min(1, { error: 'A check needs a label that says what to verify.' })
    .max(POLICY_LIMITS.resetChecklistLabel.max, { error: 'Keep each check label under 200 characters.' }),
  /** What the operator must type when ticking this check (the ticket number, …), named as a field label. */
  record: z
    .string({ error: 'Name what this check records, such as Ticket number.' })
    .trim()
    .min(1, { error: 'Name what this check records, such as Ticket number, or leave it out.' })
    .max(60, { error: 'Keep the name of what a check records under 60 characters.' })
    .optional(),
});
/** One identity check: `{ id, label, record? }`. */
export type ResetCheckItem = z.infer<typeof resetCheckItemSchema>;

const allowedMethodsSchema = z
  .array(methodKindSchema, { error: 'Allowed methods must be a list.' })
  .refine((kinds) => kinds.includes('totp'), {
    error: 'The authenticator app is always allowed: keep it in the list.',
  })
  .transform((kinds) => methodKindSchema.options.filter((kind) => kinds.includes(kind)));

const checklistSchema = z
  .array(resetCheckItemSchema, { error: 'The reset checklist must be a list.' })
  .max(POLICY_LIMITS.resetChecklistItems.max, { error: 'Keep the reset checklist to 20 checks or fewer.' })
  .refine((items) => new Set(items.map((item) => item.id)).size === items.length, {
    error: 'Two checks in the reset checklist have the same id: give each its own.',
  });

const { smsCodeTtlMinutes, lockoutThreshold, lockoutMinutes, sessionIdleMinutes, sessionLifetimeHours, staleAfterDays, signInRetentionDays } = POLICY_LIMITS;

/** The whole policy, as stored and as the rules read it. */
export const policySchema = z.object({
  required: z.boolean({ error: 'Say whether MFA is required (on or off).' }),
  deadlineDate: z
    .string({ error: 'Pick a deadline date.' })
    .refine(isValidCalendarDate, { error: 'Pick a real calendar date for the deadline, written YYYY-MM-DD.' })
    .nullable(),
  deadlineZone: timeZoneSchema,
  allowedMethods: allowedMethodsSchema,
  smsCodeTtlMinutes: int(smsCodeTtlMinutes.min, smsCodeTtlMinutes.max, 'SMS codes must stay valid for 1 to 30 minutes.'),
  lockoutThreshold: int(
    lockoutThreshold.min,
    lockoutThreshold.max,
    'Lock the account after 1 to 100 wrong codes in a row (more than 100 is never allowed).',
  ),
  lockoutMinutes: int(lockoutMinutes.min, lockoutMinutes.max, 'The first lockout lasts 1 to 1440 minutes (24 hours).'),
  sessionIdleMinutes: int(
    sessionIdleMinutes.min,
    sessionIdleMinutes.max,
    'The idle timeout is 5 to 10080 minutes (7 days), or none.',
  ).nullable(),
  sessionLifetimeHours: int(
    sessionLifetimeHours.min,
    sessionLifetimeHours.max,
    'Sessions last 1 to 720 hours (30 days) before the user signs in again.',
  ),
  resetChecklist: checklistSchema,
  staleAfterDays: int(staleAfterDays.min, staleAfterDays.max, 'A user is stale after 1 to 3650 days without signing in.'),
  signInRetentionDays: int(signInRetentionDays.min, signInRetentionDays.max, 'Keep sign-in activity for 1 to 3650 days.'),
});
/** The company MFA policy. */
export type DomainPolicy = z.infer<typeof policySchema>;

/** A policy update: any subset of the settings, each validated like the whole policy. */
export const policyUpdateSchema = policySchema.partial();
/** Parsed policy update. */
export type PolicyUpdate = z.infer<typeof policyUpdateSchema>;

/** The checks a new company starts with; admins edit them (R-RST-3). */
export const DEFAULT_RESET_CHECKLIST: readonly ResetCheckItem[] = [
  { id: 'call-back', label: 'Called the user back on the phone number on file' },
  { id: 'manager', label: "Confirmed the request with the user's manager" },
  { id: 'ticket', label: 'Recorded the helpdesk ticket number', record: 'Ticket number' },
];

/** The policy of a company that has not turned MFA on yet; the deadline zone is the admin's zone. */
export function defaultPolicy(deadlineZone: string): DomainPolicy {
  return {
    required: false,
    deadlineDate: null,
    deadlineZone,
    allowedMethods: ['totp', 'sms'],
    smsCodeTtlMinutes: smsCodeTtlMinutes.default,
    lockoutThreshold: lockoutThreshold.default,
    lockoutMinutes: lockoutMinutes.default,
    sessionIdleMinutes: sessionIdleMinutes.default,
    sessionLifetimeHours: sessionLifetimeHours.default,
    resetChecklist: DEFAULT_RESET_CHECKLIST.map((item) => ({ ...item })),
    staleAfterDays: staleAfterDays.default,
    signInRetentionDays: signInRetentionDays.default,
  };
}

/** The policy after an update (fields absent from the update keep their value). */
export function applyPolicyUpdate(current: DomainPolicy, update: PolicyUpdate): DomainPolicy {
  const next: DomainPolicy = { ...current };
  for (const key of Object.keys(update) as (keyof DomainPolicy)[]) {
    const value = update[key];
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  return next;
}

/** Names of the settings whose value differs between two policies (for the audit log's before/after). */
export function changedPolicyFields(before: DomainPolicy, after: DomainPolicy): (keyof DomainPolicy)[] {
  const keys = Object.keys(policySchema.shape) as (keyof DomainPolicy)[];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
