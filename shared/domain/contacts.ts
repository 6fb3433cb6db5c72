/** Who a user (or an admin) is sent to when the console cannot help them itself (R-RST-2, R-RST-4, R-PAY-3). */
import { assertNever } from './assert-never';
import type { AccountType } from './model';

/** A person or team to contact. */
export type Contact = 'company_admin' | 'another_company_admin' | 'it_department' | 'payments_support';

/** How the product names each contact. */
export function contactLabel(contact: Contact): string {
  switch (contact) {
    case 'company_admin':
      return 'A company admin';
    case 'another_company_admin':
      return 'Another company admin';
    case 'it_department':
      return 'Your IT department (identity provider)';
    case 'payments_support':
      return 'Payments support';
    default:
      return assertNever(contact, 'contact');
  }
}

/** The contact inside a sentence addressed to the user: "ask {phrase} for help". */
export function contactPhrase(contact: Contact): string {
  switch (contact) {
    case 'company_admin':
      return 'your company admin';
    case 'another_company_admin':
      return 'another company admin';
    case 'it_department':
      return 'your IT department';
    case 'payments_support':
      return 'Payments support';
    default:
      return assertNever(contact, 'contact');
  }
}

/** The contact inside a sentence about the user, told to the helpdesk: "until {name} unlocks it". */
export function contactName(contact: Contact): string {
  switch (contact) {
    case 'company_admin':
      return 'a company admin';
    case 'another_company_admin':
      return 'another company admin';
    case 'it_department':
      return 'their IT department';
    case 'payments_support':
      return 'Payments support';
    default:
      return assertNever(contact, 'contact');
  }
}

/**
 * Who helps a user with their MFA: their IT department for SSO users (their identity provider runs it), Payments
 * support for payments users (R-PAY-3: company admins cannot reset them), else a company admin.
 */
export function mfaContact(user: { readonly accountType: AccountType; readonly sso: boolean }): Contact {
  if (user.sso) return 'it_department';
  if (user.accountType !== 'standard') return 'payments_support';
  return 'company_admin';
}
