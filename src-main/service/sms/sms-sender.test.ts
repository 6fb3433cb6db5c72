import { describe, expect, it } from 'vitest';
import { smsCodeBody } from './sms-sender';

describe('smsCodeBody', () => {
  it('names the company, the code and its lifetime', () => {
    expect(smsCodeBody('Acme', '123456', 1)).toBe('123456 is your Acme verification code. It works for 1 minute. Never share it with anyone.');
    expect(smsCodeBody('Acme', '123456', 10)).toBe('123456 is your Acme verification code. It works for 10 minutes. Never share it with anyone.');
  });
});
