/** What went wrong with the store, for callers that react differently (e.g. the console's start screen). */
export type StoreErrorKind =
  | 'file-inaccessible'
  | 'file-corrupt'
  | 'folder-in-use'
  | 'engine-unavailable'
  | 'connection-failed'
  | 'migration-failed'
  | 'newer-database'
  | 'save-failed'
  | 'closed'
  | 'unsupported-location';

/**
 * An error a person may read: the message says what happened and what to do next.
 * `cause` keeps the low-level error for logs.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The error for a write attempted after `close()`. */
export function closedStoreError(location: string): StoreError {
  return new StoreError('closed', `The database ${location} is closed; no more changes can be made to it.`);
}

/** The short message of any thrown value, for embedding in a StoreError message. */
export function describeCause(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** True when a write broke a unique constraint (same email twice, …), on SQLite and PostgreSQL alike. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === '23505' || /UNIQUE constraint failed/.test(messageOf(error));
}

/** True when a write referenced a missing row (foreign key), on SQLite and PostgreSQL alike. */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlStateOf(error) === '23503' || /FOREIGN KEY constraint failed/.test(messageOf(error));
}

function sqlStateOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}
