/**
 * Setting a password (R-DIR-5): the NIST SP 800-63B rules of `shared/domain/password-rules` against the bundled
 * breached list, scrypt with the service's parameters, every session of the user ended, every open link of theirs
 * voided, and an audit entry. Nothing here touches MFA: methods and recovery code stay as they are.
 */
import type { Transaction } from 'kysely';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { checkPassword, type PasswordContext } from '../../../shared/domain/password-rules';
import { appendAudit } from '../audit/append-audit';
import { hashPassword } from '../auth/password';
import { ApiError } from '../http/api-error';
import type { UserRow } from '../repositories/user-context';
import { nextChangeSeq } from '../store/change-seq';
import type { Moment } from '../clock';
import type { Database } from '../store/schema';
import { endSessions } from '../admin/user-writes';
import { revokeAccountTokens } from './account-tokens';
import { breachedPasswords } from './breached-passwords';

/** Refuses a password that breaks a rule (422 with `details.reason`), else returns its hash. */
export async function hashAcceptablePassword(password: string, context: PasswordContext): Promise<string> {
  const list = await breachedPasswords();
  const verdict = checkPassword(password, context, (key) => list.has(key));
  if (!verdict.ok) throw new ApiError('unprocessable', verdict.message, { field: 'password', reason: verdict.problem });
  return hashPassword(password);
}

/** How a password came to be set, as the audit log records it. */
export type PasswordVia = 'invitation' | 'password_reset';

/** Stores the new hash, ends every session, voids the user's other links and audits it; returns sessions ended. */
export async function storePassword(
  trx: Transaction<Database>,
  input: { user: UserRow; hash: string; when: Moment; via: PasswordVia },
): Promise<number> {
  const { user } = input;
  const now = input.when.company;
  await trx
    .updateTable('users')
    .set({
      password_hash: input.hash,
      password_set_at: now,
      invitation_expires_at: null,
      updated_at: now,
      change_seq: await nextChangeSeq(trx),
    })
    .where('id', '=', user.id)
    .execute();
  const sessionsEnded = await endSessions(trx, [user.id], now);
  await revokeAccountTokens(trx, user.id, 'all', now);
  await appendAudit(trx, {
    companyId: user.company_id,
    when: input.when,
    actorId: user.id,
    actorEmail: user.email,
    action: AUDIT_ACTIONS.passwordSet,
    targetId: user.id,
    targetEmail: user.email,
    before: { passwordSet: user.password_set_at !== null },
    after: { passwordSet: true },
    evidence: { via: input.via, sessionsEnded },
  });
  return sessionsEnded;
}
