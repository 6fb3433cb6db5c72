/**
 * The enrollment simulator (R-CON-2): which demo user is played, the screen main says comes next, the simulated
 * phone (authenticator accounts it scanned, text messages from the service's outbox) and the simulated clock.
 * Orchestration only: every screen comes from main, which asks the real service.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type {
  ClockMove,
  SimulatorAction,
  SimulatorDirectory,
  SimulatorMail,
  SimulatorState,
  SimulatorTextMessage,
} from '../../shared/ipc/channels/simulator';
import { BridgeError, invoke } from '../bridge';
import { manualKeyUri, useAuthenticatorApp, type PhoneAccount } from '../composables/use-authenticator-app';
import { useNotificationsStore } from './notifications';

const INBOX_POLL_MS = 2000;

export const useSimulatorStore = defineStore('simulator', () => {
  const directory = ref<SimulatorDirectory | null>(null);
  /** Why the service refuses the demo tools to this operator (not an admin on both tools), shown instead of them. */
  const directoryRefusal = ref<string | null>(null);
  const state = ref<SimulatorState | null>(null);
  const messages = ref<SimulatorTextMessage[]>([]);
  const mails = ref<SimulatorMail[]>([]);
  const busy = ref(false);
  const phoneProblem = ref<string | null>(null);
  const phone = useAuthenticatorApp();
  /** Each demo user has their own phone: its accounts are kept while another user is played. */
  const phonesByUser = new Map<string, PhoneAccount[]>();
  let inboxTimer: ReturnType<typeof setInterval> | undefined;

  const offsetMs = computed(() => directory.value?.clock.offsetMs ?? 0);
  /** The key URI of the QR on screen: what the phone's camera would read. */
  const scanTarget = computed(() => (state.value?.screen.kind === 'totp_setup' ? state.value.screen.keyUri : null));

  function fail(action: string, error: unknown): void {
    useNotificationsStore().fromError(action, error);
  }

  async function loadDirectory(): Promise<void> {
    try {
      directory.value = await invoke('simulator:directory', {});
      directoryRefusal.value = null;
    } catch (error) {
      if (error instanceof BridgeError && error.error.code === 'forbidden') {
        directory.value = null;
        directoryRefusal.value = error.error.message;
        await end();
        return;
      }
      fail('Could not load the demo users', error);
    }
  }

  async function pollInbox(): Promise<void> {
    const id = state.value?.simulationId;
    if (!id) return;
    try {
      [messages.value, mails.value] = await Promise.all([invoke('simulator:messages', { simulationId: id }), invoke('simulator:mail', { simulationId: id })]);
    } catch (error) {
      // While the service cannot be used the inbox waits; the next poll after it is back gets the messages.
      if (error instanceof BridgeError && error.error.code === 'simulation_ended') stopInbox();
    }
  }

  function startInbox(): void {
    stopInbox();
    inboxTimer = setInterval(() => void pollInbox(), INBOX_POLL_MS);
  }

  function stopInbox(): void {
    clearInterval(inboxTimer);
    inboxTimer = undefined;
  }

  /** Starts playing a demo user; ends the previous simulation. */
  async function start(email: string): Promise<void> {
    busy.value = true;
    try {
      const previous = state.value?.user.email;
      if (previous) phonesByUser.set(previous.toLowerCase(), phone.accounts.value);
      await end();
      const started = await invoke('simulator:start', { email });
      phone.accounts.value = phonesByUser.get(started.user.email.toLowerCase()) ?? [];
      const { phoneKeyUris, ...first } = started;
      state.value = first;
      messages.value = [];
      mails.value = [];
      phoneProblem.value = null;
      for (const uri of phoneKeyUris) phone.scan(uri);
      startInbox();
      void pollInbox();
    } catch (error) {
      fail('Could not start the simulation', error);
    } finally {
      busy.value = false;
    }
  }

  /** One action on the end-user screens. */
  async function act(action: SimulatorAction): Promise<void> {
    const current = state.value;
    if (!current) return;
    busy.value = true;
    try {
      state.value = await invoke('simulator:act', { simulationId: current.simulationId, action });
      void pollInbox();
      void loadDirectory();
    } catch (error) {
      fail('The simulated screen could not go on', error);
    } finally {
      busy.value = false;
    }
  }

  /** Back to not enrolled, on the sign-in screen. */
  async function resetUser(): Promise<void> {
    const current = state.value;
    if (!current) return;
    busy.value = true;
    try {
      state.value = await invoke('simulator:reset-user', { simulationId: current.simulationId });
      await loadDirectory();
      useNotificationsStore().push('success', 'Demo user reset', `${current.user.name} is not enrolled any more and must set up MFA at the next sign-in.`);
    } catch (error) {
      fail('Could not reset the demo user', error);
    } finally {
      busy.value = false;
    }
  }

  /** Moves the demo company's clock, then lets the current screen catch up (e.g. the payments idle limit). */
  async function moveClock(move: ClockMove): Promise<void> {
    busy.value = true;
    try {
      const clock = await invoke('simulator:clock', move);
      if (directory.value) directory.value = { ...directory.value, clock };
    } catch (error) {
      fail('Could not move the simulated clock', error);
      return;
    } finally {
      busy.value = false;
    }
    if (state.value) await act({ type: 'refresh' });
  }

  /** Picks up after the view comes back: fresh users and clock, and the phone's inbox polling again. */
  async function resume(): Promise<void> {
    await loadDirectory();
    if (state.value) {
      startInbox();
      await pollInbox();
    }
  }

  /** Stops polling while the view is not shown; the simulation goes on where it was. */
  function pause(): void {
    stopInbox();
  }

  /** Ends the current simulation (its end user is signed out at the service). */
  async function end(): Promise<void> {
    const current = state.value;
    stopInbox();
    state.value = null;
    if (current) await invoke('simulator:end', { simulationId: current.simulationId }).catch(() => undefined);
  }

  /** The phone scans the QR code on the screen. */
  function scan(uri: string): void {
    const outcome = phone.scan(uri);
    phoneProblem.value = outcome.ok ? null : outcome.message;
  }

  /** The phone adds an account from a typed key ("Trouble scanning?"). */
  function addManual(input: { accountName: string; key: string; issuer: string }): void {
    scan(manualKeyUri(input.accountName, input.key, input.issuer));
  }

  return {
    directory,
    directoryRefusal,
    state,
    messages,
    mails,
    busy,
    phoneProblem,
    phoneAccounts: phone.accounts,
    offsetMs,
    scanTarget,
    loadDirectory,
    resume,
    pause,
    start,
    act,
    resetUser,
    moveClock,
    end,
    scan,
    addManual,
    removeAccount: phone.remove,
  };
});
