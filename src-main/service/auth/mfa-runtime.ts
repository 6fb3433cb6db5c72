/** The MFA flows' dependencies: keys, SMS delivery, randomness, rate limits and demo tools, with their defaults. */
import { StoreSmsOutbox } from '../sms/store-sms-outbox';
import type { SmsSender } from '../sms/sms-sender';
import type { Store } from '../store/store';
import { cryptoRandom, type RandomSource } from './random-source';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits';
import { throwawayServiceKeys, type ServiceKeys } from './service-keys';

/** What the composition root may pass (all optional: tests take the defaults). */
export interface MfaOptions {
  /** Keys from the vault; a throwaway in-memory key when absent (tests only: secrets die with the process). */
  keys?: ServiceKeys;
  /** SMS delivery; the database's outbox when absent. */
  sms?: SmsSender;
  random?: RandomSource;
  /** Per-IP limits; `off` for the embedded console. */
  rateLimits?: RateLimits | 'off';
  /** Demo tools (SMS outbox, simulated clock, demo user reset): the embedded console and `--demo` only. */
  demoTools?: boolean;
}

/** The resolved dependencies route modules use. */
export interface MfaRuntime {
  readonly keys: ServiceKeys;
  readonly sms: SmsSender;
  readonly random: RandomSource;
  readonly rateLimits: RateLimits | 'off';
  readonly demoTools: boolean;
  /** The outbox demo tools read, when SMS goes to it and demo tools are on. */
  readonly outbox: StoreSmsOutbox | null;
}

/** Fills in the defaults; the outbox keeps its messages in `store`, sealed with the data key. */
export async function resolveMfaRuntime(store: Store, options: MfaOptions = {}): Promise<MfaRuntime> {
  const keys = options.keys ?? (await throwawayServiceKeys());
  const sms = options.sms ?? new StoreSmsOutbox(store, keys.sealer);
  const demoTools = options.demoTools ?? false;
  return {
    keys,
    sms,
    random: options.random ?? cryptoRandom,
    rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    demoTools,
    outbox: demoTools && sms instanceof StoreSmsOutbox ? sms : null,
  };
}
