/** Checks a company's audit hash chain from the first entry to the last (R-AUD-1). */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { GENESIS_HASH, auditEntryHash } from './audit-hash';

/** Why an entry breaks the chain. */
export type ChainBreakReason =
  /** The entry's `prev_hash` is not the hash of the entry before it: an entry was removed, inserted or reordered. */
  | 'link_mismatch'
  /** The entry's own hash does not match its content: the entry was changed after it was written. */
  | 'content_mismatch';

/** Result of a verification: intact with the count checked, or the first entry that breaks it. */
export type ChainVerification =
  | { readonly ok: true; readonly checked: number; readonly lastSeq: number | null }
  | {
      readonly ok: false;
      readonly checked: number;
      readonly brokenAt: { readonly seq: number; readonly at: number; readonly action: string; readonly reason: ChainBreakReason };
    };

const PAGE = 5000;

/** Walks the chain in pages of 5,000 entries, oldest first, and stops at the first break. */
export async function verifyAuditChain(db: Kysely<Database>, companyId: string): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let checked = 0;
  let lastSeq: number | null = null;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: ChainBreakReason): ChainVerification => ({
        ok: false,
        checked,
        brokenAt: { seq, at: Number(row.at), action: row.action, reason },
      });
      if (row.prev_hash !== prevHash) return broken('link_mismatch');
      if (auditEntryHash(prevHash, row) !== row.hash) return broken('content_mismatch');
      prevHash = row.hash;
      lastSeq = seq;
      checked += 1;
    }
    if (rows.length < PAGE) return { ok: true, checked, lastSeq };
    afterSeq = lastSeq ?? afterSeq;
  }
}
