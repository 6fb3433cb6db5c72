/**
 * The Audit screen in Chromium: newest first, filters, CSV export, and chain verification — intact at first, then,
 * after an entry is changed in the database behind the console's back, broken at exactly that entry, and after
 * entries are cut off the end, missing from there (the vault recorded the last one).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/service/store/store';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Audit screen', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-e2e-audit-'));
  let webConsole: WebConsole;
  let browser: Browser;
  let page: Page;
  /** The entry the tampering test changed, with its original content. */
  let forged = { seq: 0, after: null as string | null };

  async function openAudit(): Promise<void> {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByTestId('audit-grid').locator('[aria-rowindex="2"]').waitFor();
  }

  const seqs = () => page.getByTestId('audit-grid').locator('[role="row"][data-seq]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));

  beforeAll(async () => {
    webConsole = await startWebConsole({ dataDir });
    browser = await launchBrowser();
    await openAudit();
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists entries newest first and filters them by action', async () => {
    const all = await seqs();
    expect(all.length).toBeGreaterThan(3);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    await page.getByTestId('audit-action').selectOption('mfa.lockout');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => (await seqs()).length).toBe(1);
    expect(await page.getByTestId('audit-grid').textContent()).toContain('lukas.becker@northwind.example');
    await expectNoSeriousA11yViolations(page, 'audit: filtered by action');
  });

  it('exports the filtered log as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path()) ?? '', 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('mfa.lockout');
  });

  it('verifies an intact chain', async () => {
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verification');
    await expect.poll(() => result.textContent()).toMatch(/Intact\. All \d+ entries check out, up to the last one the vault recorded\./);
    await expectNoSeriousA11yViolations(page, 'audit: chain intact');
  });

  it('shows the first broken entry after the database was tampered with', async () => {
    await page.close();
    await webConsole.stop();
    const store = await openStore({ file: path.join(dataDir, 'service', 'mfa.sqlite') });
    const target = await store.db.selectFrom('audit_log').select(['seq', 'after']).orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
    forged = { seq: Number(target.seq), after: target.after };
    await store.write((trx) => sql`update audit_log set after = ${'{"forged":true}'} where seq = ${target.seq}`.execute(trx));
    await store.close();

    webConsole = await startWebConsole({ dataDir });
    await openAudit();
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verification');
    await expect.poll(() => result.textContent()).toContain(`Entry ${target.seq} was changed after it was written.`);
    expect(await result.textContent()).toContain(`${target.seq - 1} of`);
    const broken = page.getByTestId('audit-grid').locator(`[data-seq="${target.seq}"]`);
    expect(await broken.getAttribute('class')).toContain('audit-table__row--broken');
    await expectNoSeriousA11yViolations(page, 'audit: chain broken');
  });

  it('says entries are missing when the end of the log was cut off', async () => {
    await page.close();
    await webConsole.stop();
    const store = await openStore({ file: path.join(dataDir, 'service', 'mfa.sqlite') });
    await store.write((trx) => sql`update audit_log set after = ${forged.after} where seq = ${forged.seq}`.execute(trx));
    const rows = await store.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(2).execute();
    const first = Math.min(...rows.map((row) => Number(row.seq)));
    await store.write((trx) => sql`delete from audit_log where seq >= ${first}`.execute(trx));
    await store.close();

    webConsole = await startWebConsole({ dataDir });
    await openAudit();
    await page.getByTestId('audit-verify').click();
    const headline = page.getByTestId('audit-verification-headline');
    await expect.poll(() => headline.textContent(), { timeout: 15_000 }).toContain(`Entries are missing from the end of the log, from entry ${first}.`);
    expect(await page.getByTestId('audit-verification').textContent()).toMatch(/cut off the end/);
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('audit-verification').screenshot({ path: path.join(os.tmpdir(), `mfa-audit-verify-tail-${width}.png`) });
    }
  });
});
