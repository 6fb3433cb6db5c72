/**
 * The two storage engines a route test runs on: SQLite in memory always, PostgreSQL when MFA_TEST_PG_URL is set
 * (CI sets it), each run in its own schema, dropped afterwards. Without the URL the PostgreSQL run is left out with
 * a printed reason.
 */
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../../src-main/service/store/store';
import { dropTestSchema } from '../fixtures/pg-schema';

/** One engine: how to open a fresh store on it, and how to clean up after. */
export interface TestEngine {
  name: 'SQLite' | 'PostgreSQL';
  open(): Promise<Store | undefined>;
  cleanUp(): Promise<void>;
}

/** The engines to run on here; `label` names the test file in the skip notice. */
export function testEngines(label: string): TestEngine[] {
  const url = process.env.MFA_TEST_PG_URL;
  const sqlite: TestEngine = { name: 'SQLite', open: async () => undefined, cleanUp: async () => undefined };
  if (!url) {
    console.info(`${label}: the PostgreSQL run is skipped because MFA_TEST_PG_URL is not set.`);
    return [sqlite];
  }
  const schema = `mfa_${label.replace(/\W+/g, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  return [
    sqlite,
    {
      name: 'PostgreSQL',
      open: () => openStore({ url, schema }),
      cleanUp: () => dropTestSchema(url, schema),
    },
  ];
}
