/**
 * Browser mode's access control: a start link whose token works once, within 10 minutes, exchanged for an
 * HttpOnly, SameSite=Strict session cookie that lasts as long as the server; Host and Origin must be this
 * loopback server. A link left in shell history or scrollback is spent or stale by the time anyone else reads it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'mfa_console_session';
/** How long a printed start link stays valid. */
export const START_LINK_MINUTES = 10;

/** The outcome of opening a start link. */
export type Exchange = { kind: 'session'; session: string } | { kind: 'refused' };

/** Tokens and sessions of one browser-mode server run. */
export class SessionGuard {
  private readonly startTokens = new Map<string, number>();
  private readonly sessions = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new start token: it works once, for `START_LINK_MINUTES`. */
  issueStartToken(): string {
    this.forgetExpired();
    const token = randomBytes(24).toString('base64url');
    this.startTokens.set(token, this.now() + START_LINK_MINUTES * 60_000);
    return token;
  }

  /** Exchanges a start token for a new session id, spending it; refused when unknown, spent or expired. */
  exchange(token: string | undefined): Exchange {
    this.forgetExpired();
    if (!token) return { kind: 'refused' };
    const match = [...this.startTokens.keys()].find((candidate) => safeEqual(token, candidate));
    if (match === undefined) return { kind: 'refused' };
    this.startTokens.delete(match);
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(session);
    return { kind: 'session', session };
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

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.startTokens) if (now >= expiresAt) this.startTokens.delete(token);
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
