import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../ipc/console-error';
import { parseServiceUrl } from './remote-url';

describe('parseServiceUrl', () => {
  it('accepts https and trims a trailing slash, query and fragment', () => {
    expect(parseServiceUrl(' https://mfa.example.com/ ')).toBe('https://mfa.example.com');
    expect(parseServiceUrl('https://mfa.example.com/base/?x=1#y')).toBe('https://mfa.example.com/base');
  });

  it('accepts plain http only on this computer', () => {
    expect(parseServiceUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(parseServiceUrl('http://localhost:4000/')).toBe('http://localhost:4000');
    expect(() => parseServiceUrl('http://mfa.example.com')).toThrow(/https/);
  });

  it('refuses what is not a web address, other schemes, and credentials in the address', () => {
    expect(() => parseServiceUrl('mfa.example.com')).toThrow(ConsoleError);
    expect(() => parseServiceUrl('ftp://mfa.example.com')).toThrow(/https/);
    expect(() => parseServiceUrl('https://admin:pw@mfa.example.com')).toThrow(/user name and password/);
  });

  it('names the field for the form', () => {
    try {
      parseServiceUrl('nope');
      expect.unreachable();
    } catch (error) {
      expect((error as ConsoleError).fields).toHaveProperty('url');
    }
  });
});
