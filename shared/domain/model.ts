/**
 * The vocabulary of the MFA rules (R-DIR-1, R-DIR-2): enums as zod schemas with their inferred types, and the
 * user and company shapes every other domain module works on. Values match the database columns one to one.
 */
import { z } from 'zod';
import type { countryCodeSchema } from './country';
import { canonicalTimeZone, isValidTimeZone } from './time-zone';

/** Re-exported so the vocabulary module offers the zone check it validates with. */
export { isValidTimeZone } from './time-zone';
/** Re-exported: a country is an assigned ISO 3166-1 alpha-2 code (R-DIR-1). */
export { countryCodeSchema } from './country';

/** Whether a directory user may sign in (R-DIR-3). */
export const userStatusSchema = z.enum(['active', 'inactive'], { error: 'Status must be active or inactive.' });
/** `active | inactive`. */
export type UserStatus = z.infer<typeof userStatusSchema>;

/** Standard users and the two payments roles, whose MFA is mandatory (R-PAY-1). */
export const accountTypeSchema = z.enum(['standard', 'payments_payor', 'payments_payee_admin'], {
  error: 'Account type must be standard, payments_payor or payments_payee_admin.',
});
/** `standard | payments_payor | payments_payee_admin`. */
export type AccountType = z.infer<typeof accountTypeSchema>;

/** Permission level on one tool (Company Admin or Directory). */
export const toolPermissionSchema = z.enum(['none', 'read_only', 'standard', 'admin'], {
  error: 'Permission must be none, read_only, standard or admin.',
});
/** `none | read_only | standard | admin`. */
export type ToolPermission = z.infer<typeof toolPermissionSchema>;

/** A second-factor method: authenticator app (TOTP) or text message. */
export const methodKindSchema = z.enum(['totp', 'sms'], { error: 'Method must be totp (authenticator app) or sms.' });
/** `totp | sms`. */
export type MethodKind = z.infer<typeof methodKindSchema>;

/** Every method kind, in the order the product lists them (the app first: it is the recommended one). */
export const METHOD_KINDS: readonly MethodKind[] = methodKindSchema.options;

/** ISO 3166-1 alpha-2 code such as `US`. */
export type CountryCode = z.infer<typeof countryCodeSchema>;

/** An IANA time zone the platform knows, such as `America/New_York`; an alias is read as its canonical name. */
export const timeZoneSchema = z
  .string({ error: 'Time zone is missing.' })
  .trim()
  .refine(isValidTimeZone, { error: 'Use a time zone from the IANA list, such as America/New_York or Europe/Paris.' })
  .overwrite((zone) => canonicalTimeZone(zone) ?? zone);

/**
 * Permissions of a user on the two tools that matter for MFA administration (R-DIR-1, R-POL-1), and the Helpdesk
 * permission (R-RST-5: Okta's Help Desk Admin, Entra's Helpdesk Administrator, Duo's Help Desk).
 */
export interface ToolPermissions {
  readonly companyAdmin: ToolPermission;
  readonly directory: ToolPermission;
  readonly helpdesk: boolean;
}

/**
 * A directory user as the rules see them.
 * `methods` lists the confirmed methods only (a method still being set up is not there); a user is enrolled when
 * it is not empty. Times are epoch milliseconds.
 */
export interface DomainUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly status: UserStatus;
  readonly country: CountryCode;
  readonly timeZone: string;
  readonly accountType: AccountType;
  readonly permissions: ToolPermissions;
  readonly lastSignInAt: number | null;
  readonly enrolledAt: number | null;
  readonly methods: readonly MethodKind[];
  /** "Always require 2FA to log into my account" (R-AUTH-3). */
  readonly alwaysRequireMfa: boolean;
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
}

/** A company (tenant) and the email domains its identity provider handles (R-DIR-2). */
export interface DomainCompany {
  readonly id: string;
  readonly name: string;
  /** Lower-case domains such as `example.com`; users on them are SSO users. */
  readonly ssoDomains: readonly string[];
}

/** True for both payments roles (R-PAY-1: MFA mandatory whatever the company policy). */
export function isPaymentsUser(user: Pick<DomainUser, 'accountType'>): boolean {
  return user.accountType !== 'standard';
}

/** True when the user has at least one confirmed method. */
export function isEnrolled(user: Pick<DomainUser, 'methods'>): boolean {
  return user.methods.length > 0;
}
