/** What the console calls directory values on screen. */
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

/** Someone's permissions in words: "Company Admin: None; Directory: Read only; Helpdesk". */
export function permissionsWords(permissions: ToolPermissions): string {
  const tools = `Company Admin: ${PERMISSION_LABELS[permissions.companyAdmin]}; Directory: ${PERMISSION_LABELS[permissions.directory]}`;
  return permissions.helpdesk ? `${tools}; Helpdesk` : tools;
}
