/**
 * The simulator's main-side sessions: each trainer's simulation keeps the demo end user's token here, never in the
 * renderer, and calls the service's end-user API with it. Actions on one simulation run one at a time.
 */
import { randomUUID } from 'node:crypto';
import type { DemoUser } from '../../../shared/api/routes/demo';
import { policyEnforcementAt } from '../../../shared/domain/enforcement-instant';
import type {
  ClockMove,
  SimulatorAction,
  SimulatorClock,
  SimulatorDirectory,
  SimulatorMail,
  SimulatorStarted,
  SimulatorState,
  SimulatorTextMessage,
} from '../../../shared/ipc/channels/simulator';
import { ConsoleError } from '../../ipc/console-error';
import { IPC_ERROR } from '../../../shared/ipc/errors';
import { DEMO_PASSWORD } from '../../service/seed/demo-company';
import { readMail } from './account-flow';
import { offsetFor } from './demo-clock';
import { refusalOf } from './refusals';
import type { FlowContext } from './flow-context';
import { canGoBack } from './navigation';
import { runAction } from './run-action';
import { signOutAtService } from './sign-out';
import { newSimulation, signedOut, type Simulation } from './simulation';

/** How many simulations are kept; the least recently used one is ended beyond this. */
const MAX_SIMULATIONS = 16;

/** Every simulation of this console. */
export class SimulatorSessions {
  private readonly simulations = new Map<string, Simulation>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: FlowContext,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** The demo users, the company and its simulated clock. */
  async directory(): Promise<SimulatorDirectory> {
    const [company, users] = await Promise.all([this.ctx.client().call('companyOverview', {}), this.users()]);
    return { companyName: company.name, demoPassword: company.isDemo ? DEMO_PASSWORD : null, users, clock: await this.clock() };
  }

  /** Starts playing a demo user, on the sign-in screen, with the authenticator account their phone already has. */
  async start(email: string): Promise<SimulatorStarted> {
    const user = (await this.users()).find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user) throw new ConsoleError('not_found', `No demo user has the email ${email}. Pick one from the list.`);
    const outbox = await this.ctx.client().call('demoSmsOutbox', { query: {} });
    const lastSeq = outbox.messages.reduce((max, m) => Math.max(max, m.seq), 0);
    const simulation = newSimulation(this.newId(), user, lastSeq, this.now());
    this.simulations.set(simulation.id, simulation);
    await this.evict();
    return { ...this.state(simulation), phoneKeyUris: await this.phoneKeyUris(user) };
  }

  /** Runs a trainer action; answers the screen the service's answer leads to. */
  act(id: string, action: SimulatorAction): Promise<SimulatorState> {
    return this.serial(id, async (simulation) => {
      await runAction(this.ctx, simulation, action);
      await this.refreshUser(simulation);
      return this.state(simulation);
    });
  }

  /** Text messages the service sent to this simulation's user since it started (the phone's inbox). */
  messages(id: string): Promise<SimulatorTextMessage[]> {
    return this.serial(id, async (simulation) => {
      const outbox = await this.ctx.client().call('demoSmsOutbox', { query: { afterSeq: simulation.inbox.afterSeq } });
      for (const message of outbox.messages) {
        simulation.inbox.afterSeq = Math.max(simulation.inbox.afterSeq, message.seq);
        if (message.userId !== simulation.user.id) continue;
        simulation.inbox.messages.push({ id: message.id, to: message.to, body: message.body, sentAt: message.sentAt });
      }
      return [...simulation.inbox.messages];
    });
  }

  /** Email the service sent to this simulation's user (the phone's Mail app), oldest first. */
  mail(id: string): Promise<SimulatorMail[]> {
    return this.serial(id, (simulation) => readMail(this.ctx, simulation));
  }

  /** Puts the demo user back to not enrolled and the simulation back on the sign-in screen. */
  resetUser(id: string): Promise<SimulatorState> {
    return this.serial(id, async (simulation) => {
      await this.signOutQuietly(simulation);
      simulation.user = await this.ctx.client().call('demoUserReset', { params: { userId: simulation.user.id }, body: {} });
      signedOut(simulation);
      return this.state(simulation);
    });
  }

  /** Moves the demo company's simulated clock. */
  async moveClock(move: ClockMove): Promise<SimulatorClock> {
    const [clock, enforcementAt] = await Promise.all([this.ctx.client().call('demoClock', {}), this.enforcementAt()]);
    const offsetMs = offsetFor(move, clock, enforcementAt);
    await this.ctx.client().call('demoClockSet', { body: { offsetMs } });
    try {
      return await this.clock();
    } catch (error) {
      // Sessions end in company time: a move past the console's own session ends it, after the clock has moved. The
      // move is done, so it answers with the moved clock; the shell says that the session ended.
      if (error instanceof ConsoleError && error.code === IPC_ERROR.sessionEnded) {
        return { now: clock.realNow + offsetMs, offsetMs, enforcementAt, canShift: true, shiftRefusal: clock.shiftRefusal };
      }
      throw error;
    }
  }

  /** Ends a simulation: signs its user out at the service and forgets the token. */
  async end(id: string): Promise<{ ended: boolean }> {
    const simulation = this.simulations.get(id);
    if (!simulation) return { ended: false };
    this.simulations.delete(id);
    this.queues.delete(id);
    await this.signOutQuietly(simulation);
    return { ended: true };
  }

  /** Ends every simulation (console shutdown). */
  async endAll(): Promise<void> {
    await Promise.all([...this.simulations.keys()].map((id) => this.end(id)));
  }

  private async users(): Promise<DemoUser[]> {
    return (await this.ctx.client().call('demoUsers', {})).users;
  }

  /** The key URI of an already enrolled user's authenticator; none when they have no app (or it cannot be read). */
  private async phoneKeyUris(user: DemoUser): Promise<string[]> {
    if (!user.methods.includes('totp')) return [];
    try {
      return [(await this.ctx.client().call('demoAuthenticator', { params: { userId: user.id } })).keyUri];
    } catch (error) {
      refusalOf(error);
      return [];
    }
  }

  private async enforcementAt(): Promise<number | null> {
    const company = await this.ctx.client().call('companyOverview', {});
    return company.mfaRequired ? policyEnforcementAt(company) : null;
  }

  private async clock(): Promise<SimulatorClock> {
    const [clock, company] = await Promise.all([this.ctx.client().call('demoClock', {}), this.ctx.client().call('companyOverview', {})]);
    return {
      now: clock.companyNow,
      offsetMs: clock.offsetMs,
      enforcementAt: company.mfaRequired ? policyEnforcementAt(company) : null,
      canShift: company.isDemo,
      shiftRefusal: clock.shiftRefusal,
    };
  }

  private async refreshUser(simulation: Simulation): Promise<void> {
    const fresh = (await this.users()).find((u) => u.id === simulation.user.id);
    if (fresh) simulation.user = fresh;
  }

  private state(simulation: Simulation): SimulatorState {
    return { simulationId: simulation.id, user: simulation.user, screen: simulation.screen, canGoBack: canGoBack(simulation) };
  }

  private async signOutQuietly(simulation: Simulation): Promise<void> {
    try {
      await signOutAtService(this.ctx, simulation);
    } catch {
      signedOut(simulation);
    }
  }

  /** Runs `work` after every earlier call on the same simulation (double clicks must not interleave). */
  private serial<T>(id: string, work: (simulation: Simulation) => Promise<T>): Promise<T> {
    const simulation = this.simulations.get(id);
    if (!simulation) {
      return Promise.reject(new ConsoleError('simulation_ended', 'This simulation has ended. Pick the demo user again to start over.'));
    }
    simulation.lastUsed = this.now();
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => work(simulation));
    this.queues.set(id, next);
    return next;
  }

  private async evict(): Promise<void> {
    if (this.simulations.size <= MAX_SIMULATIONS) return;
    const oldest = [...this.simulations.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
    if (oldest) await this.end(oldest.id);
  }
}
