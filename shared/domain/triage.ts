/**
 * R-RST-4 "Locked out?" triage for helpdesk staff: from the email a caller gives, say who can help and why, in
 * plain words, plus tips the caller can act on at once (their recovery code, waiting out a lock).
 */
import type { Contact } from './contacts';
import { emailDomain, isSsoUser } from './directory';
import { MAX_CONSECUTIVE_FAILURES, lockEnd } from './lockout';
import { isEnrolled, isPaymentsUser } from './model';
import type { DomainCompany, DomainUser } from './model';
import type { DomainPolicy } from './policy';

/** Who can help: a contact, the user themselves, or nobody we know of (the email is not in the directory). */
export type Helper = Contact | 'self_service' | 'unknown';

/** The triage answer. */
export interface Triage {
  readonly helper: Helper;
  /** One line: who to contact. */
  readonly headline: string;
  /** Why that is the right place. */
  readonly why: string;
  /** Things the caller can try now. */
  readonly tips: readonly string[];
}

/** What the triage reads. `user` is the exact email match or null; `hasRecoveryCode` when known. */
export interface TriageInput {
  readonly user: DomainUser | null;
  readonly company: Pick<DomainCompany, 'ssoDomains'>;
  readonly policy: Pick<DomainPolicy, 'required'>;
  readonly hasRecoveryCode?: boolean;
  readonly now: number;
}

const RECOVERY_TIP = 'If they saved their recovery code, they can sign in with it now (choose "Use a recovery code").';

function lockTip(user: DomainUser, now: number): string[] {
  const end = lockEnd(user, now);
  if (end === null) return [];
  if (end.kind === 'admin_unlock') {
    return [`Verification is locked after ${MAX_CONSECUTIVE_FAILURES} wrong codes in a row; it stays locked until it is unlocked for them.`];
  }
  const minutes = Math.max(1, Math.ceil((end.at - now) / 60_000));
  return [
    `Verification is locked after too many wrong codes; it unlocks by itself in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`,
  ];
}

/** Who can help the caller with this email. */
export function lockedOutTriage(input: TriageInput): Triage {
  const { user, company, policy, now } = input;
  if (user === null) {
    return {
      helper: 'unknown',
      headline: 'This email is not in the directory.',
      why: 'No user has exactly this email, so no one here can reset it. Check the spelling with the caller; they may use another email or belong to another company, whose admin can help.',
      tips: [],
    };
  }
  if (user.status === 'inactive') {
    return {
      helper: 'company_admin',
      headline: 'Contact a company admin.',
      why: 'The account is inactive, so it cannot sign in at all. A company admin must reactivate it in the directory first.',
      tips: [],
    };
  }
  if (isSsoUser(user.email, company)) {
    return {
      helper: 'it_department',
      headline: 'Contact your IT department.',
      why: `Users on ${emailDomain(user.email)} sign in through the company's identity provider, which runs their MFA. Only IT can reset it there.`,
      tips: [],
    };
  }
  if (isPaymentsUser(user)) {
    return {
      helper: 'payments_support',
      headline: 'Contact Payments support.',
      why: 'This is a payments account: MFA is always required, and only Payments support can reset it. Company admins cannot.',
      tips: [...lockTip(user, now), ...(input.hasRecoveryCode === false ? [] : [RECOVERY_TIP])],
    };
  }
  if (!isEnrolled(user)) {
    return {
      helper: 'self_service',
      headline: 'No reset is needed.',
      why: 'This user has not set up MFA yet, so there is nothing to reset. At their next sign-in they will be asked to set it up.',
      tips: [],
    };
  }
  const tips = [...lockTip(user, now), ...(input.hasRecoveryCode === false ? [] : [RECOVERY_TIP])];
  if (!policy.required) {
    return {
      helper: 'company_admin',
      headline: 'Contact a company admin.',
      why: 'This user has MFA set up, but the company does not require MFA, so resets are not available. A company admin must turn on Require MFA before resetting.',
      tips,
    };
  }
  return {
    helper: 'company_admin',
    headline: 'Contact a company admin.',
    why: 'A company admin with Admin permission on Company Admin and Directory can reset their MFA after verifying who is asking. They then set MFA up again at their next sign-in.',
    tips,
  };
}
