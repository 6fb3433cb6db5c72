/** How names and emails are compared when searching: case and accents ignored ("sofia" finds "Sofía"). */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** The folded form of a text: decomposed, accents removed, lower case. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** The words of a search, folded; a row matches when it contains every one. */
export function searchTokens(search: string): string[] {
  return foldText(search)
    .split(/\s+/)
    .filter((token) => token.length > 0);
}
