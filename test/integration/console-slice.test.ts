import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../shared/api';
import { createConsole, type ConsoleBackend } from '../../src-main/console/create-console';
import { DEMO_COMPANY_NAME } from '../../src-main/service/seed/demo-company';

describe('console backend over the embedded service (renderer → handler → axios → service → store)', () => {
  let dataDir: string;
  let backend: ConsoleBackend;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-console-slice-'));
    backend = await createConsole({ dataDir, host: 'browser' });
  });
  afterAll(async () => {
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the dashboard overview from the seeded demo company', async () => {
    const result = await backend.dispatch('dashboard:overview', {});
    expect(result).toMatchObject({ ok: true, value: { companyName: DEMO_COMPANY_NAME, mfaRequired: true, deadlineZone: 'America/New_York' } });
  });

  it('reports an embedded, connected service', async () => {
    const result = await backend.dispatch('app:status', {});
    expect(result).toMatchObject({ ok: true, value: { mode: 'embedded', state: 'connected', host: 'browser' } });
  });

  it('keeps the data across a restart (no second seed)', async () => {
    await backend.close();
    backend = await createConsole({ dataDir, host: 'browser' });
    const result = await backend.dispatch('dashboard:overview', {});
    expect(result).toMatchObject({ ok: true, value: { companyName: DEMO_COMPANY_NAME } });
  });

  it('documents every route of the contract in the OpenAPI document', async () => {
    const client = backend.runtime.client();
    const doc = (await client.call('openapi', {})) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(operations.sort()).toEqual(Object.keys(apiRoutes).sort());
  });
});
