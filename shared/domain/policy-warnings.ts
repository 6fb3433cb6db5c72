/**
 * R-POL-5: warnings an admin sees before saving the policy. They never block saving: the admin may have good
 * reasons (for example an incident), but should know the deadline is in the past or leaves users under 30 days.
 */
import { enforcementInstant } from './enforcement-instant';
import type { DomainPolicy } from './policy';

/** Days the guide recommends between announcing MFA and enforcing it. */
export const RECOMMENDED_NOTICE_DAYS = 30;

const DAY_MS = 86_400_000;

/** A warning about the policy being saved. */
export type PolicyWarning =
  | { readonly code: 'deadline_in_past'; readonly message: string }
  | { readonly code: 'deadline_soon'; readonly daysLeft: number; readonly message: string }
  | { readonly code: 'required_without_deadline'; readonly message: string }
  | { readonly code: 'deadline_midnight_skipped'; readonly localTime: string; readonly message: string }
  | { readonly code: 'deadline_midnight_repeated'; readonly message: string };

/** The code of a warning. */
export type PolicyWarningCode = PolicyWarning['code'];

/**
 * Warnings for a policy as it would be saved at `now`. Only a policy with MFA required is checked: while it is off,
 * the deadline has no effect. The date and zone are assumed valid (the policy schema checks them).
 */
export function policyWarnings(
  policy: Pick<DomainPolicy, 'required' | 'deadlineDate' | 'deadlineZone'>,
  now: number,
): PolicyWarning[] {
  if (!policy.required) return [];
  if (policy.deadlineDate === null) {
    return [
      {
        code: 'required_without_deadline',
        message:
          'MFA is required with no deadline, so every user must set it up at their next sign-in, with no early enrollment period. Set a deadline to give users time.',
      },
    ];
  }
  const start = enforcementInstant(policy.deadlineDate, policy.deadlineZone);
  if (!start.ok) return [];
  const warnings: PolicyWarning[] = [];
  if (start.at <= now) {
    warnings.push({
      code: 'deadline_in_past',
      message:
        'The deadline has already passed, so MFA is enforced as soon as you save: users who have not set it up must do so at their next sign-in. Pick a later date to give them time.',
    });
  } else if (start.at - now < RECOMMENDED_NOTICE_DAYS * DAY_MS) {
    const remaining = start.at - now;
    const daysLeft = Math.ceil(remaining / DAY_MS);
    const inDays = remaining < DAY_MS ? 'less than a day' : daysLeft === 1 ? '1 day' : `${daysLeft} days`;
    warnings.push({
      code: 'deadline_soon',
      daysLeft,
      message: `Enforcement begins in ${inDays}. Give users at least ${RECOMMENDED_NOTICE_DAYS} days between your announcement and the deadline so they can set up MFA at their own pace.`,
    });
  }
  if (start.midnightSkipped) {
    warnings.push({
      code: 'deadline_midnight_skipped',
      localTime: start.localTime,
      message: `Midnight does not exist on ${policy.deadlineDate} in ${policy.deadlineZone} because clocks jump forward, so enforcement begins at ${start.localTime} local time.`,
    });
  }
  if (start.midnightRepeated) {
    warnings.push({
      code: 'deadline_midnight_repeated',
      message: `Midnight occurs twice on ${policy.deadlineDate} in ${policy.deadlineZone} because clocks go back from 01:00 to 00:00, so enforcement begins at the first midnight.`,
    });
  }
  return warnings;
}
