/**
 * The Helpdesk permission (R-RST-5) and temporary access codes (R-RST-6) on both engines: who may issue one, the
 * reset's refusals, the checklist evidence in the audit log, the code kept only as a keyed hash, and the sign-in
 * that uses it once in place of the challenge and goes straight to set-up; wrong codes count toward the lockout.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are read as loose JSON; each test asserts their shape */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/api/routes/admin-audit';
import { totpCode } from '../../shared/domain/totp';
import { DEMO_HELPDESK_EMAIL } from '../../src-main/service/seed/demo-company';
import { testEngines } from '../fixtures/engines';
import { auditEntries, enrollTotp, signInOk, type Harness } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const CODES = '/api/v1/admin/access-codes';
const CHECKS = { checks: ['callback', 'manager', 'ticket'], values: { ticket: 'HD-1204' }, verified: true };
const CODE_SHAPE = /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/;

/** Answers the sign-in challenge of `email` with a temporary access code; returns the reply and the sign-in token. */
async function signInWithCode(h: Harness, email: string, code: string): Promise<{ reply: any; token: string; options: string[] }> {
  const { token, next } = await signInOk(h, email);
  const reply = await h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'temporary_access_code', code } });
  return { reply, token, options: next.options };
}

describe.each(testEngines('access_codes'))('Helpdesk and temporary access codes on $name', (engine) => {
  let h: AdminHarness;
  let admin: string;
  let helpdesk: string;
  let reader: string;
  const jordan = demoEmail('jordan.patel');
  const dana = demoEmail('dana.whitfield');

  beforeAll(async () => {
    h = await startAdminHarness({ store: await engine.open() });
    admin = await h.tokenFor(OPERATORS.admin);
    helpdesk = await h.tokenFor(DEMO_HELPDESK_EMAIL);
    reader = await h.tokenFor(OPERATORS.reader);
    await enrollTotp(h, jordan);
    await enrollTotp(h, dana);
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  it('lets helpdesk issue a code after the checklist; shown once, kept as a keyed hash, audited with the evidence', async () => {
    const eligibility = await h.call('POST', `${CODES}/eligibility`, { token: helpdesk, body: { email: jordan.toUpperCase() } });
    expect(eligibility.body).toMatchObject({ eligible: true, user: { email: jordan, accessCodeUntil: null }, checklist: [{ id: 'callback' }, { id: 'manager' }, { id: 'ticket' }] });

    const incomplete = await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email: jordan, checks: ['callback', 'ticket'] } });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error).toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/^Complete every identity check before issuing a temporary access code/) });
    const notVerified = await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email: jordan, verified: false } });
    expect(notVerified.status).toBe(400);
    expect(notVerified.body.error.message).toMatch(/I have verified the user’s request for a temporary access code|I have verified the user's request for a temporary access code/);
    const tooLong = await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email: jordan, validHours: 73 } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields.validHours).toBe('A temporary access code stays valid for 1 to 72 hours.');

    const issued = await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email: jordan, note: 'Lost phone on a site visit' } });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ user: { email: jordan }, replaced: false, lockedUntil: null, issuedAt: h.clock.now(), expiresAt: h.clock.now() + 8 * 3_600_000 });
    expect(issued.body.code).toMatch(CODE_SHAPE);

    const stored = await h.store.db.selectFrom('access_codes').selectAll().execute();
    expect(stored).toHaveLength(1);
    const plain = issued.body.code.replace(/-/g, '');
    expect(JSON.stringify(stored)).not.toContain(plain);
    expect(JSON.stringify(await h.store.db.selectFrom('audit_log').selectAll().execute())).not.toContain(plain);

    const [entry] = await auditEntries(h, 'mfa.access_code_issued');
    expect(entry).toMatchObject({ actor_email: DEMO_HELPDESK_EMAIL, target_email: jordan });
    expect(JSON.parse(entry?.evidence ?? '{}')).toMatchObject({
      confirmed: true,
      note: 'Lost phone on a site visit',
      checks: [{ id: 'callback', checked: true }, { id: 'manager', checked: true }, { id: 'ticket', checked: true, value: 'HD-1204' }],
    });
    const again = await h.call('POST', `${CODES}/eligibility`, { token: helpdesk, body: { email: jordan } });
    expect(again.body.user.accessCodeUntil).toBe(issued.body.expiresAt);
  });

  it('signs the user in once in place of the challenge, straight to a new method and a new recovery code', async () => {
    const issued = await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email: jordan, validHours: 2 } });
    expect(issued.body.replaced).toBe(true);
    const { reply, token, options } = await signInWithCode(h, jordan, issued.body.code.toLowerCase());
    expect(options).toEqual(['totp', 'recovery_code', 'temporary_access_code']);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ step: 'setup_required', reason: 'temporary_access_code', methods: [{ kind: 'totp', available: true }, { kind: 'sms' }] });
    expect((await h.call('GET', '/api/v1/auth/sign-in', { token })).body.next).toMatchObject({ step: 'setup_required', reason: 'temporary_access_code' });
    const skip = await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    expect(skip.status).toBe(403);
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(401);

    const setup = await h.call('POST', '/api/v1/auth/setup/totp', { token, body: {} });
    const confirm = await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code: totpCode(setup.body.secret, h.clock.now()) } });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCode).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){7}$/);
    expect((await h.call('POST', '/api/v1/auth/recovery-code/acknowledge', { token, body: { saved: true } })).body).toEqual({ step: 'signed_in' });
    expect((await auditEntries(h, 'mfa.access_code_used')).map((e) => e.target_email)).toEqual([jordan]);
    expect((await auditEntries(h, 'mfa.method_changed')).at(-1)?.target_email).toBe(jordan);

    const second = await signInOk(h, jordan);
    expect(second.next.options).toEqual(['totp', 'recovery_code']);
    const reuse = await h.call('POST', '/api/v1/auth/challenge', { token: second.token, body: { method: 'temporary_access_code', code: issued.body.code } });
    expect(reuse.status).toBe(403);
    expect(reuse.body.error.details.reason).toBe('method_not_available');
  });

  it('counts a wrong, replaced or expired code toward the lockout like any wrong code', async () => {
    const first = await h.call('POST', CODES, { token: admin, body: { ...CHECKS, email: dana, validHours: 1 } });
    const second = await h.call('POST', CODES, { token: admin, body: { ...CHECKS, email: dana, validHours: 1 } });
    expect(second.body.replaced).toBe(true);
    const replaced = await signInWithCode(h, dana, first.body.code);
    expect(replaced.reply.status).toBe(422);
    expect(replaced.reply.body.error.message).toMatch(/withdrawn or replaced.*4 tries left/);
    const malformed = await h.call('POST', '/api/v1/auth/challenge', { token: replaced.token, body: { method: 'temporary_access_code', code: 'ABCD' } });
    expect(malformed.status).toBe(400);
    for (const left of [3, 2, 1]) {
      const wrong = await h.call('POST', '/api/v1/auth/challenge', { token: replaced.token, body: { method: 'temporary_access_code', code: 'ABCD-EFGH-JKLM-NPQR' } });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.details.attemptsLeft).toBe(left);
    }
    const locking = await h.call('POST', '/api/v1/auth/challenge', { token: replaced.token, body: { method: 'temporary_access_code', code: 'ABCD-EFGH-JKLM-NPQS' } });
    expect(locking.status).toBe(423);
    expect(locking.body.error.message).toMatch(/Too many wrong codes/);
    const whileLocked = await h.call('POST', '/api/v1/auth/challenge', { token: replaced.token, body: { method: 'temporary_access_code', code: second.body.code } });
    expect(whileLocked.status).toBe(423);
    const unlocked = await h.call('POST', `/api/v1/admin/users/${await h.idOf(dana)}/unlock`, { token: helpdesk, body: {} });
    expect(unlocked.status).toBe(200);
    h.clock.advance(3_600_000);
    const expired = await signInOk(h, dana);
    expect(expired.next.options).toEqual(['totp', 'recovery_code']);
  });

  it('refuses where a reset is refused, with the same reasons and contacts', async () => {
    const cases: [string, string, string | null][] = [
      [demoEmail('sam.rivera').replace('northwind', 'sso.northwind'), 'sso_user', 'it_department'],
      [demoEmail('pat.okafor'), 'payments_user', 'payments_support'],
      [demoEmail('taylor.brooks'), 'inactive_user', null],
      [DEMO_HELPDESK_EMAIL, 'own_account', 'another_company_admin'],
      [OPERATORS.reader, 'admin_tool_user', 'company_admin'],
      [demoEmail('aoife.byrne'), 'not_enrolled', null],
      ['nobody@northwind.example', 'not_in_directory', null],
    ];
    for (const [email, reason, contact] of cases) {
      const check = await h.call('POST', `${CODES}/eligibility`, { token: helpdesk, body: { email } });
      expect(check.body, email).toMatchObject({ eligible: false, reason, ...(contact ? { contact: { who: contact } } : { contact: null }) });
      const issue = await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email } });
      expect(issue.body.error, email).toMatchObject({ details: { reason } });
      if (reason !== 'not_in_directory' && reason !== 'admin_tool_user' && reason !== 'own_account') {
        const reset = await h.call('POST', '/api/v1/admin/reset/eligibility', { token: admin, body: { email } });
        expect(reset.body, email).toMatchObject({ eligible: false, reason });
      }
    }
    const readerCheck = await h.call('POST', `${CODES}/eligibility`, { token: reader, body: { email: jordan } });
    expect(readerCheck.body).toMatchObject({ eligible: false, reason: 'operator_lacks_permission', user: null });
    const readerIssue = await h.call('POST', CODES, { token: reader, body: { ...CHECKS, email: jordan } });
    expect(readerIssue.status).toBe(403);
    expect(readerIssue.body.error.message).toMatch(/needs the Helpdesk permission/);
  });

  it('keeps the policy, permissions and resets for admins on both tools; helpdesk may unlock, triage and revoke', async () => {
    const policy = await h.call('GET', '/api/v1/admin/policy', { token: helpdesk });
    const save = await h.call('PUT', '/api/v1/admin/policy', { token: helpdesk, body: { version: policy.body.version, lockoutMinutes: 30 } });
    expect(save.status).toBe(403);
    expect(save.body.error.message).toMatch(/^Changing the MFA policy needs Admin permission on both/);
    const permissions = await h.call('PATCH', `/api/v1/admin/users/${await h.idOf(jordan)}`, { token: helpdesk, body: { permissions: { companyAdmin: 'none', directory: 'none', helpdesk: true } } });
    expect(permissions.status).toBe(403);
    const reset = await h.call('POST', '/api/v1/admin/reset', { token: helpdesk, body: { ...CHECKS, email: jordan } });
    expect(reset.status).toBe(403);
    expect(reset.body.error.details.reason).toBe('operator_lacks_permission');
    expect((await h.call('POST', '/api/v1/admin/users', { token: helpdesk, body: { email: 'new@northwind.example', name: 'New', country: 'US', timeZone: 'America/Chicago' } })).status).toBe(403);

    const triage = await h.call('POST', '/api/v1/admin/triage', { token: helpdesk, body: { email: jordan } });
    expect(triage.body).toMatchObject({ canResetHere: false, canIssueCodeHere: true, user: { accessCodeUntil: null } });
    const issued = await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email: jordan } });
    const withCode = await h.call('POST', '/api/v1/admin/triage', { token: helpdesk, body: { email: jordan } });
    expect(withCode.body.user.accessCodeUntil).toBe(issued.body.expiresAt);
    expect(withCode.body.tips[0]).toMatch(/They have a temporary access code, valid until .*"Use a Temporary Access Code"/);
    const detail = await h.call('GET', `/api/v1/admin/users/${await h.idOf(jordan)}`, { token: helpdesk });
    expect(detail.body.accessCode).toEqual({ expiresAt: issued.body.expiresAt, issuedByEmail: DEMO_HELPDESK_EMAIL });

    const revoke = await h.call('POST', `/api/v1/admin/users/${await h.idOf(jordan)}/access-code/revoke`, { token: helpdesk, body: {} });
    expect(revoke.body).toEqual({ revoked: true });
    expect((await h.call('POST', `/api/v1/admin/users/${await h.idOf(jordan)}/access-code/revoke`, { token: helpdesk, body: {} })).body).toEqual({ revoked: false });
    expect((await h.call('POST', `/api/v1/admin/users/${await h.idOf(jordan)}/access-code/revoke`, { token: reader, body: {} })).status).toBe(403);
    expect((await auditEntries(h, 'mfa.access_code_revoked')).map((e) => e.actor_email)).toEqual([DEMO_HELPDESK_EMAIL]);
    expect((await h.call('GET', '/api/v1/me', { token: helpdesk })).body).toMatchObject({ email: DEMO_HELPDESK_EMAIL, companyAdmin: 'none', directory: 'none', helpdesk: true });
  });

  it('leaves invitations and the mail server to Directory writers and admins; helpdesk reads the mail log', async () => {
    const add = async (email: string, name: string) =>
      (await h.call('POST', '/api/v1/admin/users', { token: admin, body: { email, name, country: 'GB', timeZone: 'Europe/London' } })).body.id as string;
    const hana = await add(demoEmail('hana.sato'), 'Hana Sato');
    const nia = await add(demoEmail('nia.okoye'), 'Nia Okoye');
    expect((await h.call('POST', '/api/v1/admin/users/invite', { token: admin, body: { userIds: [nia] } })).status).toBe(200);
    const invite = await h.call('POST', '/api/v1/admin/users/invite', { token: helpdesk, body: { userIds: [hana] } });
    expect(invite.status).toBe(403);
    expect(invite.body.error).toMatchObject({ details: { reason: 'operator_lacks_permission' } });
    expect(invite.body.error.message).toMatch(/^Changing the directory needs Standard or Admin permission on the Directory tool/);
    const revoke = await h.call('POST', `/api/v1/admin/users/${nia}/invitation/revoke`, { token: helpdesk, body: {} });
    expect(revoke.status).toBe(403);
    const test = await h.call('POST', '/api/v1/admin/mail/test', { token: helpdesk, body: { to: DEMO_HELPDESK_EMAIL } });
    expect(test.status).toBe(403);
    const byHelpdesk = async (action: string) => (await auditEntries(h, action)).filter((e) => e.actor_email === DEMO_HELPDESK_EMAIL);
    expect(await byHelpdesk(AUDIT_ACTIONS.userInvite)).toEqual([]);
    expect(await byHelpdesk(AUDIT_ACTIONS.userInvitationRevoke)).toEqual([]);
    const rows = await h.store.db.selectFrom('users').select(['id', 'invited_at', 'invitation_expires_at']).where('id', 'in', [hana, nia]).orderBy('id').execute();
    expect(rows.find((row) => row.id === hana)).toMatchObject({ invited_at: null });
    expect(rows.find((row) => row.id === nia)?.invitation_expires_at).not.toBeNull();

    const log = await h.call('GET', '/api/v1/admin/mail', { token: helpdesk });
    expect(log.status).toBe(200);
    expect(log.body.messages).toContainEqual(expect.objectContaining({ kind: 'invitation', to: demoEmail('nia.okoye'), userId: nia }));
  });

  it('voids an unused code when MFA is reset', async () => {
    await h.call('POST', CODES, { token: helpdesk, body: { ...CHECKS, email: dana } });
    const reset = await h.call('POST', '/api/v1/admin/reset', { token: admin, body: { ...CHECKS, email: dana } });
    expect(reset.status).toBe(200);
    const row = await h.store.db.selectFrom('access_codes').select(['revoked_at']).where('user_id', '=', await h.idOf(dana)).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });
});
