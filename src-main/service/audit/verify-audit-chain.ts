/** Checks a company's audit hash chain from the first entry to the last (R-AUD-1), page by page. */
import type { Kysely, Selectable } from 'kysely';
import { GENESIS_HASH, verifyChain, type ChainedAuditEntry } from '../../../shared/domain/audit-chain';
import type { AuditLogTable, Database } from '../store/schema';

/** Result of a verification: intact with the count checked, or the first entry that breaks it. */
export type AuditChainResult =
  | { readonly ok: true; readonly checked: number }
  | {
      readonly ok: false;
      readonly checked: number;
      readonly brokenAt: {
        readonly seq: number;
        readonly at: number;
        readonly action: string;
        /** `link_mismatch`: an entry was removed, added or reordered; `content_mismatch`: an entry was changed. */
        readonly reason: 'link_mismatch' | 'content_mismatch';
        readonly message: string;
      };
    };

const PAGE = 5000;

/** The domain's view of a stored row. */
export function chainedEntry(row: Selectable<AuditLogTable>): ChainedAuditEntry {
  return {
    seq: Number(row.seq),
    companyId: row.company_id,
    at: Number(row.at),
    companyAt: row.company_at === null ? null : Number(row.company_at),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    targetId: row.target_id,
    targetEmail: row.target_email,
    before: row.before,
    after: row.after,
    evidence: row.evidence,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Walks the chain oldest first, 5,000 entries at a time, and stops at the first break. */
export async function verifyAuditChain(db: Kysely<Database>, companyId: string): Promise<AuditChainResult> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(PAGE)
      .execute();
    const entries = rows.map(chainedEntry);
    const result = verifyChain(entries, { startPrevHash: prevHash });
    if (!result.ok) {
      const broken = entries.find((entry) => entry.seq === result.brokenAtSeq);
      const index = broken ? entries.indexOf(broken) : 0;
      return {
        ok: false,
        checked: checked + index,
        brokenAt: {
          seq: result.brokenAtSeq,
          at: broken?.at ?? 0,
          action: broken?.action ?? '',
          reason: result.reason === 'hash_mismatch' ? 'content_mismatch' : 'link_mismatch',
          message: result.message,
        },
      };
    }
    checked += result.count;
    prevHash = result.lastHash;
    const last = entries.at(-1);
    if (!last || rows.length < PAGE) return { ok: true, checked };
    afterSeq = last.seq;
  }
}
