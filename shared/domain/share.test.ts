import { describe, expect, it } from 'vitest';
import { formatShare } from './share';

describe('formatShare', () => {
  it('never rounds a few people down to nothing, nor nearly everyone up to all', () => {
    expect(formatShare(3, 1029)).toBe('<1 %');
    expect(formatShare(1, 200_000)).toBe('<1 %');
    expect(formatShare(1027, 1029)).toBe('>99 %');
    expect(formatShare(199_999, 200_000)).toBe('>99 %');
  });

  it('rounds everything else to whole percent', () => {
    expect(formatShare(11, 1029)).toBe('1 %');
    expect(formatShare(1, 3)).toBe('33 %');
    expect(formatShare(2, 3)).toBe('67 %');
    expect(formatShare(1, 2)).toBe('50 %');
    expect(formatShare(1018, 1029)).toBe('99 %');
  });

  it('says 0 % for nothing or an empty whole, and 100 % for all', () => {
    expect(formatShare(0, 1029)).toBe('0 %');
    expect(formatShare(0, 0)).toBe('0 %');
    expect(formatShare(5, 0)).toBe('0 %');
    expect(formatShare(1029, 1029)).toBe('100 %');
  });
});
