/**
 * Migration 002 on a database written before it (the 0.1.0 fixture, as that version wrote it): the audit log gains
 * `company_at`, the entries written before keep verifying (their hashes never covered a company time), and the
 * default ticket check asks for the number while a check a company wrote itself is left alone.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src-main/service/audit/append-audit';
import { verifyAuditChain } from '../../src-main/service/audit/verify-audit-chain';
import { DEMO_COMPANY_ID } from '../../src-main/service/seed/demo-company';
import { openStore } from '../../src-main/service/store/store';

const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'v0.1.0', 'mfa.sqlite');

describe('migration 002: simulated company time in the audit log, ticket numbers in the reset checklist', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mfa-migration-'));
    file = path.join(dir, 'service', 'mfa.sqlite');
    await mkdir(path.dirname(file));
    await copyFile(FIXTURE, file);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds the column to an older database whose entries still verify, and chains new entries after them', async () => {
    const store = await openStore({ file });
    try {
      const rows = await store.db.selectFrom('audit_log').select('company_at').execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.company_at === null)).toBe(true);
      const before = await verifyAuditChain(store.db, DEMO_COMPANY_ID);
      expect(before).toMatchObject({ ok: true, checked: rows.length });
      await store.write((trx) =>
        appendAudit(trx, { companyId: DEMO_COMPANY_ID, when: { real: 2_000, company: 9_000 }, actorId: null, actorEmail: null, action: 'demo.clock_shifted', targetId: null, targetEmail: null }),
      );
      expect(await verifyAuditChain(store.db, DEMO_COMPANY_ID)).toMatchObject({ ok: true, checked: rows.length + 1 });
    } finally {
      await store.close();
    }
  });

  it('makes the default ticket check ask for the number, and leaves checks a company wrote alone', async () => {
    const raw = new DatabaseSync(file);
    try {
      raw.exec(`insert into companies (id, name, sso_domains, is_demo, clock_offset_ms, created_at) values ('c2', 'c2', '[]', 0, 0, 0)`);
      raw.exec(`insert into policies (company_id, required, deadline_date, deadline_zone, allowed_methods, sms_code_ttl_minutes,
          lockout_threshold, lockout_minutes, session_idle_minutes, reset_checklist, stale_after_days, version, updated_at, updated_by)
        select 'c2', required, deadline_date, deadline_zone, allowed_methods, sms_code_ttl_minutes, lockout_threshold,
          lockout_minutes, session_idle_minutes, '[{"id":"ticket","label":"Wrote down the case id"}]', stale_after_days,
          version, updated_at, updated_by
        from policies where company_id = '${DEMO_COMPANY_ID}'`);
    } finally {
      raw.close();
    }

    const store = await openStore({ file });
    try {
      const rows = await store.db.selectFrom('policies').select(['company_id', 'reset_checklist']).execute();
      const byCompany = new Map(rows.map((row) => [row.company_id, JSON.parse(row.reset_checklist) as { id: string; record?: string }[]]));
      expect(byCompany.get(DEMO_COMPANY_ID)?.find((item) => item.id === 'ticket')).toEqual({
        id: 'ticket',
        label: 'Recorded the helpdesk ticket number',
        record: 'Ticket number',
      });
      expect(byCompany.get(DEMO_COMPANY_ID)?.find((item) => item.id === 'callback')).not.toHaveProperty('record');
      expect(byCompany.get('c2')).toEqual([{ id: 'ticket', label: 'Wrote down the case id' }]);
    } finally {
      await store.close();
    }
  });
});
