import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import {
  browser,
  clockForward,
  enrollWithApp,
  enterCode,
  latestSmsCode,
  moveClock,
  openSimulator,
  phoneCode,
  play,
  saveRecoveryCode,
  screen,
  setUpNowWith,
  signIn,
} from './support/simulator-page';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('enrollment simulator: set-up and recovery on the simulated phone', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;
  const shots = mkdtempSync(path.join(os.tmpdir(), 'mfa-sim-shots-'));

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
    rmSync(shots, { recursive: true, force: true });
  });

  async function freshPage(): Promise<Page> {
    page = await chromium.newPage({ viewport: { width: 1500, height: 1100 } });
    await openSimulator(page, await webConsole.newLink());
    return page;
  }

  it('enrolls with the authenticator app using the code the simulated phone shows, and no end-user token reaches the page', async () => {
    await freshPage();
    const answers: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/rpc/simulator')) void response.text().then((body) => answers.push(body), () => undefined);
    });
    await play(page, 'Jordan Patel');
    await signIn(page);
    await screen(page, 'setup_optional');
    expect(await page.getByTestId('sim-step').textContent()).toBe('Set up two-factor authentication now or later');
    await browser(page).getByRole('button', { name: 'Set Up Now' }).click();
    await screen(page, 'select_method');
    expect(await page.getByTestId('sim-step').textContent()).toBe('Select an Authentication Method');
    await browser(page).getByLabel(/Authenticator App/).check();
    await browser(page).getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'totp_setup');
    expect(await browser(page).getByRole('heading', { name: 'Secure your Account' }).count()).toBe(1);

    await browser(page).getByRole('button', { name: 'Trouble scanning?' }).click();
    expect(await page.getByTestId('sim-secret').textContent()).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);

    await page.getByTestId('phone-scan').click();
    expect(await page.getByTestId('phone-account').textContent()).toContain('jordan.patel@northwind.example');
    const shown = await phoneCode(page);
    expect(shown).toMatch(/^\d{6}$/);
    const seconds = Number(await page.getByTestId('phone-seconds').textContent());
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(30);

    await enterCode(page, shown);
    const recovery = await saveRecoveryCode(page);
    expect(recovery).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){7}$/);
    await screen(page, 'home');
    expect(await page.getByTestId('sim-signed-in').textContent()).toBe('You are signed in.');
    await expect.poll(() => page.getByTestId('sim-user-jordan.patel@northwind.example').textContent()).toContain('Enrolled: app');
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((body) => /"token"|Bearer /i.test(body))).toEqual([]);
    await page.close();
  });

  it('refuses a wrong code with a clear error before accepting the right one', async () => {
    await freshPage();
    await play(page, 'Dana Whitfield');
    await setUpNowWith(page, 'app');
    await page.getByTestId('phone-scan').click();
    const right = await phoneCode(page);
    await enterCode(page, right.replace(/\d/g, (d) => String((Number(d) + 5) % 10)));
    await expect.poll(() => page.getByTestId('sim-code-error').textContent()).toMatch(/not right/);
    await expectNoSeriousA11yViolations(page, 'simulator: a wrong code refused');
    await enterCode(page, await phoneCode(page));
    await saveRecoveryCode(page);
    await screen(page, 'home');
    await page.close();
  });

  it('enrolls by text message with the code from the phone inbox, and "Resend New Code" voids the old one', async () => {
    await freshPage();
    await play(page, 'Aoife Byrne');
    await setUpNowWith(page, 'sms');
    expect(await page.getByLabel('Select Your Country Code').inputValue()).toBe('IE');
    await page.getByLabel('Enter Your Phone Number').fill('85 123 4567');
    await browser(page).getByRole('button', { name: 'Send Text Message' }).click();
    await expect.poll(() => page.getByTestId('sim-sent-to').count(), { timeout: 15_000 }).toBe(1);
    const first = await latestSmsCode(page, 0);

    await browser(page).getByRole('button', { name: 'Resend New Code' }).click();
    await expect.poll(() => page.getByTestId('sim-code-error').textContent()).toMatch(/A code was sent recently/);
    await clockForward(page, 1);
    await browser(page).getByRole('button', { name: 'Resend New Code' }).click();
    const second = await latestSmsCode(page, 1);
    await expect.poll(() => browser(page).getByText('We sent a new code. The previous code no longer works.').count()).toBe(1);
    if (first !== second) {
      await enterCode(page, first);
      await expect.poll(() => page.getByTestId('sim-code-error').count()).toBe(1);
    }
    await enterCode(page, second);
    await saveRecoveryCode(page);
    await screen(page, 'home');
    await expect.poll(() => page.getByTestId('sim-user-aoife.byrne@northwind.example').textContent()).toMatch(/Enrolled: SMS/);
    await moveClock(page, 'Real time');
    await expect.poll(() => page.getByRole('button', { name: 'Real time…' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('signs in with the recovery code, which is then void, and offers a new one', async () => {
    await freshPage();
    await play(page, 'Emery Walsh');
    const recovery = await enrollWithApp(page);
    await screen(page, 'home');
    await browser(page).getByRole('button', { name: 'Sign out' }).click();
    await screen(page, 'sign_in');

    await signIn(page);
    await screen(page, 'challenge_choice');
    expect(await page.getByTestId('sim-step').textContent()).toBe('How do you want to verify your identity?');
    await browser(page).getByRole('button', { name: /Enter Recovery Code/ }).click();
    await screen(page, 'challenge_code');
    await enterCode(page, recovery);
    await screen(page, 'recovery_code');
    expect(await browser(page).getByText('You signed in with your recovery code, so it no longer works.').count()).toBe(1);
    const renewed = await saveRecoveryCode(page);
    expect(renewed).not.toBe(recovery);
    await screen(page, 'home');

    await browser(page).getByRole('button', { name: 'Sign out' }).click();
    await signIn(page);
    await screen(page, 'challenge_choice');
    await browser(page).getByRole('button', { name: /Enter Recovery Code/ }).click();
    await enterCode(page, recovery);
    await expect.poll(() => page.getByTestId('sim-code-error').textContent()).toMatch(/already used|not right/);
    await page.close();
  });

  it('shows a QR code that zbarimg decodes to a key URI whose oathtool code the service accepts', async () => {
    await freshPage();
    await play(page, 'Lucía García');
    await setUpNowWith(page, 'app');

    const file = path.join(shots, 'qr.png');
    await page.getByTestId('sim-qr').screenshot({ path: file });
    const uri = execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).trim();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Northwind%20Builders:lucia\.garcia%40northwind\.example\?/);
    const secret = new URL(uri).searchParams.get('secret') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await browser(page).getByRole('button', { name: 'Trouble scanning?' }).click();
    expect((await page.getByTestId('sim-secret').textContent())?.replace(/\s/g, '')).toBe(secret);

    const code = execFileSync('oathtool', ['--totp', '-b', secret], { encoding: 'utf8' }).trim();
    await enterCode(page, code);
    await saveRecoveryCode(page);
    await screen(page, 'home');
    await page.close();
  });

  it('sends an SSO user to the identity provider, with no MFA of ours, and refuses an inactive one', async () => {
    await freshPage();
    await play(page, 'Sam Rivera');
    await signIn(page);
    await screen(page, 'sso');
    expect(await page.getByTestId('sim-notice').textContent()).toMatch(/identity provider/);

    await page.getByRole('button', { name: 'Change demo user' }).click();
    await play(page, 'Taylor Brooks');
    await signIn(page);
    await screen(page, 'inactive');
    expect(await page.getByTestId('sim-notice').textContent()).toMatch(/inactive/);
    await page.close();
  });
});
