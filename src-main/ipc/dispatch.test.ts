import { describe, expect, it, vi } from 'vitest';
import { ConsoleError } from './console-error';
import { createDispatcher, type Handlers } from './dispatch';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app:status': async () => ({ mode: 'embedded', state: 'connected', target: 'x', warnings: [], host: 'browser', version: '1' }),
    'dashboard:overview': async () => ({ companyName: 'Acme', mfaRequired: true, deadlineDate: null, deadlineZone: 'UTC' }),
    ...overrides,
  } as Handlers;
}

describe('createDispatcher', () => {
  it('runs the handler of a known channel with the parsed request', async () => {
    const dispatch = createDispatcher(handlers());
    await expect(dispatch('dashboard:overview', {})).resolves.toEqual({
      ok: true,
      value: { companyName: 'Acme', mfaRequired: true, deadlineDate: null, deadlineZone: 'UTC' },
    });
  });

  it('refuses an unknown channel without running anything', async () => {
    const dispatch = createDispatcher(handlers());
    const result = await dispatch('shell:exec', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('returns a typed bad_request naming the field for a bad payload, and does not call the handler', async () => {
    const spy = vi.fn(async () => ({ companyName: 'x', mfaRequired: false, deadlineDate: null, deadlineZone: 'UTC', takenAt: 0, fromCopy: false }));
    const dispatch = createDispatcher(handlers({ 'dashboard:overview': spy }));
    const result = await dispatch('dashboard:overview', { unexpected: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    expect(result.error.message).toMatch(/not valid/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('passes a ConsoleError through in plain words', async () => {
    const dispatch = createDispatcher(
      handlers({
        'dashboard:overview': async () => {
          throw new ConsoleError('service_unavailable', 'The MFA service is not reachable.', { details: { retry: true } });
        },
      }),
    );
    await expect(dispatch('dashboard:overview', {})).resolves.toEqual({
      ok: false,
      error: { code: 'service_unavailable', message: 'The MFA service is not reachable.', details: { retry: true } },
    });
  });

  it('hides the details of an unexpected failure', async () => {
    const log = vi.fn();
    const dispatch = createDispatcher(
      handlers({
        'dashboard:overview': async () => {
          throw new Error('SQLITE_CORRUPT at /home/secret/path');
        },
      }),
      log,
    );
    const result = await dispatch('dashboard:overview', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('SQLITE_CORRUPT');
    expect(log).toHaveBeenCalledOnce();
  });
});
