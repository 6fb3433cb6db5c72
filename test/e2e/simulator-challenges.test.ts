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
  resetDemoUser,
  saveRecoveryCode,
  screen,
  signIn,
  wrongCode,
} from './support/simulator-page';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('enrollment simulator: challenges, lockout, payments step-ups and the clock', () => {
  let webConsole: WebConsole;
  let chromium: Browser;
  let page: Page;

  beforeAll(async () => {
    webConsole = await startWebConsole();
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await webConsole?.stop();
  });

  async function freshPage(): Promise<Page> {
    page = await chromium.newPage({ viewport: { width: 1500, height: 1100 } });
    await openSimulator(page, await webConsole.newLink());
    return page;
  }

  /** Answers the challenge that is on screen with the phone's current code, on a fresh TOTP step. */
  async function answerWithApp(): Promise<void> {
    await screen(page, 'challenge_choice');
    await browser(page).getByRole('button', { name: /Authenticator App/ }).click();
    await screen(page, 'challenge_code');
    await clockForward(page, 1);
    await enterCode(page, await phoneCode(page));
  }

  it('lets a user skip set-up in the early enrollment period, and not after the deadline', async () => {
    await freshPage();
    await play(page, 'Noah Clarke');
    await signIn(page);
    await screen(page, 'setup_optional');
    await browser(page).getByRole('button', { name: 'Remind Me Later' }).click();
    await screen(page, 'home');
    await browser(page).getByRole('button', { name: 'Sign out' }).click();

    await moveClock(page, 'After the deadline');
    await expect.poll(() => page.getByTestId('sim-clock-phase').textContent()).toBe('After the deadline: MFA is enforced.');
    await signIn(page);
    await screen(page, 'setup_required');
    expect(await page.getByTestId('sim-step').textContent()).toBe('Two-Factor Authentication Required');
    expect(await browser(page).getByRole('button', { name: 'Remind Me Later' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Next' }).click();
    await screen(page, 'select_method');
    await page.getByRole('button', { name: 'Back' }).click();
    await screen(page, 'setup_required');

    await moveClock(page, 'Before the deadline');
    await expect.poll(() => page.getByTestId('sim-clock-phase').textContent()).toBe('Before the deadline: early enrollment period.');
    await page.close();
  });

  it('locks verification after five wrong codes in a row, and lets the user in once the lock has passed', async () => {
    await freshPage();
    await play(page, 'Wei Ling Tan');
    await enrollWithApp(page);
    await screen(page, 'home');
    await browser(page).getByRole('button', { name: 'Sign out' }).click();
    await signIn(page);
    await screen(page, 'challenge_choice');
    await browser(page).getByRole('button', { name: /Authenticator App/ }).click();
    await screen(page, 'challenge_code');
    const warnings = ['You have 4 tries left', 'You have 3 tries left', 'You have 2 tries left', 'One more wrong code locks verification'];
    for (const warning of warnings) {
      await enterCode(page, wrongCode(await phoneCode(page)));
      await expect.poll(() => page.getByTestId('sim-code-error').textContent()).toContain(warning);
    await expectNoSeriousA11yViolations(page, 'simulator: wrong code, tries left', { once: true });
      expect(await page.getByTestId('sim-code-error').textContent()).toMatch(/^That code is not right\./);
    }
    await enterCode(page, wrongCode(await phoneCode(page)));
    await screen(page, 'locked');
    expect(await page.getByTestId('sim-notice').textContent()).toMatch(/Try again in 15 minutes/);
    await expectNoSeriousA11yViolations(page, 'simulator: verification locked');
    await expect.poll(() => page.getByTestId('sim-user-weiling.tan@northwind.example').textContent()).toContain('Locked');

    await browser(page).getByRole('button', { name: 'Back to sign in' }).click();
    await signIn(page);
    await screen(page, 'locked');

    await browser(page).getByRole('button', { name: 'Back to sign in' }).click();
    await clockForward(page, 16);
    await signIn(page);
    await answerWithApp();
    await screen(page, 'home');
    await page.close();
  });

  it('demands a challenge at each payments touchpoint and again after 30 minutes idle', async () => {
    await freshPage();
    await play(page, 'Pat Okafor');
    expect(await page.getByTestId('phone-account').count()).toBe(1);
    await resetDemoUser(page);
    await expect.poll(() => page.getByTestId('sim-user-pat.okafor@northwind.example').textContent()).toContain('Not enrolled');
    await signIn(page);
    await screen(page, 'setup_required');
    expect(await page.getByTestId('sim-told').textContent()).toMatch(/Payments accounts must use two-factor/);
    await browser(page).getByRole('button', { name: 'Set Up Now' }).click();
    await screen(page, 'select_method');
    expect(await page.getByTestId('sim-missing-methods').textContent()).toMatch(/Payments payors must use an authenticator app/);
    await page.getByRole('button', { name: 'Back' }).click();
    await screen(page, 'setup_required');
    await page.getByRole('button', { name: 'Next' }).click();
    await screen(page, 'select_method');
    await browser(page).getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'totp_setup');
    await page.getByTestId('phone-scan').click();
    expect(await page.getByTestId('phone-account').count()).toBe(1);
    await enterCode(page, await phoneCode(page));
    await saveRecoveryCode(page);
    await screen(page, 'home');

    await browser(page).getByRole('button', { name: 'Sign out' }).click();
    await signIn(page);
    await screen(page, 'challenge_choice');
    expect(await page.getByTestId('sim-help').textContent()).toBe("Can't use any of these? Payments support can help.");
    expect(await page.getByTestId('sim-tip').textContent()).toContain('"Enter Recovery Code" is the way in when the phone is lost');
    await answerWithApp();
    await screen(page, 'home');

    await browser(page).getByRole('button', { name: /Payments/ }).click();
    await screen(page, 'challenge_choice');
    expect(await page.getByTestId('sim-told').textContent()).toBe('Choose a way to verify to enter the Payments tool.');
    expect(await page.getByTestId('sim-help').textContent()).toBe("Can't use any of these? Payments support can help.");
    const stepUpTip = await page.getByTestId('sim-tip').textContent();
    expect(stepUpTip).toContain('no recovery code is offered here');
    expect(stepUpTip).not.toContain('way in');
    expect(await browser(page).getByRole('button', { name: /Enter Recovery Code/ }).count()).toBe(0);
    await answerWithApp();
    await screen(page, 'payments');
    expect(await page.getByTestId('sim-payments-done').textContent()).toBe('Verified. You are in the Payments tool.');

    const touchpoints: [string, string, string][] = [
      ['sim-payments-disbursement', 'to create the disbursement', 'Disbursement created (simulated).'],
      ['sim-payments-bank_account', 'to change the bank account', 'Bank account updated (simulated).'],
      ['sim-payments-agreement', 'to accept the payments agreement', 'Payments agreement accepted (simulated).'],
    ];
    for (const [button, why, done] of touchpoints) {
      await page.getByTestId(button).click();
      await screen(page, 'challenge_choice');
      expect(await page.getByTestId('sim-told').textContent()).toBe(`Choose a way to verify ${why}.`);
      await answerWithApp();
      await screen(page, 'payments');
      expect(await page.getByTestId('sim-payments-done').textContent()).toBe(done);
    }

    await clockForward(page, 31);
    await screen(page, 'challenge_choice');
    expect(await page.getByTestId('sim-told').textContent()).toBe('Choose a way to verify again, after 30 minutes idle in the Payments tool.');
    await answerWithApp();
    await screen(page, 'payments');
    expect(await page.getByTestId('sim-payments-done').textContent()).toMatch(/Verified again after 30 minutes idle/);
    await page.close();
  });

  it('lets a user with app and phone pick; Manage my MFA: opt in to "Always require 2FA" (locked on once enforced, after the 12-hour session ends), new recovery code, reset', async () => {
    await freshPage();
    await play(page, 'Mia Thompson');
    await signIn(page);
    await screen(page, 'challenge_choice');
    expect(await browser(page).getByRole('button', { name: /Authenticator App|Use a Phone Number|Enter Recovery Code/ }).count()).toBe(3);
    await answerWithApp();
    await screen(page, 'home');
    await browser(page).getByRole('button', { name: /Manage my MFA/ }).click();
    await screen(page, 'manage_mfa');
    const toggle = page.getByLabel('Always require 2FA to log into my account');
    expect(await toggle.isChecked()).toBe(false);
    expect(await toggle.isDisabled()).toBe(false);
    await toggle.check();
    await expect.poll(() => browser(page).getByText('Two-factor authentication is now required for every sign-in.').count()).toBe(1);
    expect(await toggle.isChecked()).toBe(true);

    await moveClock(page, 'After the deadline');
    await expect.poll(() => page.getByTestId('sim-clock-phase').textContent()).toBe('After the deadline: MFA is enforced.');
    await browser(page).getByRole('button', { name: 'Done' }).click();
    await screen(page, 'home');
    await browser(page).getByRole('button', { name: /Manage my MFA/ }).click();
    await screen(page, 'sign_in');
    expect(await browser(page).getByText('You were signed in for 12 hours, the longest a session lasts. Sign in again.').count()).toBe(1);
    await signIn(page);
    await answerWithApp();
    await screen(page, 'home');
    await browser(page).getByRole('button', { name: /Manage my MFA/ }).click();
    await screen(page, 'manage_mfa');
    expect(await toggle.isChecked()).toBe(true);
    expect(await toggle.isDisabled()).toBe(true);
    expect(await browser(page).getByText('Your company requires two-factor authentication, so this stays on.').count()).toBe(1);

    await clockForward(page, 60);
    await browser(page).getByRole('button', { name: 'Request New Code' }).click();
    await screen(page, 'challenge_choice');
    expect(await page.getByTestId('sim-told').textContent()).toBe('Choose a way to verify before changing your MFA settings.');
    await answerWithApp();
    await screen(page, 'recovery_code');
    expect(await browser(page).getByText('Here is your new recovery code. Your previous code no longer works.').count()).toBe(1);
    await saveRecoveryCode(page);
    await screen(page, 'manage_mfa');

    await resetDemoUser(page);
    await expect.poll(() => page.getByTestId('sim-user-mia.thompson@northwind.example').textContent()).toContain('Not enrolled');
    await signIn(page);
    await screen(page, 'setup_required');
    await page.close();
  });

  it('signs in by text message: an expired code is refused, a resent one works; a phone change texts the current number first', async () => {
    await freshPage();
    await play(page, 'Casey Morgan');
    await signIn(page);
    await screen(page, 'challenge_choice');
    await browser(page).getByRole('button', { name: /Use a Phone Number/ }).click();
    await screen(page, 'challenge_code');
    expect(await page.getByTestId('sim-sent-to').textContent()).toMatch(/0123$/);
    const expired = await latestSmsCode(page, 0);
    await clockForward(page, 11);
    await enterCode(page, expired);
    await expect.poll(() => page.getByTestId('sim-code-error').textContent()).toMatch(/expired/i);
    await browser(page).getByRole('button', { name: 'Resend New Code' }).click();
    await enterCode(page, await latestSmsCode(page, 1));
    await screen(page, 'home');

    await clockForward(page, 60);
    await browser(page).getByRole('button', { name: /Manage my MFA/ }).click();
    await screen(page, 'manage_mfa');
    await browser(page).getByRole('button', { name: 'Change Phone Number' }).click();
    await screen(page, 'challenge_choice');
    expect(await browser(page).getByRole('button', { name: /Use a Phone Number/ }).count()).toBe(1);
    await browser(page).getByRole('button', { name: /Use a Phone Number/ }).click();
    await screen(page, 'challenge_code');
    await enterCode(page, await latestSmsCode(page, 2));
    await screen(page, 'sms_setup');
    await page.getByLabel('Enter Your Phone Number').fill('415 555 2671');
    await clockForward(page, 1);
    await browser(page).getByRole('button', { name: 'Send Text Message' }).click();
    await expect.poll(() => page.getByTestId('sim-sent-to').count(), { timeout: 15_000 }).toBe(1);
    await enterCode(page, await latestSmsCode(page, 3));
    await screen(page, 'recovery_code');
    expect(await browser(page).getByText(/Your two-factor settings changed, so here is a new recovery code/).count()).toBe(1);
    await saveRecoveryCode(page);
    await screen(page, 'manage_mfa');
    expect(await browser(page).getByText(/2671/).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('offers only the methods a user may use, saying why the others are missing', async () => {
    await freshPage();
    const cases: [string, RegExp][] = [
      ['Priya Sharma', /Text messages are offered only in United States, .* and Hong Kong\. Use an authenticator app\./],
      ['Robin Fraser', /For payments payee admins, text messages are offered only in the United States\./],
    ];
    for (const [name, why] of cases) {
      if (await page.getByRole('button', { name: 'Change demo user' }).count()) await page.getByRole('button', { name: 'Change demo user' }).click();
      await play(page, name);
      await signIn(page);
      await browser(page).getByRole('button', { name: 'Set Up Now' }).click();
      await screen(page, 'select_method');
      expect(await browser(page).getByLabel(/SMS Verification/).count()).toBe(0);
      expect(await page.getByTestId('sim-missing-methods').textContent()).toMatch(why);
    }
    await page.close();
  });
});
