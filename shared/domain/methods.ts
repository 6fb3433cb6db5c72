/**
 * Which second-factor methods a user may set up (R-POL-6, R-PAY-1), with the plain-words reason for each method
 * that is not offered: "Select an Authentication Method" lists the allowed ones and says why others are missing.
 */
import { assertNever } from './assert-never';
import type { DomainUser, MethodKind } from './model';
import type { DomainPolicy } from './policy';
import { PAYEE_ADMIN_SMS_COUNTRY, isSmsCountry, smsCountryNames } from './sms-countries';

/** What the product calls each method. */
export const METHOD_LABELS: Readonly<Record<MethodKind, string>> = {
  totp: 'Authenticator app',
  sms: 'Text message (SMS)',
};

/** Why a method is not offered to a user. */
export type MethodUnavailableReason =
  | 'sms_not_allowed_by_policy'
  | 'payor_app_only'
  | 'payee_admin_us_only'
  | 'country_not_on_sms_list';

/** One method on the "Select an Authentication Method" screen. */
export type MethodOption =
  | { readonly kind: MethodKind; readonly label: string; readonly available: true; readonly recommended: boolean }
  | {
      readonly kind: MethodKind;
      readonly label: string;
      readonly available: false;
      readonly reason: MethodUnavailableReason;
      readonly message: string;
    };

type MethodUser = Pick<DomainUser, 'accountType' | 'country'>;
type MethodPolicy = Pick<DomainPolicy, 'allowedMethods'>;

/** Why SMS is not offered to this user, or null when it is. Payments rules come before the company policy. */
function smsUnavailableReason(user: MethodUser, policy: MethodPolicy): MethodUnavailableReason | null {
  if (user.accountType === 'payments_payor') return 'payor_app_only';
  if (!policy.allowedMethods.includes('sms')) return 'sms_not_allowed_by_policy';
  if (user.accountType === 'payments_payee_admin') {
    return user.country === PAYEE_ADMIN_SMS_COUNTRY ? null : 'payee_admin_us_only';
  }
  return isSmsCountry(user.country) ? null : 'country_not_on_sms_list';
}

/** The words shown for a method that is not offered. */
export function methodUnavailableMessage(reason: MethodUnavailableReason): string {
  switch (reason) {
    case 'sms_not_allowed_by_policy':
      return 'Your company allows only the authenticator app, so text messages are not offered.';
    case 'payor_app_only':
      return 'Payments payors must use an authenticator app: text messages are not offered for payments accounts.';
    case 'payee_admin_us_only':
      return 'For payments payee admins, text messages are offered only in the United States. Use an authenticator app.';
    case 'country_not_on_sms_list':
      return `Text messages are offered only in ${smsCountryNames()}. Use an authenticator app.`;
    default:
      return assertNever(reason, 'method reason');
  }
}

/** Every method in product order, each either available (the app is the recommended one) or with its reason. */
export function methodOptions(user: MethodUser, policy: MethodPolicy): MethodOption[] {
  const smsReason = smsUnavailableReason(user, policy);
  const totp: MethodOption = { kind: 'totp', label: METHOD_LABELS.totp, available: true, recommended: true };
  const sms: MethodOption =
    smsReason === null
      ? { kind: 'sms', label: METHOD_LABELS.sms, available: true, recommended: false }
      : {
          kind: 'sms',
          label: METHOD_LABELS.sms,
          available: false,
          reason: smsReason,
          message: methodUnavailableMessage(smsReason),
        };
  return [totp, sms];
}

/** The kinds this user may set up now, in product order. The authenticator app is always among them. */
export function availableMethods(user: MethodUser, policy: MethodPolicy): MethodKind[] {
  return methodOptions(user, policy)
    .filter((option) => option.available)
    .map((option) => option.kind);
}

/** True when this user may set up (or keep using) a method of this kind. */
export function isMethodAvailable(kind: MethodKind, user: MethodUser, policy: MethodPolicy): boolean {
  return availableMethods(user, policy).includes(kind);
}
