import { describe, expect, it } from 'vitest';
import { checkWebAddress } from './web-address';

describe('checkWebAddress', () => {
  it('accepts https anywhere and http on this computer only', () => {
    expect(checkWebAddress(' https://mfa.example.com/x ').ok).toBe(true);
    for (const host of ['127.0.0.1:80', 'localhost', '[::1]:8080']) expect(checkWebAddress(`http://${host}/`).ok).toBe(true);
    expect(checkWebAddress('http://192.168.1.10/')).toEqual({ ok: false, problem: 'not_https' });
    expect(checkWebAddress('http://localhost.example.com/')).toEqual({ ok: false, problem: 'not_https' });
  });

  it('names what is wrong', () => {
    expect(checkWebAddress('mfa.example.com')).toEqual({ ok: false, problem: 'not_an_address' });
    expect(checkWebAddress('file:///etc/passwd')).toEqual({ ok: false, problem: 'not_https' });
    expect(checkWebAddress('https://a:b@mfa.example.com')).toEqual({ ok: false, problem: 'credentials' });
  });
});
