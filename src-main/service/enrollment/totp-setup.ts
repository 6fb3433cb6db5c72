/**
 * Authenticator-app set-up (R-TOTP-1): a 20-byte secret, sealed at rest, offered as a QR code of the key URI and
 * as text in groups of four; confirmed by a code from the app, which becomes its first accepted step (R-TOTP-2).
 */
import type { Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { TotpSetup } from '../../../shared/api/routes/mfa-common';
import { keyUri } from '../../../shared/domain/key-uri';
import { TOTP_SECRET_BYTES, groupSecret, newTotpSecret } from '../../../shared/domain/totp';
import { confirmSetupCode } from '../challenges/attempt';
import { canonicalCode } from '../challenges/factor-check';
import { ApiError } from '../http/api-error';
import type { IssuedRecoveryCode } from '../recovery/issue-recovery-code';
import { insertPendingMethod, pendingMethod } from '../repositories/methods-repo';
import type { UserContext } from '../repositories/user-context';
import type { ServiceContext } from '../service-context';
import type { Database } from '../store/schema';
import { completeEnrollment } from './complete-enrollment';

/** The issuer authenticator apps list the account under: the company's name (no ":" allowed in a key URI). */
export function issuerName(companyName: string): string {
  return companyName.replace(/:/g, ' ').trim() || 'MFA';
}

/** The key URI and QR code of a secret for a user. */
export async function totpSetupView(uc: UserContext, secret: string): Promise<TotpSetup> {
  const issuer = issuerName(uc.company.name);
  const uri = keyUri({ issuer, email: uc.user.email, secret });
  const qrPng = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 256 });
  return { issuer, accountName: uc.user.email, secret, secretGrouped: groupSecret(secret), keyUri: uri, qrPng };
}

/** Starts (or restarts, with a new secret) authenticator set-up for the user. */
export async function startTotpSetup(ctx: ServiceContext, uc: UserContext): Promise<TotpSetup> {
  const secret = newTotpSecret(ctx.mfa.random(TOTP_SECRET_BYTES));
  const secretSealed = ctx.mfa.keys.sealer.seal(secret);
  await ctx.store.write((trx) => insertPendingMethod(trx, { userId: uc.user.id, kind: 'totp', secretSealed, phoneE164: null, now: uc.now }));
  return totpSetupView(uc, secret);
}

/**
 * Confirms the pending authenticator with a code from it; `andThen` runs in the same write (e.g. the sign-in
 * moves on). Returns the new recovery code.
 */
export async function confirmTotpSetup(
  ctx: ServiceContext,
  uc: UserContext,
  typed: string,
  andThen: (trx: Transaction<Database>) => Promise<void>,
): Promise<IssuedRecoveryCode> {
  const code = canonicalCode('totp', typed);
  const pending = await pendingMethod(ctx.store.db, uc.user.id, 'totp');
  if (!pending) throw new ApiError('conflict', 'Start setting up the authenticator app first, then enter the code it shows.', { reason: 'no_pending_setup' });
  return confirmSetupCode(ctx, uc, { target: { kind: 'totp', methodId: pending.id }, code, pendingId: pending.id }, async (trx) => {
    const issued = await completeEnrollment(trx, ctx, uc, { methodId: pending.id, kind: 'totp', phoneE164: null });
    await andThen(trx);
    return issued;
  });
}
