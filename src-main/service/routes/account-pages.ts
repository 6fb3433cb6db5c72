/**
 * The pages invitation and reset links open (R-DIR-5), served by the service itself at its public address: plain
 * HTML forms, no script, a strict CSP, nothing cached and no referrer, so the token stays between the email and
 * this page. Opening a page never uses the link up (mail scanners open links); only setting the password does.
 * After that, the person signs in where they always do and passes (or sets up) two-factor authentication there.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ACCOUNT_LINK_PATHS, LinkToken, type LinkInfo } from '../../../shared/api/routes/accounts';
import { PASSWORD_LENGTH } from '../../../shared/domain/password-rules';
import { SCREEN_ACTIONS, SCREEN_TITLES } from '../../../shared/domain/screen-labels';
import { forgotPassword, linkInfo, renewLink, setPasswordFromLink } from '../accounts/link-service';
import { ApiError } from '../http/api-error';
import type { ServiceContext } from '../service-context';
import { escapeHtml } from '../http/escape-html';
import { ACCOUNT_PAGE_CSS, page } from './account-page-html';
import { limited } from './route-helpers';

type Purpose = keyof typeof ACCOUNT_LINK_PATHS;

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .send(html);
}

const RULES = `Use ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters — any characters, spaces too. A few unrelated words are easy to remember and hard to guess. Avoid your email, your company's name and common passwords.`;

function passwordForm(purpose: Purpose, token: string, info: LinkInfo, error: string | null): string {
  const title = purpose === 'invitation' ? `Welcome to ${info.companyName}` : `${SCREEN_TITLES.newPassword} (${info.companyName})`;
  return page(title, `
<p>${purpose === 'invitation' ? 'Choose the password you will sign in with' : SCREEN_TITLES.newPassword} as <strong>${escapeHtml(info.email)}</strong>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${ACCOUNT_LINK_PATHS[purpose]}">
  <input type="hidden" name="token" value="${escapeHtml(token)}">
  <label for="password">New password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="${PASSWORD_LENGTH.min}" maxlength="${PASSWORD_LENGTH.max}" aria-describedby="rules">
  <label for="confirm">Type it again</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
  <p id="rules" class="hint">${escapeHtml(RULES)}</p>
  <button type="submit">${SCREEN_ACTIONS.setPassword}</button>
</form>`);
}

function problemPage(token: string, info: LinkInfo): string {
  return page(info.purpose === 'invitation' ? SCREEN_TITLES.invitationProblem : SCREEN_TITLES.linkProblem, `
<p class="error" role="alert">${escapeHtml(info.message ?? '')}</p>
${info.canRenew ? `<form method="post" action="/account/renew"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${SCREEN_ACTIONS.sendNewLink}</button></form>` : ''}
${info.state === 'used' ? FORGOT_LINK : ''}`);
}

const FORGOT_LINK = `<p><a href="/account/forgot-password">${SCREEN_ACTIONS.forgotPassword}</a></p>`;

function forgotForm(message: string | null): string {
  return page(SCREEN_TITLES.forgotPassword, `
<p>We will email a link to choose a new one. Your two-factor authentication stays as it is.</p>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/account/forgot-password">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required maxlength="320">
  <button type="submit">${SCREEN_ACTIONS.sendResetLink}</button>
</form>`);
}

function donePage(purpose: Purpose, info: LinkInfo, notice: string | null): string {
  const next =
    purpose === 'invitation'
      ? `Sign in to ${info.companyName} with ${info.email} and your new password. You will then set up two-factor authentication: have your phone ready.`
      : `Sign in to ${info.companyName} with your new password. You will verify your identity with your two-factor method as usual. Every other session of yours was signed out.`;
  return page('Your password is set', `<p>${escapeHtml(notice ?? next)}</p>`);
}

const INVALID = page('This link is not valid', '<p class="error" role="alert">This link is not valid. Open it again from the email (the whole address), or ask your company admin for a new one.</p>');

function tokenOf(value: unknown): string | null {
  const parsed = LinkToken.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Registers `GET/POST /account/invitation`, `GET/POST /account/reset-password`, `GET/POST /account/forgot-password`,
 * `POST /account/renew` and the CSS.
 */
export function registerAccountPages(ctx: ServiceContext): void {
  const rateLimit = limited(ctx, 'signIn');
  void ctx.app.register(async (scope: FastifyInstance) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.get('/account/account.css', async (_request, reply) => reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(ACCOUNT_PAGE_CSS));

    for (const purpose of Object.keys(ACCOUNT_LINK_PATHS) as Purpose[]) {
      const path = ACCOUNT_LINK_PATHS[purpose];
      scope.get(path, { ...(rateLimit.rateLimit ? { config: { rateLimit: rateLimit.rateLimit } } : {}) }, async (request, reply) => {
        const token = tokenOf((request.query as Record<string, unknown>).token);
        if (!token) return send(reply, 404, INVALID);
        const info = await linkInfo(ctx, token).catch(() => null);
        if (!info || info.purpose !== purpose) return send(reply, 404, INVALID);
        return send(reply, 200, info.state === 'valid' ? passwordForm(purpose, token, info, null) : problemPage(token, info));
      });
      scope.post(path, { ...(rateLimit.rateLimit ? { config: { rateLimit: rateLimit.rateLimit } } : {}) }, async (request, reply) => {
        const form = (request.body ?? {}) as Record<string, unknown>;
        const token = tokenOf(form.token);
        const info = token ? await linkInfo(ctx, token).catch(() => null) : null;
        if (!token || !info || info.purpose !== purpose) return send(reply, 404, INVALID);
        if (info.state !== 'valid') return send(reply, 409, problemPage(token, info));
        const password = typeof form.password === 'string' ? form.password : '';
        if (password !== form.confirm) return send(reply, 422, passwordForm(purpose, token, info, 'The two passwords are not the same. Type them again.'));
        try {
          const result = await setPasswordFromLink(ctx, token, purpose, password, { continueSignIn: false });
          return send(reply, 200, donePage(purpose, info, result.notice));
        } catch (error) {
          if (!(error instanceof ApiError) || error.status >= 500) throw error;
          const fresh = await linkInfo(ctx, token).catch(() => null);
          if (fresh && fresh.state !== 'valid') return send(reply, 409, problemPage(token, fresh));
          return send(reply, error.status, passwordForm(purpose, token, info, error.message));
        }
      });
    }

    scope.get('/account/forgot-password', async (_request, reply) => send(reply, 200, forgotForm(null)));
    scope.post('/account/forgot-password', { ...(rateLimit.rateLimit ? { config: { rateLimit: rateLimit.rateLimit } } : {}) }, async (request, reply) => {
      const email = String(((request.body ?? {}) as Record<string, unknown>).email ?? '').trim().slice(0, 320);
      if (email === '') return send(reply, 422, forgotForm('Enter your email.'));
      return send(reply, 200, forgotForm((await forgotPassword(ctx, email)).message));
    });

    scope.post('/account/renew', { ...(rateLimit.rateLimit ? { config: { rateLimit: rateLimit.rateLimit } } : {}) }, async (request, reply) => {
      const token = tokenOf(((request.body ?? {}) as Record<string, unknown>).token);
      if (!token) return send(reply, 404, INVALID);
      const answer = await renewLink(ctx, token);
      return send(reply, 200, page('Check your email', `<p>${escapeHtml(answer.message)}</p>`));
    });
  });
}
