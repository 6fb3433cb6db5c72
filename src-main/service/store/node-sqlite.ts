/**
 * The SQLite engine: `node:sqlite`, built into Node (22.13 and later) and into Electron's Node. Nothing to
 * install or rebuild for Electron's ABI, so the tests under Node run the engine that ships.
 *
 * Loaded with `process.getBuiltinModule` rather than a static import, so a runtime without it (an old Electron)
 * gets a message that says what to install instead of failing while the console loads.
 */
import type * as NodeSqlite from 'node:sqlite';
import { StoreError } from './store-error';

/** The first Electron release whose Node has `node:sqlite` (electron/electron#47706). */
export const ELECTRON_WITH_SQLITE = '38';

/** The `node:sqlite` module, or a StoreError naming the runtime that is needed. */
export function loadNodeSqlite(
  versions: NodeJS.ProcessVersions = process.versions,
  builtin: (id: 'node:sqlite') => typeof NodeSqlite | undefined = (id) => process.getBuiltinModule?.(id),
): typeof NodeSqlite {
  let loaded: typeof NodeSqlite | undefined;
  try {
    loaded = builtin('node:sqlite');
  } catch {
    loaded = undefined;
  }
  if (loaded) return loaded;
  const runtime = versions.electron
    ? `Electron ${versions.electron} (Node ${versions.node}) has no built-in SQLite. MFA Admin Console needs Electron ${ELECTRON_WITH_SQLITE} or later: install the current MFA Admin Console again`
    : `Node ${versions.node} has no built-in SQLite (node:sqlite). Run it with Node 24 or later (npm ci installs it for the npm scripts)`;
  throw new StoreError('engine-unavailable', `The embedded database cannot start: ${runtime}.`);
}
