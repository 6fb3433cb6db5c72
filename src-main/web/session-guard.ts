/**
 * Browser mode's access control: a random start token, exchanged once per browser for an HttpOnly,
 * SameSite=Strict session cookie; Host and Origin must be this loopback server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'mfa_console_session';

/** Tokens and sessions of one browser-mode server run. */
export class SessionGuard {
  readonly startToken = randomBytes(24).toString('base64url');
  private readonly sessions = new Set<string>();

  /** Exchanges the start token for a new session id; null when the token is wrong. */
  exchange(token: string | undefined): string | null {
    if (!token || !safeEqual(token, this.startToken)) return null;
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(session);
    return session;
  }

  /** True when the Cookie header carries a session of this run. */
  hasSession(cookieHeader: string | undefined): boolean {
    const value = readCookie(cookieHeader, SESSION_COOKIE);
    return value !== undefined && this.sessions.has(value);
  }

  /** The Set-Cookie header value for a session. */
  static cookie(session: string): string {
    return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The origins a page of this server has: the loopback address and `localhost`, on our port. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** True when a Host header names this server (defends against DNS rebinding). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && (host === `127.0.0.1:${port}` || host === `localhost:${port}`);
}
