/**
 * Kysely statements built and compiled once per shape, then run with each call's values. Composing and compiling a
 * statement of several parts costs more of the service's time than PostgreSQL takes to run it (the MFA challenge's
 * guarded write: about a sixth of the service's CPU per request), and for one shape of values the SQL text is always
 * the same: only the parameters differ.
 *
 * A part is a `build` function of its `values`. The first time a shape is seen, each value that is neither null,
 * undefined nor falsy is replaced by a placeholder; the statement is built and compiled with them, and the places of
 * the placeholders among the compiled parameters are remembered. A later call of that shape only puts its values
 * in those places. The shape is the values' skeleton: the keys of plain objects in their order, the lengths of arrays, and the
 * null, undefined and falsy values themselves, which stay in the statement as they are (a builder may test for
 * them: `patch.flow !== undefined`, `value === null ? 'is' : '='`).
 *
 * A build function must use any other value only as a value: pass it to Kysely, never compute with it. Placeholders
 * refuse to be turned into text or numbers (`String(v)`, `v + 1`, `v < 2`, JSON.stringify), so such a build fails
 * at once; and the first build of each shape is checked against a build with the real values (same SQL, same
 * parameters), so a build that takes another branch for a placeholder fails too, instead of running wrong SQL.
 */
import type { CompiledQuery } from 'kysely';

/** Stands for one value in a template's first build. */
class Placeholder {
  constructor(readonly index: number) {}

  #refuse(): never {
    throw new TypeError('A statement template used one of its values in a computation; compute it before the build and pass the result as a value.');
  }

  toString(): string {
    return this.#refuse();
  }

  valueOf(): never {
    return this.#refuse();
  }

  toJSON(): never {
    return this.#refuse();
  }

  [Symbol.toPrimitive](): never {
    return this.#refuse();
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Leaves that stay in the statement (and in its shape) as they are. */
function isKept(value: unknown): boolean {
  return value === null || value === undefined || !value;
}

/** A value the statement takes as a parameter (see `isKept`): strings, numbers, bigints and booleans. */
function isParameter(value: unknown): boolean {
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'bigint' || type === 'boolean') return true;
  throw new TypeError(`A statement template takes strings, numbers, booleans, null, arrays and plain objects as values, not ${type}.`);
}

/** Appends the skeleton of `values` (its shape) to `shape`, and the values that vary to `leaves`, in one walk. */
function walk(values: unknown, shape: string[], leaves: unknown[]): void {
  if (Array.isArray(values)) {
    shape.push('[');
    for (const value of values) walk(value, shape, leaves);
    shape.push(']');
  } else if (isPlainObject(values)) {
    shape.push('{');
    // In their order: a builder may follow it (`.set(patch)` sets the columns in the patch's order).
    for (const key of Object.keys(values)) {
      shape.push(JSON.stringify(key));
      walk(values[key], shape, leaves);
    }
    shape.push('}');
  } else if (isKept(values)) {
    shape.push(values === undefined ? 'u' : JSON.stringify(values));
  } else if (isParameter(values)) {
    shape.push('*');
    leaves.push(values);
  }
}

/** A copy of `values` with the n-th varying value (in `walk`'s order) replaced by placeholder n. */
function withPlaceholders(values: unknown, next: { index: number }): unknown {
  if (Array.isArray(values)) return values.map((value) => withPlaceholders(value, next));
  if (isPlainObject(values)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(values)) copy[key] = withPlaceholders(values[key], next);
    return copy;
  }
  return isKept(values) ? values : new Placeholder(next.index++);
}

interface Compiled {
  sql: string;
  /** For each parameter: the index of the value it takes, or the constant it always is. */
  slots: ({ value: number } | { constant: unknown })[];
}

/** The compiled statements of one kind of statement, by shape of its values (a bounded cache). */
export class StatementTemplates<V> {
  readonly #compiled = new Map<string, Compiled>();

  constructor(
    private readonly compile: (values: V) => CompiledQuery,
    private readonly maxShapes = 64,
  ) {}

  /** The statement for `values`: compiled from scratch the first time its shape is seen, else from the cache. */
  query(values: V): { sql: string; parameters: unknown[] } {
    const parts: string[] = [];
    const leaves: unknown[] = [];
    walk(values, parts, leaves);
    const shape = parts.join(' ');
    let compiled = this.#compiled.get(shape);
    if (!compiled) {
      compiled = this.#firstOfShape(withPlaceholders(values, { index: 0 }) as V, values, leaves);
      if (this.#compiled.size >= this.maxShapes) this.#compiled.clear();
      this.#compiled.set(shape, compiled);
    }
    return { sql: compiled.sql, parameters: compiled.slots.map((slot) => ('value' in slot ? leaves[slot.value] : slot.constant)) };
  }

  #firstOfShape(template: V, values: V, leaves: unknown[]): Compiled {
    const withPlaceholders = this.compile(template);
    const compiled: Compiled = {
      sql: withPlaceholders.sql,
      slots: withPlaceholders.parameters.map((parameter) => (parameter instanceof Placeholder ? { value: parameter.index } : { constant: parameter })),
    };
    const real = this.compile(values);
    const filled = compiled.slots.map((slot) => ('value' in slot ? leaves[slot.value] : slot.constant));
    const same = real.sql === compiled.sql && real.parameters.length === filled.length && real.parameters.every((parameter, index) => Object.is(parameter, filled[index]));
    if (!same) throw new Error('A statement template builds other SQL for its real values than for its placeholders: its build depends on a value beyond passing it.');
    return compiled;
  }
}
