/**
 * Acknowledged means durable: a child process writes to a file store (several writes at a time, so group
 * commit batches them) and prints `ack <key>` only after each write() resolved. It is killed with SIGKILL at
 * random moments and, in some rounds, the instant it starts a flush (its temp file appears). After every kill
 * the file must open and hold every acknowledged write.
 *
 * SIGKILL proves the temp-file-and-rename protocol and the ack ordering; it cannot prove fsync against power
 * loss (the page cache survives a killed process), which no test on a running machine can.
 */
import { once } from 'node:events';
import { existsSync, watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentChangeSeq } from '../../src-main/service/store/change-seq';
import { openStore } from '../../src-main/service/store/store';
import { spawnFixture } from '../fixtures/tsx-child';

/** About 10 MB of users: a flush takes long enough (tens of ms) for kills to land inside it. */
const SEED_USERS = 20_000;
const CONCURRENT_WRITES = 6;
const ROUNDS: Array<'random' | 'during-flush'> = ['random', 'during-flush', 'random', 'during-flush', 'random', 'during-flush'];

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-sigkill-'));
  file = join(dir, 'mfa.sqlite');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface RoundResult {
  acked: string[];
  killedMidFlush: boolean;
}

/** Runs the writer once and SIGKILLs it the chosen way; returns the keys it acknowledged. */
async function runAndKill(prefix: string, strategy: 'random' | 'during-flush'): Promise<RoundResult> {
  const child = spawnFixture('store-writer.ts', [file, prefix, String(SEED_USERS), String(CONCURRENT_WRITES)]);
  const tempFile = `${file}.tmp-${child.pid}`;
  const acked: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = once(child, 'close');
  const kill = () => child.kill('SIGKILL');

  let watcher: ReturnType<typeof watch> | undefined;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (line === 'ready' && strategy === 'random') setTimeout(kill, 150 + Math.random() * 700);
    if (line.startsWith('ack ')) acked.push(line.slice(4));
    if (strategy === 'during-flush' && acked.length === 20 && !watcher) {
      watcher = watch(dir, (_event, name) => {
        if (name === `mfa.sqlite.tmp-${child.pid}`) kill();
      });
    }
  });
  const failsafe = setTimeout(kill, 60_000);
  const [code, signal] = (await closed) as [number | null, NodeJS.Signals | null];
  clearTimeout(failsafe);
  watcher?.close();
  if (signal !== 'SIGKILL') throw new Error(`The writer ended by itself (code ${code}): ${stderr}`);
  return { acked, killedMidFlush: existsSync(tempFile) };
}

describe('SIGKILL during a stream of acknowledged writes', () => {
  it('reopens after every kill with every acknowledged write present', async () => {
    let totalAcked = 0;
    let midFlushKills = 0;
    for (const [round, strategy] of ROUNDS.entries()) {
      const prefix = `round${round}`;
      const { acked, killedMidFlush } = await runAndKill(prefix, strategy);
      expect(acked.length, `round ${round} (${strategy}) acknowledged nothing`).toBeGreaterThan(0);
      if (killedMidFlush) midFlushKills++;

      const store = await openStore({ file });
      const stored = await store.db.selectFrom('meta').select('key').where('key', 'like', `${prefix}-%`).execute();
      const present = new Set(stored.map((row) => row.key));
      expect(acked.filter((key) => !present.has(key)), `round ${round} (${strategy}) lost acknowledged writes`).toEqual([]);
      totalAcked += acked.length;
      expect(await currentChangeSeq(store.db)).toBeGreaterThanOrEqual(SEED_USERS + totalAcked);
      await store.close();
    }
    expect(midFlushKills, 'no kill landed while a flush was writing its temp file').toBeGreaterThan(0);
  });
});
