import { describe, it, expect } from 'vitest';
import {
  DEFAULT_RESET_CHECKLIST,
  applyPolicyUpdate,
  changedPolicyFields,
  defaultPolicy,
  policySchema,
  policyUpdateSchema,
} from './policy';

const valid = { ...defaultPolicy('America/New_York'), required: true, deadlineDate: '2026-06-05' };

function firstMessage(input: unknown): string {
  const result = policySchema.safeParse(input);
  if (result.success) throw new Error('expected the policy to be refused');
  return result.error.issues[0]?.message ?? '';
}

describe('default policy', () => {
  it('starts off, with the documented defaults', () => {
    const policy = defaultPolicy('Europe/Paris');
    expect(policy).toMatchObject({
      required: false,
      deadlineDate: null,
      deadlineZone: 'Europe/Paris',
      allowedMethods: ['totp', 'sms'],
      smsCodeTtlMinutes: 10,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
      sessionIdleMinutes: null,
      sessionLifetimeHours: 12,
      staleAfterDays: 90,
    });
    expect(policy.resetChecklist).toEqual(DEFAULT_RESET_CHECKLIST);
    expect(policySchema.parse(policy)).toEqual(policy);
  });

  it('gives each company its own checklist copy', () => {
    const a = defaultPolicy('UTC');
    a.resetChecklist.push({ id: 'extra', label: 'Extra' });
    expect(defaultPolicy('UTC').resetChecklist).toHaveLength(DEFAULT_RESET_CHECKLIST.length);
  });
});

describe('policy schema', () => {
  it('accepts a complete valid policy', () => {
    expect(policySchema.safeParse(valid).success).toBe(true);
  });

  it('refuses a date that is not on the calendar', () => {
    expect(firstMessage({ ...valid, deadlineDate: '2026-02-30' })).toMatch(/real calendar date/);
    expect(firstMessage({ ...valid, deadlineDate: '5 June' })).toMatch(/YYYY-MM-DD/);
  });

  it('refuses an unknown time zone', () => {
    expect(firstMessage({ ...valid, deadlineZone: 'Mars/Olympus' })).toMatch(/IANA/);
  });

  it('keeps the SMS code lifetime within 1 to 30 minutes', () => {
    expect(policySchema.safeParse({ ...valid, smsCodeTtlMinutes: 30 }).success).toBe(true);
    expect(policySchema.safeParse({ ...valid, smsCodeTtlMinutes: 1 }).success).toBe(true);
    expect(firstMessage({ ...valid, smsCodeTtlMinutes: 31 })).toBe('SMS codes must stay valid for 1 to 30 minutes.');
    expect(firstMessage({ ...valid, smsCodeTtlMinutes: 0 })).toMatch(/1 to 30/);
    expect(firstMessage({ ...valid, smsCodeTtlMinutes: 2.5 })).toMatch(/1 to 30/);
  });

  it('never allows more than 100 consecutive failures (NIST SP 800-63B)', () => {
    expect(policySchema.safeParse({ ...valid, lockoutThreshold: 100 }).success).toBe(true);
    expect(firstMessage({ ...valid, lockoutThreshold: 101 })).toMatch(/more than 100 is never allowed/);
  });

  it('allows no idle timeout, or a bounded one', () => {
    expect(policySchema.safeParse({ ...valid, sessionIdleMinutes: null }).success).toBe(true);
    expect(policySchema.safeParse({ ...valid, sessionIdleMinutes: 30 }).success).toBe(true);
    expect(firstMessage({ ...valid, sessionIdleMinutes: 1 })).toMatch(/or none/);
  });

  it('always keeps the authenticator app and stores methods in product order', () => {
    expect(firstMessage({ ...valid, allowedMethods: ['sms'] })).toMatch(/authenticator app is always allowed/);
    expect(policySchema.parse({ ...valid, allowedMethods: ['sms', 'totp', 'sms'] }).allowedMethods).toEqual(['totp', 'sms']);
    expect(firstMessage({ ...valid, allowedMethods: ['totp', 'email'] })).toMatch(/totp \(authenticator app\) or sms/);
  });

  it('checks the reset checklist items', () => {
    expect(firstMessage({ ...valid, resetChecklist: [{ id: 'a', label: '   ' }] })).toMatch(/needs a label/);
    expect(firstMessage({ ...valid, resetChecklist: [{ id: 'Has Space', label: 'x' }] })).toMatch(/lower-case/);
    expect(
      firstMessage({
        ...valid,
        resetChecklist: [
          { id: 'a', label: 'One' },
          { id: 'a', label: 'Two' },
        ],
      }),
    ).toMatch(/same id/);
    const many = Array.from({ length: 21 }, (_, i) => ({ id: `c${i}`, label: `Check ${i}` }));
    expect(firstMessage({ ...valid, resetChecklist: many })).toMatch(/20 checks or fewer/);
  });

  it('refuses a missing field with a plain message', () => {
    const { required: _required, ...rest } = valid;
    expect(firstMessage(rest)).toMatch(/MFA is required/);
  });
});

describe('policy updates', () => {
  it('validates any subset of the settings', () => {
    expect(policyUpdateSchema.parse({ lockoutThreshold: 7 })).toEqual({ lockoutThreshold: 7 });
    expect(policyUpdateSchema.safeParse({ lockoutThreshold: 700 }).success).toBe(false);
    expect(policyUpdateSchema.parse({ deadlineDate: null })).toEqual({ deadlineDate: null });
  });

  it('applies only the fields present and lists what changed', () => {
    const next = applyPolicyUpdate(valid, { deadlineDate: '2026-07-01', lockoutMinutes: 30 });
    expect(next.deadlineDate).toBe('2026-07-01');
    expect(next.lockoutMinutes).toBe(30);
    expect(next.deadlineZone).toBe(valid.deadlineZone);
    expect(changedPolicyFields(valid, next)).toEqual(['deadlineDate', 'lockoutMinutes']);
    expect(changedPolicyFields(valid, applyPolicyUpdate(valid, {}))).toEqual([]);
  });

  it('can clear the deadline', () => {
    expect(applyPolicyUpdate(valid, { deadlineDate: null }).deadlineDate).toBeNull();
  });

  it('notices a change inside the checklist', () => {
    const next = applyPolicyUpdate(valid, { resetChecklist: [{ id: 'ticket', label: 'Ticket number' }] });
    expect(changedPolicyFields(valid, next)).toEqual(['resetChecklist']);
  });
});
