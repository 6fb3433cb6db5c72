/** Who a user (or an admin) is sent to when the console cannot help them itself (R-RST-2, R-RST-4, R-PAY-3). */
import type { AccountType } from './model';

/** A person or team to contact. */
export type Contact = 'company_admin' | 'another_company_admin' | 'it_department' | 'payments_support';

/** How the product names each contact: as a label, to the user ("ask {phrase}"), to the helpdesk ("until {name}"). */
const CONTACT_WORDS: Readonly<Record<Contact, { readonly label: string; readonly phrase: string; readonly name: string }>> = {
  company_admin: { label: 'A company admin', phrase: 'your company admin', name: 'a company admin' },
  another_company_admin: { label: 'Another company admin', phrase: 'another company admin', name: 'another company admin' },
  it_department: { label: 'Your IT department (identity provider)', phrase: 'your IT department', name: 'their IT department' },
  payments_support: { label: 'Payments support', phrase: 'Payments support', name: 'Payments support' },
};

/** How the product names each contact. */
export function contactLabel(contact: Contact): string {
  return CONTACT_WORDS[contact].label;
}

/** The contact inside a sentence addressed to the user: "ask {phrase} for help". */
export function contactPhrase(contact: Contact): string {
  return CONTACT_WORDS[contact].phrase;
}

/** The contact inside a sentence about the user, told to the helpdesk: "until {name} unlocks it". */
export function contactName(contact: Contact): string {
  return CONTACT_WORDS[contact].name;
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
