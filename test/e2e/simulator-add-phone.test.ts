/**
 * Password & Security in Chromium (R-AUTH-3, R-PAY-1): "Add Phone Number" asks for the current password first, as
 * the guide says; the number's hint and its error agree that the country code is not typed; a payments payee admin
 * is offered only the United States.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { browser, enterCode, openSimulator, phoneCode, play, screen, setUpNowWith, signIn } from './support/simulator-page';
import { startWebConsole, type WebConsole } from './support/web-console';

describe('Password & Security: adding a phone', () => {
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

  it('asks for the current password before "Add Phone Number", and its hint and error agree on the country code', async () => {
    page = await chromium.newPage({ viewport: { width: 1366, height: 1000 } });
    await openSimulator(page, await webConsole.newLink());
    await play(page, 'Giulia Romano');
    await signIn(page);
    await screen(page, 'challenge_choice');
    await browser(page).getByRole('button', { name: /Authenticator App/ }).click();
    await screen(page, 'challenge_code');
    await enterCode(page, await phoneCode(page));
    await screen(page, 'home');
    await browser(page).getByRole('button', { name: /Manage my MFA/ }).click();
    await screen(page, 'manage_mfa');

    await browser(page).getByRole('button', { name: 'Add Phone Number' }).click();
    await screen(page, 'confirm_password');
    expect(await page.getByTestId('sim-step').textContent()).toBe('Enter Your Current Password');
    await page.getByTestId('sim-confirm-password').fill('not-my-password');
    await browser(page).getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => browser(page).getByRole('alert').textContent()).toMatch(/not your current password/);
    await expectNoSeriousA11yViolations(page, 'simulator: wrong current password');
    await page.getByTestId('sim-confirm-password').fill('Demo-Password-2026');
    await browser(page).getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'sms_setup');

    expect(await page.getByTestId('sim-country').inputValue()).toBe('IT');
    const hint = await page.locator('#sim-phone-hint').textContent();
    expect(hint).toBe('Your mobile number, without the country code: it comes from "Select Your Country Code".');
    await page.getByLabel('Enter Your Phone Number').fill('12');
    await browser(page).getByRole('button', { name: 'Send Text Message' }).click();
    await expect.poll(() => page.locator('#sim-phone-error').textContent()).toBe(
      'That is not a valid mobile number for Italy (+39). Type your number without the country code: it comes from "Select Your Country Code".',
    );
    await page.getByLabel('Enter Your Phone Number').fill('312 345 6789');
    await browser(page).getByRole('button', { name: 'Send Text Message' }).click();
    await expect.poll(() => page.getByTestId('sim-sent-to').count(), { timeout: 15_000 }).toBe(1);
    await page.close();
  });

  it('offers a payments payee admin only the United States for text messages', async () => {
    page = await chromium.newPage({ viewport: { width: 1366, height: 1000 } });
    await openSimulator(page, await webConsole.newLink());
    await play(page, 'Quinn Delgado');
    await setUpNowWith(page, 'sms');
    const options = await page.getByTestId('sim-country').locator('option').allTextContents();
    expect(options).toEqual(['United States (+1)']);
    await page.close();
  });
});
