/** Who a user (or an admin) is sent to when the console cannot help them itself (R-RST-2, R-RST-4). */
import { assertNever } from './assert-never';

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
