import { describe, expect, it } from 'vitest';
import { SIGN_IN_METHOD_LABELS, SIGN_IN_OUTCOMES, SIGN_IN_OUTCOME_LABELS, isFailedSignIn, recordedText, retentionCutoff } from './sign-in-activity';

describe('sign-in activity (R-LOG-1)', () => {
  it('names every outcome, and counts only refusals as failures', () => {
    expect(SIGN_IN_OUTCOMES.filter((outcome) => SIGN_IN_OUTCOME_LABELS[outcome].length === 0)).toEqual([]);
    expect(SIGN_IN_OUTCOMES.filter(isFailedSignIn)).toEqual(['wrong_password', 'throttled', 'inactive', 'no_admin_access', 'wrong_code', 'expired_code', 'replayed_code', 'locked', 'no_method']);
    expect(SIGN_IN_METHOD_LABELS.temporary_access_code).toBe('Temporary access code');
  });

  it('keeps recorded text short and on one line', () => {
    expect(recordedText('Mozilla/5.0\r\n(X11)', 400)).toBe('Mozilla/5.0  (X11)');
    expect(recordedText('x'.repeat(500), 400)).toHaveLength(400);
    expect(recordedText('x'.repeat(500), 400).endsWith('…')).toBe(true);
  });

  it('keeps the retention counted back from now', () => {
    expect(retentionCutoff(100 * 86_400_000, 90)).toBe(10 * 86_400_000);
  });
});
