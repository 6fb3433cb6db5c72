import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../shared/api/routes/admin-common';
import type { PolicyView } from '../../../shared/api/routes/admin-policy';
import { directoryFilterSchema } from '../../../shared/ipc/channels/directory';
import type { CachedCompany } from './cache-file';
import type { CacheSource, ChangesPage } from './cache-source';
import { ConsoleCache } from './console-cache';

const NOW = Date.UTC(2026, 5, 1);

function user(seq: number, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: `u${seq}`,
    email: `user${seq}@example.com`,
    name: `User ${seq}`,
    status: 'active',
    country: 'US',
    timeZone: 'America/New_York',
    accountType: 'standard',
    permissions: { companyAdmin: 'none', directory: 'none', helpdesk: false },
    sso: false,
    methods: [],
    enrolledAt: null,
    lastSignInAt: NOW,
    lockedUntil: null,
    createdAt: NOW,
    changeSeq: seq,
    passwordSetAt: NOW,
    invitedAt: null,
    invitationExpiresAt: null,
    ...overrides,
  };
}

const policy = (now: number): PolicyView => ({
  required: true, deadlineDate: '2026-07-01', deadlineZone: 'America/New_York', allowedMethods: ['totp', 'sms'],
  smsCodeTtlMinutes: 10, lockoutThreshold: 5, lockoutMinutes: 15, sessionIdleMinutes: null, sessionLifetimeHours: 12, resetChecklist: [],
  staleAfterDays: 90, signInRetentionDays: 90, version: 1, updatedAt: now, updatedByEmail: null, enforcementAt: null, enforced: false, now, warnings: [],
});

/** An in-memory service: users with change sequences, paged like the Admin API. */
class FakeSource implements CacheSource {
  users = new Map<string, DirectoryUser>();
  seq = 0;
  key = 'embedded:/data#c1';
  down = false;
  calls: number[] = [];
  company_: CachedCompany = { id: 'c1', name: 'Acme', ssoDomains: [] };
  put(overrides: Partial<DirectoryUser> & { id?: string } = {}): DirectoryUser {
    this.seq += 1;
    const next = user(this.seq, { ...overrides, changeSeq: this.seq });
    this.users.set(next.id, next);
    return next;
  }
  async company() {
    if (this.down) throw new Error('offline');
    return { company: this.company_, sourceKey: this.key };
  }
  async policy() {
    return policy(NOW + 3_600_000);
  }
  async changes(since: number, limit: number): Promise<ChangesPage> {
    this.calls.push(since);
    const changed = [...this.users.values()].filter((u) => u.changeSeq > since).sort((a, b) => a.changeSeq - b.changeSeq);
    const page = changed.slice(0, limit);
    return { users: page, cursor: page.at(-1)?.changeSeq ?? this.seq, hasMore: changed.length > limit };
  }
}

const all = directoryFilterSchema.parse({});

describe('ConsoleCache', () => {
  let dir: string;
  let file: string;
  const open = (warnings: string[] = []) =>
    ConsoleCache.open({ file, clock: () => NOW, pageSize: 2, saveDelayMs: 1, warn: (m) => warnings.push(m) });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-cache-'));
    file = path.join(dir, 'cache', 'directory.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('syncs the whole directory page by page, then only what changed', async () => {
    const source = new FakeSource();
    for (let i = 0; i < 5; i++) source.put();
    const cache = await open();
    expect(cache.info().state).toBe('loading');
    cache.start(source);
    await cache.whenReady();
    await cache.sync();
    expect(cache.index.size).toBe(5);
    expect(source.calls).toEqual([0, 2, 4, 5]);
    source.calls = [];
    source.put({ id: 'u2', name: 'Renamed', status: 'inactive' });
    await cache.refresh();
    expect(source.calls).toEqual([5]);
    expect(cache.index.get('u2')).toMatchObject({ name: 'Renamed', status: 'inactive' });
    expect(cache.index.size).toBe(5);
    expect(cache.now()).toBe(NOW + 3_600_000);
    await cache.close();
  });

  it('has a new revision after a change to a user or the policy, and the same one when nothing changed', async () => {
    const source = new FakeSource();
    source.put();
    const cache = await open();
    cache.start(source);
    await cache.refresh();
    const first = cache.revision();
    await cache.refresh();
    expect(cache.revision()).toBe(first);

    source.put({ id: 'u1', lockedUntil: NOW + 60_000 });
    await cache.refresh();
    const second = cache.revision();
    expect(second).not.toBe(first);

    cache.setPolicy({ ...policy(NOW + 3_600_000), version: 2 });
    expect(cache.revision()).not.toBe(second);
    await cache.close();
  });

  it('shows the saved copy at the next start before the service answers', async () => {
    const source = new FakeSource();
    source.put({ name: 'Zoë Saved' });
    const first = await open();
    first.start(source);
    await first.refresh();
    await first.close();

    const second = await open();
    expect(second.info()).toMatchObject({ state: 'ready', users: 1 });
    const slots = second.index.query({ ...all, search: 'zoe' }, 'name', 'asc', { now: NOW, staleAfterDays: 90 });
    expect(slots.length).toBe(1);
    expect(second.policy?.deadlineDate).toBe('2026-07-01');
    second.start(source);
    await second.sync();
    expect(source.calls.at(-1)).toBe(1);
    await second.close();
  });

  it('discards a corrupt file with a warning and rebuilds it from the service', async () => {
    const source = new FakeSource();
    source.put();
    const first = await open();
    first.start(source);
    await first.refresh();
    await first.close();
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));

    const warnings: string[] = [];
    const cache = await open(warnings);
    expect(warnings).toEqual([expect.stringContaining('directory cache was discarded')]);
    expect(cache.index.size).toBe(0);
    cache.start(source);
    await cache.refresh();
    expect(cache.index.size).toBe(1);
    await cache.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ cursor: 1 });
  });

  it('starts over when the service is another one, or its change sequence went back', async () => {
    const source = new FakeSource();
    source.put();
    source.put();
    const cache = await open();
    cache.start(source);
    await cache.refresh();
    source.key = 'remote:https://mfa.example#c1';
    source.users = new Map();
    source.seq = 0;
    source.put({ name: 'Only One' });
    await cache.refresh();
    expect(cache.index.all().map((u) => u.name)).toEqual(['Only One']);

    source.users = new Map();
    source.seq = 0;
    await cache.refresh();
    expect(cache.index.size).toBe(0);
    await cache.close();
  });

  it('keeps its data when the service is unreachable, says so, and recovers', async () => {
    const source = new FakeSource();
    source.put();
    const cache = await open();
    cache.start(source);
    await cache.refresh();
    source.down = true;
    await expect(cache.refresh()).rejects.toMatchObject({ code: 'service_unavailable' });
    expect(cache.info()).toMatchObject({ state: 'stale', users: 1, lastError: expect.stringContaining('could not be refreshed') });
    source.down = false;
    await cache.refresh();
    expect(cache.info().state).toBe('ready');
    await cache.close();
  });
});
