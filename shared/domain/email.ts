/**
 * R-DIR-1 what a valid email is, for every side (import, user edits, operator pickers): one address, at most 254
 * characters; a local part of at most 64 characters of letters, digits and `!#$%&'*+/=?^_`{|}~.-`, not starting or
 * ending with a dot and without two dots in a row; a domain of dot-separated labels (letters, digits, inner
 * hyphens) ending in a top-level domain of at least two letters (or an `xn--` label).
 */
import { z } from 'zod';

/** Longest email accepted (the SMTP path limit). */
export const EMAIL_MAX_LENGTH = 254;

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** True when `email` (already trimmed) is a valid address by the rule above. */
export function isValidEmail(email: string): boolean {
  if (email.length > EMAIL_MAX_LENGTH) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (!LOCAL.test(local) || labels.length < 2) return false;
  return labels.every((label) => LABEL.test(label)) && TOP_LEVEL.test(labels[labels.length - 1] ?? '');
}

/** The plain-words refusal of an invalid email. */
export function invalidEmailMessage(email: string): string {
  return email.length > EMAIL_MAX_LENGTH
    ? `That email is too long (at most ${EMAIL_MAX_LENGTH} characters).`
    : `"${email}" is not a valid email address. Write it like name@company.com.`;
}

/** An email in a request: surrounding spaces removed, then checked with `isValidEmail`. */
export const emailSchema = z
  .string({ error: 'Email is missing.' })
  .trim()
  .refine(isValidEmail, { error: (issue) => invalidEmailMessage(String(issue.input)) });
