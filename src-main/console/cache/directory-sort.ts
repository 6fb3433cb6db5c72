/** Sort orders of the cached directory: every slot, ordered by a column, computed once per change of the directory. */
import type { DirectorySort } from '../../../shared/ipc/channels/directory';
import type { DirectoryColumns } from './directory-columns';

/** Slots sorted ascending by a column (ties by name, then email); never-signed-in users count as oldest. */
export function sortSlots(c: DirectoryColumns, sort: DirectorySort): Int32Array {
  const slots = new Int32Array(c.size);
  for (let i = 0; i < slots.length; i++) slots[i] = i;
  const byName = (a: number, b: number) => {
    const x = c.nameKey[a] ?? '';
    const y = c.nameKey[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const byText = (values: string[], codes: Int32Array) => (a: number, b: number) => {
    const x = values[codes[a] ?? 0] ?? '';
    const y = values[codes[b] ?? 0] ?? '';
    return x < y ? -1 : x > y ? 1 : byName(a, b);
  };
  const compare: Record<DirectorySort, (a: number, b: number) => number> = {
    name: byName,
    email: (a, b) => {
      const x = c.users[a]?.email.toLowerCase() ?? '';
      const y = c.users[b]?.email.toLowerCase() ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    },
    lastSignIn: (a, b) => {
      const x = c.lastSignIn[a] ?? Number.NaN;
      const y = c.lastSignIn[b] ?? Number.NaN;
      const xv = Number.isNaN(x) ? -Infinity : x;
      const yv = Number.isNaN(y) ? -Infinity : y;
      return xv - yv || byName(a, b);
    },
    country: byText(c.countries.values, c.country),
    timeZone: byText(c.zones.values, c.zone),
  };
  return slots.sort(compare[sort]);
}
