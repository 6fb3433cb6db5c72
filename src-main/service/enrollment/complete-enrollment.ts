/**
 * The last step of every set-up, inside the confirming write: the pending method replaces the user's method of
 * that kind (R-TOTP-3), a first method marks the user enrolled, a new recovery code is issued (R-REC-2: any change
 * of method issues one), and the change is audited (R-AUD-1): `mfa.enrolled` or `mfa.method_changed`.
 */
import type { Transaction } from 'kysely';
import type { MethodKind } from '../../../shared/domain/model';
import { appendAudit } from '../audit/append-audit';
import { selfAuditEntry } from '../audit/self-entry';
import { issueRecoveryCode, type IssuedRecoveryCode } from '../recovery/issue-recovery-code';
import { confirmMethod } from '../repositories/methods-repo';
import type { UserContext } from '../repositories/user-context';
import { updateUserMfa } from '../repositories/users-repo';
import type { ServiceContext } from '../service-context';
import { maskPhone } from '../sms/code-hash';
import type { Database } from '../store/schema';

/** The method being confirmed. */
export interface ConfirmedSetup {
  methodId: string;
  kind: MethodKind;
  phoneE164: string | null;
}

function methodSummary(kinds: readonly MethodKind[], phone: string | null): { methods: MethodKind[]; phone: string | null } {
  return { methods: [...new Set(kinds)].sort(), phone: phone === null ? null : maskPhone(phone) };
}

/** Confirms the set-up, issues the new recovery code and audits; returns the code to show once. */
export async function completeEnrollment(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  uc: UserContext,
  setup: ConfirmedSetup,
): Promise<IssuedRecoveryCode> {
  const { user, now } = uc;
  const firstMethod = uc.methods.length === 0;
  const oldPhone = uc.methods.find((method) => method.kind === 'sms')?.phone_e164 ?? null;
  await confirmMethod(trx, { id: setup.methodId, user_id: user.id, kind: setup.kind }, now);
  if (firstMethod) await updateUserMfa(trx, user.id, { enrolled_at: now }, now);
  else await updateUserMfa(trx, user.id, {}, now);
  const issued = await issueRecoveryCode(trx, ctx.mfa.random, user.id, now);
  const before = uc.methods.map((method) => method.kind);
  await appendAudit(trx, selfAuditEntry(user, uc.moment, firstMethod ? 'mfa.enrolled' : 'mfa.method_changed', {
    before: firstMethod ? null : methodSummary(before, oldPhone),
    after: methodSummary([...before, setup.kind], setup.kind === 'sms' ? setup.phoneE164 : oldPhone),
    evidence: { method: setup.kind, recoveryCodeIssued: true },
  }));
  return issued;
}
