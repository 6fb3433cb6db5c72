import { describe, expect, it } from 'vitest';
import { foldText, matchesSearch, searchText, searchTokens } from './search';

describe('directory search (one rule for the cache and the service)', () => {
  it('ignores case and accents, also in decomposed input and compatibility forms', () => {
    expect(foldText('Sofía HERNÁNDEZ')).toBe('sofia hernandez');
    expect(foldText('Kai Mu\u0308ller')).toBe('kai muller');
    expect(foldText('İlkay ÇELİK')).toBe('ilkay celik');
    expect(foldText('ﬁnn')).toBe('finn');
  });

  it('splits a search into folded words and drops blanks', () => {
    expect(searchTokens('  Lucía   garcía ')).toEqual(['lucia', 'garcia']);
    expect(searchTokens('   ')).toEqual([]);
  });

  it('matches a user when every word is in their name or email, never across the two', () => {
    const text = searchText({ name: 'Zoë Ångström', email: 'Zoe.Angstrom@Example.com' });
    expect(text).toBe('zoe angstrom zoe.angstrom@example.com');
    expect(matchesSearch(text, searchTokens('ANGSTRÖM example'))).toBe(true);
    expect(matchesSearch(text, searchTokens('angstrom nobody'))).toBe(false);
    expect(matchesSearch(text, searchTokens('angstromzoe'))).toBe(false);
    expect(matchesSearch(text, [])).toBe(true);
  });
});
