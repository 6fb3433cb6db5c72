/**
 * How a directory search matches (R-CON-3): case and accents are ignored ("sofia" finds "Sofía", "MÜLLER" finds
 * "Müller"), the search is split into words, and a user matches when their folded name-and-email text contains
 * every word. The console cache and the service both match with these functions: the service stores
 * `searchText(user)` in a column at write time and asks `LIKE '%word%'` of it, which gives the same answer as
 * `matchesSearch` on SQLite and PostgreSQL alike, since both sides are already folded.
 */

/** Combining marks (accents, diaeresis, cedilla…) left after compatibility decomposition. */
const COMBINING_MARKS = /\p{M}/gu;

/** The folded form of a text: compatibility-decomposed, marks removed, lower case (`Sofía` → `sofia`). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** The text a user is searched by: folded name, a space, folded email. No search word spans the space. */
export function searchText(user: { readonly name: string; readonly email: string }): string {
  return `${foldText(user.name)} ${foldText(user.email)}`;
}

/** The words of a search, folded; blanks dropped (an empty list matches everyone). */
export function searchTokens(search: string): string[] {
  return foldText(search)
    .split(/\s+/)
    .filter((token) => token.length > 0);
}

/** True when the folded `text` (from `searchText`) contains every search word. */
export function matchesSearch(text: string, tokens: readonly string[]): boolean {
  for (const token of tokens) if (!text.includes(token)) return false;
  return true;
}
