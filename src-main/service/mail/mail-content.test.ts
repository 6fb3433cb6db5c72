import { describe, expect, it } from 'vitest';
import { invitationMail, localTime, passwordResetMail } from './mail-content';

const AT = Date.UTC(2026, 11, 8, 16, 0);
const LINK = 'https://accounts.acme.com/account/invitation?token=abc';

describe('mail content', () => {
  it('states times in the recipient’s zone', () => {
    expect(localTime(AT, 'Europe/Paris')).toBe('Tuesday 8 December 2026 at 17:00 (Europe/Paris)');
    expect(localTime(AT, 'Asia/Kathmandu')).toBe('Tuesday 8 December 2026 at 21:45 (Asia/Kathmandu)');
  });

  it('says the same in text and HTML, with the link as the only secret', () => {
    const mail = invitationMail({ companyName: 'Acme <Co>', userName: 'Zoë', invitedBy: 'Avery Admin', link: LINK, expiresAt: AT, timeZone: 'Europe/Paris' });
    expect(mail.subject).toBe('Your invitation to Acme <Co>');
    expect(mail.text).toContain('Avery Admin invited you to sign in to Acme <Co>');
    expect(mail.text).toContain(LINK);
    expect(mail.text).toContain('until Tuesday 8 December 2026 at 17:00 (Europe/Paris)');
    expect(mail.html).toContain('Acme &lt;Co&gt;');
    expect(mail.html).toContain(`href="${LINK}"`);
    expect(mail.html).toContain('until Tuesday 8 December 2026 at 17:00 (Europe/Paris)');
  });

  it('reminds that a reset keeps two-factor authentication', () => {
    const mail = passwordResetMail({ companyName: 'Acme', userName: 'Zoë', link: LINK, expiresAt: AT, timeZone: 'America/New_York' });
    expect(mail.text).toContain('you will still verify your identity when you sign in');
    expect(mail.text).toContain('at 11:00 (America/New_York)');
  });
});
