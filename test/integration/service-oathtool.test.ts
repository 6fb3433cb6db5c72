/** An independent TOTP implementation (Debian's oathtool) agrees with the service: its code enrolls; reused, it is refused. */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, signInOk, startHarness, type Harness } from '../fixtures/service-harness';

function oathtool(secret: string): string {
  return execFileSync('oathtool', ['--totp', '-b', secret], { encoding: 'utf8' }).trim();
}

describe('oathtool --totp -b SECRET', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives a code the service accepts for a secret it issued, and the same code twice is refused', async () => {
    const email = demo('jordan.patel');
    h.clock.set(Date.now());
    const { token } = await signInOk(h, email);
    const setup = await h.call('POST', '/api/v1/auth/setup/totp', { token, body: {} });
    const code = oathtool(setup.body.secret);
    expect(code).toMatch(/^\d{6}$/);
    h.clock.set(Date.now());
    const confirm = await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code } });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    await h.call('POST', '/api/v1/auth/recovery-code/acknowledge', { token, body: { saved: true } });

    h.clock.set(Date.now());
    const again = await signInOk(h, email);
    const reused = await h.call('POST', '/api/v1/auth/challenge', { token: again.token, body: { method: 'totp', code } });
    expect([reused.status, reused.body.error.details.reason]).toEqual([422, 'replay']);
  });
});
