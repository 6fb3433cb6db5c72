import { describe, expect, it } from 'vitest';
import { passwordListKey } from '../../../shared/domain/password-rules';
import { breachedListFromText, breachedPasswords } from './breached-passwords';

describe('the bundled breached-password list', () => {
  it('holds at least 100,000 passwords and finds long ones whatever their case', async () => {
    const list = await breachedPasswords();
    expect(list.size).toBeGreaterThanOrEqual(100_000);
    expect(list.kept).toBeGreaterThan(10_000);
    for (const password of ['1qaz2wsx3edc', 'qwertyqwerty', 'Qwerty123456', 'leavemealone']) {
      expect(list.has(passwordListKey(password)), password).toBe(true);
    }
    expect(list.has(passwordListKey('violet anchor tuesday lamp'))).toBe(false);
  });

  it('keeps only entries an acceptable password could equal', () => {
    const list = breachedListFromText('123456\r\npassword\nCorrectHorseBattery\n\n');
    expect(list.size).toBe(3);
    expect(list.kept).toBe(1);
    expect(list.has('correcthorsebattery')).toBe(true);
  });
});
