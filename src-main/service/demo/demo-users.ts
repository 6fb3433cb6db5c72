/**
 * The simulator's view of the seeded demo people: MFA state, reset to not enrolled, and their authenticator
 * account. Nobody else in the demo company (imported or added later) is listed or touched (R-CON-2).
 */
import type { DemoUser } from '../../../shared/api/routes/demo';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { isSsoUser } from '../../../shared/domain/directory';
import { keyUri } from '../../../shared/domain/key-uri';
import { appendAudit } from '../audit/append-audit';
import { companyMoment, companyNow } from '../clock';
import { issuerName } from '../enrollment/totp-setup';
import { ApiError } from '../http/api-error';
import type { CompanyRow } from '../repositories/policy-rows';
import { revokeUserSessions } from '../repositories/sessions-repo';
import type { UserRow } from '../repositories/user-context';
import { clearUserMfa, updateUserMfa } from '../repositories/users-repo';
import { DEMO_PERSON_EMAILS } from '../seed/demo-company';
import type { ServiceContext } from '../service-context';
import { maskPhone } from '../sms/code-hash';
import { requireDemoPerson, type DemoAccess } from './demo-access';

/** Every seeded demo person with their MFA state at company time. */
export async function listDemoUsers(ctx: ServiceContext, company: CompanyRow, onlyUserId?: string): Promise<DemoUser[]> {
  const now = companyNow(ctx.clock, company);
  let query = ctx.store.db.selectFrom('users').selectAll().where('company_id', '=', company.id).where('email_lower', 'in', [...DEMO_PERSON_EMAILS]);
  if (onlyUserId) query = query.where('id', '=', onlyUserId);
  const users = await query.orderBy('name').execute();
  const ids = users.map((user) => user.id);
  const methods = ids.length === 0 ? [] : await ctx.store.db.selectFrom('mfa_methods').select(['user_id', 'kind', 'phone_e164']).where('user_id', 'in', ids).where('confirmed_at', 'is not', null).execute();
  const codes = ids.length === 0 ? [] : await ctx.store.db.selectFrom('recovery_codes').select('user_id').where('user_id', 'in', ids).execute();
  const withCode = new Set(codes.map((row) => row.user_id));
  const ssoDomains = JSON.parse(company.sso_domains) as string[];
  return users.map((user) => {
    const own = methods.filter((method) => method.user_id === user.id);
    const phone = own.find((method) => method.kind === 'sms')?.phone_e164 ?? null;
    const lockedUntil = user.locked_until !== null && Number(user.locked_until) > now ? Number(user.locked_until) : null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      country: user.country,
      timeZone: user.time_zone,
      accountType: user.account_type,
      sso: isSsoUser(user.email, { ssoDomains }),
      methods: (['totp', 'sms'] as const).filter((kind) => own.some((method) => method.kind === kind)),
      phoneMasked: phone ? maskPhone(phone) : null,
      hasRecoveryCode: withCode.has(user.id),
      lockedUntil,
      alwaysRequireMfa: user.always_require_mfa === 1,
      hasPassword: user.password_hash !== null,
    };
  });
}

/** A seeded demo person of the demo company, or 404/403. */
async function demoPersonRow(ctx: ServiceContext, company: CompanyRow, userId: string): Promise<UserRow> {
  const user = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', userId).where('company_id', '=', company.id).executeTakeFirst();
  if (!user) throw new ApiError('not_found', 'There is no such user in the demo company. Pick one from the list.');
  requireDemoPerson(user);
  return user;
}

async function demoUserView(ctx: ServiceContext, company: CompanyRow, userId: string): Promise<DemoUser> {
  const [view] = await listDemoUsers(ctx, company, userId);
  if (!view) throw new Error('The demo user vanished during the reset.');
  return view;
}

/** What a demo reset changes, as the audit entry records it before and after. */
function mfaState(view: DemoUser) {
  return {
    methods: view.methods,
    phone: view.phoneMasked,
    hasRecoveryCode: view.hasRecoveryCode,
    lockedUntil: view.lockedUntil,
    alwaysRequireMfa: view.alwaysRequireMfa,
  };
}

/**
 * Puts a demo person back to not enrolled, unlocked and signed out. Never the operator's own account: the console
 * acts as it, and an admin's own MFA is reset only by another admin (R-RST-2).
 */
export async function resetDemoUser(ctx: ServiceContext, access: DemoAccess, userId: string): Promise<DemoUser> {
  const { company, operator } = access;
  const user = await demoPersonRow(ctx, company, userId);
  if (user.id === operator.id) {
    throw new ApiError('forbidden', 'The demo tools do not reset the account the console acts as. Pick another demo user, or act as another admin in Settings.', {
      reason: 'own_account',
    });
  }
  const before = await demoUserView(ctx, company, user.id);
  const moment = companyMoment(ctx.clock, company);
  await ctx.store.write(async (trx) => {
    const enrolledAt = user.enrolled_at === null ? null : Number(user.enrolled_at);
    await clearUserMfa(trx, user.id, moment.company);
    await updateUserMfa(trx, user.id, { enrolled_at: null, failed_attempts: 0, locked_until: null, always_require_mfa: 0 }, moment.company);
    const sessionsEnded = await revokeUserSessions(trx, user.id, moment.company, access.sessionId);
    await appendAudit(trx, {
      companyId: company.id,
      when: moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.demoEnrollmentReset,
      targetId: user.id,
      targetEmail: user.email,
      before: { ...mfaState(before), enrolledAt, failedAttempts: user.failed_attempts },
      after: { methods: [], phone: null, hasRecoveryCode: false, lockedUntil: null, alwaysRequireMfa: false, enrolledAt: null, failedAttempts: 0 },
      evidence: { tool: 'enrollment simulator', sessionsEnded },
    });
  });
  return demoUserView(ctx, company, user.id);
}

/** The key URI of a demo person's authenticator, so the simulated phone can show its codes; audited (it is a key). */
export async function demoAuthenticatorUri(ctx: ServiceContext, access: DemoAccess, userId: string): Promise<string> {
  const { company, operator } = access;
  const user = await demoPersonRow(ctx, company, userId);
  const method = await ctx.store.db
    .selectFrom('mfa_methods')
    .select('secret_sealed')
    .where('user_id', '=', user.id)
    .where('kind', '=', 'totp')
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  if (!method?.secret_sealed) throw new ApiError('not_found', `${user.name} has no authenticator app set up.`);
  const secret = await ctx.mfa.keys.sealer.open(method.secret_sealed);
  await ctx.store.write((trx) =>
    appendAudit(trx, {
      companyId: company.id,
      when: companyMoment(ctx.clock, company),
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.demoAuthenticatorRead,
      targetId: user.id,
      targetEmail: user.email,
      evidence: { tool: 'enrollment simulator', purpose: 'the simulated phone shows this demo user’s authenticator codes' },
    }),
  );
  return keyUri({ issuer: issuerName(company.name), email: user.email, secret });
}
