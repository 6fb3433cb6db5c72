/**
 * The ways a user may answer a challenge now: their confirmed methods that are still allowed for them (a payor's
 * phone, or a phone a payee admin has outside the US, no longer counts, R-PAY-1; SMS switched off by the company
 * policy neither, R-POL-6), then the recovery code if they have one.
 */
import type { ChallengeOption } from '../../../shared/domain/sign-in';
import { challengeOptions } from '../../../shared/domain/sign-in';
import { isMethodAvailable } from '../../../shared/domain/methods';
import type { MethodKind } from '../../../shared/domain/model';
import { checkPhoneForUser } from '../../../shared/domain/phone';
import { ApiError } from '../http/api-error';
import type { MethodRow, UserContext } from '../repositories/user-context';
import { maskPhone } from '../sms/code-hash';

/** True when this confirmed method may still be used to verify the user. */
function usable(uc: UserContext, method: MethodRow): boolean {
  if (!isMethodAvailable(method.kind, uc.domainUser, uc.policy)) return false;
  return method.kind !== 'sms' || (method.phone_e164 !== null && checkPhoneForUser(method.phone_e164, uc.domainUser).ok);
}

/** The user's usable methods, app first. */
export function usableMethods(uc: UserContext): MethodRow[] {
  return uc.methods.filter((method) => usable(uc, method));
}

/**
 * The challenge options of "How do you want to verify your identity?" at sign-in, with a temporary access code the
 * helpdesk issued (R-RST-6). Step-ups and self-service checks take the user's own methods only.
 */
export function signInChallengeOptions(uc: UserContext): ChallengeOption[] {
  const kinds: MethodKind[] = usableMethods(uc).map((method) => method.kind);
  return challengeOptions({ methods: kinds }, uc.hasRecoveryCode, uc.accessCodeUntil !== null);
}

/** The masked phone of the user's usable SMS method, or null. */
export function usablePhoneMasked(uc: UserContext): string | null {
  const phone = usableMethods(uc).find((method) => method.kind === 'sms')?.phone_e164;
  return phone ? maskPhone(phone) : null;
}

/** The usable method of a kind, or a 403 saying it cannot be used. */
export function requireUsableMethod(uc: UserContext, kind: MethodKind): MethodRow {
  const method = usableMethods(uc).find((candidate) => candidate.kind === kind);
  if (method) return method;
  const words = kind === 'totp' ? 'an authenticator app' : 'a phone for text messages';
  throw new ApiError('forbidden', `You have no ${words} that can be used here. Choose another way to verify.`, { reason: 'method_not_available' });
}
