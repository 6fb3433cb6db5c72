import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../ipc/console-error';
import { toConsoleError } from './service-client';

const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;
const transport = (code: string) => new AxiosError('failed', code, config);
const answered = (status: number, data: unknown) => new AxiosError('failed', 'ERR_BAD_RESPONSE', config, {}, { status, statusText: '', headers: {}, config, data });

describe('what the console says when the service cannot be reached', () => {
  it('a change that never left was not done; one the connection broke after it left is in doubt', () => {
    const refused = toConsoleError(transport('ECONNREFUSED'), 'POST');
    expect(refused).toMatchObject({ code: 'service_unavailable', details: { delivery: 'not_sent' }, message: expect.stringMatching(/so this was not done/) });
    const reset = toConsoleError(transport('ECONNRESET'), 'POST');
    expect(reset).toMatchObject({ code: 'service_unavailable', details: { delivery: 'unknown' }, message: expect.stringMatching(/cannot tell whether this was done/) });
    expect(toConsoleError(transport('ECONNABORTED'), 'POST').details).toEqual({ delivery: 'unknown' });
  });

  it('a read only says the service cannot be reached', () => {
    expect(toConsoleError(transport('ECONNRESET'), 'GET').message).toMatch(/^The MFA service cannot be reached\. The console keeps trying/);
  });

  it('a proxy with no service behind it is an outage, not a refusal', () => {
    expect(toConsoleError(answered(502, '<html>Bad gateway</html>'), 'POST')).toMatchObject({ code: 'service_unavailable', details: { delivery: 'unknown' } });
    expect(toConsoleError(answered(503, ''), 'POST')).toMatchObject({ code: 'service_unavailable', details: { delivery: 'not_sent' } });
    expect(toConsoleError(answered(500, ''), 'POST')).toMatchObject({ code: 'internal' });
  });

  it('keeps the service’s own refusals and words', () => {
    const refusal = toConsoleError(answered(409, { error: { code: 'conflict', message: 'Someone saved first.', requestId: 'req-1' } }), 'POST');
    expect(refusal).toBeInstanceOf(ConsoleError);
    expect(refusal).toMatchObject({ code: 'conflict', message: 'Someone saved first.' });
    const shuttingDown = toConsoleError(answered(503, { error: { code: 'service_unavailable', message: 'Shutting down, so this was not done.', requestId: 'req-2' } }), 'POST');
    expect(shuttingDown).toMatchObject({ code: 'service_unavailable', message: 'Shutting down, so this was not done.', details: { delivery: 'not_sent' } });
  });
});
