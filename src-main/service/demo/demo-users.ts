/** The simulator's view of demo users: MFA state, reset to not enrolled, and their authenticator account. */
import type { DemoUser } from '../../../shared/api/routes/demo';
import { isSsoUser } from '../../../shared/domain/directory';
import { keyUri } from '../../../shared/domain/key-uri';
import { appendAudit } from '../audit/append-audit';
import { issuerName } from '../enrollment/totp-setup';
import { ApiError } from '../http/api-error';
import type { CompanyRow } from '../repositories/policy-rows';
import { revokeUserSessions } from '../repositories/sessions-repo';
import type { UserRow } from '../repositories/user-context';
import { clearUserMfa, updateUserMfa } from '../repositories/users-repo';
import type { ServiceContext } from '../service-context';
import { maskPhone } from '../sms/code-hash';
import { companyMoment, companyNow } from '../clock';

/** Every user of the demo company with their MFA state at company time. */
export async function listDemoUsers(ctx: ServiceContext, company: CompanyRow, onlyUserId?: string): Promise<DemoUser[]> {
  const now = companyNow(ctx.clock, company);
  let query = ctx.store.db.selectFrom('users').selectAll().where('company_id', '=', company.id);
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
    };
  });
}

async function demoUserRow(ctx: ServiceContext, company: CompanyRow, userId: string): Promise<UserRow> {
  const user = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', userId).where('company_id', '=', company.id).executeTakeFirst();
  if (!user) throw new ApiError('not_found', 'There is no such user in the demo company. Pick one from the list.');
  return user;
}

/** Puts a demo user back to not enrolled, unlocked and signed out (the caller's own session stays). */
export async function resetDemoUser(
  ctx: ServiceContext,
  company: CompanyRow,
  userId: string,
  operator: { id: string; email: string; sessionId: string },
): Promise<DemoUser> {
  const user = await demoUserRow(ctx, company, userId);
  const moment = companyMoment(ctx.clock, company);
  const now = moment.company;
  await ctx.store.write(async (trx) => {
    await clearUserMfa(trx, user.id);
    await updateUserMfa(trx, user.id, { enrolled_at: null, failed_attempts: 0, locked_until: null, always_require_mfa: 0 }, now);
    await revokeUserSessions(trx, user.id, now, operator.sessionId);
    await appendAudit(trx, {
      companyId: company.id,
      when: moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: 'demo.enrollment_reset',
      targetId: user.id,
      targetEmail: user.email,
      evidence: { reason: 'enrollment simulator' },
    });
  });
  const [view] = await listDemoUsers(ctx, company, user.id);
  if (!view) throw new Error('The demo user vanished during the reset.');
  return view;
}

/** The key URI of a demo user's authenticator, so the simulated phone can show its codes. */
export async function demoAuthenticatorUri(ctx: ServiceContext, company: CompanyRow, userId: string): Promise<string> {
  const user = await demoUserRow(ctx, company, userId);
  const method = await ctx.store.db
    .selectFrom('mfa_methods')
    .select('secret_sealed')
    .where('user_id', '=', user.id)
    .where('kind', '=', 'totp')
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  if (!method?.secret_sealed) throw new ApiError('not_found', `${user.name} has no authenticator app set up.`);
  const secret = await ctx.mfa.keys.sealer.open(method.secret_sealed);
  return keyUri({ issuer: issuerName(company.name), email: user.email, secret });
}
