/**
 * Directory lookups (R-DIR-1, R-DIR-2, R-RST-1): the case-insensitive email key, exact email match and SSO users.
 */
import type { DomainCompany } from './model';

/** The key emails are compared by: surrounding spaces removed, lower case (store it as `email_lower`). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain part of an email, lower case (`''` when there is no `@`). */
export function emailDomain(email: string): string {
  const key = emailKey(email);
  const at = key.lastIndexOf('@');
  return at < 0 ? '' : key.slice(at + 1);
}

/**
 * R-DIR-2: true when the email's domain is exactly one of the company's SSO domains.
 * Subdomains do not count (`eu.example.com` is not `example.com`): an admin lists each domain the IdP handles.
 */
export function isSsoUser(email: string, company: Pick<DomainCompany, 'ssoDomains'>): boolean {
  const domain = emailDomain(email);
  return domain !== '' && company.ssoDomains.some((sso) => emailKey(sso) === domain);
}

/**
 * R-RST-1: the user whose email is exactly the typed one, compared case-insensitively; null when none.
 * No fuzzy matching: a typo finds nobody, so a reset never lands on the wrong person.
 */
export function exactEmailMatch<U extends { readonly email: string }>(typed: string, users: Iterable<U>): U | null {
  const key = emailKey(typed);
  if (key === '') return null;
  for (const user of users) {
    if (emailKey(user.email) === key) return user;
  }
  return null;
}
