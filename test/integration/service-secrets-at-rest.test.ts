/**
 * Secrets at rest (issue item 9): after full flows on a database file, its bytes hold no TOTP secret (Base32 or raw),
 * recovery code, SMS code or session token in clear; TOTP secrets are AES-GCM sealed under a key kept outside.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32Secret, totpCode } from '../../shared/domain/totp';
import { openServiceKeys } from '../../src-main/service/auth/service-keys';
import { openVault } from '../../src-main/service/secrets/open-vault';
import { VAULT_FILE_NAME } from '../../src-main/service/secrets/file-vault';
import { openStore } from '../../src-main/service/store/store';
import { demo, enrollSms, enrollTotp, signInOk, startHarness, type Harness } from '../fixtures/service-harness';

/**
 * Places where `needle` occurs in `text` that random hex (ids, hashes) does not explain: an occurrence inside a run
 * of hex characters holding a letter a–f is part of an id or a hash; any other one is the value in clear.
 */
function clearOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    let start = at;
    let end = at + needle.length;
    while (start > 0 && /[0-9a-f]/i.test(text[start - 1] ?? '')) start -= 1;
    while (end < text.length && /[0-9a-f]/i.test(text[end] ?? '')) end += 1;
    if (!/[a-f]/i.test(text.slice(start, end))) count += 1;
  }
  return count;
}

describe('the database file holds no secret in clear', () => {
  let dir: string;
  let h: Harness;
  const secrets = { totp: [] as string[], recovery: [] as string[], sms: [] as string[], tokens: [] as string[], auditKey: Buffer.alloc(0) };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-at-rest-'));
    const store = await openStore({ file: path.join(dir, 'mfa.sqlite') });
    const keys = await openServiceKeys(await openVault({ dir, prefer: 'file' }), store);
    h = await startHarness({ store, mfa: { keys } });
    secrets.auditKey = Buffer.from(keys.audit.current.bytes);

    const app = await enrollTotp(h, demo('jordan.patel'));
    secrets.totp.push(app.secret);
    secrets.recovery.push(app.recoveryCode);
    secrets.tokens.push(app.token);
    const pending = await h.call('POST', '/api/v1/me/authenticator', { token: app.token, body: {} });
    secrets.totp.push(pending.body.secret);

    const sms = await enrollSms(h, demo('casey.morgan'), '+1 201 555 0123');
    secrets.recovery.push(sms.recoveryCode);
    secrets.tokens.push(sms.token);
    h.clock.advance(31_000);
    const challenge = await signInOk(h, demo('casey.morgan'));
    secrets.tokens.push(challenge.token);
    await h.call('POST', '/api/v1/auth/challenge/sms', { token: challenge.token, body: {} });
    await h.call('POST', '/api/v1/auth/challenge', { token: challenge.token, body: { method: 'sms', code: await h.lastCode(demo('casey.morgan')) } });
    const viaRecovery = await signInOk(h, demo('jordan.patel'));
    secrets.tokens.push(viaRecovery.token);
    const renewed = await h.call('POST', '/api/v1/auth/challenge', { token: viaRecovery.token, body: { method: 'recovery_code', code: app.recoveryCode } });
    secrets.recovery.push(renewed.body.recoveryCode);
    secrets.sms.push(...(await h.outbox.list('company-demo')).map((message) => message.code));
    expect(totpCode(app.secret, h.clock.now())).toMatch(/^\d{6}$/);
    await h.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function databaseFiles(): string[] {
    return readdirSync(dir).filter((name) => name !== VAULT_FILE_NAME).map((name) => path.join(dir, name));
  }

  it('ran the flows that store every kind of secret', () => {
    expect(secrets.totp).toHaveLength(2);
    expect(secrets.recovery).toHaveLength(3);
    expect(secrets.sms.length).toBeGreaterThanOrEqual(2);
    expect(secrets.tokens).toHaveLength(4);
    expect(databaseFiles().map((file) => path.basename(file))).toContain('mfa.sqlite');
  });

  it('contains no TOTP secret, Base32 or raw', () => {
    for (const file of databaseFiles()) {
      const bytes = readFileSync(file);
      const text = bytes.toString('latin1');
      for (const secret of secrets.totp) {
        expect(text).not.toContain(secret);
        expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
        const raw = Buffer.from(decodeBase32Secret(secret) ?? []);
        expect(raw.length).toBe(20);
        expect(bytes.indexOf(raw)).toBe(-1);
        expect(text).not.toContain(raw.toString('base64').slice(0, 24));
        expect(text).not.toContain(raw.toString('hex'));
      }
    }
  });

  it('contains no recovery code, SMS code or session token', () => {
    for (const file of databaseFiles()) {
      const text = readFileSync(file).toString('latin1');
      for (const code of secrets.recovery) {
        expect(text).not.toContain(code);
        expect(text).not.toContain(code.replace(/-/g, ''));
      }
      for (const code of secrets.sms) expect(clearOccurrences(text, code), `SMS code ${code} in clear`).toBe(0);
      for (const token of secrets.tokens) expect(text).not.toContain(token);
    }
  });

  it('contains no audit chain key, though every entry is sealed with it', () => {
    expect(secrets.auditKey).toHaveLength(32);
    for (const file of databaseFiles()) {
      const bytes = readFileSync(file);
      const text = bytes.toString('latin1');
      expect(bytes.indexOf(secrets.auditKey)).toBe(-1);
      expect(text).not.toContain(secrets.auditKey.toString('base64url'));
      expect(text).not.toContain(secrets.auditKey.toString('hex'));
    }
  });

  it('keeps the data key in a 0600 file beside the database when no keychain is used', () => {
    const keyFile = path.join(dir, VAULT_FILE_NAME);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(path.join(dir, 'mfa.sqlite')).toString('latin1');
    const keys = Object.values((JSON.parse(readFileSync(keyFile, 'utf8')) as { secrets: Record<string, string> }).secrets);
    for (const key of keys.filter((value) => value.length >= 32)) expect(text).not.toContain(key);
  });

  it('finds a value stored in clear (the scan itself works)', () => {
    const sample = 'x\u0001+12015550123482913\u0002';
    expect(clearOccurrences(sample, '482913')).toBe(1);
    expect(clearOccurrences('id 7f3a482913bc', '482913')).toBe(0);
  });
});
