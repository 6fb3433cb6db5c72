import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile, type CacheSnapshot } from './cache-file';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const snapshot: CacheSnapshot = {
  source: 'svc', cursor: 42, syncedAt: 1, clockSkewMs: 0, company: { id: 'c', name: 'Acme', ssoDomains: [] }, policy: null,
  users: [{
    id: 'u1', email: 'nia@acme.test', name: 'Nia', status: 'active', country: 'GB', timeZone: 'Europe/London', accountType: 'standard',
    permissions: { companyAdmin: 'none', directory: 'none', helpdesk: false }, sso: false, methods: [], enrolledAt: null, lastSignInAt: null, lockedUntil: null,
    createdAt: 5, changeSeq: 42, passwordSetAt: null, invitedAt: 10, invitationExpiresAt: 20,
  }],
};

describe('the cache file and the invitation columns (R-DIR-5)', () => {
  it('keeps where each user’s invitation stands', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cache-file-')), 'directory.json');
    dirs.push(path.dirname(file));
    await writeCacheFile(file, snapshot);
    const read = await readCacheFile(file);
    expect(read).toMatchObject({ kind: 'ok', snapshot: { cursor: 42, users: [{ invitedAt: 10, invitationExpiresAt: 20, passwordSetAt: null }] } });
  });

  it('syncs a file written before those columns again from the start', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cache-file-')), 'directory.json');
    dirs.push(path.dirname(file));
    await writeCacheFile(file, snapshot);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { users: Record<string, unknown> };
    delete json.users.passwordSetAt;
    delete json.users.invitedAt;
    delete json.users.invitationExpiresAt;
    writeFileSync(file, JSON.stringify(json));
    const read = await readCacheFile(file);
    expect(read).toMatchObject({ kind: 'ok', snapshot: { cursor: 0, users: [{ id: 'u1', invitedAt: null }] } });
  });
});
