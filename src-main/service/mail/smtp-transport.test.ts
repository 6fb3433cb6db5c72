import { describe, expect, it } from 'vitest';
import { describeSmtpError } from './smtp-transport';

const SERVER = 'smtp.acme.com:587';

describe('describeSmtpError', () => {
  it('names the server and the reason, never the password', () => {
    const auth = describeSmtpError({ code: 'EAUTH', response: '535 5.7.8 bad credentials for hunter2hunter2' }, SERVER, 'hunter2hunter2');
    expect(auth.message).toBe('The mail server smtp.acme.com:587 refused the user name or password (535 5.7.8 bad credentials for •••). Check the SMTP login in the settings.');
    expect(auth.permanent).toBe(true);
  });

  it('treats refusals as permanent and busy servers as worth retrying', () => {
    expect(describeSmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user' }, SERVER, null)).toMatchObject({
      permanent: true,
      message: 'The mail server smtp.acme.com:587 refused the message: 550 5.1.1 no such user.',
    });
    expect(describeSmtpError({ responseCode: 421, response: '421 try later' }, SERVER, null).permanent).toBe(false);
    expect(describeSmtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:587' }, SERVER, null)).toMatchObject({
      permanent: false,
      message: 'The mail server smtp.acme.com:587 refused the connection (nothing listens there).',
    });
    expect(describeSmtpError({ code: 'ETIMEDOUT', message: 'Connection timeout' }, SERVER, null).message).toContain('did not answer in time');
  });
});
