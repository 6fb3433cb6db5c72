/**
 * Service instances starting at the same moment on an empty PostgreSQL database (R-CON-5): the start-up lock lets
 * one create the schema, the keys and the demo company while the other waits, so both run, on one set of keys. An
 * instance whose key file is not the one the database was set up with refuses to start, naming the key. The key
 * file is used (no keychain), the case where two processes could otherwise each write their own key into it.
 * Runs when MFA_TEST_PG_URL is set.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VAULT_FILE_NAME } from '../../src-main/service/secrets/file-vault';
import { createTestSchema, dropTestSchema, queryTestSchema, schemaUrl } from '../fixtures/pg-schema';
import { tempDirs } from '../fixtures/temp-dirs';
import { NO_KEYCHAIN, logLines, runServiceToExit, startServiceProcess, type ServiceProcess } from '../fixtures/service-process';

const PG_URL = process.env.MFA_TEST_PG_URL;
if (!PG_URL) console.warn('service-first-start: MFA_TEST_PG_URL is not set, so the simultaneous start tests are skipped.');

const TRIALS = 10;

/** The key fingerprints an instance logged at start. */
function loggedKeys(service: ServiceProcess): unknown {
  return logLines(service.stderr()).find((line) => line.keys !== undefined)?.keys;
}

describe.skipIf(!PG_URL)('simultaneous first starts on one PostgreSQL database', () => {
  const url = PG_URL ?? '';
  const dirs = tempDirs('mfa-first-start-');
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    dirs.removeAll();
    for (const step of cleanup.splice(0)) await step();
  });

  async function emptyDatabase(): Promise<{ schema: string; keyDir: string; args: string[] }> {
    const schema = await createTestSchema(url, 'first_start');
    const keyDir = dirs.fresh();
    cleanup.push(() => dropTestSchema(url, schema));
    return { schema, keyDir, args: ['--port', '0', '--database', schemaUrl(url, schema), '--data', keyDir, '--demo'] };
  }

  it(`starts both of two instances started together, on one set of keys, in ${TRIALS} trials out of ${TRIALS}`, { timeout: TRIALS * 60_000 }, async () => {
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const { schema, keyDir, args } = await emptyDatabase();
      const started = await Promise.allSettled([startServiceProcess(args, NO_KEYCHAIN), startServiceProcess(args, NO_KEYCHAIN)]);
      const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      try {
        expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started')), `trial ${trial}`).toEqual(['started', 'started']);
        const [first, second] = running as [ServiceProcess, ServiceProcess];
        expect(loggedKeys(first), `trial ${trial}`).toEqual(loggedKeys(second));
        const meta = Object.fromEntries(
          (await queryTestSchema<{ key: string; value: string }>(url, schema, `select key, value from meta where key like '%key_id'`)).map((row) => [row.key, row.value]),
        );
        const vault = JSON.parse(readFileSync(path.join(keyDir, VAULT_FILE_NAME), 'utf8')) as { secrets: Record<string, string> };
        for (const [prefix, metaKey] of [['data-key', 'data_key_id'], ['sms-code-key', 'sms_code_key_id'], ['audit-key', 'audit_key_id']]) {
          expect(Object.keys(vault.secrets).filter((account) => account.startsWith(`${prefix}:`) && account !== `${prefix}:current`), `trial ${trial}`).toEqual([`${prefix}:${meta[metaKey ?? '']}`]);
        }
        expect(await queryTestSchema(url, schema, 'select id from companies')).toHaveLength(1);
      } finally {
        expect(await Promise.all(running.map((service) => service.stop()))).toEqual(running.map(() => 0));
      }
    }
  });

  it('refuses to start an instance whose key file is not the one the database was set up with, naming the key', async () => {
    const { args } = await emptyDatabase();
    const first = await startServiceProcess(args, NO_KEYCHAIN);
    try {
      const otherKeys = dirs.fresh();
      const run = await runServiceToExit(args.map((arg, i) => (args[i - 1] === '--data' ? otherKeys : arg)), NO_KEYCHAIN);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toMatch(/Service:/);
      const fatal = logLines(run.stderr).filter((line) => line.level === 60);
      expect(fatal.map((line) => line.msg)).toEqual([expect.stringMatching(/^The data key \w+, which encrypts stored authenticator secrets, is missing from .*mfa-first-start-.*Every service instance on one database needs the same keys/)]);
    } finally {
      await first.stop();
    }
  });
});
