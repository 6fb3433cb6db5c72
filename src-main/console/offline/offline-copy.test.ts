import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../shared/api/routes/admin-audit';
import { AUDIT_KEPT, OfflineCopy } from './offline-copy';

const NOW = Date.UTC(2026, 10, 30, 9);

function entry(seq: number): AuditEntryView {
  return { seq, at: NOW + seq, companyAt: null, actorId: null, actorEmail: 'a@x.example', action: 'user.update', targetId: null, targetEmail: null, before: null, after: null, evidence: null, prevHash: 'p', hash: `h${seq}` };
}

describe('the offline copy', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-offline-copy-'));
    file = path.join(dir, 'cache', 'offline.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what it was given across a restart, for the same service only', async () => {
    const copy = await OfflineCopy.open({ file, saveDelayMs: 5 });
    copy.useSource('remote:https://mfa.example');
    copy.rememberOverview({ companyName: 'Acme', mfaRequired: true, deadlineDate: null, deadlineZone: 'UTC' }, NOW);
    copy.rememberOperator({ email: 'a@x.example', name: 'A', companyAdmin: 'none', directory: 'read_only', helpdesk: true, confirmedAt: NOW });
    copy.rememberLink({ state: 'unreachable', since: NOW + 5, lastContactAt: NOW, nextRetryAt: NOW + 1_005, attempts: 0, message: 'x' });
    await copy.flush();

    const again = await OfflineCopy.open({ file });
    again.useSource('remote:https://mfa.example');
    expect(again.overview).toEqual({ takenAt: NOW, value: { companyName: 'Acme', mfaRequired: true, deadlineDate: null, deadlineZone: 'UTC' } });
    expect(again.operator).toMatchObject({ email: 'a@x.example', helpdesk: true });
    expect(again.link).toEqual({ lastContactAt: NOW, lostSince: NOW + 5 });

    const history = { now: NOW, timeZone: 'Europe/Berlin', enrolledNow: 3, days: [{ date: '2026-11-30', enrolled: 3 }], deadline: { required: false, enforcementAt: null, localDate: null }, eventsCounted: 3 };
    again.rememberHistory(history, NOW);
    expect(again.history('Europe/Berlin')).toEqual({ takenAt: NOW, value: history });
    expect(again.history('America/New_York')).toBeNull();

    const other = await OfflineCopy.open({ file });
    other.useSource('embedded:/data/mfa.sqlite');
    expect([other.overview, other.operator, other.link.lostSince]).toEqual([null, null, null]);
  });

  it('keeps the newest audit entries seen, each once, up to its limit', async () => {
    const copy = await OfflineCopy.open({ file });
    copy.useSource('s');
    copy.rememberAudit([entry(5), entry(4)], NOW);
    copy.rememberAudit([entry(7), entry(6), entry(5)], NOW + 1);
    expect(copy.audit?.value.map((e) => e.seq)).toEqual([7, 6, 5, 4]);
    copy.rememberAudit(Array.from({ length: AUDIT_KEPT + 10 }, (_, i) => entry(100 + i)), NOW + 2);
    expect(copy.audit?.value).toHaveLength(AUDIT_KEPT);
    expect(copy.audit?.value[0]?.seq).toBe(100 + AUDIT_KEPT + 9);
  });

  it('drops a part this version cannot read and keeps the others', async () => {
    const copy = await OfflineCopy.open({ file, saveDelayMs: 5 });
    copy.useSource('s');
    copy.rememberOverview({ companyName: 'Acme', mfaRequired: false, deadlineDate: null, deadlineZone: 'UTC' }, NOW);
    copy.rememberAudit([entry(1)], NOW);
    await copy.flush();
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.parts.audit.entries[0].seq = 'not a number';
    writeFileSync(file, JSON.stringify(json));
    const again = await OfflineCopy.open({ file });
    again.useSource('s');
    expect([again.audit, again.overview?.value.companyName]).toEqual([null, 'Acme']);
  });

  it('reads an operator remembered before the Helpdesk permission existed as without it', async () => {
    const copy = await OfflineCopy.open({ file, saveDelayMs: 5 });
    copy.useSource('s');
    copy.rememberOperator({ email: 'a@x.example', name: 'A', companyAdmin: 'admin', directory: 'admin', helpdesk: true, confirmedAt: NOW });
    await copy.flush();
    const json = JSON.parse(readFileSync(file, 'utf8'));
    delete json.parts.operator.helpdesk;
    writeFileSync(file, JSON.stringify(json));
    const again = await OfflineCopy.open({ file });
    again.useSource('s');
    expect(again.operator).toEqual({ email: 'a@x.example', name: 'A', companyAdmin: 'admin', directory: 'admin', helpdesk: false, confirmedAt: NOW });
  });

  it('starts empty from a damaged file, and writes a good one at the next answer', async () => {
    const copy = await OfflineCopy.open({ file, saveDelayMs: 5 });
    copy.useSource('s');
    copy.rememberAudit([entry(1)], NOW);
    await copy.flush();
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    const damaged = await OfflineCopy.open({ file, saveDelayMs: 5 });
    damaged.useSource('s');
    expect(damaged.audit).toBeNull();
    damaged.rememberAudit([entry(2)], NOW);
    await damaged.flush();
    const again = await OfflineCopy.open({ file });
    again.useSource('s');
    expect(again.audit?.value.map((e) => e.seq)).toEqual([2]);
  });
});
