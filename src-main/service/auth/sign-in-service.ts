/**
 * R-AUTH-1, the password step. SSO users are sent to their identity provider (decided by the email's domain, so
 * the answer is the same whether or not the account exists); an unknown email and a wrong password get the same
 * 401 after the same scrypt work; an inactive account gets 403 only when the password is right (R-DIR-3: it says
 * why the person cannot sign in, without telling a stranger the account exists). Wrong passwords are throttled per
 * typed email (R-AUTH-2), known or not, before any password is checked.
 */
import type { SignInResponse } from '../../../shared/api/routes/auth';
import { emailKey, isSsoUser } from '../../../shared/domain/directory';
import { passwordThrottledMessage } from '../../../shared/domain/password-throttle';
import { lockedError } from '../challenges/attempt';
import { ApiError } from '../http/api-error';
import { loadUserContextsByEmail, type UserContext } from '../repositories/user-context';
import { createSession, type SessionStage } from '../repositories/sessions-repo';
import { clearPasswordThrottle, passwordThrottleKey, reservePasswordTry } from '../repositories/password-throttle-repo';
import { updateUserMfa } from '../repositories/users-repo';
import type { ServiceContext } from '../service-context';
import { isOperator } from './authenticator';
import { verifyPassword } from './password';
import { domainStep, nextFromStep } from './sign-in-next';

const SSO_MESSAGE =
  'Your company signs you in through its identity provider. Continue there; your IT department runs your sign-in and MFA.';
const WRONG = 'The email or password is not right. Check both and try again.';
const NO_ADMIN_TOOLS = 'Your account has no access to the admin tools. Ask a company admin for Company Admin or Directory permission.';

async function isSsoEmail(ctx: ServiceContext, email: string): Promise<boolean> {
  const companies = await ctx.store.db.selectFrom('companies').select('sso_domains').execute();
  return companies.some((company) => isSsoUser(email, { ssoDomains: JSON.parse(company.sso_domains) as string[] }));
}

/**
 * The user whose password matches among those with this email (one per company), or null; read with their
 * company, policy and methods in one query, so the sign-in needs no further read.
 */
async function matchPassword(ctx: ServiceContext, email: string, password: string): Promise<UserContext | null> {
  const candidates = await loadUserContextsByEmail(ctx.store.db, ctx.clock, emailKey(email));
  if (candidates.length === 0) {
    await verifyPassword(password, null);
    return null;
  }
  for (const candidate of candidates) {
    if (await verifyPassword(password, candidate.user.password_hash)) return candidate;
  }
  return null;
}

/**
 * Counts this try against the email's throttle before any password is checked (the same for unknown emails);
 * throws 429 while the email must wait.
 */
async function throttlePasswordTry(ctx: ServiceContext, throttleKey: string): Promise<void> {
  const waitMs = await ctx.store.write((trx) => reservePasswordTry(trx, throttleKey, ctx.clock.now()));
  if (waitMs > 0) {
    throw new ApiError('rate_limited', passwordThrottledMessage(waitMs), { reason: 'password_throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) });
  }
}

/** Email and password → the next screen, with a session token for every step but SSO. */
export async function signIn(ctx: ServiceContext, input: { email: string; password: string; purpose: 'app' | 'admin_console' }): Promise<SignInResponse> {
  const { email, password } = input;
  const adminConsole = input.purpose === 'admin_console';
  if (await isSsoEmail(ctx, email)) return { token: null, user: null, next: { step: 'sso', message: SSO_MESSAGE } };
  const throttleKey = passwordThrottleKey(ctx.mfa.keys.codeKey, email);
  await throttlePasswordTry(ctx, throttleKey);
  const uc = await matchPassword(ctx, email, password);
  if (!uc) throw new ApiError('invalid_credentials', WRONG);
  const step = domainStep(uc, adminConsole);
  const noConsole = adminConsole && !isOperator(uc.user);
  if (step.step === 'inactive' || step.step === 'sso' || step.step === 'locked' || noConsole) {
    await ctx.store.write((trx) => clearPasswordThrottle(trx, throttleKey));
    if (step.step === 'inactive') throw new ApiError('forbidden', step.message, { reason: 'inactive' });
    if (step.step === 'sso') return { token: null, user: null, next: { step: 'sso', message: step.message } };
    if (step.step === 'locked' && !noConsole) throw lockedError(uc, step.end);
    throw new ApiError('forbidden', NO_ADMIN_TOOLS, { reason: 'no_admin_tools' });
  }
  const next = nextFromStep(uc, step);
  const stage: SessionStage = next.step === 'challenge' ? 'challenge' : next.step === 'signed_in' ? 'active' : 'setup';
  const token = await ctx.store.write(async (trx) => {
    await clearPasswordThrottle(trx, throttleKey);
    if (stage === 'active') await updateUserMfa(trx, uc.user.id, { last_sign_in_at: uc.now }, uc.now);
    return createSession(trx, { userId: uc.user.id, stage, now: uc.now, mfaAt: null, ...(adminConsole ? { flow: { adminConsole: true } } : {}) });
  });
  return { token, user: { id: uc.user.id, email: uc.user.email, name: uc.user.name }, next };
}
