/**
 * R-CON-4 in Chromium: a console in browser mode signed in (with MFA) to a standalone service process, which is
 * stopped and started again under it. The console says since when it is offline and what cannot be done, shows the
 * Dashboard, Directory, Policy (with its preview) and the audit entries already seen from its copy (also after a
 * reload), turns every change off with the reason, and catches up by itself when the service is back. A session
 * the service no longer knows asks for a sign-in instead.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { startRestartableService, type RestartableService } from '../fixtures/restartable-service';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchBrowser } from './support/browser';
import { screenshots } from './support/screenshots';
import { startWebConsole, type WebConsole } from './support/web-console';

/** The console's waits between tries reach 30 s; a busy machine adds the service's start. */
const CATCH_UP_MS = 90_000;
/** How long a screen may take to show what the test waits for on a busy machine. */
const WAIT = { timeout: 20_000 };
/** A time of day as this computer's locale writes it: 14:05:09 or 2:05:09 PM. */
const TIME = String.raw`\d{1,2}:\d{2}:\d{2}(?:\s?[AP]M)?`;

describe('the console while its remote service is away', () => {
  let service: RestartableService;
  let web: WebConsole;
  let chromium: Browser;
  let page: Page;

  beforeAll(async () => {
    [service, web, chromium] = await Promise.all([startRestartableService(), startWebConsole(), launchBrowser()]);
    page = await chromium.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(await web.newLink());
    await page.getByTestId('company-name').waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await web?.stop();
    await service?.dispose();
  });

  async function openScreen(name: string): Promise<void> {
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  const banner = () => page.getByTestId('offline-banner');
  const statusLabel = () => page.getByTestId('connection-label').textContent();

  /** Opens the one user the search finds in the Directory's panel, leaving the grid's current row on them. */
  async function openUser(search: string, name: string): Promise<void> {
    await page.getByTestId('directory-search').fill(search);
    await expect.poll(() => page.getByTestId('directory-total').textContent(), WAIT).toBe('1');
    await expect.poll(() => page.getByTestId('directory-grid').textContent(), WAIT).toContain(name);
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('user-panel').textContent(), WAIT).toContain(name);
  }

  it('signs in to the remote service with MFA and looks at each screen while it answers', async () => {
    await openScreen('Settings');
    const signIn = page.getByRole('article', { name: 'Connect to a remote MFA' });
    await signIn.getByLabel('Service address').fill(service.url);
    await signIn.getByLabel('Email').fill(DEMO_ADMIN_EMAIL);
    await signIn.getByLabel('Password').fill(DEMO_PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Set Up Now' }).click();
    await page.getByText('Trouble scanning?').click();
    const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('Code from the app').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel('I have securely saved this code').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('settings-mode').textContent(), WAIT).toBe(`Remote: ${service.url}`);
    await expect.poll(statusLabel, WAIT).toBe('Remote service · connected');

    await openScreen('Dashboard');
    await page.getByTestId('company-name').waitFor();
    await openScreen('MFA Policy');
    await page.getByLabel('SMS codes stay valid (minutes)').fill('12');
    await page.getByTestId('save-policy').click();
    await page.getByRole('dialog', { name: 'Save the MFA policy?' }).getByTestId('confirm-action').click();
    await expect.poll(() => page.getByTestId('policy-history').textContent(), WAIT).toContain('SMS codes stay valid: 10 minutes → 12 minutes');
    await openScreen('Audit');
    await expect.poll(() => page.getByTestId('audit-grid').locator('[role="row"][data-seq]').count(), WAIT).toBeGreaterThan(0);
    await openScreen('Directory');
    // Records opened while the service answers are the ones this computer keeps a copy of.
    await openUser('nia.okoye', 'Nia Okoye');
    await openUser('hana.sato', 'Hana Sato');
    await openUser('lukas', 'Lukas Becker');
    expect(await page.getByTestId('user-panel').getByRole('button', { name: 'Unlock MFA…' }).isDisabled()).toBe(false);
  });

  it('says within seconds that it is offline, since when, what cannot be done, and when it tries again', async () => {
    // A form open when the service goes away turns its permissions (Helpdesk too) and its submit off, with the reason.
    await openScreen('Directory');
    await page.getByTestId('add-user').click();
    const form = page.getByRole('dialog', { name: 'Add a user' });
    await form.getByTestId('add-user-helpdesk').waitFor();
    expect(await form.getByTestId('add-user-helpdesk').isDisabled()).toBe(false);
    await service.stop();
    await banner().waitFor({ timeout: 30_000 });
    await expect.poll(() => form.getByTestId('add-user-helpdesk').isDisabled(), WAIT).toBe(true);
    expect(await form.getByTestId('add-user-submit').isDisabled()).toBe(true);
    expect(await form.locator('fieldset', { hasText: 'Permissions on the admin tools' }).getAttribute('aria-describedby')).toBe('add-user-offline');
    expect(await form.locator('#add-user-offline').textContent()).toContain('Turned off while the MFA service cannot be reached');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await openScreen('Dashboard');
    const text = (await banner().textContent()) ?? '';
    expect(text).toMatch(new RegExp(`Offline since ${TIME}`));
    expect(text).toContain(`The MFA service at ${service.url} cannot be reached.`);
    expect(text).toContain('Not possible until it answers: changes to users or the policy, resets, unlocks and temporary access codes, imports and invitations');
    expect(text).toContain('sign-in activity, rollout messages, audit forwarding, and the simulator. Nothing is sent meanwhile, so nothing is half done.');
    await expect.poll(() => page.getByTestId('offline-next-try').textContent(), WAIT).toMatch(/^Trying again (by itself in \d+ s|now…)\.?$/);
    expect(await statusLabel()).toMatch(new RegExp(`^Remote service · offline since ${TIME}$`));
    await page.getByTestId('offline-try-now').click();
    await expect.poll(() => page.getByTestId('offline-try-now').isDisabled(), WAIT).toBe(false);
    expect(await banner().getAttribute('data-state')).toBe('offline');
    expect(await page.getByTestId('company-name').textContent()).toBe('Northwind Builders');
    await expectNoSeriousA11yViolations(page, 'offline: dashboard with the banner');
    await screenshots(page, 'offline-dashboard');
  });

  it('shows every screen from its copy after a reload, with every change turned off and the reason beside it', async () => {
    await page.reload();
    await banner().waitFor();
    expect(await page.getByTestId('company-name').textContent()).toBe('Northwind Builders');
    expect(await page.getByTestId('dashboard-as-of').textContent()).toMatch(/This computer's copy: figures as of .+, when the service last answered/);
    await page.getByTestId('enrollment-history-chart').waitFor(WAIT);
    expect(await page.getByRole('alert').count()).toBe(0);

    await openScreen('Directory');
    await openUser('lukas', 'Lukas Becker');
    const panel = page.getByTestId('user-panel');
    expect(await panel.getByTestId('user-as-of').textContent()).toContain("This computer's copy of the record");
    expect(await panel.getByRole('button', { name: 'Unlock MFA…' }).isDisabled()).toBe(true);
    expect(await panel.getByRole('button', { name: 'Deactivate…' }).isDisabled()).toBe(true);
    expect(await panel.locator('#user-panel-offline').textContent()).toMatch(
      new RegExp(`^Turned off while the MFA service cannot be reached \\(since ${TIME}\\): nothing can be changed until it answers\\.$`),
    );
    expect(await page.getByTestId('deactivate-stale').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-check').isDisabled()).toBe(true);
    expect(await page.getByTestId('add-user').isDisabled()).toBe(true);
    expect(await page.locator('#invite-offline').textContent()).toContain('Turned off while the MFA service cannot be reached');
    expect(await page.getByTestId('stale-panel').getByTestId('offline-note').count()).toBe(1);
    // Issue 12's sign-in activity: the console keeps no copy of it, so the panel says it needs the service.
    expect(await panel.getByTestId('user-activity-offline').textContent()).toMatch(
      new RegExp(`^Sign-in activity needs the MFA service, which cannot be reached \\(since ${TIME}\\)\\. It works again as soon as the service answers\\.$`),
    );
    expect(await page.getByRole('alert').count()).toBe(0);

    // Issue 11's invitation controls: Resend and Revoke on an invited user, Send on one never invited, the bulk
    // invitation (the selection itself works from the copy), and the Add user form.
    await openUser('nia.okoye', 'Nia Okoye');
    await page.getByTestId('directory-grid').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('selected-count').textContent(), WAIT).toBe('1 selected');
    expect(await page.getByTestId('invite-selected').isDisabled()).toBe(true);
    expect(await page.getByTestId('invite-selected').getAttribute('aria-describedby')).toBe('invite-offline');
    expect(await panel.getByTestId('user-invite').textContent()).toContain('Resend invitation');
    for (const control of ['user-invite', 'user-revoke']) {
      expect(await panel.getByTestId(control).isDisabled()).toBe(true);
      expect(await panel.getByTestId(control).getAttribute('aria-describedby')).toBe('user-panel-offline');
    }
    await openUser('hana.sato', 'Hana Sato');
    expect(await panel.getByTestId('user-invite').textContent()).toContain('Send invitation');
    for (const control of ['user-invite', 'user-edit', 'user-reset', 'user-status']) {
      expect(await panel.getByTestId(control).isDisabled()).toBe(true);
      expect(await panel.getByTestId(control).getAttribute('aria-describedby')).toBe('user-panel-offline');
    }
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'offline: directory with a user open');
    await screenshots(page, 'offline-directory');
    await screenshots(page, 'offline-directory-top', page.getByTestId('directory-status'));
    await screenshots(page, 'offline-directory-panel-end', panel.getByTestId('user-activity'));

    await openScreen('MFA Policy');
    expect(await page.getByTestId('policy-as-of').textContent()).toContain("This computer's copy of the policy");
    await page.getByTestId('require-mfa').check();
    await page.getByTestId('deadline-date').fill('2027-03-01');
    await page.getByTestId('tz-preview').waitFor();
    expect(await page.getByTestId('save-policy').isDisabled()).toBe(true);
    expect(await page.locator('#policy-offline').textContent()).toContain('Turned off while the MFA service cannot be reached');
    await expectNoSeriousA11yViolations(page, 'offline: policy with a preview');
    await screenshots(page, 'offline-policy', page.getByTestId('save-policy'));
    await screenshots(page, 'offline-policy-top', page.getByTestId('policy-as-of'));
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByTestId('policy-history-as-of').textContent()).toContain('The changes this console has seen, as of');
    expect(await page.getByTestId('policy-history').textContent()).toContain('SMS codes stay valid: 10 minutes → 12 minutes');
    expect(await page.getByRole('alert').count()).toBe(0);

    await openScreen('Audit');
    expect(await page.getByTestId('audit-as-of').textContent()).toMatch(/The \d+ entries this console has already loaded/);
    await expect.poll(() => page.getByTestId('audit-grid').locator('[role="row"][data-seq]').count(), WAIT).toBeGreaterThan(0);
    expect(await page.getByTestId('audit-verify').isDisabled()).toBe(true);
    expect(await page.getByTestId('audit-export').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Apply filters' }).isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'offline: audit entries already seen');
    await screenshots(page, 'offline-audit');
    await screenshots(page, 'offline-audit-top', page.getByTestId('audit-as-of'));

    await openScreen('Reset');
    await page.getByTestId('reset-email').fill('lukas.becker@northwind.example');
    expect(await page.getByTestId('reset-check').isDisabled()).toBe(true);
    expect(await page.getByTestId('reset-check').getAttribute('aria-describedby')).toBe('reset-offline');

    await openScreen('Sign-in activity');
    expect(await page.getByTestId('activity-offline').textContent()).toContain('Sign-in activity needs the MFA service, which cannot be reached');
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'offline: sign-in activity');
    await screenshots(page, 'offline-activity');

    // The simulator plays against the service, the password reset links of its Mail app included: it waits.
    await openScreen('Simulator');
    expect(await page.getByTestId('sim-offline').textContent()).toContain('The simulator needs the MFA service, which cannot be reached');
    expect(await page.getByRole('alert').count()).toBe(0);

    await openScreen('Rollout messages');
    expect(await page.getByTestId('rollout-offline').textContent()).toContain('Writing and exporting the rollout messages needs the MFA service, which cannot be reached');
    expect(await page.getByRole('alert').count()).toBe(0);

    await openScreen('Settings');
    expect(await page.getByRole('button', { name: 'Send test' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('audit-webhook-offline').textContent()).toContain('Seeing or changing where audit entries are sent needs the MFA service');
    expect(await page.getByRole('alert').count()).toBe(0);
    const operator = (await page.getByTestId('settings-operator').textContent()) ?? '';
    expect(operator).toContain(`Avery Admin (${DEMO_ADMIN_EMAIL})`);
    expect(operator).toContain('As the service last confirmed');
    expect(await page.getByTestId('settings-state').textContent()).toMatch(new RegExp(`^Offline since ${TIME}`));
    await expectNoSeriousA11yViolations(page, 'offline: settings');
    await screenshots(page, 'offline-settings');
  });

  it('catches up by itself when the service is back: banner, errors and copies go, changes work again', async () => {
    await openScreen('Directory');
    await page.getByRole('button', { name: 'Try to refresh now' }).click();
    const outage = page.getByRole('alert').filter({ hasText: 'The directory could not be refreshed' });
    await outage.waitFor();
    await openUser('lukas', 'Lukas Becker');

    await service.start();
    await banner().waitFor({ state: 'hidden', timeout: CATCH_UP_MS });
    await expect.poll(statusLabel, WAIT).toBe('Remote service · connected');
    await outage.waitFor({ state: 'hidden' });
    const panel = page.getByTestId('user-panel');
    await panel.getByTestId('user-as-of').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('offline-note').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await panel.getByRole('button', { name: 'Unlock MFA…' }).click();
    await page.getByRole('dialog', { name: "Unlock Lukas Becker's verification?" }).getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => panel.textContent(), WAIT).toContain('Not locked');
    // The last sign-in attempts, which need the service, load again by themselves.
    await panel.getByTestId('user-activity-offline').waitFor({ state: 'hidden' });
    await expect.poll(() => panel.getByTestId('user-activity').textContent(), WAIT).not.toContain('Loading…');

    await openScreen('Dashboard');
    await expect.poll(() => page.getByTestId('dashboard-as-of').textContent(), WAIT).toMatch(/^\s*Figures as of/);
    await openScreen('Settings');
    expect(await page.getByTestId('settings-state').textContent()).toBe('Connected');
    await page.getByTestId('audit-webhook-none').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('settings-operator').textContent(), WAIT).not.toContain('As the service last confirmed');
  });

  it('asks for a sign-in, not a retry, when the service no longer knows the session', async () => {
    // Moving the demo company's clock 13 hours passes the admin session's 12-hour lifetime, as it would in a day.
    await openScreen('Simulator');
    await page.getByLabel('Move forward (minutes)').fill(String(13 * 60));
    await page.getByRole('button', { name: 'Move forward…', exact: true }).click();
    await page.getByRole('dialog').getByTestId('confirm-action').click();
    await banner().waitFor({ timeout: 30_000 });
    expect(await banner().getAttribute('data-state')).toBe('session_ended');
    expect(await page.getByRole('alert').filter({ hasText: 'Could not move the simulated clock' }).count()).toBe(0);
    const text = (await banner().textContent()) ?? '';
    expect(text).toContain("no longer recognises this console's session");
    expect(text).toContain('Trying again will not help');
    expect(await page.getByTestId('offline-try-now').count()).toBe(0);
    await expect.poll(statusLabel, WAIT).toBe('Remote service · session ended: sign in again');
    await expectNoSeriousA11yViolations(page, 'session ended: banner');
    await screenshots(page, 'session-ended');
    await page.getByTestId('offline-sign-in').click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect.poll(() => page.getByTestId('settings-operator').textContent(), WAIT).toContain('The service no longer recognises this session.');
  });
});
