import { describe, it, expect } from 'vitest';
import { emailDomain, emailKey, exactEmailMatch, isSsoUser } from './directory';

const company = { ssoDomains: ['corp.example.com', 'Sub.Example.org'] };

describe('email key', () => {
  it('compares emails case-insensitively and ignores surrounding spaces', () => {
    expect(emailKey('  Ana.Lopez@Example.COM ')).toBe('ana.lopez@example.com');
    expect(emailDomain('ana@Corp.Example.com')).toBe('corp.example.com');
    expect(emailDomain('no-at-sign')).toBe('');
  });
});

describe('SSO users (R-DIR-2)', () => {
  it('is an SSO user when the email domain is one of the SSO domains, in any case', () => {
    expect(isSsoUser('li@corp.example.com', company)).toBe(true);
    expect(isSsoUser('LI@CORP.EXAMPLE.COM', company)).toBe(true);
    expect(isSsoUser('li@sub.example.org', company)).toBe(true);
  });

  it('does not match other domains, subdomains or look-alikes', () => {
    expect(isSsoUser('li@example.com', company)).toBe(false);
    expect(isSsoUser('li@eu.corp.example.com', company)).toBe(false);
    expect(isSsoUser('li@notcorp.example.com', company)).toBe(false);
    expect(isSsoUser('corp.example.com', company)).toBe(false);
    expect(isSsoUser('li@corp.example.com', { ssoDomains: [] })).toBe(false);
  });
});

describe('exact email match (R-RST-1)', () => {
  const users = [
    { id: '1', email: 'Ana.Lopez@example.com' },
    { id: '2', email: 'ana.lopez2@example.com' },
  ];

  it('finds the user whatever the case', () => {
    expect(exactEmailMatch('ana.lopez@EXAMPLE.com', users)?.id).toBe('1');
  });

  it('never matches a partial or near email', () => {
    expect(exactEmailMatch('ana.lopez', users)).toBeNull();
    expect(exactEmailMatch('ana.lopez@example.co', users)).toBeNull();
    expect(exactEmailMatch('ana.lopes@example.com', users)).toBeNull();
    expect(exactEmailMatch('', users)).toBeNull();
  });
});
