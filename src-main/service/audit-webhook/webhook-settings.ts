/**
 * The audit webhook setting (R-AUD-2) as admins see and change it: Admin on both tools to change it, every change
 * audited with before and after (never the secret), the secret sealed with the data key and never answered back.
 * A new webhook starts after the log's newest entry, so its first delivery is the entry recording its own set-up.
 */
import type { Kysely } from 'kysely';
import type { AuditWebhookDelivery, AuditWebhookSettings, AuditWebhookView } from '../../../shared/api/routes/admin-audit-webhook';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { webhookSecretProblem, webhookUrlProblem } from '../../../shared/domain/audit-webhook';
import { appendAudit } from '../audit/append-audit';
import { requireAdminOnBoth, type Operator } from '../admin/operator';
import { companyMoment, type Clock } from '../clock';
import { ApiError } from '../http/api-error';
import type { SecretSealer } from '../secrets/sealed-secret';
import type { Database } from '../store/schema';
import type { Store } from '../store/store';
import { auditEntrySummary, entriesAfter, latestAuditSeq, webhookRow, type WebhookRow } from './webhook-repo';

/** The view of no webhook. */
const NONE: AuditWebhookView = { configured: false, url: null, enabled: false, secretSetAt: null, updatedAt: null, updatedBy: null, delivery: null };

/** What an audit entry records of a setting: never the secret. */
function recorded(row: Pick<WebhookRow, 'url' | 'enabled' | 'secret_set_at'>) {
  return { url: row.url, enabled: row.enabled === 1, secretSetAt: Number(row.secret_set_at) };
}

function badField(field: 'url' | 'secret', message: string): ApiError {
  return new ApiError('bad_request', message, { fields: { [field]: message } });
}

/** The company's webhook and where delivery stands. */
export async function webhookView(db: Kysely<Database>, companyId: string): Promise<AuditWebhookView> {
  const row = await webhookRow(db, companyId);
  if (!row) return NONE;
  const deliveredSeq = Number(row.delivered_seq);
  const [latestSeq, backlog, deliveredEntry, updatedBy] = await Promise.all([
    latestAuditSeq(db, companyId),
    entriesAfter(db, companyId, deliveredSeq),
    row.last_success_at === null ? Promise.resolve(null) : auditEntrySummary(db, companyId, deliveredSeq),
    row.updated_by === null ? Promise.resolve(undefined) : db.selectFrom('users').select('email').where('id', '=', row.updated_by).executeTakeFirst(),
  ]);
  const state: AuditWebhookDelivery['state'] = row.enabled !== 1 ? 'paused' : row.failures > 0 ? 'retrying' : backlog > 0 ? 'delivering' : 'up_to_date';
  return {
    configured: true,
    url: row.url,
    enabled: row.enabled === 1,
    secretSetAt: Number(row.secret_set_at),
    updatedAt: Number(row.updated_at),
    updatedBy: updatedBy?.email ?? null,
    delivery: {
      state,
      deliveredEntry,
      deliveredSeq,
      latestSeq,
      backlog,
      lastSuccessAt: row.last_success_at === null ? null : Number(row.last_success_at),
      lastError: row.last_error,
      lastErrorAt: row.last_error_at === null ? null : Number(row.last_error_at),
      failures: row.failures,
      nextAttemptAt: row.failures > 0 && row.next_attempt_at !== null ? Number(row.next_attempt_at) : null,
    },
  };
}

/** Sets up or changes the webhook; any save makes the next try due at once. */
export async function saveWebhook(
  deps: { store: Store; sealer: SecretSealer; clock: Clock },
  operator: Operator,
  settings: AuditWebhookSettings,
): Promise<void> {
  requireAdminOnBoth(operator, 'Changing the audit webhook');
  const urlProblem = webhookUrlProblem(settings.url);
  if (urlProblem) throw badField('url', urlProblem);
  const secretProblem = settings.secret === undefined ? null : webhookSecretProblem(settings.secret);
  if (secretProblem) throw badField('secret', secretProblem);
  await deps.store.write(async (trx) => {
    const company = await trx.selectFrom('companies').select('clock_offset_ms').where('id', '=', operator.companyId).executeTakeFirstOrThrow();
    const when = companyMoment(deps.clock, company);
    const existing = await trx.selectFrom('audit_webhooks').selectAll().where('company_id', '=', operator.companyId).executeTakeFirst();
    if (!existing && settings.secret === undefined) {
      throw badField('secret', 'Give the signing secret the receiver checks entries with (generate one): it is needed the first time.');
    }
    const newSecret = settings.secret === undefined ? {} : { secret_sealed: deps.sealer.seal(settings.secret), secret_set_at: when.real };
    const change = { url: settings.url, enabled: settings.enabled ? 1 : 0, ...newSecret, updated_at: when.real, updated_by: operator.id };
    if (existing) {
      const same = existing.url === change.url && existing.enabled === change.enabled && settings.secret === undefined;
      if (same) return;
      await trx
        .updateTable('audit_webhooks')
        .set({ ...change, failures: 0, next_attempt_at: null })
        .where('company_id', '=', operator.companyId)
        .execute();
    } else {
      await trx
        .insertInto('audit_webhooks')
        .values({
          company_id: operator.companyId,
          url: change.url,
          enabled: change.enabled,
          secret_sealed: newSecret.secret_sealed ?? '',
          secret_set_at: newSecret.secret_set_at ?? when.real,
          delivered_seq: (await latestAuditSeq(trx, operator.companyId)) ?? 0,
          last_success_at: null,
          failures: 0,
          last_error: null,
          last_error_at: null,
          next_attempt_at: null,
          lease_owner: null,
          lease_until: null,
          created_at: when.real,
          updated_at: when.real,
          updated_by: operator.id,
        })
        .execute();
    }
    const after = { url: change.url, enabled: change.enabled === 1, secretSetAt: newSecret.secret_set_at ?? Number(existing?.secret_set_at) };
    await appendAudit(trx, {
      companyId: operator.companyId,
      when,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.auditWebhookUpdated,
      targetId: null,
      targetEmail: null,
      before: existing ? recorded(existing) : undefined,
      after,
      evidence: { newSecret: settings.secret !== undefined },
    });
  });
}

/** Removes the webhook and its secret; entries not delivered yet are no longer sent. */
export async function removeWebhook(deps: { store: Store; clock: Clock }, operator: Operator): Promise<void> {
  requireAdminOnBoth(operator, 'Removing the audit webhook');
  await deps.store.write(async (trx) => {
    const existing = await trx.selectFrom('audit_webhooks').selectAll().where('company_id', '=', operator.companyId).executeTakeFirst();
    if (!existing) throw new ApiError('not_found', 'No audit webhook is set up, so there is nothing to remove.');
    const company = await trx.selectFrom('companies').select('clock_offset_ms').where('id', '=', operator.companyId).executeTakeFirstOrThrow();
    const undelivered = await entriesAfter(trx, operator.companyId, Number(existing.delivered_seq));
    await trx.deleteFrom('audit_webhooks').where('company_id', '=', operator.companyId).execute();
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: companyMoment(deps.clock, company),
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.auditWebhookRemoved,
      targetId: null,
      targetEmail: null,
      before: recorded(existing),
      evidence: { undeliveredEntries: undelivered },
    });
  });
}
