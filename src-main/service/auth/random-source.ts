/** Where the service's randomness comes from: secrets, codes and tokens. Injected so tests can pin it. */
import { randomBytes } from 'node:crypto';

/** Returns `count` random bytes. */
export type RandomSource = (count: number) => Uint8Array;

/** The operating system's cryptographic random generator. */
export const cryptoRandom: RandomSource = (count) => new Uint8Array(randomBytes(count));
