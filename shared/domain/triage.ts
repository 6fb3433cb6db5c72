/**
 * R-RST-4 "Locked out?" triage for helpdesk staff: from the email a caller gives, say who can help and why, in
 * plain words, plus what the caller can do at once. The advice matches what the sign-in screens allow at that
 * moment, in their own words: while verification is locked there is no way to verify at all (not even the
 * recovery code), so the triage says when the lock ends, in the helpdesk's and the caller's time. Users without a
 * password yet (R-DIR-5) are sent to their invitation, or to a company admin who can (re)send it.
 */
import { DateTime } from 'luxon';
import type { AccountAccess } from './account-access';
import { contactName, mfaContact, type Contact } from './contacts';
import { emailDomain, isSsoUser } from './directory';
import { adminLockWords, isLocked, isUntilAdminUnlocks } from './lockout';
import { isEnrolled } from './model';
import type { DomainCompany, DomainUser } from './model';
import type { DomainPolicy } from './policy';
import { CHALLENGE_OPTION_LABELS, SCREEN_ACTIONS, SCREEN_TITLES, quoted } from './screen-labels';

/** Who can help: a contact, the user themselves, or nobody we know of (the email is not in the directory). */
export type Helper = Contact | 'self_service' | 'unknown';

/** The triage answer. */
export interface Triage {
  readonly helper: Helper;
  /** One line: who to contact. */
  readonly headline: string;
  /** Why that is the right place. */
  readonly why: string;
  /** While verification is locked: when the lock ends, in the helpdesk's and the user's time; else null. */
  readonly lock: string | null;
  /** Things the caller can try now. */
  readonly tips: readonly string[];
}

/**
 * What the triage reads. `user` is the exact email match or null; `hasRecoveryCode` when known; `accessCodeUntil`:
 * when the temporary access code a helpdesk issued them stops working, while they have one they can still use.
 */
export interface TriageInput {
  readonly user: DomainUser | null;
  readonly company: Pick<DomainCompany, 'ssoDomains'>;
  readonly policy: Pick<DomainPolicy, 'required'>;
  readonly hasRecoveryCode?: boolean;
  readonly accessCodeUntil?: number | null;
  readonly now: number;
  /** R-DIR-5: whether the user has a password or where their invitation stands (known by the service). */
  readonly access?: AccountAccess;
  /** When the waiting invitation stops working, for `invited`. */
  readonly invitationExpiresAt?: number | null;
  /** The helpdesk's IANA time zone, for when a lock ends. */
  readonly viewerZone: string;
}

const SPAM_TIP = 'Ask them to search their inbox, and the spam folder, for the invitation email (it names the company).';

function daysLeft(until: number, now: number): string {
  const days = Math.max(1, Math.ceil((until - now) / 86_400_000));
  return days === 1 ? '1 more day' : `${days} more days`;
}

/** The guide's "Need help logging in?": for users without a password, the invitation is the way in. */
function invitationTriage(access: AccountAccess, input: TriageInput): Triage | null {
  switch (access) {
    case 'invited':
      return {
        helper: 'self_service',
        headline: 'Check the inbox for the invitation.',
        why: `This user was invited but has not set a password yet. The invitation email has a link to set it, which works for ${daysLeft(input.invitationExpiresAt ?? input.now, input.now)}. If it cannot be found, a company admin can resend the invitation from the Directory.`,
        lock: null,
        tips: [SPAM_TIP],
      };
    case 'invitation_expired':
      return {
        helper: 'company_admin',
        headline: 'Contact a company admin to resend the invitation.',
        why: 'The invitation expired before a password was set, so this user cannot sign in yet. A company admin can resend the invitation from the Directory.',
        lock: null,
        tips: [`Opening the expired link also offers ${quoted(SCREEN_ACTIONS.sendNewLink)}, which sends a new one to the same address.`],
      };
    case 'invitation_revoked':
      return {
        helper: 'company_admin',
        headline: 'Contact a company admin.',
        why: 'A company admin withdrew this user’s invitation, so they have no password and cannot sign in. Only a company admin can invite them again.',
        lock: null,
        tips: [],
      };
    case 'never_invited':
      return {
        helper: 'company_admin',
        headline: 'Contact a company admin to send the invitation.',
        why: 'This user is in the directory but was never invited, so they have no password and cannot sign in. A company admin can invite them from the Directory.',
        lock: null,
        tips: [],
      };
    default:
      return null;
  }
}

const NOTHING_WHILE_LOCKED = `Until then the sign-in screen offers no way to verify, not even ${quoted(CHALLENGE_OPTION_LABELS.recovery_code)}: telling them to try their recovery code would not help.`;

/** How to use the recovery code, in the words of the sign-in screens. */
const RECOVERY_TIP = `If they saved their recovery code, they can sign in with it now: on ${quoted(SCREEN_TITLES.challengeChoice)} they choose ${quoted(CHALLENGE_OPTION_LABELS.recovery_code)}.`;

/** How to use a temporary access code already issued, in the words of the sign-in screens. */
function accessCodeTip(until: number, zone: string): string {
  return `They have a temporary access code, valid until ${localTime(until, zone)} your time: on ${quoted(SCREEN_TITLES.challengeChoice)} they choose ${quoted(CHALLENGE_OPTION_LABELS.temporary_access_code)}, then set up a new method.`;
}

/** "14:05 on Tue 8 Dec 2026" in `zone`. */
function localTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).setLocale('en-GB').toFormat("HH:mm 'on' ccc d LLL yyyy");
}

/** "in 12 minutes", "in about 3 hours", "in about 2 days". */
function waitWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 90) return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in about ${hours} hours`;
  return `in about ${Math.round(hours / 24)} days`;
}

/**
 * When a lock ends, from the lock end the service recorded (`lockedUntil`, never recomputed here), in the helpdesk's
 * time zone and in the user's; or, for a lock after 100 wrong codes in a row, that it lasts until `contact` (who
 * helps this user with their MFA, `mfaContact`) unlocks it. Triage, the Reset screen and the directory's user panel
 * all say a lock with these words.
 */
export function lockEndWords(lockedUntil: number, now: number, zones: { readonly viewer: string; readonly user: string }, contact: Contact): string {
  if (isUntilAdminUnlocks(lockedUntil)) return adminLockWords(contactName(contact));
  const yours = `${localTime(lockedUntil, zones.viewer)} your time (${zones.viewer})`;
  const theirs = zones.user === zones.viewer ? 'the same for them' : `${localTime(lockedUntil, zones.user)} their time (${zones.user})`;
  return `Verification is locked after too many wrong codes. It unlocks by itself ${waitWords(lockedUntil - now)}: at ${yours}; ${theirs}.`;
}

/** The lock line for a locked user, or null. */
function lockOf(user: DomainUser, input: TriageInput, contact: Contact): string | null {
  if (!isLocked(user, input.now) || user.lockedUntil === null) return null;
  return lockEndWords(user.lockedUntil, input.now, { viewer: input.viewerZone, user: user.timeZone }, contact);
}

/** Who can help the caller with this email. */
export function lockedOutTriage(input: TriageInput): Triage {
  const { user, company, policy } = input;
  if (user === null) {
    return {
      helper: 'unknown',
      headline: 'This email is not in the directory.',
      why: 'No user has exactly this email, so no one here can reset it. Check the spelling with the caller; they may use another email or belong to another company, whose admin can help.',
      lock: null,
      tips: [],
    };
  }
  if (user.status === 'inactive') {
    return {
      helper: 'company_admin',
      headline: 'Contact a company admin.',
      why: 'The account is inactive, so it cannot sign in at all. A company admin must reactivate it in the directory first.',
      lock: null,
      tips: [],
    };
  }
  const contact = mfaContact({ accountType: user.accountType, sso: isSsoUser(user.email, company) });
  if (contact === 'it_department') {
    return {
      helper: 'it_department',
      headline: 'Contact your IT department.',
      why: `Users on ${emailDomain(user.email)} sign in through the company's identity provider, which runs their MFA. Only IT can reset it there.`,
      lock: null,
      tips: [],
    };
  }
  const invitation = input.access ? invitationTriage(input.access, input) : null;
  if (invitation) return invitation;
  const lock = lockOf(user, input, contact);
  const recovery = input.hasRecoveryCode === false ? [] : [RECOVERY_TIP];
  if (contact === 'payments_support') {
    return {
      helper: 'payments_support',
      headline: 'Contact Payments support.',
      why: 'This is a payments account: MFA is always required, and only Payments support can reset it. Company admins cannot.',
      lock,
      tips:
        lock !== null
          ? [NOTHING_WHILE_LOCKED, 'Company admins cannot unlock payments accounts either: only Payments support can unlock them.']
          : [...recovery, ...(recovery.length > 0 ? ['The Payments tool itself still asks for a code from their app or phone: the recovery code only signs them in.'] : [])],
    };
  }
  if (!isEnrolled(user)) {
    return {
      helper: 'self_service',
      headline: 'No reset is needed.',
      why: 'This user has not set up MFA yet, so there is nothing to reset. At their next sign-in they will be asked to set it up.',
      lock: null,
      tips: [],
    };
  }
  const accessCode = input.accessCodeUntil != null && input.accessCodeUntil > input.now ? [accessCodeTip(input.accessCodeUntil, input.viewerZone)] : [];
  const tips = lock !== null ? [NOTHING_WHILE_LOCKED] : [...accessCode, ...recovery];
  if (!policy.required) {
    return {
      helper: 'company_admin',
      headline: 'Contact a company admin.',
      why: `This user has MFA set up, but the company does not require MFA, so resets and temporary access codes are not available. A company admin must turn on Require MFA first.${lock !== null ? ' Helpdesk staff or a company admin can still unlock their verification now.' : ''}`,
      lock,
      tips,
    };
  }
  return {
    helper: 'company_admin',
    headline: 'Contact a company admin.',
    why: `After verifying who is asking, helpdesk staff (or a company admin) can issue a temporary access code: it replaces the code once, and they set up a new method at once. A company admin with Admin permission on Company Admin and Directory can instead reset their MFA; they then set it up again at their next sign-in.${lock !== null ? ' If they still have their phone, helpdesk staff or a company admin can simply unlock their verification now.' : ''}`,
    lock,
    tips,
  };
}
