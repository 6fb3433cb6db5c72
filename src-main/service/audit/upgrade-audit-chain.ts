/**
 * Upgrades audit logs written before the audit key existed, in place, once per database (R-AUD-1): each company's
 * plain SHA-256 chain is checked, and its entries are sealed again with the audit key, in one transaction, as far
 * as the plain chain holds. An entry the plain chain already shows as changed, and those after it, keep their old
 * hashes, so the break stays visible where it was instead of being sealed over. The heads go to the vault.
 */
import { sql, type Transaction } from 'kysely';
import { GENESIS_HASH, auditEntryHash, auditHashKeyId, keyedAuditEntryHash, type AuditKey } from '../../../shared/domain/audit-chain';
import type { Database } from '../store/schema';
import type { Store } from '../store/store';
import type { AuditChainKeys, AuditHead } from './audit-chain-keys';
import { chainedEntry } from './verify-audit-chain';

/** The meta row that records the upgrade was done (its value: the key id the log was sealed with then). */
export const AUDIT_KEYED_META = 'audit_chain_keyed';

const PAGE = 5000;
/** Three parameters a row; well under both engines' limits per statement. */
const UPDATE_ROWS = 2000;

interface Resealed {
  seq: number;
  prevHash: string;
  hash: string;
}

async function writeHashes(trx: Transaction<Database>, rows: readonly Resealed[]): Promise<void> {
  for (let start = 0; start < rows.length; start += UPDATE_ROWS) {
    const tuples = rows.slice(start, start + UPDATE_ROWS).map((row) => sql`(${row.seq}, ${row.prevHash}, ${row.hash})`);
    await sql`with v(seq, prev_hash, hash) as (values ${sql.join(tuples)})
      update audit_log set prev_hash = cast(v.prev_hash as text), hash = cast(v.hash as text)
      from v where audit_log.seq = cast(v.seq as bigint)`.execute(trx);
  }
}

/** Reseals one company's plain chain as far as it holds; returns the company's head afterwards and the count. */
async function resealCompany(trx: Transaction<Database>, companyId: string, key: AuditKey): Promise<{ head: AuditHead | null; resealed: number }> {
  let plainPrev = GENESIS_HASH;
  let keyedPrev = GENESIS_HASH;
  let intact = true;
  let afterSeq = 0;
  let resealed = 0;
  let head: AuditHead | null = null;
  for (;;) {
    const rows = await trx.selectFrom('audit_log').selectAll().where('company_id', '=', companyId).where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(PAGE).execute();
    const updates: Resealed[] = [];
    for (const entry of rows.map(chainedEntry)) {
      intact &&= auditHashKeyId(entry.hash) === null && entry.prevHash === plainPrev && auditEntryHash(entry.prevHash, entry) === entry.hash;
      if (intact) {
        const hash = keyedAuditEntryHash(key, keyedPrev, entry);
        updates.push({ seq: entry.seq, prevHash: keyedPrev, hash });
        plainPrev = entry.hash;
        keyedPrev = hash;
        head = { seq: entry.seq, hash };
      } else {
        head = { seq: entry.seq, hash: entry.hash };
      }
    }
    await writeHashes(trx, updates);
    resealed += updates.length;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return { head, resealed };
    afterSeq = Number(last.seq);
  }
}

/** Runs the upgrade unless this database had it already; returns how many entries were sealed with the key. */
export async function upgradeAuditChains(store: Store, chain: AuditChainKeys): Promise<number> {
  const done = await store.db.selectFrom('meta').select('value').where('key', '=', AUDIT_KEYED_META).executeTakeFirst();
  if (done) return 0;
  const { heads, resealed } = await store.write(async (trx) => {
    const found = new Map<string, AuditHead>();
    let count = 0;
    const companies = await trx.selectFrom('audit_log').select('company_id').distinct().execute();
    for (const { company_id: companyId } of companies) {
      const result = await resealCompany(trx, companyId, chain.current);
      count += result.resealed;
      if (result.head) found.set(companyId, result.head);
    }
    await trx.insertInto('meta').values({ key: AUDIT_KEYED_META, value: chain.current.id }).execute();
    return { heads: found, resealed: count };
  });
  if (heads.size > 0) await chain.saveHeads(heads);
  return resealed;
}
