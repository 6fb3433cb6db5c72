/**
 * No text the service accepts may contain U+0000 (NUL): PostgreSQL cannot store it, SQLite would, and no name,
 * email or CSV cell ever needs it. Every request part is checked once, before its schema, so both engines answer
 * the same 400 and no route has to remember it.
 */

/** True when a text contains a NUL character. */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

/** Where the first NUL is: the path of keys and indexes to the string (empty for the value itself), or null. */
export function firstNulPath(value: unknown): (string | number)[] | null {
  if (typeof value === 'string') return hasNul(value) ? [] : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const inner = firstNulPath(value[index]);
      if (inner) return [index, ...inner];
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const inKey = hasNul(key);
      const inner = inKey ? [] : firstNulPath(item);
      if (inner) return [key, ...inner];
    }
  }
  return null;
}

/** What a person is told about a NUL character. */
export const NUL_MESSAGE = 'contains a NUL character (U+0000), which no text may contain. Remove it and try again';
