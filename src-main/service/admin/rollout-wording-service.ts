/**
 * The wording of the rollout messages (R-RPT-2): read (the default where a company wrote none), changed, or set
 * back to the default. Changing needs Admin on both tools (R-POL-1: it announces the policy); the wording is checked
 * with the console's rule, and every change is audited with the wording before and after.
 */
import type { z } from 'zod';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { RolloutWordingBody, RolloutWordingView } from '../../../shared/api/routes/admin-rollout';
import { DEFAULT_ROLLOUT_WORDING } from '../../../shared/domain/rollout-defaults';
import { ROLLOUT_MESSAGE_KINDS, ROLLOUT_WORDING_WHAT, checkRolloutTemplate, type RolloutMessageKind } from '../../../shared/domain/rollout-template';
import { appendAudit } from '../audit/append-audit';
import type { Clock } from '../clock';
import { ApiError } from '../http/api-error';
import type { Store } from '../store/store';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { loadCompanyContext } from './company-context';
import { requireAdminOnBoth, type Operator } from './operator';

type Deps = { store: Store; clock: Clock };
type Db = Kysely<Database> | Transaction<Database>;

async function wordingOf(db: Db, companyId: string, kind: RolloutMessageKind): Promise<RolloutWordingView> {
  const row = await db.selectFrom('rollout_wording').selectAll().where('company_id', '=', companyId).where('kind', '=', kind).executeTakeFirst();
  if (!row) return { kind, ...DEFAULT_ROLLOUT_WORDING[kind], isDefault: true, updatedAt: null, updatedByEmail: null };
  return { kind, subject: row.subject, body: row.body, isDefault: false, updatedAt: Number(row.updated_at), updatedByEmail: row.updated_by_email };
}

/** Every message's wording, in the order of the rollout. */
export async function listRolloutWording(db: Db, companyId: string): Promise<RolloutWordingView[]> {
  return Promise.all(ROLLOUT_MESSAGE_KINDS.map((kind) => wordingOf(db, companyId, kind)));
}

/** Changes a message's wording (or, with `wording` null, sets it back to the default). */
export async function changeRolloutWording(
  deps: Deps,
  operator: Operator,
  kind: RolloutMessageKind,
  wording: z.output<typeof RolloutWordingBody> | null,
): Promise<RolloutWordingView> {
  requireAdminOnBoth(operator, ROLLOUT_WORDING_WHAT);
  let next: { subject: string; body: string } | null = null;
  if (wording !== null) {
    const checked = checkRolloutTemplate(wording);
    if (!checked.ok) throw new ApiError('bad_request', checked.message, { field: checked.field });
    next = { subject: wording.subject.trim(), body: wording.body };
  }
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const before = await wordingOf(trx, operator.companyId, kind);
    const same = next === null ? before.isDefault : !before.isDefault && before.subject === next.subject && before.body === next.body;
    if (same) return before;
    await trx.deleteFrom('rollout_wording').where('company_id', '=', operator.companyId).where('kind', '=', kind).execute();
    if (next !== null) {
      await trx
        .insertInto('rollout_wording')
        .values({ company_id: operator.companyId, kind, subject: next.subject, body: next.body, updated_at: ctx.now, updated_by_email: operator.email })
        .execute();
    }
    const after = await wordingOf(trx, operator.companyId, kind);
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.rolloutWordingUpdate,
      targetId: null,
      targetEmail: null,
      before: { message: kind, subject: before.subject, body: before.body, isDefault: before.isDefault },
      after: { message: kind, subject: after.subject, body: after.body, isDefault: after.isDefault },
    });
    return after;
  });
}
