/**
 * `npm run service -- --port N (--data DIR | --database postgres://…) [--demo]`: the standalone MFA service.
 * Opens (creating if needed) the database and its key (keychain, else a 0600 key file beside it, with a warning),
 * seeds the demo company into an empty database with `--demo`, listens, and prints `Service: http://HOST:N`.
 */
import os from 'node:os';
import path from 'node:path';
import { APP_VERSION } from '../version';
import { DEFAULT_RATE_LIMITS, DEMO_RATE_LIMITS } from './auth/rate-limits';
import { openServiceKeys } from './auth/service-keys';
import { parseServiceArgs } from './cli-args';
import { systemClock } from './clock';
import { openSmtpTransport, storeSmtpSetting } from './mail/smtp-setup';
import { openVault } from './secrets/open-vault';
import type { SecretVault } from './secrets/secret-vault';
import { isEmptyStore, seedDemoCompany } from './seed/seed-demo';
import { seedDemoEnrollments } from './seed/seed-demo-enrollments';
import { seedDemoInvitations } from './seed/seed-demo-invitations';
import { startServer } from './server';
import { OutboxSmsSender } from './sms/outbox-sms-sender';
import type { SmsSender } from './sms/sms-sender';
import { WebhookSmsSender } from './sms/webhook-sms-sender';
import { lockDataFolder, type FolderLock } from './store/folder-lock';
import { openStore, type Store } from './store/store';
import { withAuditChain } from './audit/keyed-audit-store';

/** Opens the database; an SQLite data folder is locked first, so a second process on it is refused. */
async function openData(options: ReturnType<typeof parseServiceArgs>): Promise<{ store: Store; keyDir: string; lock: FolderLock | null }> {
  if (options.databaseUrl) {
    const keyDir = path.resolve(options.dataDir ?? path.join(os.homedir(), '.mfa-service'));
    return { store: await openStore({ url: options.databaseUrl }), keyDir, lock: null };
  }
  const dataDir = path.resolve(options.dataDir ?? '.');
  const lock = lockDataFolder(dataDir, 'the standalone MFA service');
  try {
    return { store: await openStore({ file: path.join(dataDir, 'mfa.sqlite') }), keyDir: dataDir, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The `--smtp-url` transport; a password in the URL or in MFA_SMTP_PASSWORD is moved to the vault first. */
async function openSmtpServer(url: string, vault: SecretVault): Promise<Awaited<ReturnType<typeof openSmtpTransport>>> {
  const stored = await storeSmtpSetting(url, vault, process.env.MFA_SMTP_PASSWORD ?? null);
  if (stored.movedPassword) {
    console.error(`Note: the SMTP password is now kept in ${vault.location}. Leave it out of --smtp-url from now on (${stored.settings.url}): other users of this machine can read command lines.`);
  }
  return openSmtpTransport(stored.settings.url, vault);
}

async function main(): Promise<void> {
  const options = parseServiceArgs(process.argv.slice(2));
  const { store: opened, keyDir, lock } = await openData(options);
  try {
    const vault = await openVault({ dir: keyDir });
    const keys = await openServiceKeys(vault, opened);
    const store = withAuditChain(opened, keys.audit);
    for (const warning of keys.warnings) console.error(`Warning: ${warning}`);
    const seeding = options.demo && (await isEmptyStore(store));
    if (seeding) {
      const now = systemClock.now();
      await seedDemoCompany(store, now);
      await seedDemoEnrollments(store, keys.sealer, now);
      console.error('Seeded the demo company (every demo user\'s password is in the README).');
    }
    const sms: SmsSender = options.smsWebhook ? new WebhookSmsSender(options.smsWebhook) : new OutboxSmsSender();
    if (!options.smsWebhook && !options.demo) {
      console.error('Note: no SMS gateway (--sms-webhook), so text-message codes are not delivered; authenticator apps work.');
    }
    const rateLimits = options.demo ? DEMO_RATE_LIMITS : DEFAULT_RATE_LIMITS;
    const logger = { level: 'warn', stream: process.stderr };
    const smtp = options.smtpUrl ? await openSmtpServer(options.smtpUrl, vault) : null;
    if (!smtp) console.error('Note: no mail server (--smtp-url), so invitations and password resets cannot be emailed' + (options.demo ? " outside the demo company's outbox." : '.'));
    let listening = '';
    const publicUrl = () => options.publicUrl ?? listening;
    const server = await startServer(
      {
        store, clock: systemClock, version: APP_VERSION, logger,
        mfa: { keys, sms, demoTools: options.demo, rateLimits },
        mail: { transport: smtp?.transport ?? null, publicUrl },
      },
      { host: options.host, port: options.port },
    );
    listening = server.url;
    if (seeding) await seedDemoInvitations(store, keys.sealer, systemClock.now(), publicUrl());
    if (smtp) console.error(`Email goes through ${smtp.transport.description}; links point to ${publicUrl()}.`);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await server.close();
      await store.close();
      lock?.release();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    // Printed only once the handlers are in place: whoever reads it may stop the service at once.
    console.log(`Service: ${server.url}`);
  } catch (error) {
    await opened.close();
    lock?.release();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
