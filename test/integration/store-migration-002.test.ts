/**
 * Migration 002 on a database written before it (the 0.1.0 fixture, as that version wrote it): the audit log gains
 * `company_at`, the entries written before keep verifying (their hashes never covered a company time), also once
 * sealed with the audit key, and the default ticket check asks for the number while a check a company wrote itself
 * is left alone.
 */
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src-main/service/audit/append-audit';
import { withAuditChain } from '../../src-main/service/audit/keyed-audit-store';
import { verifyAuditChain } from '../../src-main/service/audit/verify-audit-chain';
import { openServiceKeys } from '../../src-main/service/auth/service-keys';
import { DEMO_COMPANY_ID } from '../../src-main/service/seed/demo-company';
import { openStore } from '../../src-main/service/store/store';
import { copyV010Folder, verifyPlainChain, type V010Folder } from '../fixtures/v010-folder';

describe('migration 002: simulated company time in the audit log, ticket numbers in the reset checklist', () => {
  let folder: V010Folder;
  let file: string;
  beforeEach(async () => {
    folder = await copyV010Folder();
    file = folder.file;
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('adds the column to an older database whose entries still verify, and chains new entries after them', async () => {
    const opened = await openStore({ file });
    try {
      const rows = await opened.db.selectFrom('audit_log').select('company_at').execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.company_at === null)).toBe(true);
      expect(await verifyPlainChain(opened, DEMO_COMPANY_ID)).toMatchObject({ ok: true, count: rows.length });
      const keys = await openServiceKeys(await folder.openVault(), opened);
      expect(await verifyAuditChain(opened.db, DEMO_COMPANY_ID, keys.audit)).toMatchObject({ ok: true, checked: rows.length });
      const store = withAuditChain(opened, keys.audit);
      await store.write((trx) =>
        appendAudit(trx, { companyId: DEMO_COMPANY_ID, when: { real: 2_000, company: 9_000 }, actorId: null, actorEmail: null, action: 'demo.clock_shifted', targetId: null, targetEmail: null }),
      );
      const shifted = await store.db.selectFrom('audit_log').select('company_at').where('action', '=', 'demo.clock_shifted').executeTakeFirstOrThrow();
      expect(Number(shifted.company_at)).toBe(9_000);
      expect(await verifyAuditChain(store.db, DEMO_COMPANY_ID, keys.audit)).toMatchObject({ ok: true, checked: rows.length + 1 });
    } finally {
      await opened.close();
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
