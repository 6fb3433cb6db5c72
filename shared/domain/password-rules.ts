/**
 * R-DIR-5 passwords, as NIST SP 800-63B asks: 12 to 128 characters, any characters, no composition rules;
 * refused when it is a commonly breached password or contains the user's email or the company's name.
 * The breached-password list is passed in (the service loads it), so the rule stays pure.
 */

/** Length bounds, counted in Unicode characters after NFKC normalisation (what is hashed). */
export const PASSWORD_LENGTH = { min: 12, max: 128 } as const;

/** Why a password was refused. */
export type PasswordProblem = 'too_short' | 'too_long' | 'breached' | 'contains_email' | 'contains_company';

/** The verdict on a new password. */
export type PasswordCheck = { ok: true } | { ok: false; problem: PasswordProblem; message: string };

/** What the context-word rule compares against. */
export interface PasswordContext {
  readonly email: string;
  readonly companyName: string;
}

/** The form passwords are compared and hashed in: NFKC (so look-alike forms of a character are one password). */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The form a breached-password list is looked up in: normalised and lower-cased. */
export function passwordListKey(password: string): string {
  return normalizePassword(password).toLowerCase();
}

/** Length in characters (code points) after normalisation. */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

/** Lower-case words of at least 4 letters or digits (shorter ones would refuse too many good passwords). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 4);
}

/** The context words a password must not contain: the email, its local part, the company name and its words. */
export function contextWords(context: PasswordContext): { email: string[]; company: string[] } {
  const email = context.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const company = context.companyName.trim().toLowerCase();
  const compactCompany = company.replace(/[^\p{L}\p{N}]+/gu, '');
  return {
    email: [email, ...([...local].length >= 4 ? [local] : [])].filter((word) => word !== ''),
    company: [...new Set([company, compactCompany, ...words(company)])].filter((word) => [...word].length >= 4),
  };
}

/** Checks a new password; `isBreached` answers for the list key (`passwordListKey`). */
export function checkPassword(password: string, context: PasswordContext, isBreached: (listKey: string) => boolean): PasswordCheck {
  const length = passwordLength(password);
  if (length < PASSWORD_LENGTH.min) {
    return {
      ok: false,
      problem: 'too_short',
      message: `Use at least ${PASSWORD_LENGTH.min} characters (this one has ${length}). A few unrelated words make a long password that is easy to remember.`,
    };
  }
  if (length > PASSWORD_LENGTH.max) {
    return { ok: false, problem: 'too_long', message: `Use at most ${PASSWORD_LENGTH.max} characters (this one has ${length}).` };
  }
  const key = passwordListKey(password);
  if (isBreached(key)) {
    return {
      ok: false,
      problem: 'breached',
      message: 'This password appears in lists of passwords exposed in data breaches, so attackers try it first. Choose another one.',
    };
  }
  const context_ = contextWords(context);
  if (context_.email.some((word) => key.includes(word))) {
    return { ok: false, problem: 'contains_email', message: 'Choose a password that does not contain your email address or its name part.' };
  }
  const company = context_.company.find((word) => key.includes(word));
  if (company !== undefined) {
    return {
      ok: false,
      problem: 'contains_company',
      message: `Choose a password that does not contain your company's name ("${company}"): it is among the first words an attacker tries.`,
    };
  }
  return { ok: true };
}
