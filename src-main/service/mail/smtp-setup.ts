/**
 * The SMTP server setting and its password (R-DIR-5: credentials live in the SecretVault). Storing a setting checks
 * it and moves a password given with it into the vault; opening it builds the transport with the vault's password.
 * The console stores on its main thread (which owns the vault) and opens in the embedded service's worker, so the
 * password reaches the worker only the way the data key does: as an answer from the console's vault.
 */
import type { SecretVault } from '../secrets/secret-vault';
import { SmtpTransport } from './smtp-transport';
import { parseSmtpUrl, smtpPasswordAccount, type SmtpSettings } from './smtp-url';

/**
 * Checks a setting and keeps a password given with it (or typed into the URL) in the vault. Returns the settings,
 * whose `url` never carries the password, and whether the URL held one; throws an Error saying what to fix.
 */
export async function storeSmtpSetting(
  url: string,
  vault: SecretVault,
  givenPassword: string | null = null,
): Promise<{ settings: SmtpSettings; movedPassword: boolean }> {
  const { settings, password: inUrl } = parseSmtpUrl(url);
  const given = givenPassword ?? inUrl;
  if (given !== null) await vault.set(smtpPasswordAccount(settings), given);
  return { settings, movedPassword: inUrl !== null };
}

/**
 * Opens the transport of a stored setting, with the password from the vault; an Error says what is missing and
 * (`giveItHow`) where the password can be given.
 */
export async function openSmtpTransport(
  url: string,
  vault: SecretVault,
  giveItHow = 'in the URL, or in MFA_SMTP_PASSWORD',
): Promise<{ transport: SmtpTransport; settings: SmtpSettings }> {
  const { settings } = parseSmtpUrl(url);
  const password = settings.user !== null ? await vault.get(smtpPasswordAccount(settings)) : null;
  if (settings.user !== null && password === null) {
    throw new Error(
      `No password is stored for ${settings.user} at ${settings.host}:${settings.port}. Give it once (${giveItHow}); it is then kept in ${vault.location}.`,
    );
  }
  return { transport: new SmtpTransport(settings, password), settings };
}
