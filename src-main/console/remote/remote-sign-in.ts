/**
 * The console operator's sign-in to a remote MFA service (R-CON-1): email + password, then the service's own
 * MFA (challenge, or first-time authenticator set-up and the recovery code). It always ends with a passed MFA
 * challenge: the service is asked for an admin-console sign-in, which never lets a user skip set-up. The pending
 * token stays here, in main; the renderer only sees the step to show.
 */
import type { RemoteSignInStep } from '../../../shared/ipc/channels/settings';
import type { SignInResponse } from '../../../shared/api/routes/auth';
import type { ChallengeOption } from '../../../shared/domain/sign-in';
import { ConsoleError } from '../../ipc/console-error';
import { createRemoteHttp, createServiceClient, type ServiceClient } from '../service-client';
import { parseServiceUrl } from './remote-url';

type Next = SignInResponse['next'];

/** A finished sign-in: the service address, the operator's email and their session token. */
export interface RemoteCredentials {
  url: string;
  email: string;
  token: string;
}

/** What a step returns: the next screen, or the credentials once signed in. */
export type RemoteProgress = { kind: 'step'; step: Exclude<RemoteSignInStep, { step: 'connected' }> } | { kind: 'done'; credentials: RemoteCredentials };

interface Pending {
  url: string;
  email: string;
  token: string;
  client: ServiceClient;
  canUseApp: boolean;
}

const NO_SIGN_IN = 'There is no sign-in in progress. Start again with the service address, email and password.';
const WITHOUT_MFA =
  'This service offered to sign you in without two-factor authentication, which the console never accepts for the admin tools. Update the MFA service to this version, then sign in again.';

/** One sign-in at a time; a new `begin` replaces an unfinished one. */
export class RemoteSignIn {
  private pending: Pending | null = null;

  constructor(private readonly makeClient: (url: string) => ServiceClient = (url) => createServiceClient(createRemoteHttp(url))) {}

  /** Checks the service answers, then sends email + password. */
  async begin(input: { url: string; email: string; password: string }): Promise<RemoteProgress> {
    await this.cancel();
    const url = parseServiceUrl(input.url);
    const client = this.makeClient(url);
    try {
      await client.call('health', {});
    } catch {
      throw new ConsoleError('service_unavailable', `No MFA service answered at ${url}. Check the address and that the service is running, then try again.`, {
        fields: { url: 'No service answered here' },
      });
    }
    const answer = await client.call('signIn', { body: { email: input.email, password: input.password, purpose: 'admin_console' } });
    if (answer.next.step === 'sso' || !answer.token) {
      throw new ConsoleError('forbidden', 'This account signs in through your company’s identity provider (SSO). The console needs a directory account with its own password and MFA.');
    }
    const canUseApp = 'methods' in answer.next ? answer.next.methods.some((m) => m.kind === 'totp' && m.available) : true;
    this.pending = { url, email: input.email.trim(), token: answer.token, client, canUseApp };
    return this.progress(answer.next);
  }

  /** Sends (or resends) the sign-in text message. */
  async sendSms(): Promise<{ phoneMasked: string; expiresAt: number }> {
    const pending = this.require();
    const sent = await pending.client.call('challengeSmsSend', { body: {} }, { token: pending.token });
    return { phoneMasked: sent.phoneMasked, expiresAt: sent.expiresAt };
  }

  /**
   * Answers the challenge with an app code, SMS code, recovery code or a temporary access code from the helpdesk
   * (which leads to setting up the authenticator app at once, R-RST-6).
   */
  async verify(method: ChallengeOption, code: string): Promise<RemoteProgress> {
    const pending = this.require();
    const passed = await pending.client.call('challengeVerify', { body: { method, code } }, { token: pending.token });
    if (passed.step === 'save_recovery_code') return { kind: 'step', step: { step: 'save_recovery_code', recoveryCode: passed.recoveryCode } };
    if (passed.step === 'setup_required') {
      pending.canUseApp = passed.methods.some((m) => m.kind === 'totp' && m.available);
      return {
        kind: 'step',
        step: { step: 'setup_required', canUseApp: pending.canUseApp, message: 'Your temporary access code was accepted. Set up an authenticator app now to finish signing in.' },
      };
    }
    return this.done();
  }

  /** First-time set-up of the authenticator app: the QR code and the key for manual entry. */
  async setupApp(): Promise<RemoteProgress> {
    const pending = this.require();
    const setup = await pending.client.call('setupTotpStart', { body: {} }, { token: pending.token });
    return { kind: 'step', step: { step: 'totp_setup', qrPng: setup.qrPng, secretGrouped: setup.secretGrouped, accountName: setup.accountName } };
  }

  /** Confirms the authenticator with a code from it; the service answers the recovery code to save. */
  async confirmApp(code: string): Promise<RemoteProgress> {
    const pending = this.require();
    const issued = await pending.client.call('setupTotpConfirm', { body: { code } }, { token: pending.token });
    return { kind: 'step', step: { step: 'save_recovery_code', recoveryCode: issued.recoveryCode } };
  }

  /** "I have securely saved this code". */
  async acknowledge(): Promise<RemoteProgress> {
    const pending = this.require();
    await pending.client.call('recoveryCodeAcknowledge', { body: { saved: true } }, { token: pending.token });
    return this.done();
  }

  /** Abandons an unfinished sign-in (its session is ended on the service). */
  async cancel(): Promise<boolean> {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return false;
    await pending.client.call('signOut', {}, { token: pending.token }).catch(() => undefined);
    return true;
  }

  private progress(next: Next): RemoteProgress {
    const pending = this.require();
    switch (next.step) {
      case 'signed_in':
      case 'setup_optional':
        throw new ConsoleError('forbidden', WITHOUT_MFA);
      case 'challenge':
        return { kind: 'step', step: { step: 'challenge', options: next.options, phoneMasked: next.phoneMasked } };
      case 'setup_required':
        return {
          kind: 'step',
          step: {
            step: 'setup_required',
            canUseApp: pending.canUseApp,
            message: 'The admin console always needs two-factor authentication. Set up an authenticator app to continue.',
          },
        };
      case 'save_recovery_code':
        throw new ConsoleError('conflict', 'This sign-in is waiting for a recovery code to be saved. Start again.');
      case 'sso':
        throw new ConsoleError('forbidden', 'This account signs in through your company’s identity provider (SSO).');
    }
  }

  private done(): RemoteProgress {
    const pending = this.require();
    this.pending = null;
    return { kind: 'done', credentials: { url: pending.url, email: pending.email, token: pending.token } };
  }

  private require(): Pending {
    if (!this.pending) throw new ConsoleError('conflict', NO_SIGN_IN);
    return this.pending;
  }
}
