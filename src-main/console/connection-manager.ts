/**
 * Decides which MFA service the console uses and as whom: the embedded service (acting as a demo operator) or a
 * remote one (signed in with email, password and MFA; the session token kept in the SecretVault). Remembers the
 * choice across restarts and falls back to the embedded service, with a warning, when a remote session has ended.
 */
import { holdsAdminToolAccess } from '../../shared/domain/permissions';
import type { ConsoleSettings, EmbeddedOperator } from '../../shared/ipc/channels/settings';
import { ConsoleError } from '../ipc/console-error';
import { DEMO_PEOPLE, demoEmail } from '../service/seed/demo-company';
import type { SecretVault } from '../service/secrets/secret-vault';
import { storeSmtpSetting } from '../service/mail/smtp-setup';
import { connectEmbedded, connectRemote, type ServiceConnection } from './connection';
import { ConnectionRuntime } from './console-runtime';
import { DEFAULT_EMBEDDED_OPERATOR, startEmbeddedService, type EmbeddedService } from './embedded-service';
import { knownOperator } from './offline/known-operator';
import type { OfflineCopy } from './offline/offline-copy';
import type { RemoteCredentials } from './remote/remote-sign-in';
import type { SettingsFile, StoredSettings } from './settings-file';

/** The vault account holding the remote session token for a service URL. */
export function remoteTokenAccount(url: string): string {
  return `remote-session:${url}`;
}

/** The demo people who may use the admin tools (the embedded console can act as any of them). */
export const EMBEDDED_OPERATORS: EmbeddedOperator[] = DEMO_PEOPLE.map((p) => ({
  email: demoEmail(p),
  name: p.name,
  companyAdmin: p.companyAdmin ?? 'none',
  directory: p.directory ?? 'none',
  helpdesk: p.helpdesk ?? false,
})).filter((operator) => holdsAdminToolAccess(operator));

/** Dependencies of the manager. */
export interface ConnectionManagerDeps {
  dataDir: string;
  vault: SecretVault;
  /** The built worker file of the embedded service (the desktop app); from source when omitted. */
  embeddedWorker?: string;
  settingsFile: SettingsFile;
  host: 'electron' | 'browser';
  /** Starts the embedded service (tests may pass their own). */
  startEmbedded?: () => Promise<EmbeddedService>;
  /** Builds a remote connection (tests may pass one over inject). */
  connectRemote?: (url: string, token: string) => ServiceConnection;
  /** Where the operator the service last confirmed is remembered, for Settings while it cannot be reached. */
  copy?: OfflineCopy;
}

/** Owns the runtime's connection. */
export class ConnectionManager {
  private embedded: EmbeddedService | null = null;
  private settings: StoredSettings;
  readonly runtime: ConnectionRuntime;

  private constructor(
    private readonly deps: ConnectionManagerDeps,
    settings: StoredSettings,
    runtime: ConnectionRuntime,
    embedded: EmbeddedService | null,
  ) {
    this.settings = settings;
    this.runtime = runtime;
    this.embedded = embedded;
  }

  /** Connects as the stored settings say, falling back to the embedded service. */
  static async start(deps: ConnectionManagerDeps): Promise<ConnectionManager> {
    const { settings, warning } = await deps.settingsFile.load();
    const warnings = [warning, deps.vault.warning].filter((w): w is string => w !== null);
    const remote = settings.mode === 'remote' && settings.remoteUrl ? await ConnectionManager.resumeRemote(deps, settings.remoteUrl) : null;
    if (remote?.kind === 'ok') {
      return new ConnectionManager(deps, settings, new ConnectionRuntime(remote.connection, deps.host, warnings), null);
    }
    if (remote?.kind === 'ended') warnings.push(remote.warning);
    const embedded = await startEmbedded(deps, settings.smtpUrl ?? null);
    const operator = settings.embeddedOperator ?? DEFAULT_EMBEDDED_OPERATOR;
    const connection = await connectEmbeddedAs(embedded, operator).catch(() => connectEmbeddedAs(embedded, DEFAULT_EMBEDDED_OPERATOR));
    const effective: StoredSettings = { ...settings, mode: 'embedded' };
    const manager = new ConnectionManager(deps, effective, new ConnectionRuntime(connection, deps.host, warnings), embedded);
    manager.watch(embedded);
    return manager;
  }

  /** The stored settings (for the mail server screen). */
  stored(): StoredSettings {
    return this.settings;
  }

  /**
   * Stores the embedded service's SMTP server and applies it; null removes it. The password goes to the vault here
   * (the main thread owns it); the service's worker reads it from there and opens the server, and only once it
   * could is the setting saved. A service started later reads the saved setting.
   */
  async setMailServer(smtpUrl: string | null, password: string | null): Promise<void> {
    let url: string | null = null;
    if (smtpUrl !== null) {
      try {
        url = (await storeSmtpSetting(smtpUrl, this.deps.vault, password)).settings.url;
      } catch (error) {
        throw new ConsoleError('bad_request', (error as Error).message, { fields: { smtpUrl: (error as Error).message } });
      }
    }
    try {
      await this.embedded?.setMailServer(url);
    } catch (error) {
      if (error instanceof ConsoleError) throw error;
      throw new ConsoleError('bad_request', (error as Error).message, { fields: { smtpUrl: (error as Error).message } });
    }
    await this.persist({ ...this.settings, smtpUrl: url });
  }

  /** A stored remote session, if it still works. */
  private static async resumeRemote(deps: ConnectionManagerDeps, url: string): Promise<{ kind: 'ok'; connection: ServiceConnection } | { kind: 'ended'; warning: string }> {
    const token = await deps.vault.get(remoteTokenAccount(url));
    const ended = { kind: 'ended' as const, warning: `Your session with ${url} has ended, so the console is using its embedded service. Sign in again in Settings.` };
    if (!token) return ended;
    const connection = (deps.connectRemote ?? connectRemote)(url, token);
    try {
      await connection.client.call('me', {});
      return { kind: 'ok', connection };
    } catch (error) {
      // Only the service's own "no such session" (or "no admin access") ends it; an outage or a passing failure
      // keeps the session, and the console works from its copy until the service answers.
      if (!(error instanceof ConsoleError) || (error.code !== 'unauthorized' && error.code !== 'forbidden')) return { kind: 'ok', connection };
      await deps.vault.delete(remoteTokenAccount(url));
      return ended;
    }
  }

  /** What the Settings screen shows. */
  async describe(): Promise<ConsoleSettings> {
    const known = await knownOperator(this.runtime, this.deps.copy ?? null);
    return {
      mode: this.settings.mode,
      operator: known.operator,
      operatorStatus: known.status,
      operatorConfirmedAt: known.confirmedAt,
      embedded: { dataFolder: this.deps.dataDir, operators: EMBEDDED_OPERATORS },
      remote: { url: this.settings.remoteUrl, email: this.settings.remoteEmail },
      secrets: { kind: this.deps.vault.kind, location: this.deps.vault.location, warning: this.deps.vault.warning },
    };
  }

  /** Embedded mode: act as another demo operator. */
  async actAs(email: string): Promise<ConsoleSettings> {
    if (!EMBEDDED_OPERATORS.some((o) => o.email === email.toLowerCase())) {
      throw new ConsoleError('bad_request', 'Pick one of the listed operators.', { fields: { email: 'Not one of the demo operators' } });
    }
    const embedded = await this.ensureEmbedded();
    const connection = await connectEmbeddedAs(embedded, email);
    await this.runtime.replace(connection, { closePrevious: this.settings.mode === 'remote' });
    await this.persist({ ...this.settings, mode: 'embedded', embeddedOperator: email });
    return this.describe();
  }

  /** Switches back to the embedded service (the remote session stays stored for later). */
  async useEmbedded(): Promise<ConsoleSettings> {
    if (this.settings.mode === 'embedded') return this.describe();
    const embedded = await this.ensureEmbedded();
    const connection = await connectEmbeddedAs(embedded, this.settings.embeddedOperator ?? DEFAULT_EMBEDDED_OPERATOR);
    await this.runtime.replace(connection);
    await this.persist({ ...this.settings, mode: 'embedded' });
    return this.describe();
  }

  /** A finished remote sign-in: check the account may use the admin tools, keep the token, switch. */
  async useRemote(credentials: RemoteCredentials): Promise<ConsoleSettings> {
    const connection = (this.deps.connectRemote ?? connectRemote)(credentials.url, credentials.token);
    await connection.client.call('me', {});
    await this.deps.vault.set(remoteTokenAccount(credentials.url), credentials.token);
    const wasEmbedded = this.settings.mode === 'embedded';
    await this.runtime.replace(connection);
    if (wasEmbedded) this.embedded = null;
    await this.persist({ ...this.settings, mode: 'remote', remoteUrl: credentials.url, remoteEmail: credentials.email });
    return this.describe();
  }

  /** Signs out of the remote service (its session ends there too) and returns to the embedded service. */
  async signOutRemote(): Promise<ConsoleSettings> {
    const url = this.settings.remoteUrl;
    const wasRemote = this.settings.mode === 'remote';
    if (wasRemote) await this.runtime.client().call('signOut', {}).catch(() => undefined);
    if (url) await this.deps.vault.delete(remoteTokenAccount(url));
    if (wasRemote) {
      const embedded = await this.ensureEmbedded();
      await this.runtime.replace(await connectEmbeddedAs(embedded, this.settings.embeddedOperator ?? DEFAULT_EMBEDDED_OPERATOR));
    }
    await this.persist({ ...this.settings, mode: 'embedded', remoteUrl: null, remoteEmail: null });
    return this.describe();
  }

  async close(): Promise<void> {
    await this.runtime.close();
  }

  private async ensureEmbedded(): Promise<EmbeddedService> {
    if (this.embedded && this.settings.mode === 'embedded') return this.embedded;
    this.embedded = await startEmbedded(this.deps, this.settings.smtpUrl ?? null);
    this.watch(this.embedded);
    return this.embedded;
  }

  /** Shows the embedded service's problems (a crash and restart) in the status bar. */
  private watch(embedded: EmbeddedService): void {
    embedded.onProblem((message) => this.runtime.warn(message));
  }

  private async persist(next: StoredSettings): Promise<void> {
    this.settings = next;
    await this.deps.settingsFile.save(next);
  }
}

/** Starts the embedded service, sending mail through the SMTP server stored in Settings (if any). */
function startEmbedded(deps: ConnectionManagerDeps, smtpUrl: string | null): Promise<EmbeddedService> {
  if (deps.startEmbedded) return deps.startEmbedded();
  return startEmbeddedService({ dataDir: deps.dataDir, vault: deps.vault, smtpUrl, ...(deps.embeddedWorker ? { workerEntry: deps.embeddedWorker } : {}) });
}

/** Connects to the embedded service as `email`, or fails in plain words. */
async function connectEmbeddedAs(service: EmbeddedService, email: string): Promise<ServiceConnection> {
  const connection = await connectEmbedded(service, email);
  try {
    await connection.client.call('me', {});
  } catch {
    throw new ConsoleError('forbidden', `${email} cannot use the admin tools right now (inactive, or no admin permissions).`);
  }
  return connection;
}
