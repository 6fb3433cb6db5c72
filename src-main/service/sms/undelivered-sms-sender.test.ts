import { describe, expect, it } from 'vitest';
import { smsCodeBody } from './sms-sender';
import { UndeliveredSmsSender } from './undelivered-sms-sender';

describe('UndeliveredSmsSender', () => {
  it('says each message was not delivered, without its number, text or code', async () => {
    const said: string[] = [];
    const sender = new UndeliveredSmsSender((message) => said.push(message));
    await sender.send({ companyId: 'c', userId: 'u', userEmail: 'u@example.com', to: '+14155552671', body: smsCodeBody('Acme', '493817', 10), code: '493817', sentAt: 1, expiresAt: 2 });
    expect(said).toEqual(['A text message was not delivered: this service has no SMS gateway (--sms-webhook).']);
  });
});
