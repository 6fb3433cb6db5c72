/**
 * Checks a company's keyed audit chain from the first entry to the last (R-AUD-1), page by page, then its end
 * against the head the vault holds, and names what broke: an edited entry, an entry removed or added in the
 * middle, entries cut off the end (or a log restored from an older copy), a key the vault lacks, or no head at all.
 */
import type { Kysely, Selectable } from 'kysely';
import { GENESIS_HASH, auditHashKeyId, verifyKeyedChain, type AuditKey, type ChainedAuditEntry } from '../../../shared/domain/audit-chain';
import type { AuditLogTable, Database } from '../store/schema';
import type { AuditChainKeys, AuditHead } from './audit-chain-keys';

/** What broke: an entry changed, an entry removed or added, entries cut off the end, a key or the head missing. */
export type AuditBreakReason = 'link_mismatch' | 'content_mismatch' | 'tail_missing' | 'key_missing' | 'head_missing';

/** Where and why a chain breaks. `at` and `action` are null when the entry named is missing. */
export interface AuditBreak {
  readonly seq: number;
  readonly at: number | null;
  readonly action: string | null;
  readonly reason: AuditBreakReason;
  readonly message: string;
}

/** Result of a verification: intact with the count checked (and a note, if any), or the first break. */
export type AuditChainResult =
  | { readonly ok: true; readonly checked: number; readonly note: string | null }
  | { readonly ok: false; readonly checked: number; readonly brokenAt: AuditBreak };

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

/** The keys a page of entries names, looked up once each. */
async function keysOf(entries: readonly ChainedAuditEntry[], chain: AuditChainKeys): Promise<Map<string, AuditKey | null>> {
  const keys = new Map<string, AuditKey | null>();
  for (const entry of entries) {
    const id = auditHashKeyId(entry.hash);
    if (id !== null && !keys.has(id)) keys.set(id, await chain.keyFor(id));
  }
  return keys;
}

/** Checks the end of an intact chain against the vault's head. */
function checkEnd(last: ChainedAuditEntry | undefined, head: AuditHead | null, headEntry: ChainedAuditEntry | undefined, chain: AuditChainKeys): AuditBreak | null {
  const lastSeq = last?.seq ?? 0;
  if (head === null) {
    if (!last) return null;
    return {
      seq: lastSeq,
      at: last.at,
      action: last.action,
      reason: 'head_missing',
      message: `The vault (${chain.location}) holds no record of where this log ends, so entries cut off its end would go unnoticed. This happens when the vault was replaced or restored, or on a service instance that has not written to this log since its vault was set up; the record is made again with the next change.`,
    };
  }
  if (head.seq > lastSeq) {
    const missing = head.seq - lastSeq;
    return {
      seq: lastSeq + 1,
      at: null,
      action: null,
      reason: 'tail_missing',
      message: `The log ends at entry ${lastSeq}, but the vault recorded entry ${head.seq} as its last: ${missing === 1 ? '1 entry was' : `${missing} entries were`} cut off the end.`,
    };
  }
  if (!headEntry || headEntry.hash !== head.hash) {
    return {
      seq: head.seq,
      at: headEntry?.at ?? null,
      action: headEntry?.action ?? null,
      reason: 'tail_missing',
      message: `Entry ${head.seq} is not the entry the vault recorded there: the log was rewritten, or restored from an older copy, after it.`,
    };
  }
  return null;
}

/** Walks the chain oldest first, 5,000 entries at a time, stops at the first break, then checks the end. */
export async function verifyAuditChain(db: Kysely<Database>, companyId: string, chain: AuditChainKeys): Promise<AuditChainResult> {
  const head = await chain.head(companyId);
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let checked = 0;
  let last: ChainedAuditEntry | undefined;
  let headEntry: ChainedAuditEntry | undefined;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('company_id', '=', companyId).where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(PAGE).execute();
    const entries = rows.map(chainedEntry);
    const keys = await keysOf(entries, chain);
    const result = verifyKeyedChain(entries, (id) => keys.get(id) ?? null, { startPrevHash: prevHash });
    if (!result.ok) {
      const broken = entries.find((entry) => entry.seq === result.brokenAtSeq);
      const index = broken ? entries.indexOf(broken) : 0;
      const keyId = broken ? auditHashKeyId(broken.hash) : null;
      const reason = result.reason === 'hash_mismatch' ? 'content_mismatch' : result.reason === 'key_missing' ? 'key_missing' : 'link_mismatch';
      const restore = reason === 'key_missing' ? ` Restore the audit key ${keyId ?? ''} in ${chain.location} from the backup that goes with this database.` : '';
      return {
        ok: false,
        checked: checked + index,
        brokenAt: { seq: result.brokenAtSeq, at: broken?.at ?? null, action: broken?.action ?? null, reason, message: result.message + restore },
      };
    }
    checked += result.count;
    prevHash = result.lastHash;
    last = entries.at(-1) ?? last;
    headEntry ??= head === null ? undefined : entries.find((entry) => entry.seq === head.seq);
    if (!entries.at(-1) || rows.length < PAGE) break;
    afterSeq = last?.seq ?? afterSeq;
  }
  const end = checkEnd(last, head, headEntry, chain);
  if (end) return { ok: false, checked, brokenAt: end };
  const note = chain.saveProblem
    ? `The vault could not record the end of the log after the last change (${chain.saveProblem}); it tries again with the next change.`
    : null;
  return { ok: true, checked, note };
}
