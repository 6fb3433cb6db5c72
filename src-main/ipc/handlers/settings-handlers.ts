/** Handlers of the Settings channels: embedded/remote connection and the remote sign-in steps. */
import type { RemoteSignInStep } from '../../../shared/ipc/channels/settings';
import type { ConnectionManager } from '../../console/connection-manager';
import type { RemoteProgress, RemoteSignIn } from '../../console/remote/remote-sign-in';
import type { Handlers } from '../dispatch';

type SettingsChannel =
  | 'settings:get'
  | 'settings:act-as'
  | 'settings:use-embedded'
  | 'settings:remote-sign-out'
  | 'settings:remote-begin'
  | 'settings:remote-send-sms'
  | 'settings:remote-verify'
  | 'settings:remote-setup-app'
  | 'settings:remote-confirm-app'
  | 'settings:remote-acknowledge'
  | 'settings:remote-cancel';

/** `settings:*` channels. */
export function createSettingsHandlers(manager: ConnectionManager, signIn: RemoteSignIn): Pick<Handlers, SettingsChannel> {
  /** Finishing a sign-in switches the console to the remote service. */
  const advance = async (progress: Promise<RemoteProgress>): Promise<RemoteSignInStep> => {
    const result = await progress;
    if (result.kind === 'step') return result.step;
    return { step: 'connected', settings: await manager.useRemote(result.credentials) };
  };
  return {
    'settings:get': () => manager.describe(),
    'settings:act-as': ({ email }) => manager.actAs(email),
    'settings:use-embedded': () => manager.useEmbedded(),
    'settings:remote-sign-out': () => manager.signOutRemote(),
    'settings:remote-begin': (input) => advance(signIn.begin(input)),
    'settings:remote-send-sms': () => signIn.sendSms(),
    'settings:remote-verify': ({ method, code }) => advance(signIn.verify(method, code)),
    'settings:remote-setup-app': () => advance(signIn.setupApp()),
    'settings:remote-confirm-app': ({ code }) => advance(signIn.confirmApp(code)),
    'settings:remote-acknowledge': () => advance(signIn.acknowledge()),
    'settings:remote-cancel': async () => ({ cancelled: await signIn.cancel() }),
  };
}
