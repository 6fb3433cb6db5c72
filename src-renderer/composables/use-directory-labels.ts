/** What the console calls directory values on screen. */
import type { AccountAccess } from '../../shared/domain/account-access';
import type { EnrollmentState } from '../../shared/domain/enrollment-report';
import type { AccountType, ToolPermissions } from '../../shared/domain/model';

/** Enrollment states, in words. */
export const ENROLLMENT_LABELS: Readonly<Record<EnrollmentState, string>> = {
  enrolled_totp: 'Authenticator app',
  enrolled_sms: 'Text message (SMS)',
  enrolled_both: 'App and SMS',
  not_enrolled: 'Not enrolled',
  inactive: 'Inactive',
  sso: 'SSO (identity provider)',
  payments: 'Payments user',
};

/** Account types, in words. */
export const ACCOUNT_TYPE_LABELS: Readonly<Record<AccountType, string>> = {
  standard: 'Standard',
  payments_payor: 'Payments payor',
  payments_payee_admin: 'Payments payee admin',
};

/** Permission levels, in words. */
export const PERMISSION_LABELS: Readonly<Record<'none' | 'read_only' | 'standard' | 'admin', string>> = {
  none: 'None',
  read_only: 'Read only',
  standard: 'Standard',
  admin: 'Admin',
};

/** Sign-in states (R-DIR-5), in words. */
export const ACCESS_LABELS: Readonly<Record<AccountAccess, string>> = {
  active: 'Password set',
  invited: 'Invited',
  invitation_expired: 'Invitation expired',
  invitation_revoked: 'Invitation revoked',
  never_invited: 'Never invited',
  sso: 'Signs in with SSO',
};

/** The short words of the Directory grid's badge for users who cannot sign in yet (the full label is its title). */
export const ACCESS_BADGES: Readonly<Record<Exclude<AccountAccess, 'active' | 'sso'>, string>> = {
  invited: 'Invited',
  invitation_expired: 'Invite expired',
  invitation_revoked: 'Invite revoked',
  never_invited: 'Not invited',
};

/** Someone's permissions in words: "Company Admin: None; Directory: Read only; Helpdesk". */
export function permissionsWords(permissions: ToolPermissions): string {
  const tools = `Company Admin: ${PERMISSION_LABELS[permissions.companyAdmin]}; Directory: ${PERMISSION_LABELS[permissions.directory]}`;
  return permissions.helpdesk ? `${tools}; Helpdesk` : tools;
}
