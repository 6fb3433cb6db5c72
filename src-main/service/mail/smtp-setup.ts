/**
 * Opens the SMTP transport from a setting and the SecretVault (R-DIR-5: credentials live in the vault). A password
 * given with the setting is stored in the vault and never kept elsewhere; without one, the vault's is used.
 */
import type { SecretVault } from '../secrets/secret-vault';
import { SmtpTransport } from './smtp-transport';
import { parseSmtpUrl, smtpPasswordAccount, type SmtpSettings } from './smtp-url';

/** The transport and its settings (the URL without the password), or an Error saying what to fix. */
export async function openSmtpTransport(
  url: string,
  vault: SecretVault,
  givenPassword: string | null = null,
): Promise<{ transport: SmtpTransport; settings: SmtpSettings; movedPassword: boolean }> {
  const { settings, password: inUrl } = parseSmtpUrl(url);
  const given = givenPassword ?? inUrl;
  const account = smtpPasswordAccount(settings);
  if (given !== null) await vault.set(account, given);
  const password = given ?? (settings.user !== null ? await vault.get(account) : null);
  if (settings.user !== null && password === null) {
    throw new Error(
      `No password is stored for ${settings.user} at ${settings.host}:${settings.port}. Give it once (in the URL, or in MFA_SMTP_PASSWORD); it is then kept in ${vault.location}.`,
    );
  }
  return { transport: new SmtpTransport(settings, password), settings, movedPassword: inUrl !== null };
}
