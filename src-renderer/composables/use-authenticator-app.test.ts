import { describe, it, expect } from 'vitest';
import { accountDisplay, addScannedAccount, manualKeyUri, spacedCode } from './use-authenticator-app';

/** RFC 6238 seed "12345678901234567890" in Base32. */
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const URI = `otpauth://totp/Northwind%20Builders:jordan.patel%40northwind.example?secret=${SECRET}&issuer=Northwind%20Builders&algorithm=SHA1&digits=6&period=30`;

describe('simulated authenticator app', () => {
  it('adds the account a scanned key URI names', () => {
    const { accounts, outcome } = addScannedAccount([], URI, 1000);
    expect(outcome).toMatchObject({ ok: true, replaced: false });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ issuer: 'Northwind Builders', accountName: 'jordan.patel@northwind.example', secret: SECRET });
  });

  it('replaces the entry for the same account when scanned again (one authenticator per user)', () => {
    const first = addScannedAccount([], URI, 1000).accounts;
    const other = addScannedAccount(first, URI.replace('jordan.patel', 'casey.morgan'), 2000).accounts;
    const again = addScannedAccount(other, URI.replace(SECRET, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), 3000);
    expect(again.outcome).toMatchObject({ ok: true, replaced: true });
    expect(again.accounts.map((a) => a.accountName)).toEqual(['jordan.patel@northwind.example', 'casey.morgan@northwind.example']);
    expect(again.accounts[0]?.secret).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('refuses what a real app would refuse, in plain words, and keeps the list', () => {
    const first = addScannedAccount([], URI, 1000).accounts;
    const refused = addScannedAccount(first, 'https://example.com/not-a-key', 2000);
    expect(refused.outcome).toEqual({ ok: false, message: 'This QR code is not an authenticator set-up code.' });
    expect(refused.accounts).toHaveLength(1);
  });

  it('shows the RFC 6238 code and the seconds until it changes', () => {
    const account = addScannedAccount([], URI, 0).accounts[0];
    if (!account) throw new Error('no account');
    expect(accountDisplay(account, 59_000)).toEqual({ code: '287082', secondsLeft: 1 });
    expect(accountDisplay(account, 60_000).secondsLeft).toBe(30);
    expect(spacedCode('287082')).toBe('287 082');
  });

  it('builds a key URI from a typed set-up key with spaces, as apps accept it', () => {
    const typed = manualKeyUri('jordan.patel@northwind.example', 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ', 'Northwind Builders');
    const account = addScannedAccount([], typed, 0).accounts[0];
    expect(account).toMatchObject({ secret: SECRET, issuer: 'Northwind Builders', accountName: 'jordan.patel@northwind.example' });
  });
});
