/**
 * `npm run service -- --port N (--data DIR | --database postgres://…) [--demo]`: the standalone MFA service.
 * Opens (creating if needed) the database and its keys (keychain, else a 0600 key file beside it, with a warning)
 * under the database's start-up lock, seeds the demo company into an empty database with `--demo`, listens, and
 * prints `Service: http://HOST:N` on stdout. Everything else it says is JSON lines on stderr (pino). On SIGTERM or
 * SIGINT it stops accepting connections, finishes the requests in flight, closes the database and exits.
 */
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { APP_VERSION } from '../version';
import { DEFAULT_RATE_LIMITS, DEMO_RATE_LIMITS } from './auth/rate-limits';
import { parseServiceArgs, type ServiceCliOptions } from './cli-args';
import { systemClock } from './clock';
import { createServiceLogger } from './http/service-logger';
import { openSmtpTransport, storeSmtpSetting } from './mail/smtp-setup';
import { openVault } from './secrets/open-vault';
import type { SecretVault } from './secrets/secret-vault';
import { seedDemoInvitations } from './seed/seed-demo-invitations';
import { startServer, type RunningServer } from './server';
import type { SmsSender } from './sms/sms-sender';
import { UndeliveredSmsSender } from './sms/undelivered-sms-sender';
import { WebhookSmsSender } from './sms/webhook-sms-sender';
import { startUp } from './startup';
import { lockDataFolder, type FolderLock } from './store/folder-lock';
import { openStore, type Store } from './store/store';

/** How long requests in flight may take to finish after SIGTERM before the service exits anyway. */
const SHUTDOWN_GRACE_MS = 30_000;

/** Opens the database; an SQLite data folder is locked first, so a second process on it is refused. */
async function openData(options: ServiceCliOptions, log: Logger): Promise<{ store: Store; keyDir: string; lock: FolderLock | null }> {
  if (options.databaseUrl) {
    const keyDir = path.resolve(options.dataDir ?? path.join(os.homedir(), '.mfa-service'));
    return { store: await openStore({ url: options.databaseUrl }, { warn: (message) => log.warn(message) }), keyDir, lock: null };
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

/** Where text messages go: the gateway, the database's demo outbox (the default), or nowhere (said in the log). */
function smsSender(options: ServiceCliOptions, log: Logger): SmsSender | undefined {
  if (options.smsWebhook) return new WebhookSmsSender(options.smsWebhook);
  if (options.demo) return undefined;
  log.warn('No SMS gateway (--sms-webhook), so text-message codes are not delivered; authenticator apps work.');
  return new UndeliveredSmsSender((message) => log.warn(message));
}

/** The `--smtp-url` transport; a password in the URL or in MFA_SMTP_PASSWORD is moved to the vault first. */
async function openSmtpServer(options: ServiceCliOptions, vault: SecretVault, log: Logger): Promise<Awaited<ReturnType<typeof openSmtpTransport>> | null> {
  if (!options.smtpUrl) {
    log.warn('No mail server (--smtp-url), so invitations and password resets cannot be emailed' + (options.demo ? " outside the demo company's outbox." : '.'));
    return null;
  }
  const stored = await storeSmtpSetting(options.smtpUrl, vault, process.env.MFA_SMTP_PASSWORD ?? null);
  if (stored.movedPassword) {
    log.warn(`The SMTP password is now kept in ${vault.location}. Leave it out of --smtp-url from now on (${stored.settings.url}): other users of this machine can read command lines.`);
  }
  return openSmtpTransport(stored.settings.url, vault);
}

/** On SIGTERM/SIGINT: stop accepting, finish the requests in flight, close the database, exit 0 (1 after the grace). */
function stopOnSignals(server: RunningServer, store: Store, lock: FolderLock | null, log: Logger): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: accepting no new connections, finishing the requests in flight');
    setTimeout(() => {
      log.error(`requests were still in flight ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}; stopping anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await server.close();
    log.info('requests finished; closing the database');
    await store.close();
    lock?.release();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

async function run(options: ServiceCliOptions, log: Logger): Promise<void> {
  const { store: opened, keyDir, lock } = await openData(options, log);
  try {
    const { store, vault, keys, seeded } = await startUp(opened, () => openVault({ dir: keyDir }), {
      seedDemo: options.demo,
      now: systemClock.now(),
      replaceLostKeys: options.replaceLostKeys,
      onWait: () => log.info('another service instance is starting on this database; waiting for it to finish'),
    });
    for (const warning of keys.warnings) log.warn(warning);
    log.info({ database: store.location, keys: keys.fingerprints }, 'the keys in the vault are the ones the database records');
    const sms = smsSender(options, log);
    const smtp = await openSmtpServer(options, vault, log);
    let listening = '';
    const publicUrl = () => options.publicUrl ?? listening;
    const server = await startServer(
      {
        store,
        clock: systemClock,
        version: APP_VERSION,
        logger: log,
        ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
        mfa: { keys, ...(sms ? { sms } : {}), demoTools: options.demo, rateLimits: options.demo ? DEMO_RATE_LIMITS : DEFAULT_RATE_LIMITS },
        mail: { transport: smtp?.transport ?? null, publicUrl },
      },
      { host: options.host, port: options.port },
    );
    listening = server.url;
    // Only the instance that seeded the company adds its invited people, once it knows where their links point.
    if (seeded) {
      await seedDemoInvitations(store, keys.sealer, systemClock.now(), publicUrl());
      log.info("seeded the demo company (every demo user's password is in the README)");
    }
    if (smtp) log.info(`email goes through ${smtp.transport.description}; links point to ${publicUrl()}`);
    stopOnSignals(server, store, lock, log);
    // Printed only once the handlers are in place: whoever reads it may stop the service at once.
    console.log(`Service: ${server.url}`);
    log.info({ url: server.url, version: APP_VERSION, trustProxy: options.trustProxy }, 'listening');
  } catch (error) {
    await opened.close();
    lock?.release();
    throw error;
  }
}

async function main(): Promise<void> {
  let options: ServiceCliOptions;
  try {
    options = parseServiceArgs(process.argv.slice(2));
  } catch (error) {
    // A person typed the command: plain words, no log line.
    console.error((error as Error).message);
    process.exit(1);
  }
  const log = createServiceLogger(options.logLevel);
  try {
    await run(options, log);
  } catch (error) {
    log.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

void main();
