import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const GOOD_AND_BAD = [
  'Email,Name,Country,Time Zone,Account Type,Status',
  'ana.silva@northwind.example,Ana Silva,br,America/Sao_Paulo,,',
  'not-an-email,Bad Email,US,America/New_York,,',
  'ben.ode@northwind.example,,NG,Africa/Lagos,,',
  'cy.li@northwind.example,Cy Li,CN,Asia/Atlantis,,',
  '"dee, the second@northwind.example",Dee,US,UTC,,',
  'eve.adams@northwind.example,"Adams, Eve",GB,Europe/London,payments_payee_admin,active',
  'ANA.SILVA@northwind.example,Ana Again,BR,America/Sao_Paulo,,',
  'fay.ng@northwind.example,Fay Ng,SG,Asia/Singapore,admin,',
  'gus.roy@northwind.example,Gus Roy,CA,America/Toronto',
  '',
  'hal.yu@northwind.example,Hal Yu,"US"x,America/Chicago,,',
  'ivy.kent@northwind.example,Ivy Kent,us,America/Chicago,standard,inactive',
].join('\r\n');

describe('Admin API: CSV import (R-DIR-4)', () => {
  let h: AdminHarness;
  let admin: string;
  let reader: string;
  let writer: string;

  beforeAll(async () => {
    h = await startAdminHarness();
    admin = await h.tokenFor(OPERATORS.admin);
    reader = await h.tokenFor(OPERATORS.reader);
    await h.grant(demoEmail('casey.morgan'), 'none', 'standard');
    writer = await h.tokenFor(demoEmail('casey.morgan'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps the good rows and reports each bad one by line number in plain words', async () => {
    const reply = await h.importCsv(writer, GOOD_AND_BAD);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ rows: 11, created: 3, updated: 0, unchanged: 0, failed: 8, errorsTruncated: false });
    const byLine = Object.fromEntries(reply.body.errors.map((error: { line: number; message: string }) => [error.line, error.message]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 8, 9, 10, 12]);
    expect(byLine[3]).toContain('not a valid email');
    expect(byLine[4]).toContain('name is empty');
    expect(byLine[5]).toContain('not a time zone');
    expect(byLine[6]).toContain('not a valid email');
    expect(byLine[8]).toContain('already on line 2');
    expect(byLine[9]).toContain('not an account type');
    expect(byLine[10]).toContain('has 4 values but the header has 6 columns');
    expect(byLine[12]).toContain('not a two-letter country code');
  });

  it('writes the good rows with defaults and normalised values, audited as one import with counts', async () => {
    const users = await h.call('GET', '/api/v1/admin/users?q=northwind.example&limit=1000', { token: reader });
    const byEmail = new Map(users.body.users.map((user: { email: string }) => [user.email, user]));
    expect(byEmail.get('ana.silva@northwind.example')).toMatchObject({ name: 'Ana Silva', country: 'BR', status: 'active', accountType: 'standard' });
    expect(byEmail.get('eve.adams@northwind.example')).toMatchObject({ name: 'Adams, Eve', accountType: 'payments_payee_admin' });
    expect(byEmail.get('ivy.kent@northwind.example')).toMatchObject({ country: 'US', status: 'inactive' });
    const audit = await h.call('GET', '/api/v1/admin/audit?action=users.import', { token: reader });
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      actorEmail: demoEmail('casey.morgan'),
      after: { rows: 11, created: 3, updated: 0, unchanged: 0, failed: 8 },
      evidence: { columns: ['email', 'name', 'country', 'time_zone', 'account_type', 'status'], failedLines: [3, 4, 5, 6, 8, 9, 10, 12] },
    });
  });

  it('changes nothing when the same file is imported again: no rewrite, no change sequence', async () => {
    const before = await h.call('GET', '/api/v1/admin/users/changes?since=0&limit=10000', { token: reader });
    const reply = await h.importCsv(writer, GOOD_AND_BAD);
    expect(reply.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: 8 });
    const after = await h.call('GET', `/api/v1/admin/users/changes?since=${before.body.cursor}`, { token: reader });
    expect(after.body.users).toEqual([]);
  });

  it('updates a changed row, keeping what the file leaves empty or does not mention', async () => {
    const csv = 'email,name,country,time_zone\neve.adams@northwind.example,Eve Adams,GB,Europe/London\n';
    const reply = await h.importCsv(writer, csv);
    expect(reply.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, failed: 0 });
    const users = await h.call('GET', '/api/v1/admin/users?q=eve.adams', { token: reader });
    expect(users.body.users[0]).toMatchObject({ name: 'Eve Adams', accountType: 'payments_payee_admin', status: 'active' });
  });

  it('refuses rows that change permissions unless the operator is admin on both tools, and one’s own deactivation', async () => {
    const csv = [
      'email,name,country,time_zone,status,company_admin,directory',
      `gus.roy@northwind.example,Gus Roy,CA,America/Toronto,,read_only,`,
      `${demoEmail('casey.morgan')},Casey Morgan,US,America/Denver,inactive,,`,
    ].join('\n');
    const reply = await h.importCsv(writer, csv);
    expect(reply.body).toMatchObject({ created: 0, failed: 2 });
    expect(reply.body.errors[0]).toMatchObject({ line: 2, message: expect.stringContaining('admin-tool permissions') });
    expect(reply.body.errors[1]).toMatchObject({ line: 3, message: expect.stringContaining('your own account') });
    const adminRows = csv.split('\n').slice(0, 2).join('\n');
    const unconfirmed = await h.importCsv(admin, adminRows, 'text/csv; charset=utf-8');
    expect(unconfirmed.body).toMatchObject({ created: 0, failed: 1, permissionChanges: 0 });
    expect(unconfirmed.body.errors[0].message).toContain('changes permissions (Company Admin none → read_only), which were not confirmed');
    const byAdmin = await h.importCsv(admin, adminRows, 'text/csv; charset=utf-8', 'permissionChanges=apply');
    expect(byAdmin.body).toMatchObject({ created: 1, failed: 0, permissionChanges: 1 });
    expect(byAdmin.body.changes).toEqual([
      expect.objectContaining({ line: 2, email: 'gus.roy@northwind.example', kind: 'added', before: null, permissionChange: true, after: expect.objectContaining({ companyAdmin: 'read_only' }) }),
    ]);
  });

  it('previews a file without writing, listing every changed user with before and after and the permission changes apart', async () => {
    const riley = OPERATORS.reader;
    const csv = ['email,name,country,time_zone,directory', `${riley.toUpperCase()},Riley Reader,US,America/Chicago,none`, 'eve.adams@northwind.example,Eve Adams,IE,Europe/Dublin,'].join('\n');
    const before = await h.call('GET', '/api/v1/admin/users/changes?since=0&limit=10000', { token: reader });
    const auditsBefore = (await auditEntries(h, 'users.import')).length;
    const preview = await h.importCsv(admin, csv, 'text/csv', 'mode=preview');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ preview: true, created: 0, updated: 2, failed: 0, permissionChanges: 1 });
    expect(preview.body.changes).toEqual([
      expect.objectContaining({ line: 2, kind: 'updated', permissionChange: true, before: { email: riley, directory: 'read_only' }, after: { email: riley.toUpperCase(), directory: 'none' } }),
      expect.objectContaining({ line: 3, kind: 'updated', permissionChange: false, before: { country: 'GB', timeZone: 'Europe/London' }, after: { country: 'IE', timeZone: 'Europe/Dublin' } }),
    ]);
    const after = await h.call('GET', `/api/v1/admin/users/changes?since=${before.body.cursor}`, { token: reader });
    expect(after.body.users).toEqual([]);
    expect(await auditEntries(h, 'users.import')).toHaveLength(auditsBefore);

    const applied = await h.importCsv(admin, csv, 'text/csv', 'permissionChanges=apply');
    expect(applied.body).toMatchObject({ preview: false, updated: 2, permissionChanges: 1 });
    const [entry] = (await auditEntries(h, 'users.import')).slice(-1);
    expect(JSON.parse(entry?.evidence ?? '{}').changes).toEqual([
      { userId: await h.idOf(riley), email: riley.toUpperCase(), kind: 'updated', before: { email: riley, directory: 'read_only' }, after: { email: riley.toUpperCase(), directory: 'none' } },
      { userId: await h.idOf('eve.adams@northwind.example'), email: 'eve.adams@northwind.example', kind: 'updated', before: { country: 'GB', timeZone: 'Europe/London' }, after: { country: 'IE', timeZone: 'Europe/Dublin' } },
    ]);
  });

  it('invites the active users a file creates with invite=new: the preview counts them and sends nothing, the import invites them', async () => {
    const csv = [
      'email,name,country,time_zone,status',
      'ines.invite@northwind.example,Inès Invite,FR,Europe/Paris,',
      'oli.offline@northwind.example,Oli Offline,FR,Europe/Paris,inactive',
      'eve.adams@northwind.example,Eve Adams,IE,Europe/Dublin,',
    ].join('\n');
    const invitesBefore = (await auditEntries(h, 'user.invite')).length;
    const preview = await h.importCsv(writer, csv, 'text/csv', 'mode=preview&invite=new');
    expect(preview.body).toMatchObject({ preview: true, created: 2, unchanged: 1, invited: 1 });
    expect((await h.call('GET', '/api/v1/admin/users?q=invite&limit=10', { token: reader })).body.users).toEqual([]);
    expect(await auditEntries(h, 'user.invite')).toHaveLength(invitesBefore);
    expect((await h.importCsv(writer, csv, 'text/csv', 'mode=preview')).body.invited).toBe(0);

    const applied = await h.importCsv(writer, csv, 'text/csv', 'invite=new');
    expect(applied.body).toMatchObject({ preview: false, created: 2, invited: 1 });
    const [ines] = (await h.call('GET', '/api/v1/admin/users?q=ines invite&limit=10', { token: reader })).body.users;
    expect(ines).toMatchObject({ email: 'ines.invite@northwind.example', passwordSetAt: null, invitedAt: h.clock.now() });
    const offline = (await h.call('GET', `/api/v1/admin/users/${await h.idOf('oli.offline@northwind.example')}`, { token: reader })).body;
    expect(offline).toMatchObject({ status: 'inactive', invitedAt: null });
    expect((await auditEntries(h, 'user.invite')).slice(invitesBefore).map((entry) => entry.target_email)).toEqual(['ines.invite@northwind.example']);
  });

  it('refuses rows that change the status of someone with admin-tool permissions unless the operator is admin on both tools', async () => {
    const reply = await h.importCsv(writer, `email,name,country,time_zone,status\n${demoEmail('harper.quinn')},Harper Quinn,CA,America/Toronto,inactive\n`);
    expect(reply.body).toMatchObject({ updated: 0, failed: 1, errors: [{ line: 2, message: expect.stringContaining('status of someone with admin-tool permissions') }] });
    const users = await h.call('GET', '/api/v1/admin/users?q=harper', { token: reader });
    expect(users.body.users[0]).toMatchObject({ status: 'active' });
  });

  it('deactivating by import ends the user’s sessions', async () => {
    const token = await h.tokenFor('ana.silva@northwind.example');
    const reply = await h.importCsv(admin, 'email,name,country,time_zone,status\nana.silva@northwind.example,Ana Silva,BR,America/Sao_Paulo,inactive\n');
    expect(reply.body.updated).toBe(1);
    expect((await h.call('GET', '/api/v1/company', { token })).status).toBe(401);
  });

  it('refuses a file without the required columns, with unknown columns, or empty, as a whole', async () => {
    const missing = await h.importCsv(admin, 'email,name\na@b.example,A\n');
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('missing: country, time_zone');
    const unknown = await h.importCsv(admin, 'email,name,country,time_zone,shoe_size\n');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toContain('shoe_size');
    const empty = await h.importCsv(admin, '');
    expect(empty.status).toBe(422);
  });

  it('accepts a CSV body only (not JSON, not binary), and only from Directory writers', async () => {
    const json = await h.call('POST', '/api/v1/admin/users/import', { token: admin, body: { csv: 'email' } });
    expect(json.status).toBe(400);
    const binary = await h.importCsv(admin, 'email,name,country,time_zone\n', 'application/octet-stream');
    expect(binary.status).toBe(415);
    const forbidden = await h.importCsv(reader, 'email,name,country,time_zone\n');
    expect(forbidden.status).toBe(403);
  });
});
