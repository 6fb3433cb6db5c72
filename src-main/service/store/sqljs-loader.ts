/**
 * Loads the SQLite engine (sql.js, SQLite compiled to WebAssembly) once per process.
 *
 * Why read the .wasm ourselves: sql.js finds its wasm with `__dirname`, which is wrong (or undefined) once
 * src-main is bundled by electron-vite. Resolving `sql.js/dist/sql-wasm.wasm` through Node's resolver from this
 * module and handing the bytes over as `wasmBinary` works the same from tsx, from the bundle and from an asar.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SqlJsStatic } from 'sql.js';
import { StoreError, describeCause } from './store-error';

type InitSqlJs = (config?: { wasmBinary?: ArrayBuffer }) => Promise<SqlJsStatic>;

let loading: Promise<SqlJsStatic> | undefined;

/** The initialised sql.js module; the first call compiles the wasm (about 50 ms), later calls reuse it. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<SqlJsStatic> {
  const requireHere = createRequire(import.meta.url);
  let wasmPath = 'sql.js/dist/sql-wasm.wasm';
  try {
    wasmPath = requireHere.resolve('sql.js/dist/sql-wasm.wasm');
    const initSqlJs = requireHere('sql.js') as InitSqlJs;
    const bytes = await readFile(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return await initSqlJs({ wasmBinary });
  } catch (error) {
    throw new StoreError(
      'engine-unavailable',
      `The embedded database engine (sql.js) could not be loaded from ${wasmPath}: ${describeCause(error)}. ` +
        'Reinstall the application (or run `npm install` in a source checkout) and start again.',
      { cause: error },
    );
  }
}
