/** The Password & Security page (R-AUTH-3): methods, recovery code, "Always require 2FA" and verification state. */
import type { MySecurity } from '../../../shared/api/routes/self-service';
import { alwaysRequireToggle } from '../../../shared/domain/enforcement';
import { METHOD_LABELS, methodOptions } from '../../../shared/domain/methods';
import type { SessionRow } from '../auth/authenticator';
import type { UserContext } from '../repositories/user-context';
import { maskPhone } from '../sms/code-hash';
import { VERIFICATION_VALID_MINUTES, passwordConfirmedUntil, phoneVerifiedUntil, verifiedUntil } from './verification';

/** The page for the caller. */
export function mySecurity(uc: UserContext, session: SessionRow): MySecurity {
  const { user, now } = uc;
  return {
    email: user.email,
    name: user.name,
    accountType: user.account_type,
    methods: uc.methods.map((method) => ({
      kind: method.kind,
      label: METHOD_LABELS[method.kind],
      phoneMasked: method.phone_e164 ? maskPhone(method.phone_e164) : null,
      confirmedAt: Number(method.confirmed_at),
    })),
    methodOptions: methodOptions(uc.domainUser, uc.policy),
    hasRecoveryCode: uc.hasRecoveryCode,
    alwaysRequire: alwaysRequireToggle(uc.domainUser, uc.policy, uc.company, now),
    verifiedUntil: verifiedUntil(session, now),
    phoneVerifiedUntil: phoneVerifiedUntil(session, now),
    passwordConfirmedUntil: passwordConfirmedUntil(session, now),
    verificationValidMinutes: VERIFICATION_VALID_MINUTES,
  };
}
