import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNTIL_ADMIN_UNLOCKS } from '../../shared/domain/lockout';
import { DAY, SEED_TIME, enrollTotp, setPolicy, signInOk } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const ELIGIBILITY = '/api/v1/admin/reset/eligibility';
const RESET = '/api/v1/admin/reset';
const TRIAGE = '/api/v1/admin/triage';
const ALL_CHECKS = ['callback', 'manager', 'ticket'];

describe('Admin API: verified resets, triage and unlock (R-RST-1..4)', () => {
  let h: AdminHarness;
  let admin: string;
  let reader: string;
  let jordanToken: string;
  const jordan = demoEmail('jordan.patel');
  const sso = 'sam.rivera@sso.northwind.example';
  const payor = demoEmail('pat.okafor');

  beforeAll(async () => {
    h = await startAdminHarness();
    admin = await h.tokenFor(OPERATORS.admin);
    reader = await h.tokenFor(OPERATORS.reader);
    jordanToken = (await enrollTotp(h, jordan)).token;
  });
  afterAll(async () => {
    await h.close();
  });

  const eligibility = async (token: string, email: string) => (await h.call('POST', ELIGIBILITY, { token, body: { email } })).body;

  it('finds the user by the exact email in any case, with the company checklist', async () => {
    const answer = await eligibility(admin, '  JORDAN.Patel@Northwind.Example ');
    expect(answer).toMatchObject({ eligible: true, user: { email: jordan, methods: ['totp'], hasRecoveryCode: true } });
    expect(answer.checklist.map((item: { id: string }) => item.id)).toEqual(ALL_CHECKS);
  });

  it('refuses each case with its own reason and whom to contact (R-RST-2)', async () => {
    expect(await eligibility(admin, sso)).toMatchObject({ eligible: false, reason: 'sso_user', contact: { who: 'it_department' } });
    expect(await eligibility(admin, payor)).toMatchObject({ eligible: false, reason: 'payments_user', contact: { who: 'payments_support' } });
    expect(await eligibility(admin, OPERATORS.admin)).toMatchObject({ eligible: false, reason: 'own_account', contact: { who: 'another_company_admin' } });
    expect(await eligibility(admin, 'jordan.pate@northwind.example')).toMatchObject({ eligible: false, reason: 'not_in_directory', contact: null, user: null });
    const inactive = await eligibility(admin, demoEmail('taylor.brooks'));
    expect(inactive).toMatchObject({ eligible: false, reason: 'inactive_user', contact: null, user: { status: 'inactive' } });
    expect(inactive.message).toMatch(/cannot sign in at all/);
    const notEnrolled = await eligibility(admin, demoEmail('dana.whitfield'));
    expect(notEnrolled).toMatchObject({ eligible: false, reason: 'not_enrolled', user: { methods: [] } });
    expect(notEnrolled.message).toMatch(/nothing to reset/);
    const lacking = await eligibility(reader, jordan);
    expect(lacking).toMatchObject({ eligible: false, reason: 'operator_lacks_permission', contact: { who: 'company_admin' }, user: null });
    await setPolicy(h, { required: 0 });
    try {
      const off = await eligibility(admin, jordan);
      expect(off).toMatchObject({ eligible: false, reason: 'mfa_not_enforced' });
      expect(off.message).toContain('Require MFA');
    } finally {
      await setPolicy(h, { required: 1 });
    }
  });

  it('refuses the reset itself the same way, with the reason in the error details', async () => {
    const body = (email: string) => ({ email, checks: ALL_CHECKS, values: { ticket: 'HD-1' }, verified: true });
    const ssoReply = await h.call('POST', RESET, { token: admin, body: body(sso) });
    expect(ssoReply.status).toBe(422);
    expect(ssoReply.body.error.details).toMatchObject({ reason: 'sso_user', contact: { who: 'it_department' } });
    expect((await h.call('POST', RESET, { token: admin, body: body(payor) })).body.error.details.reason).toBe('payments_user');
    expect((await h.call('POST', RESET, { token: admin, body: body(OPERATORS.admin) })).body.error.details.reason).toBe('own_account');
    expect((await h.call('POST', RESET, { token: admin, body: body('nobody@northwind.example') })).status).toBe(404);
    expect((await h.call('POST', RESET, { token: reader, body: body(jordan) })).status).toBe(403);
    expect((await h.call('POST', RESET, { token: admin, body: body(demoEmail('dana.whitfield')) })).body.error.details.reason).toBe('not_enrolled');
    expect((await h.call('POST', RESET, { token: admin, body: body(demoEmail('taylor.brooks')) })).body.error.details.reason).toBe('inactive_user');
  });

  it('demands every identity check and the “I have verified” box', async () => {
    const partial = await h.call('POST', RESET, { token: admin, body: { email: jordan, checks: ['callback'], verified: true } });
    expect(partial.status).toBe(422);
    expect(partial.body.error.message).toContain("Confirmed the request with the user's manager");
    expect(partial.body.error.details.missing).toEqual(['manager', 'ticket']);
    const unknown = await h.call('POST', RESET, { token: admin, body: { email: jordan, checks: [...ALL_CHECKS, 'dna-test'], verified: true } });
    expect(unknown.status).toBe(409);
    const noTicket = await h.call('POST', RESET, { token: admin, body: { email: jordan, checks: ALL_CHECKS, values: { ticket: ' ' }, verified: true } });
    expect([noTicket.status, noTicket.body.error.details.reason, noTicket.body.error.details.missing]).toEqual([422, 'value_missing', ['ticket']]);
    expect(noTicket.body.error.message).toBe('Type the ticket number for "Recorded the helpdesk ticket number".');
    const unverified = await h.call('POST', RESET, { token: admin, body: { email: jordan, checks: ALL_CHECKS, verified: false } });
    expect(unverified.status).toBe(400);
    expect(unverified.body.error.message).toContain('I have verified');
    const detail = await h.call('GET', `/api/v1/admin/users/${await h.idOf(jordan)}`, { token: admin });
    expect(detail.body.methods).toEqual(['totp']);
  });

  it('removes every method and the recovery code, ends sessions, clears the lockout and audits the checklist', async () => {
    await h.store.write((trx) => trx.updateTable('users').set({ failed_attempts: 2 }).where('email_lower', '=', jordan).execute());
    const reply = await h.call('POST', RESET, {
      token: admin,
      body: { email: jordan.toUpperCase(), checks: ALL_CHECKS, values: { ticket: 'HD-1234' }, verified: true, note: 'Caller sounded like Jordan' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.removed).toEqual({ methods: ['totp'], pendingMethods: 0, recoveryCode: true, sessionsEnded: 1, lockoutCleared: true });

    const detail = await h.call('GET', `/api/v1/admin/users/${await h.idOf(jordan)}`, { token: admin });
    expect(detail.body).toMatchObject({ methods: [], methodDetails: [], hasRecoveryCode: false, enrolledAt: null, failedAttempts: 0, activeSessions: 0 });
    expect((await h.call('GET', '/api/v1/company', { token: jordanToken })).status).toBe(401);

    const audit = await h.call('GET', `/api/v1/admin/audit?action=mfa.reset&target=${jordan}`, { token: reader });
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      actorEmail: OPERATORS.admin,
      before: { methods: ['totp'], hasRecoveryCode: true },
      after: { methods: [], hasRecoveryCode: false },
      evidence: {
        confirmed: true,
        note: 'Caller sounded like Jordan',
        checks: [
          { id: 'callback', checked: true, label: expect.any(String) },
          { id: 'manager', checked: true, label: expect.any(String) },
          { id: 'ticket', checked: true, label: expect.any(String), record: 'Ticket number', value: 'HD-1234' },
        ],
      },
    });

    h.clock.set(SEED_TIME + 46 * DAY);
    try {
      const signIn = await signInOk(h, jordan);
      expect(signIn.next).toMatchObject({ step: 'setup_required', reason: 'company_policy' });
    } finally {
      h.clock.set(SEED_TIME);
    }
  });

  it('triages “Locked out?” callers: who can help and why (R-RST-4)', async () => {
    const triage = async (token: string, email: string) => (await h.call('POST', TRIAGE, { token, body: { email } })).body;
    expect(await triage(reader, sso)).toMatchObject({ helper: 'it_department', contact: { who: 'it_department' }, canResetHere: false, user: { sso: true } });
    expect(await triage(reader, payor)).toMatchObject({ helper: 'payments_support', canResetHere: false });
    expect(await triage(reader, 'ghost@northwind.example')).toMatchObject({ helper: 'unknown', contact: null, user: null });
    expect(await triage(reader, demoEmail('taylor.brooks'))).toMatchObject({ helper: 'company_admin', why: expect.stringContaining('inactive') });

    const mia = demoEmail('mia.thompson');
    await enrollTotp(h, mia);
    await h.store.write((trx) => trx.updateTable('users').set({ failed_attempts: 5, locked_until: SEED_TIME + 10 * 60_000 }).where('email_lower', '=', mia).execute());
    const asReader = await triage(reader, mia);
    expect(asReader).toMatchObject({ helper: 'company_admin', canResetHere: false, canUnlockHere: false, user: { locked: true, hasRecoveryCode: true } });
    expect(asReader.lock).toMatch(/unlocks by itself in 10 minutes: at 09:10 on Mon 2 Mar 2026 your time \(America\/Chicago\); 02:10 on Tue 3 Mar 2026 their time \(Australia\/Sydney\)/);
    expect(asReader.tips.join(' ')).not.toMatch(/can sign in with it/);
    expect(asReader.tips.join(' ')).toContain('not even "Enter Recovery Code"');
    const inLondon = (await h.call('POST', TRIAGE, { token: admin, body: { email: mia, timeZone: 'Europe/London' } })).body;
    expect(inLondon).toMatchObject({ canResetHere: true, canUnlockHere: true, lock: expect.stringContaining('15:10 on Mon 2 Mar 2026 your time (Europe/London)') });
    const badZone = await h.call('POST', TRIAGE, { token: admin, body: { email: mia, timeZone: 'Mars/Olympus' } });
    expect(badZone.status).toBe(400);
    const onReset = (await h.call('POST', ELIGIBILITY, { token: admin, body: { email: mia, timeZone: 'Europe/London' } })).body;
    expect(onReset).toMatchObject({ eligible: true, canUnlockHere: true, user: { locked: true, lock: inLondon.lock } });
    expect(await eligibility(reader, mia)).toMatchObject({ canUnlockHere: false, user: null });

    await h.store.write((trx) => trx.updateTable('users').set({ failed_attempts: 100, locked_until: UNTIL_ADMIN_UNLOCKS }).where('email_lower', '=', mia).execute());
    const forGood = 'Verification is locked after 100 wrong codes in a row. It does not unlock by itself: it stays locked until a company admin unlocks it.';
    expect(await triage(admin, mia)).toMatchObject({ canUnlockHere: true, lock: forGood });
    expect((await h.call('POST', ELIGIBILITY, { token: admin, body: { email: mia } })).body).toMatchObject({ user: { locked: true, lock: forGood } });
    await h.store.write((trx) => trx.updateTable('users').set({ failed_attempts: 5, locked_until: SEED_TIME + 10 * 60_000 }).where('email_lower', '=', mia).execute());
  });

  it('unlocks a locked-out user (admin on both tools), audited; refuses when not locked or for payments users', async () => {
    const miaId = await h.idOf(demoEmail('mia.thompson'));
    expect((await h.call('POST', `/api/v1/admin/users/${miaId}/unlock`, { token: reader, body: {} })).status).toBe(403);
    const unlocked = await h.call('POST', `/api/v1/admin/users/${miaId}/unlock`, { token: admin, body: {} });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ locked: false, failedAttempts: 0, lockedUntil: null, methods: ['totp'] });
    const audit = await h.call('GET', `/api/v1/admin/audit?action=mfa.unlock`, { token: reader });
    expect(audit.body.entries[0]).toMatchObject({ targetId: miaId, before: { failedAttempts: 5 }, after: { failedAttempts: 0, lockedUntil: null } });
    const again = await h.call('POST', `/api/v1/admin/users/${miaId}/unlock`, { token: admin, body: {} });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain('not locked out');
    const payorId = await h.idOf(payor);
    await h.store.write((trx) => trx.updateTable('users').set({ locked_until: SEED_TIME + 60_000 }).where('id', '=', payorId).execute());
    const payments = await h.call('POST', `/api/v1/admin/users/${payorId}/unlock`, { token: admin, body: {} });
    expect(payments.status).toBe(422);
    expect(payments.body.error.details.contact.who).toBe('payments_support');
  });
});
