import { describe, expect, it } from 'vitest';
import { parseSmtpUrl, smtpPasswordAccount } from './smtp-url';

describe('parseSmtpUrl', () => {
  it('takes the password out of the URL it keeps', () => {
    const { settings, password } = parseSmtpUrl('smtp://mailer%40acme.com:s3cret%21@smtp.acme.com:2525');
    expect(password).toBe('s3cret!');
    expect(settings).toMatchObject({ host: 'smtp.acme.com', port: 2525, secure: false, user: 'mailer@acme.com', from: 'mailer@acme.com' });
    expect(settings.url).toBe('smtp://mailer%40acme.com@smtp.acme.com:2525');
    expect(settings.url).not.toContain('s3cret');
    expect(smtpPasswordAccount(settings)).toBe('smtp-password:mailer@acme.com@smtp.acme.com:2525');
  });

  it('knows the default ports and the sender option', () => {
    expect(parseSmtpUrl('smtps://relay.acme.com').settings).toMatchObject({ port: 465, secure: true, user: null, from: 'no-reply@relay.acme.com' });
    const withFrom = parseSmtpUrl('smtp://relay.acme.com?from=it@acme.com').settings;
    expect(withFrom).toMatchObject({ port: 587, from: 'it@acme.com' });
    expect(withFrom.url).toBe('smtp://relay.acme.com?from=it%40acme.com');
  });

  it('says what is wrong with a bad address', () => {
    expect(() => parseSmtpUrl('mail.acme.com')).toThrow(/not a URL/);
    expect(() => parseSmtpUrl('https://mail.acme.com')).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => parseSmtpUrl('smtp://mail.acme.com?tls=off')).toThrow(/unknown option "tls"/);
    expect(() => parseSmtpUrl('smtp://mail.acme.com?from=nobody')).toThrow(/not an email address/);
  });
});
