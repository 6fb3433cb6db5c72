/**
 * Admin API: the rollout messages' wording (R-RPT-2, issue 12 item 5) on both engines: defaults until changed,
 * changes by Admin on both tools only, audited before/after, unknown placeholders refused by name in the service's
 * error shape, and back to the default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLLOUT_WORDING } from '../../shared/domain/rollout-defaults';
import { OPERATORS, startAdminHarness, type AdminHarness } from './admin-support';
import { testEngines } from './engines';

const WORDING = '/api/v1/admin/rollout/wording';

describe.each(testEngines('admin-rollout'))('Admin API: rollout wording on $name', (engine) => {
  let h: AdminHarness;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    h = await startAdminHarness({ store: await engine.open() });
    admin = await h.tokenFor(OPERATORS.admin);
    reader = await h.tokenFor(OPERATORS.reader);
  });
  afterAll(async () => {
    await h?.close();
    await engine.cleanUp();
  });

  it('reads the default wording of the four messages, and the placeholders, to any operator', async () => {
    const reply = await h.call('GET', WORDING, { token: reader });
    expect(reply.status).toBe(200);
    expect(reply.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['announcement', 'reminder_30', 'reminder_7', 'reminder_1']);
    expect(reply.body.messages[0]).toEqual({ kind: 'announcement', ...DEFAULT_ROLLOUT_WORDING.announcement, isDefault: true, updatedAt: null, updatedByEmail: null });
    expect(reply.body.placeholders.map((p: { name: string }) => p.name)).toContain('enforcement');
  });

  it('saves an admin’s wording, audited before and after, and leaves the other messages alone', async () => {
    const wording = { subject: 'MFA from {enforcement_date}', body: 'Hello,\n\nFrom {enforcement} you need your phone.\n\n{steps}\n\nAsk {contact}.' };
    const saved = await h.call('PUT', `${WORDING}/reminder_7`, { token: admin, body: wording });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'reminder_7', ...wording, isDefault: false, updatedAt: h.clock.now(), updatedByEmail: OPERATORS.admin });
    const list = (await h.call('GET', WORDING, { token: reader })).body.messages;
    expect(list.find((m: { kind: string }) => m.kind === 'reminder_7')).toMatchObject(wording);
    expect(list.find((m: { kind: string }) => m.kind === 'reminder_1').isDefault).toBe(true);
    const audit = (await h.call('GET', '/api/v1/admin/audit?action=rollout.wording_update', { token: admin })).body.entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorEmail: OPERATORS.admin,
      before: { message: 'reminder_7', subject: DEFAULT_ROLLOUT_WORDING.reminder_7.subject, isDefault: true },
      after: { message: 'reminder_7', subject: wording.subject, isDefault: false },
    });
    const again = await h.call('PUT', `${WORDING}/reminder_7`, { token: admin, body: wording });
    expect(again.status).toBe(200);
    expect((await h.call('GET', '/api/v1/admin/audit?action=rollout.wording_update', { token: admin })).body.entries).toHaveLength(1);
  });

  it('refuses an unknown placeholder by name, and wording that never says when, in the service’s error shape', async () => {
    const unknown = await h.call('PUT', `${WORDING}/announcement`, { token: admin, body: { subject: 'Hi {first_name}', body: 'From {enforcement}.' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^The subject uses \{first_name\}, which is not a placeholder/), details: { field: 'subject' } });
    const when = await h.call('PUT', `${WORDING}/announcement`, { token: admin, body: { subject: 'Hi', body: 'Soon.' } });
    expect(when.body.error.message).toContain('must say when MFA becomes required');
    const header = await h.call('PUT', `${WORDING}/announcement`, { token: admin, body: { subject: 'Hi\r\nBcc: all@x.example', body: '{enforcement}' } });
    expect(header.body.error.message).toBe('Keep the subject on one line.');
    const kind = await h.call('PUT', `${WORDING}/reminder_2`, { token: admin, body: { subject: 'x', body: '{enforcement}' } });
    expect(kind.status).toBe(400);
    const extra = await h.call('PUT', `${WORDING}/announcement`, { token: admin, body: { subject: 'x', body: '{enforcement}', html: '<b>' } });
    expect(extra.status).toBe(400);
    expect((await h.call('GET', WORDING, { token: reader })).body.messages[0].isDefault).toBe(true);
  });

  it('lets only an admin on both tools change the wording', async () => {
    const refused = await h.call('PUT', `${WORDING}/announcement`, { token: reader, body: { subject: 'x', body: '{enforcement}' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Changing the wording of the rollout messages needs Admin permission on both the Company Admin and Directory tools. Ask a company admin who has both.',
    );
    expect((await h.call('DELETE', `${WORDING}/reminder_7`, { token: reader })).status).toBe(403);
    expect((await h.call('GET', WORDING)).status).toBe(401);
  });

  it('sets a message back to the default wording, audited', async () => {
    const reset = await h.call('DELETE', `${WORDING}/reminder_7`, { token: admin });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ ...DEFAULT_ROLLOUT_WORDING.reminder_7, isDefault: true });
    const audit = (await h.call('GET', '/api/v1/admin/audit?action=rollout.wording_update', { token: admin })).body.entries;
    expect(audit[0]).toMatchObject({ before: { isDefault: false }, after: { isDefault: true } });
  });
});
