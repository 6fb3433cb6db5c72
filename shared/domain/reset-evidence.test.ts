import { describe, it, expect } from 'vitest';
import { resetEvidence } from './reset-evidence';

const policy = {
  resetChecklist: [
    { id: 'call-back', label: 'Called back on the number on file' },
    { id: 'ticket', label: 'Recorded the ticket number', record: 'Ticket number' },
  ],
};

describe('verified reset evidence (R-RST-3)', () => {
  it('records every check with its label and whether it was ticked', () => {
    expect(resetEvidence(policy, { checkedIds: ['ticket'], values: { ticket: ' HD-4711 ' }, confirmed: true })).toEqual({
      ok: true,
      evidence: {
        confirmed: true,
        checks: [
          { id: 'call-back', label: 'Called back on the number on file', checked: false },
          { id: 'ticket', label: 'Recorded the ticket number', record: 'Ticket number', checked: true, value: 'HD-4711' },
        ],
      },
    });
  });

  it('needs the ticket number once "Recorded the ticket number" is ticked', () => {
    for (const values of [undefined, {}, { ticket: '   ' }] as (Record<string, string> | undefined)[]) {
      const result = resetEvidence(policy, { checkedIds: ['ticket', 'call-back'], values, confirmed: true });
      expect(result).toMatchObject({ ok: false, reason: 'value_missing', missing: ['ticket'] });
      expect(result.ok ? '' : result.message).toBe('Type the ticket number for "Recorded the ticket number".');
    }
    expect(resetEvidence(policy, { checkedIds: ['call-back'], confirmed: true }).ok).toBe(true);
  });

  it('needs the "I have verified the user\'s request" confirmation', () => {
    const result = resetEvidence(policy, { checkedIds: ['ticket', 'call-back'], confirmed: false });
    expect(result).toMatchObject({ ok: false, reason: 'not_confirmed' });
    expect(result.ok ? '' : result.message).toMatch(/I have verified the user's request to reset MFA/);
  });

  it('refuses checks the company checklist does not have (it changed meanwhile)', () => {
    const result = resetEvidence(policy, { checkedIds: ['manager'], confirmed: true });
    expect(result).toMatchObject({ ok: false, reason: 'unknown_check' });
    expect(result.ok ? '' : result.message).toMatch(/Reload/);
  });

  it('works with an empty checklist', () => {
    expect(resetEvidence({ resetChecklist: [] }, { checkedIds: [], confirmed: true })).toEqual({
      ok: true,
      evidence: { confirmed: true, checks: [] },
    });
  });
});
