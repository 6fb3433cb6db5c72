/**
 * At-rest encryption of secrets in the database (TOTP secrets): AES-256-GCM under a 32-byte data key that
 * lives in the SecretVault, never in the database.
 *
 * Sealed form: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts, 12-byte random IV, 16-byte tag). The
 * key id lets keys rotate: new secrets use the current key, older ones still open with theirs. `v1.<keyId>`
 * is authenticated too, so relabelling a value with another key id is detected like any other tampering.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretVault } from './secret-vault';
import { VAULT_KEY_ID, createVaultKey, currentVaultKeyId, keyFingerprint, readVaultKey } from './vault-keys';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'data-key';

/** Why a sealed secret could not be opened (or a key not loaded). */
export type SealedSecretFailure = 'malformed' | 'key-missing' | 'not-authentic';

/** A secret that could not be sealed or opened; the message says what happened and what to do. */
export class SealedSecretError extends Error {
  override readonly name = 'SealedSecretError';

  constructor(
    readonly failure: SealedSecretFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Seals and opens secrets with the data keys kept in a vault. */
export class SecretSealer {
  readonly #keys = new Map<string, Buffer>();
  #current: { id: string; key: Buffer };

  private constructor(
    private readonly vault: SecretVault,
    current: { id: string; key: Buffer },
  ) {
    this.#current = current;
    this.#keys.set(current.id, current.key);
  }

  /**
   * Loads the current data key, creating it on first use. Pass `expectedKeyId` (the id the database recorded)
   * to refuse a vault that lacks it: creating a fresh key then would make every stored secret unreadable.
   */
  static async open(vault: SecretVault, options: { expectedKeyId?: string | null } = {}): Promise<SecretSealer> {
    const expected = options.expectedKeyId ?? null;
    const currentId = expected ?? (await currentVaultKeyId(vault, PREFIX));
    if (currentId !== null) return new SecretSealer(vault, { id: currentId, key: await loadKey(vault, currentId) });
    return new SecretSealer(vault, await createKey(vault));
  }

  /** The id of the key new secrets are sealed with (record it in the database's meta). */
  get keyId(): string {
    return this.#current.id;
  }

  /** The current key's fingerprint (`keyFingerprint`), which the database records beside its id. */
  get fingerprint(): string {
    return keyFingerprint(PREFIX, this.#current.key);
  }

  /** Encrypts `plaintext` with the current key and a fresh random IV. */
  seal(plaintext: string): string {
    const { id, key } = this.#current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${VERSION}.${id}`));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
    return [VERSION, id, ...parts].join('.');
  }

  /** Decrypts a value made by `seal`, with whichever key sealed it; throws SealedSecretError otherwise. */
  async open(sealed: string): Promise<string> {
    const { keyId, iv, ciphertext, tag } = parseSealed(sealed);
    let key = this.#keys.get(keyId);
    if (!key) {
      key = await loadKey(this.vault, keyId);
      this.#keys.set(keyId, key);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedSecretError(
        'not-authentic',
        `A stored secret could not be decrypted: it was changed, or key ${keyId} in ${this.vault.location} is not ` +
          'the key it was sealed with. Restore the database and its key from the same backup, or reset MFA for ' +
          'the user it belongs to.',
      );
    }
  }

  /** Makes a new key current; secrets sealed with older keys still open. Returns the new key id. */
  async rotate(): Promise<string> {
    const created = await createKey(this.vault);
    this.#keys.set(created.id, created.key);
    this.#current = created;
    return created.id;
  }
}

/** The key id a sealed value names, or null when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const [version, keyId] = sealed.split('.');
  return version === VERSION && keyId !== undefined && VAULT_KEY_ID.test(keyId) ? keyId : null;
}

async function createKey(vault: SecretVault): Promise<{ id: string; key: Buffer }> {
  const { id, bytes } = await createVaultKey(vault, PREFIX);
  return { id, key: bytes };
}

async function loadKey(vault: SecretVault, keyId: string): Promise<Buffer> {
  const loaded = await readVaultKey(vault, PREFIX, keyId);
  if (loaded !== null && loaded !== 'damaged') return loaded.bytes;
  throw new SealedSecretError(
    'key-missing',
    `The data key ${keyId}, which encrypts stored authenticator secrets, is ${loaded === null ? 'missing from' : 'damaged in'} ` +
      `${vault.location}. If the system keychain holds it, make sure it is available and unlocked; if the ` +
      'database was moved or restored, bring its key file with it. Then start again.',
  );
}

function parseSealed(sealed: string): { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const [version, keyId, iv, ciphertext, tag, ...rest] = sealed.split('.');
  const decoded = [iv, ciphertext, tag].map((part) => Buffer.from(part ?? '', 'base64url'));
  const [ivBytes, ciphertextBytes, tagBytes] = decoded as [Buffer, Buffer, Buffer];
  if (
    version !== VERSION ||
    keyId === undefined ||
    !VAULT_KEY_ID.test(keyId) ||
    rest.length > 0 ||
    ivBytes.length !== IV_BYTES ||
    tagBytes.length !== TAG_BYTES ||
    ciphertext === undefined
  ) {
    throw new SealedSecretError(
      'malformed',
      'A stored secret is not in the sealed format this version reads (v1.<key>.<iv>.<data>.<tag>): the database ' +
        'may be damaged. Restore it from a backup, or reset MFA for the user it belongs to.',
    );
  }
  return { keyId, iv: ivBytes, ciphertext: ciphertextBytes, tag: tagBytes };
}
