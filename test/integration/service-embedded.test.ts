/**
 * The embedded service's keys: the data key that seals authenticator secrets lives in the console's vault (here the
 * 0600 file fallback, whose warning the console shows in app:status), survives restarts, and a vault without it
 * stops the start with a clear error instead of sealing with a new key. Its folders are private (0700).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import type { IpcResult } from '../../shared/ipc/define';
import { authenticatorCode, parseKeyUri } from '../../shared/domain/key-uri';
import { createConsole } from '../../src-main/console/create-console';
import { DATA_KEY_META } from '../../src-main/service/auth/service-keys';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { openVault } from '../../src-main/service/secrets/open-vault';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { openStore } from '../../src-main/service/store/store';

describe('embedded service keys', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-embedded-keys-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the data key in the console vault, warns about the file, and opens sealed secrets after a restart', async () => {
    let backend = await createConsole({ dataDir, host: 'browser', vault: await openVault({ dir: dataDir, prefer: 'file' }) });
    let miaUri = '';
    try {
      const status = (await backend.dispatch('app:status', {})) as IpcResult<ConnectionStatus>;
      if (!status.ok) throw new Error(status.error.message);
      expect(status.value.warnings.join('\n')).toMatch(/kept in the file .*secret-vault\.json/);
      const users = await backend.runtime.client().call('demoUsers', {});
      const mia = users.users.find((user) => user.email === 'mia.thompson@northwind.example');
      miaUri = (await backend.runtime.client().call('demoAuthenticator', { params: { userId: mia?.id ?? '' } })).keyUri;
    } finally {
      await backend.close();
    }

    const vault = await openVault({ dir: dataDir, prefer: 'file' });
    const store = await openStore({ file: path.join(dataDir, 'service', 'mfa.sqlite') });
    const keyId = (await store.db.selectFrom('meta').select('value').where('key', '=', DATA_KEY_META).executeTakeFirstOrThrow()).value;
    await store.close();
    expect(await vault.get(`data-key:${keyId}`)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    backend = await createConsole({ dataDir, host: 'browser', vault });
    try {
      const client = backend.runtime.client();
      const signIn = await client.call('signIn', { body: { email: 'mia.thompson@northwind.example', password: DEMO_PASSWORD } }, { token: '' });
      const scan = parseKeyUri(miaUri);
      if (!scan.ok || !signIn.token) throw new Error('no authenticator or no sign-in token');
      const passed = await client.call('challengeVerify', { body: { method: 'totp', code: authenticatorCode(scan.account, Date.now()) } }, { token: signIn.token });
      expect(passed).toEqual({ step: 'signed_in' });
    } finally {
      await backend.close();
    }
  });

  it.skipIf(process.platform === 'win32')('creates its data folder and service folder readable by their owner only (0700)', async () => {
    const fresh = path.join(dataDir, 'fresh-console');
    const backend = await createConsole({ dataDir: fresh, host: 'browser', vault: new MemoryVault() });
    await backend.close();
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(fresh, 'service')).mode & 0o777).toBe(0o700);
  });

  it('refuses to start with a vault that lacks the data key of its database', async () => {
    await expect(createConsole({ dataDir, host: 'browser', vault: new MemoryVault() })).rejects.toThrow(/data key .* is missing/);
  });
});
