/**
 * Migration 002 on a database written before it: the audit log gains `company_at`, and the entries written before
 * keep verifying (their hashes never covered a company time); the default ticket check asks for the number.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditEntryHash, type AuditEntryContent } from '../../shared/domain/audit-chain';
import { appendAudit } from '../../src-main/service/audit/append-audit';
import { verifyAuditChain } from '../../src-main/service/audit/verify-audit-chain';
import { openStore } from '../../src-main/service/store/store';

describe('migration 002: simulated company time in the audit log, ticket numbers in the reset checklist', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mfa-migration-'));
    file = path.join(dir, 'mfa.sqlite');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds the column to an older database whose entries still verify, and chains new entries after them', async () => {
    const old = await openStore({ file });
    const legacy: AuditEntryContent = {
      companyId: 'c1',
      at: 1_000,
      companyAt: null,
      actorId: null,
      actorEmail: null,
      action: 'policy.update',
      targetId: null,
      targetEmail: null,
      before: '{"required":false}',
      after: '{"required":true}',
      evidence: null,
    };
    const hash = auditEntryHash(GENESIS_HASH, legacy);
    await old.write(async (trx) => {
      await trx.insertInto('companies').values({ id: 'c1', name: 'c1', sso_domains: '[]', is_demo: 0, clock_offset_ms: 0, created_at: 0 }).execute();
      await sql`alter table audit_log drop column company_at`.execute(trx);
      await sql`delete from kysely_migration where name = '002-company-time-and-check-records'`.execute(trx);
      await sql`insert into audit_log (company_id, at, action, before, after, prev_hash, hash)
        values ('c1', 1000, 'policy.update', ${legacy.before}, ${legacy.after}, ${GENESIS_HASH}, ${hash})`.execute(trx);
    });
    await old.close();

    const store = await openStore({ file });
    try {
      const row = await store.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
      expect(row.company_at).toBeNull();
      expect(await verifyAuditChain(store.db, 'c1')).toEqual({ ok: true, checked: 1 });
      await store.write((trx) =>
        appendAudit(trx, { companyId: 'c1', when: { real: 2_000, company: 9_000 }, actorId: null, actorEmail: null, action: 'demo.clock_shifted', targetId: null, targetEmail: null }),
      );
      expect(await verifyAuditChain(store.db, 'c1')).toEqual({ ok: true, checked: 2 });
    } finally {
      await store.close();
    }
  });

  it('makes the default ticket check ask for the number, and leaves checks a company wrote alone', async () => {
    const old = await openStore({ file });
    const checklist = [
      { id: 'ticket', label: 'Recorded the helpdesk ticket number' },
      { id: 'badge', label: 'Saw their badge' },
    ];
    await old.write(async (trx) => {
      await trx.insertInto('companies').values({ id: 'c1', name: 'c1', sso_domains: '[]', is_demo: 0, clock_offset_ms: 0, created_at: 0 }).execute();
      await trx.insertInto('companies').values({ id: 'c2', name: 'c2', sso_domains: '[]', is_demo: 0, clock_offset_ms: 0, created_at: 0 }).execute();
      for (const [companyId, items] of [['c1', checklist], ['c2', [{ id: 'ticket', label: 'Wrote down the case id' }]]] as const) {
        await trx.insertInto('policies').values({ ...POLICY, company_id: companyId, reset_checklist: JSON.stringify(items) }).execute();
      }
      await sql`alter table audit_log drop column company_at`.execute(trx);
      await sql`delete from kysely_migration where name = '002-company-time-and-check-records'`.execute(trx);
    });
    await old.close();

    const store = await openStore({ file });
    try {
      const rows = await store.db.selectFrom('policies').select(['company_id', 'reset_checklist']).orderBy('company_id').execute();
      expect(rows.map((row) => JSON.parse(row.reset_checklist))).toEqual([
        [{ id: 'ticket', label: 'Recorded the helpdesk ticket number', record: 'Ticket number' }, { id: 'badge', label: 'Saw their badge' }],
        [{ id: 'ticket', label: 'Wrote down the case id' }],
      ]);
    } finally {
      await store.close();
    }
  });
});

const POLICY = {
  required: 1,
  deadline_date: null,
  deadline_zone: 'UTC',
  allowed_methods: '["totp"]',
  sms_code_ttl_minutes: 10,
  lockout_threshold: 5,
  lockout_minutes: 15,
  session_idle_minutes: null,
  stale_after_days: 90,
  version: 1,
  updated_at: 0,
  updated_by: null,
};
