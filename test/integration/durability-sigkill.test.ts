/**
 * Acknowledged means durable: a child process writes to a file store (several writers at once) and prints
 * `ack <key>` only after each write() resolved. It is killed with SIGKILL at random moments and, in some rounds,
 * the instant its write-ahead log changes (a commit is being written). A kill comes only after the round's
 * first acknowledgement, so every round tests something however slow the machine is. After every kill the file
 * must open (SQLite's consistency check included) and hold every acknowledged write.
 *
 * SIGKILL proves the commit protocol and the ack ordering; it cannot prove fsync against power loss (the page
 * cache survives a killed process), which no test on a running machine can: synchronous=FULL is checked by
 * the dialect's tests.
 */
import { once } from 'node:events';
import { watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentChangeSeq } from '../../src-main/service/store/change-seq';
import { openStore } from '../../src-main/service/store/store';
import { spawnFixture } from '../fixtures/tsx-child';

const SEED_USERS = 2_000;
const CONCURRENT_WRITES = 8;
const ROUNDS: Array<'random' | 'on-wal-write'> = ['random', 'on-wal-write', 'random', 'on-wal-write', 'random', 'on-wal-write'];

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-sigkill-'));
  file = join(dir, 'mfa.sqlite');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the writer once and SIGKILLs it the chosen way, after its first acknowledgement; returns the keys it acknowledged. */
async function runAndKill(prefix: string, strategy: 'random' | 'on-wal-write'): Promise<{ acked: string[]; killedOnWalWrite: boolean }> {
  const child = spawnFixture('store-writer.ts', [file, prefix, String(SEED_USERS), String(CONCURRENT_WRITES)]);
  const acked: string[] = [];
  let stderr = '';
  let killedOnWalWrite = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = once(child, 'close');
  const kill = () => child.kill('SIGKILL');

  let armed = false;
  let watcher: ReturnType<typeof watch> | undefined;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (!line.startsWith('ack ')) return;
    acked.push(line.slice(4));
    if (armed) return;
    armed = true;
    if (strategy === 'random') {
      setTimeout(kill, Math.random() * 700);
      return;
    }
    watcher = watch(dir, (_event, name) => {
      if (name !== 'mfa.sqlite-wal' || killedOnWalWrite) return;
      killedOnWalWrite = true;
      kill();
    });
  });
  const failsafe = setTimeout(kill, 120_000);
  const [code, signal] = (await closed) as [number | null, NodeJS.Signals | null];
  clearTimeout(failsafe);
  watcher?.close();
  if (signal !== 'SIGKILL') throw new Error(`The writer ended by itself (code ${code}): ${stderr}`);
  return { acked, killedOnWalWrite };
}

describe('SIGKILL during a stream of acknowledged writes', () => {
  it('reopens after every kill with every acknowledged write present', async () => {
    let totalAcked = 0;
    let walKills = 0;
    for (const [round, strategy] of ROUNDS.entries()) {
      const prefix = `round${round}`;
      const { acked, killedOnWalWrite } = await runAndKill(prefix, strategy);
      expect(acked.length, `round ${round} (${strategy}) acknowledged nothing`).toBeGreaterThan(0);
      if (killedOnWalWrite) walKills++;

      const store = await openStore({ file });
      const stored = await store.db.selectFrom('meta').select('key').where('key', 'like', `${prefix}-%`).execute();
      const present = new Set(stored.map((row) => row.key));
      expect(acked.filter((key) => !present.has(key)), `round ${round} (${strategy}) lost acknowledged writes`).toEqual([]);
      totalAcked += acked.length;
      expect(await currentChangeSeq(store.db)).toBeGreaterThanOrEqual(SEED_USERS + totalAcked);
      await store.close();
    }
    expect(walKills, 'no kill landed as the write-ahead log changed').toBeGreaterThan(0);
  });
});
