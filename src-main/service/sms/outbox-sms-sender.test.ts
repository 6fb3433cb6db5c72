import { describe, expect, it } from 'vitest';
import { OutboxSmsSender } from './outbox-sms-sender';
import { smsCodeBody, type SmsMessage } from './sms-sender';

function message(companyId: string, code: string): SmsMessage {
  return { companyId, userId: 'u', userEmail: 'u@example.com', to: '+14155552671', body: smsCodeBody('Acme', code, 10), code, sentAt: 1, expiresAt: 2 };
}

describe('OutboxSmsSender', () => {
  it("keeps each company's messages in order, readable after a sequence number", async () => {
    const outbox = new OutboxSmsSender();
    await outbox.send(message('a', '111111'));
    await outbox.send(message('b', '222222'));
    await outbox.send(message('a', '333333'));
    const all = outbox.list('a');
    expect(all.map((entry) => entry.code)).toEqual(['111111', '333333']);
    expect(outbox.list('a', all[0]?.seq).map((entry) => entry.code)).toEqual(['333333']);
  });

  it('drops the oldest messages beyond its capacity', async () => {
    const outbox = new OutboxSmsSender(2);
    for (const code of ['1', '2', '3']) await outbox.send(message('a', code));
    expect(outbox.list('a').map((entry) => entry.code)).toEqual(['2', '3']);
  });
});

describe('smsCodeBody', () => {
  it('names the company, the code and its lifetime', () => {
    expect(smsCodeBody('Acme', '123456', 1)).toBe('123456 is your Acme verification code. It works for 1 minute. Never share it with anyone.');
  });
});
