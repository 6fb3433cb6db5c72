import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('browser mode shell', () => {
  let webConsole: WebConsole;
  let browser: Browser;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await webConsole?.stop();
  });

  it('opens the dashboard with the company name that came through bridge → main → service', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(await webConsole.newLink());
    await expect.poll(() => page.getByTestId('company-name').textContent(), { timeout: 20_000 }).toBe('Northwind Builders');
    expect(await page.getByTestId('mfa-required').textContent()).toContain('Required');
    await expectNoSeriousA11yViolations(page, 'dashboard, as it opens');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.title()).toBe('Dashboard · MFA Admin Console');
    await expect.poll(() => page.getByTestId('connection-label').textContent()).toBe('Embedded service · connected');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reaches every screen from the keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    const titles: string[] = [];
    for (const name of ['MFA Policy', 'Directory', 'Reset', 'Audit', 'Simulator', 'Settings']) {
      await page.getByRole('link', { name, exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await expectNoSeriousA11yViolations(page, `${name} screen, as it opens`);
      titles.push(await page.title());
    }
    expect(titles).toEqual([
      'MFA Policy · MFA Admin Console',
      'Directory · MFA Admin Console',
      'Reset · MFA Admin Console',
      'Audit · MFA Admin Console',
      'Simulator · MFA Admin Console',
      'Settings · MFA Admin Console',
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    await page.close();
  });

  it('refuses /rpc without the session and from a foreign origin, without running a handler', async () => {
    const noSession = await fetch(`${webConsole.origin}/rpc/dashboard:overview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noSession.status).toBe(401);
    expect(await noSession.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const page = await browser.newPage();
    await page.goto(await webConsole.newLink());
    await page.getByTestId('company-name').waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'mfa_console_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const foreign = await fetch(`${webConsole.origin}/rpc/dashboard:overview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example', cookie: `mfa_console_session=${session?.value}` },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const wrongToken = await fetch(`${webConsole.origin}/?token=not-the-token`, { redirect: 'manual' });
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.headers.get('set-cookie')).toBeNull();
    await page.close();
  });
});
