import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE, SessionGuard } from './session-guard';

describe('browser-mode start links', () => {
  it('exchanges each token once, for a session the cookie then carries', () => {
    const guard = new SessionGuard(() => 0);
    const token = guard.issueStartToken();
    const first = guard.exchange(token);
    expect(first.kind).toBe('session');
    expect(guard.exchange(token)).toEqual({ kind: 'refused' });
    if (first.kind === 'session') expect(guard.hasSession(`${SESSION_COOKIE}=${first.session}`)).toBe(true);
  });

  it('refuses a token 10 minutes after it was issued, and unknown ones', () => {
    let now = 0;
    const guard = new SessionGuard(() => now);
    const token = guard.issueStartToken();
    now = 10 * 60_000 - 1;
    const fresh = guard.issueStartToken();
    now = 10 * 60_000;
    expect(guard.exchange(token)).toEqual({ kind: 'refused' });
    expect(guard.exchange(fresh).kind).toBe('session');
    expect(guard.exchange('made-up')).toEqual({ kind: 'refused' });
    expect(guard.exchange(undefined)).toEqual({ kind: 'refused' });
  });
});
