/**
 * Checks one typed code against one factor inside a write, and consumes it on success: a TOTP step is recorded
 * (no replay, R-TOTP-2), an SMS code is marked used (single use, R-SMS-1), a recovery code is voided (R-REC-2), a
 * temporary access code is marked used (R-RST-6).
 * Malformed input is refused before any of this (`canonicalCode`), so a typo never counts as a failure.
 */
import type { Transaction } from 'kysely';
import { normalizeRecoveryCode } from '../../../shared/domain/recovery-code';
import { normalizeSmsCodeInput, smsCodeFailureMessage, smsCodeUsability } from '../../../shared/domain/sms-code';
import { accessCodeFailureMessage, accessCodeUsability, normalizeAccessCode } from '../../../shared/domain/temporary-access-code';
import { recheckTotp, totpFailureMessage, verifyTotp, type TotpVerification } from '../../../shared/domain/totp';
import { ApiError } from '../http/api-error';
import { recoveryCodeMatches } from '../recovery/recovery-hash';
import { markAccessCodeUsed, recentAccessCodes } from '../repositories/access-codes-repo';
import { advanceLastStep, setLastStep } from '../repositories/methods-repo';
import { deleteRecoveryCode, recoveryCodeHash } from '../repositories/recovery-repo';
import { markSmsCodeUsed, recentSmsCodes, type SmsPurpose } from '../repositories/sms-codes-repo';
import type { MethodRow } from '../repositories/user-context';
import type { Database } from '../store/schema';
import { keyedCodeMatches } from '../auth/keyed-code-hash';
import type { SecretSealer } from '../secrets/sealed-secret';

/**
 * A TOTP code verified before the write against the method row the request read (the secret opened and the code
 * checked outside the write, so the write holds the user's row only briefly); the write moves the stored last step
 * forward in one conditional update (`advanceLastStep`), and only when that does not apply reads the method to
 * compare the step again (`recheckTotp`) or to verify again when the method changed meanwhile.
 */
export interface TotpPrecheck {
  methodId: string;
  sealed: string;
  verification: TotpVerification;
}

/** What a code is checked against. */
export type FactorTarget =
  | { kind: 'totp'; methodId: string; precheck?: TotpPrecheck }
  | { kind: 'sms'; purpose: SmsPurpose; phoneE164: string }
  | { kind: 'recovery_code' }
  | { kind: 'temporary_access_code' };

/**
 * Outcome of a check: `reason` names why a code was refused (for details and the audit). `replay`: the code is
 * genuine but was already used (a TOTP step at or before the last accepted one, a used SMS code), so it is no guess.
 */
export type FactorResult = { ok: true } | { ok: false; reason: string; message: string; replay?: true };

/** What a check needs from the service. */
export interface FactorKeys {
  sealer: SecretSealer;
  codeKey: Buffer;
}

/** The canonical form of a typed code for a factor kind; throws 400 (not counted) when it cannot be one. */
export function canonicalCode(kind: FactorTarget['kind'], typed: string): string {
  if (kind === 'recovery_code' || kind === 'temporary_access_code') {
    const parsed = kind === 'recovery_code' ? normalizeRecoveryCode(typed) : normalizeAccessCode(typed);
    if (!parsed.ok) throw new ApiError('bad_request', parsed.message, { reason: parsed.reason });
    return parsed.code;
  }
  const code = normalizeSmsCodeInput(typed);
  if (code === null) {
    const message = kind === 'totp' ? totpFailureMessage('malformed') : smsCodeFailureMessage('malformed');
    throw new ApiError('bad_request', message, { reason: 'malformed' });
  }
  return code;
}

function lastStepOf(method: Pick<MethodRow, 'last_step'>): number | null {
  return method.last_step === null ? null : Number(method.last_step);
}

/** Verifies `code` against `method` as read before a write (see TotpPrecheck); null when it has no secret. */
export async function precheckTotp(keys: FactorKeys, method: MethodRow, code: string, now: number): Promise<TotpPrecheck | null> {
  if (!method.secret_sealed) return null;
  const secret = await keys.sealer.open(method.secret_sealed);
  return { methodId: method.id, sealed: method.secret_sealed, verification: verifyTotp(secret, code, now, lastStepOf(method)) };
}

async function checkTotp(
  trx: Transaction<Database>,
  keys: FactorKeys,
  target: Extract<FactorTarget, { kind: 'totp' }>,
  code: string,
  now: number,
): Promise<FactorResult> {
  const { precheck } = target;
  // The usual case, in one statement: the code was right for the secret read before the write, and the step moves
  // forward unless that secret changed or another request took this step meanwhile; then the read below says which.
  if (precheck?.verification.ok && precheck.methodId === target.methodId) {
    if (await advanceLastStep(trx, target.methodId, precheck.sealed, precheck.verification.step)) return { ok: true };
  }
  const method: MethodRow | undefined = await trx.selectFrom('mfa_methods').selectAll().where('id', '=', target.methodId).executeTakeFirst();
  if (!method?.secret_sealed) return { ok: false, reason: 'no_method', message: 'There is no authenticator app set up to check this code against.' };
  const verdict =
    precheck && precheck.methodId === method.id && precheck.sealed === method.secret_sealed
      ? recheckTotp(precheck.verification, lastStepOf(method))
      : verifyTotp(await keys.sealer.open(method.secret_sealed), code, now, lastStepOf(method));
  if (!verdict.ok) return { ok: false, reason: verdict.reason, message: verdict.message, ...(verdict.reason === 'replay' ? { replay: true as const } : {}) };
  await setLastStep(trx, method.id, verdict.step);
  return { ok: true };
}

async function checkSms(
  trx: Transaction<Database>,
  keys: FactorKeys,
  target: Extract<FactorTarget, { kind: 'sms' }>,
  userId: string,
  code: string,
  now: number,
): Promise<FactorResult> {
  const rows = await recentSmsCodes(trx, userId, target.purpose);
  const current = rows[0];
  if (!current) return { ok: false, reason: 'none_sent', message: 'No code was sent yet. Choose "Send code" first.' };
  const match = rows.find((row) => row.phone_e164 === target.phoneE164 && keyedCodeMatches(keys.codeKey, row.id, code, row.code_hash));
  if (!match) {
    const reason = now >= Number(current.expires_at) ? 'expired' : 'wrong';
    return { ok: false, reason, message: smsCodeFailureMessage(reason) };
  }
  const usable = smsCodeUsability(
    { expiresAt: Number(match.expires_at), usedAt: match.used_at === null ? null : Number(match.used_at), voidedAt: match.voided_at === null ? null : Number(match.voided_at) },
    now,
  );
  if (!usable.usable) {
    return { ok: false, reason: usable.reason, message: smsCodeFailureMessage(usable.reason), ...(usable.reason === 'used' ? { replay: true as const } : {}) };
  }
  await markSmsCodeUsed(trx, match.id, now);
  return { ok: true };
}

async function checkRecoveryCode(trx: Transaction<Database>, userId: string, code: string): Promise<FactorResult> {
  const stored = await recoveryCodeHash(trx, userId);
  if (stored === null || !recoveryCodeMatches(code, stored)) {
    return {
      ok: false,
      reason: 'wrong',
      message: 'That recovery code is not right, or it was already used. Check the code you saved and try again.',
    };
  }
  await deleteRecoveryCode(trx, userId);
  return { ok: true };
}

/**
 * A temporary access code: one of the user's latest codes must match. A used one is a replay (it was right once);
 * an expired or replaced one counts like a wrong one, as an expired SMS code does.
 */
async function checkAccessCode(trx: Transaction<Database>, keys: FactorKeys, userId: string, code: string, now: number): Promise<FactorResult> {
  const rows = await recentAccessCodes(trx, userId);
  const match = rows.find((row) => keyedCodeMatches(keys.codeKey, row.id, code, row.code_hash));
  if (!match) return { ok: false, reason: 'wrong', message: accessCodeFailureMessage('wrong') };
  const usable = accessCodeUsability(
    { expiresAt: Number(match.expires_at), usedAt: match.used_at === null ? null : Number(match.used_at), revokedAt: match.revoked_at === null ? null : Number(match.revoked_at) },
    now,
  );
  if (!usable.usable) {
    return { ok: false, reason: usable.reason, message: accessCodeFailureMessage(usable.reason), ...(usable.reason === 'used' ? { replay: true as const } : {}) };
  }
  await markAccessCodeUsed(trx, match.id, now);
  return { ok: true };
}

/** Checks `code` (canonical) against `target` for `userId` at company time `now`, consuming it on success. */
export async function checkFactor(
  trx: Transaction<Database>,
  keys: FactorKeys,
  target: FactorTarget,
  userId: string,
  code: string,
  now: number,
): Promise<FactorResult> {
  switch (target.kind) {
    case 'totp':
      return checkTotp(trx, keys, target, code, now);
    case 'sms':
      return checkSms(trx, keys, target, userId, code, now);
    case 'recovery_code':
      return checkRecoveryCode(trx, userId, code);
    case 'temporary_access_code':
      return checkAccessCode(trx, keys, userId, code, now);
  }
}
