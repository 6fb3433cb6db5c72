/** Audit entries for what users do to their own MFA (enroll, change a method, renew or use a recovery code). */
import type { Moment } from '../clock';
import type { AuditEntryInput } from './append-audit';

/** The user row fields an entry names. */
export interface AuditedUser {
  id: string;
  email: string;
  company_id: string;
}

/** An entry whose actor and target are both `user`, at the moment `when`. */
export function selfAuditEntry(
  user: AuditedUser,
  when: Moment,
  action: string,
  detail: Pick<AuditEntryInput, 'before' | 'after' | 'evidence'> = {},
): AuditEntryInput {
  return { companyId: user.company_id, when, actorId: user.id, actorEmail: user.email, action, targetId: user.id, targetEmail: user.email, ...detail };
}
