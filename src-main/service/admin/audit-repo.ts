/** Reads the audit log (R-AUD-1): newest first with filters and cursor paging, or oldest first for export. */
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { AuditEntryView } from '../../../shared/api/routes/admin-audit';
import type { AuditLogTable, Database } from '../store/schema';
import { searchTokens } from '../../../shared/domain/search';
import { escapeLike, like, lowerLike } from './sql-like';

/** Filters of the audit list, parsed from the query. */
export interface AuditFilter {
  /** Part of the actor's email or name (any case), or their id. */
  readonly actor?: string | undefined;
  /** Exact actions, or prefixes ending in "." (`user.` = every user action). */
  readonly action?: string | undefined;
  /** Part of the target's email or name (any case), or their id. */
  readonly target?: string | undefined;
  /** Epoch ms: at or after. */
  readonly from?: number | undefined;
  /** Epoch ms: before. */
  readonly to?: number | undefined;
}

type AuditQuery = SelectQueryBuilder<Database, 'audit_log', object>;

/**
 * Entries whose actor (or target) has this id, whose recorded email contains the text (any case), or who is a user
 * the directory search finds with it (the shared search rule: current name and email, case and accents ignored).
 */
function whoFilter(query: AuditQuery, idColumn: 'actor_id' | 'target_id', emailColumn: 'actor_email' | 'target_email', value: string): AuditQuery {
  const key = value.trim();
  const tokens = searchTokens(key);
  return query.where((eb) =>
    eb.or([
      eb(idColumn, '=', key),
      lowerLike(emailColumn, `%${escapeLike(key.toLowerCase())}%`),
      eb(
        idColumn,
        'in',
        tokens.reduce(
          (users, token) => users.where(like('users.search_text', `%${escapeLike(token)}%`)),
          eb.selectFrom('users').select('users.id'),
        ),
      ),
    ]),
  );
}

/** Adds the filter's conditions to a query on the company's audit log. */
export function applyAuditFilter(query: AuditQuery, filter: AuditFilter): AuditQuery {
  let result = query;
  if (filter.actor) result = whoFilter(result, 'actor_id', 'actor_email', filter.actor);
  if (filter.target) result = whoFilter(result, 'target_id', 'target_email', filter.target);
  if (filter.from !== undefined) result = result.where('at', '>=', filter.from);
  if (filter.to !== undefined) result = result.where('at', '<', filter.to);
  const actions = (filter.action ?? '')
    .split(',')
    .map((action) => action.trim())
    .filter((action) => action !== '');
  if (actions.length > 0) {
    result = result.where((eb) =>
      eb.or(
        actions.map((action) =>
          action.endsWith('.') ? like('action', `${escapeLike(action)}%`) : eb('action', '=', action),
        ),
      ),
    );
  }
  return result;
}

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** A stored row as the API shows it. */
export function auditEntryView(row: Selectable<AuditLogTable>): AuditEntryView {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    companyAt: row.company_at === null ? null : Number(row.company_at),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    targetId: row.target_id,
    targetEmail: row.target_email,
    before: parseJson(row.before),
    after: parseJson(row.after),
    evidence: parseJson(row.evidence),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** One page, newest first: entries with `seq` below `beforeSeq` (all when null), and the next page's cursor. */
export async function listAudit(
  db: Kysely<Database>,
  companyId: string,
  filter: AuditFilter,
  page: { beforeSeq: number | null; limit: number },
): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  let query = applyAuditFilter(db.selectFrom('audit_log').where('company_id', '=', companyId), filter);
  if (page.beforeSeq !== null) query = query.where('seq', '<', page.beforeSeq);
  const rows = await query.selectAll().orderBy('seq', 'desc').limit(page.limit + 1).execute();
  const entries = rows.slice(0, page.limit).map(auditEntryView);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > page.limit && last ? String(last.seq) : null };
}

/** Reads a numeric cursor; a malformed one is treated as "from the start". */
export function seqCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || !/^\d{1,15}$/.test(cursor)) return null;
  return Number(cursor);
}

/** Every matching entry, oldest first, in pages (for the CSV and JSON Lines exports). */
export async function* auditEntriesOldestFirst(
  db: Kysely<Database>,
  companyId: string,
  filter: AuditFilter,
): AsyncGenerator<Selectable<AuditLogTable>> {
  let afterSeq = 0;
  for (;;) {
    const rows = await applyAuditFilter(db.selectFrom('audit_log').where('company_id', '=', companyId), filter)
      .where('seq', '>', afterSeq)
      .selectAll()
      .orderBy('seq', 'asc')
      .limit(5000)
      .execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < 5000) return;
    afterSeq = Number(last.seq);
  }
}
