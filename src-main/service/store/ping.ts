/** The readiness check both stores share: one trivial query, answered within a time limit. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { StoreError, describeCause } from './store-error';

/** How long a readiness check waits for the database by default. */
export const DEFAULT_PING_TIMEOUT_MS = 3_000;

/** Runs `select 1`; throws a StoreError when it fails or takes longer than `timeoutMs`. */
export async function pingDatabase(db: Kysely<Database>, location: string, timeoutMs = DEFAULT_PING_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timedOut]);
  } catch (error) {
    throw new StoreError('connection-failed', `The database ${location} does not answer: ${describeCause(error)}.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
