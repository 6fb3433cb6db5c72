/** Audit entries for what users do to their own MFA (enroll, change a method, renew or use a recovery code). */
import type { AuditEntryInput } from './append-audit';

/** The user row fields an entry names. */
export interface AuditedUser {
  id: string;
  email: string;
  company_id: string;
}

/** An entry whose actor and target are both `user`, at company time `at`. */
export function selfAuditEntry(
  user: AuditedUser,
  at: number,
  action: string,
  detail: Pick<AuditEntryInput, 'before' | 'after' | 'evidence'> = {},
): AuditEntryInput {
  return { companyId: user.company_id, at, actorId: user.id, actorEmail: user.email, action, targetId: user.id, targetEmail: user.email, ...detail };
}
