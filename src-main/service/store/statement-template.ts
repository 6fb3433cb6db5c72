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

/**
 * The skeleton of `values` (its shape) and a copy with placeholders for the values that vary; `leaves` collects the
 * real values in placeholder order.
 */
function skeleton(values: unknown, leaves: unknown[]): { shape: string; template: unknown } {
  if (Array.isArray(values)) {
    const parts = values.map((value) => skeleton(value, leaves));
    return { shape: `[${parts.map((part) => part.shape).join(',')}]`, template: parts.map((part) => part.template) };
  }
  if (isPlainObject(values)) {
    // In their order: a builder may follow it (`.set(patch)` sets the columns in the patch's order).
    const keys = Object.keys(values);
    const template: Record<string, unknown> = {};
    const shapes: string[] = [];
    for (const key of keys) {
      const part = skeleton(values[key], leaves);
      template[key] = part.template;
      shapes.push(`${JSON.stringify(key)}:${part.shape}`);
    }
    return { shape: `{${shapes.join(',')}}`, template };
  }
  if (isKept(values)) return { shape: values === undefined ? 'u' : JSON.stringify(values), template: values };
  if (typeof values !== 'string' && typeof values !== 'number' && typeof values !== 'bigint' && typeof values !== 'boolean') {
    throw new TypeError(`A statement template takes strings, numbers, booleans, null, arrays and plain objects as values, not ${typeof values}.`);
  }
  leaves.push(values);
  return { shape: '*', template: new Placeholder(leaves.length - 1) };
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
    const leaves: unknown[] = [];
    const { shape, template } = skeleton(values, leaves);
    let compiled = this.#compiled.get(shape);
    if (!compiled) {
      compiled = this.#firstOfShape(template as V, values, leaves);
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
