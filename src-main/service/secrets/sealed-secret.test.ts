import { describe, expect, it } from 'vitest';
import { MemoryVault } from './memory-vault';
import { SealedSecretError, SecretSealer, sealedKeyId } from './sealed-secret';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Replaces one character of the part at `index` of a sealed value with a different one. */
function alterPart(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const part = parts[index] ?? '';
  parts[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

async function expectFailure(promise: Promise<unknown>, failure: SealedSecretError['failure']): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SealedSecretError);
  expect((error as SealedSecretError).failure).toBe(failure);
}

describe('SecretSealer', () => {
  it('round-trips a secret and never shows it in the sealed form', async () => {
    const sealer = await SecretSealer.open(new MemoryVault());
    const sealed = sealer.seal(SECRET);
    expect(sealed).not.toContain(SECRET);
    expect(sealed.startsWith(`v1.${sealer.keyId}.`)).toBe(true);
    expect(sealedKeyId(sealed)).toBe(sealer.keyId);
    await expect(sealer.open(sealed)).resolves.toBe(SECRET);
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', async () => {
    const sealer = await SecretSealer.open(new MemoryVault());
    expect(sealer.seal(SECRET)).not.toBe(sealer.seal(SECRET));
  });

  it('creates the data key on first use and finds the same key next time', async () => {
    const vault = new MemoryVault();
    const first = await SecretSealer.open(vault);
    const sealed = first.seal(SECRET);
    expect(await vault.get(`data-key:${first.keyId}`)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await SecretSealer.open(vault);
    expect(again.keyId).toBe(first.keyId);
    await expect(again.open(sealed)).resolves.toBe(SECRET);
  });

  it('detects a changed ciphertext, IV or tag', async () => {
    const sealer = await SecretSealer.open(new MemoryVault());
    const sealed = sealer.seal(SECRET);
    for (const part of [2, 3, 4]) await expectFailure(sealer.open(alterPart(sealed, part)), 'not-authentic');
  });

  it('detects a value relabelled with another key id', async () => {
    const vault = new MemoryVault();
    const sealer = await SecretSealer.open(vault);
    const oldSealed = sealer.seal(SECRET);
    await sealer.rotate();
    const relabelled = oldSealed.replace(`v1.${sealedKeyId(oldSealed)}.`, `v1.${sealer.keyId}.`);
    await expectFailure(sealer.open(relabelled), 'not-authentic');
  });

  it('refuses a key that is not the one the secret was sealed with', async () => {
    const sealed = (await SecretSealer.open(new MemoryVault())).seal(SECRET);
    const keyId = sealedKeyId(sealed) ?? '';
    const otherVault = new MemoryVault();
    await otherVault.set(`data-key:${keyId}`, Buffer.alloc(32, 7).toString('base64url'));
    const wrongKey = await SecretSealer.open(otherVault, { expectedKeyId: keyId });
    await expectFailure(wrongKey.open(sealed), 'not-authentic');
  });

  it('says the key is missing instead of creating a new one when the database expects a key', async () => {
    const vault = new MemoryVault();
    await expectFailure(SecretSealer.open(vault, { expectedKeyId: 'abc123' }), 'key-missing');
    expect(await vault.get('data-key:current')).toBeNull();

    const sealed = (await SecretSealer.open(new MemoryVault())).seal(SECRET);
    const elsewhere = await SecretSealer.open(vault);
    await expectFailure(elsewhere.open(sealed), 'key-missing');
  });

  it('keeps opening older secrets after a key rotation and seals new ones with the new key', async () => {
    const vault = new MemoryVault();
    const sealer = await SecretSealer.open(vault);
    const before = sealer.seal(SECRET);
    const oldId = sealer.keyId;
    const newId = await sealer.rotate();
    expect(newId).not.toBe(oldId);
    const after = sealer.seal('another secret');
    expect(sealedKeyId(after)).toBe(newId);

    const reopened = await SecretSealer.open(vault);
    expect(reopened.keyId).toBe(newId);
    await expect(reopened.open(before)).resolves.toBe(SECRET);
    await expect(reopened.open(after)).resolves.toBe('another secret');
  });

  it('rejects values that are not in the sealed format', async () => {
    const sealer = await SecretSealer.open(new MemoryVault());
    for (const value of ['', SECRET, 'v2.abc.x.y.z', `${sealer.seal(SECRET)}.extra`]) {
      await expectFailure(sealer.open(value), 'malformed');
    }
    expect(sealedKeyId(SECRET)).toBeNull();
  });
});
