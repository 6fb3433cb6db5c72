/**
 * Issue 12 item 2: the user panel's actions below the renderer (IPC dispatch → handlers → embedded service): Edit
 * with permissions under R-POL-1's rules and the change sequence, CSV export of a selection through the one writer,
 * bulk deactivation with one audit entry per user, and the refusals a read-only operator gets from the service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv, isCsvRecord } from '../../shared/domain/csv';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { DIRECTORY_CSV_HEADER } from '../../src-main/console/exports/directory-csv';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { consoleCall } from '../fixtures/console-call';

describe('the user panel acts through the console', () => {
  let dataDir: string;
  let backend: ConsoleBackend;

  const call = consoleCall(() => backend);
  const find = async (search: string) => {
    const [row] = (await call('directory:query', { search, limit: 1 })).rows;
    if (!row) throw new Error(`nobody matches ${search}`);
    return call('directory:user', { id: row.id });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-user-actions-'));
    backend = await createConsole({ dataDir, host: 'browser', vault: new MemoryVault() });
  });
  afterAll(async () => {
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('edits name, country, zone and permissions, audited before/after, and refuses a change made meanwhile', async () => {
    const dana = await find('dana whitfield');
    const saved = await call('directory:update', {
      id: dana.id,
      expectedChangeSeq: dana.changeSeq,
      name: 'Dana Whitfield-Ortiz',
      country: 'CA',
      timeZone: 'America/Edmonton',
      permissions: { companyAdmin: 'none', directory: 'standard' },
    });
    expect(saved).toMatchObject({ name: 'Dana Whitfield-Ortiz', country: 'CA', timeZone: 'America/Edmonton', permissions: { directory: 'standard' } });
    expect((await call('directory:query', { search: 'whitfield-ortiz', limit: 1 })).total).toBe(1);
    const [entry] = (await call('audit:list', { action: 'user.update', target: dana.email, limit: 1 })).entries;
    expect(entry).toMatchObject({
      before: { name: 'Dana Whitfield', country: 'US', timeZone: 'America/Phoenix', permissions: { companyAdmin: 'none', directory: 'none' } },
      after: { name: 'Dana Whitfield-Ortiz', country: 'CA', timeZone: 'America/Edmonton', permissions: { companyAdmin: 'none', directory: 'standard' } },
    });
    const stale = await backend.dispatch('directory:update', { id: dana.id, expectedChangeSeq: dana.changeSeq, name: 'Someone Else', country: 'US', timeZone: 'UTC' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('changed by someone else') } });
    const own = await find('avery admin');
    const refused = await backend.dispatch('directory:update', { id: own.id, expectedChangeSeq: own.changeSeq, name: own.name, country: own.country, timeZone: own.timeZone, permissions: { companyAdmin: 'read_only', directory: 'admin' } });
    expect(refused).toMatchObject({ ok: false, error: { message: 'You cannot change your own permissions. Ask another company admin to do it.' } });
  });

  it('gives and takes the Helpdesk permission from Edit and Add user, audited, and exports it (R-RST-5)', async () => {
    const jordan = await find('jordan patel');
    const permit = (changeSeq: number, permissions: { companyAdmin: 'none' | 'read_only'; directory: 'none'; helpdesk?: boolean }) =>
      call('directory:update', { id: jordan.id, expectedChangeSeq: changeSeq, name: jordan.name, country: jordan.country, timeZone: jordan.timeZone, permissions });
    const given = await permit(jordan.changeSeq, { companyAdmin: 'none', directory: 'none', helpdesk: true });
    expect(given.permissions).toEqual({ companyAdmin: 'none', directory: 'none', helpdesk: true });
    const [entry] = (await call('audit:list', { action: 'user.update', target: jordan.email, limit: 1 })).entries;
    expect(entry).toMatchObject({ before: { permissions: { helpdesk: false } }, after: { permissions: { helpdesk: true } } });
    const { csv } = await call('directory:export', { ids: [jordan.id] });
    const [header, row] = readCsv(csv).filter(isCsvRecord).map((record) => record.fields);
    expect(row?.[header?.indexOf('helpdesk') ?? -1]).toBe('yes');
    const kept = await permit(given.changeSeq, { companyAdmin: 'read_only', directory: 'none' });
    // Helpdesk left out of a change keeps it.
    expect(kept.permissions).toEqual({ companyAdmin: 'read_only', directory: 'none', helpdesk: true });
    const taken = await permit(kept.changeSeq, { companyAdmin: 'none', directory: 'none', helpdesk: false });
    expect(taken.permissions).toEqual({ companyAdmin: 'none', directory: 'none', helpdesk: false });
    const added = await call('invitations:create-user', {
      email: 'new.helpdesk@northwind.example',
      name: 'New Helpdesk',
      country: 'US',
      timeZone: 'America/Chicago',
      permissions: { companyAdmin: 'none', directory: 'none', helpdesk: true },
      invite: false,
    });
    expect(added.user.permissions).toEqual({ companyAdmin: 'none', directory: 'none', helpdesk: true });
  });

  it('lets the helpdesk unlock from the panel but not edit, deactivate or change permissions (R-RST-5)', async () => {
    const jordan = await find('jordan patel');
    await call('settings:act-as', { email: 'omar.haddad@northwind.example' });
    try {
      const edit = await backend.dispatch('directory:update', { id: jordan.id, expectedChangeSeq: jordan.changeSeq, name: 'J', country: 'US', timeZone: 'UTC' });
      expect(edit).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Changing the directory needs Standard or Admin permission/) } });
      expect(await backend.dispatch('directory:deactivate', { ids: [jordan.id] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const unlock = await backend.dispatch('directory:unlock', { id: jordan.id });
      expect(unlock).toMatchObject({ ok: false, error: { code: 'unprocessable', message: expect.stringContaining('is not locked out') } });
    } finally {
      await call('settings:act-as', { email: 'avery.admin@northwind.example' });
    }
  });

  it('refuses bad input at the channel with the field named', async () => {
    const dana = await find('dana');
    const bad = await backend.dispatch('directory:update', { id: dana.id, expectedChangeSeq: dana.changeSeq, name: ' ', country: 'XX', timeZone: 'Mars/Olympus' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    if (!bad.ok) expect(Object.keys(bad.error.fields ?? {})).toEqual(expect.arrayContaining(['name', 'country', 'timeZone']));
  });

  it('exports the selected users as CSV with the product’s writer, formulas neutralised', async () => {
    const sofia = await find('sofia');
    const priya = await find('priya');
    await call('directory:update', { id: priya.id, expectedChangeSeq: priya.changeSeq, name: '=HYPERLINK("x")', country: 'IN', timeZone: 'Asia/Kolkata' });
    const { fileName, csv } = await call('directory:export', { ids: [sofia.id, priya.id, 'gone'] });
    expect(fileName).toMatch(/^directory-2-users-\d{4}-\d\d-\d\d\.csv$/);
    const records = readCsv(csv).filter(isCsvRecord).map((record) => record.fields);
    expect(records[0]).toEqual([...DIRECTORY_CSV_HEADER]);
    expect(records).toHaveLength(3);
    expect(records[1]).toEqual(expect.arrayContaining(['sofia.hernandez@northwind.example', 'Sofía Hernández', 'active', 'MX', 'America/Mexico_City', 'not_enrolled']));
    expect(records[2]?.[1]).toBe(`'=HYPERLINK("x")`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(await backend.dispatch('directory:export', { ids: ['nobody'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('deactivates a selection in bulk, one audit entry each, leaving admins-of-others and oneself alone with reasons', async () => {
    const ids = await Promise.all(['lucia garcia', 'thabo nkosi', 'avery admin'].map(async (name) => (await find(name)).id));
    const result = await call('directory:deactivate', { ids });
    expect(result).toMatchObject({ deactivated: 2, skippedCount: 1 });
    expect(result.skipped[0]).toMatchObject({ reason: 'own_account' });
    const entries = (await call('audit:list', { action: 'user.deactivate', limit: 10 })).entries;
    expect(entries.filter((entry) => entry.evidence && (entry.evidence as { bulk?: boolean }).bulk)).toHaveLength(2);
    expect(entries[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'inactive' } });
    const lucia = await find('lucia garcia');
    const back = await call('directory:reactivate', { id: lucia.id });
    expect(back.status).toBe('active');
  });

  it('keeps the service’s refusals for a read-only operator', async () => {
    await call('settings:act-as', { email: 'riley.reader@northwind.example' });
    try {
      const jordan = await find('jordan patel');
      const edit = await backend.dispatch('directory:update', { id: jordan.id, expectedChangeSeq: jordan.changeSeq, name: 'J', country: 'US', timeZone: 'UTC' });
      expect(edit).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Changing the directory needs Standard or Admin permission/) } });
      expect(await backend.dispatch('directory:deactivate', { ids: [jordan.id] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await call('directory:export', { ids: [jordan.id] })).csv).toContain('jordan.patel@northwind.example');
    } finally {
      await call('settings:act-as', { email: 'avery.admin@northwind.example' });
    }
  });
});
