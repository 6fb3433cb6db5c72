import { describe, expect, it } from 'vitest';
import { foldText, searchTokens } from './search-text';

describe('search text', () => {
  it('ignores case and accents', () => {
    expect(foldText('Sofía HERNÁNDEZ')).toBe('sofia hernandez');
    expect(foldText('Kai Müller')).toContain('muller');
  });

  it('splits a search into folded words and drops blanks', () => {
    expect(searchTokens('  Lucía   garcía ')).toEqual(['lucia', 'garcia']);
    expect(searchTokens('   ')).toEqual([]);
  });
});
