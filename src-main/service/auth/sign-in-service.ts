/**
 * R-AUTH-1, the password step. SSO users are sent to their identity provider (decided by the email's domain, so
 * the answer is the same whether or not the account exists); an unknown email and a wrong password get the same
 * 401 after the same scrypt work; an inactive account gets 403 only when the password is right (R-DIR-3: it says
 * why the person cannot sign in, without telling a stranger the account exists).
 */
import type { SignInResponse } from '../../../shared/api/routes/auth';
import { emailKey, isSsoUser } from '../../../shared/domain/directory';
import { signInNextStep } from '../../../shared/domain/sign-in';
import { lockedError } from '../challenges/attempt';
import { ApiError } from '../http/api-error';
import { requireUserContext, type UserRow } from '../repositories/user-context';
import { createSession, type SessionStage } from '../repositories/sessions-repo';
import { updateUserMfa } from '../repositories/users-repo';
import type { ServiceContext } from '../service-context';
import { verifyPassword } from './password';
import { nextFromStep } from './sign-in-next';

const SSO_MESSAGE =
  'Your company signs you in through its identity provider. Continue there; your IT department runs your sign-in and MFA.';
const WRONG = 'The email or password is not right. Check both and try again.';

async function isSsoEmail(ctx: ServiceContext, email: string): Promise<boolean> {
  const companies = await ctx.store.db.selectFrom('companies').select('sso_domains').execute();
  return companies.some((company) => isSsoUser(email, { ssoDomains: JSON.parse(company.sso_domains) as string[] }));
}

/** The user whose password matches among those with this email (one per company), or null. */
async function matchPassword(ctx: ServiceContext, email: string, password: string): Promise<UserRow | null> {
  const candidates = await ctx.store.db.selectFrom('users').selectAll().where('email_lower', '=', emailKey(email)).limit(5).execute();
  if (candidates.length === 0) {
    await verifyPassword(password, null);
    return null;
  }
  for (const candidate of candidates) {
    if (await verifyPassword(password, candidate.password_hash)) return candidate;
  }
  return null;
}

/** Email and password → the next screen, with a session token for every step but SSO. */
export async function signIn(ctx: ServiceContext, email: string, password: string): Promise<SignInResponse> {
  if (await isSsoEmail(ctx, email)) return { token: null, user: null, next: { step: 'sso', message: SSO_MESSAGE } };
  const row = await matchPassword(ctx, email, password);
  if (!row) throw new ApiError('invalid_credentials', WRONG);
  const uc = await requireUserContext(ctx.store.db, ctx.clock, row.id);
  const step = signInNextStep({ user: uc.domainUser, policy: uc.policy, company: uc.company, hasRecoveryCode: uc.hasRecoveryCode, now: uc.now });
  if (step.step === 'inactive') throw new ApiError('forbidden', step.message, { reason: 'inactive' });
  if (step.step === 'sso') return { token: null, user: null, next: { step: 'sso', message: step.message } };
  if (step.step === 'locked') throw lockedError(uc, step.lockedUntil);
  const next = nextFromStep(uc, step);
  const stage: SessionStage = next.step === 'challenge' ? 'challenge' : next.step === 'signed_in' ? 'active' : 'setup';
  const token = await ctx.store.write(async (trx) => {
    if (stage === 'active') await updateUserMfa(trx, uc.user.id, { last_sign_in_at: uc.now }, uc.now);
    return createSession(trx, { userId: uc.user.id, stage, now: uc.now, mfaAt: null });
  });
  return { token, user: { id: uc.user.id, email: uc.user.email, name: uc.user.name }, next };
}
