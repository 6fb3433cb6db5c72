import { describe, expect, it } from 'vitest';
import { loadNodeSqlite } from './node-sqlite';

describe('loadNodeSqlite', () => {
  it('returns the built-in module on this runtime', () => {
    expect(typeof loadNodeSqlite().DatabaseSync).toBe('function');
  });

  it('names the Electron version needed when the running Electron has no SQLite', () => {
    const versions = { ...process.versions, electron: '36.4.0', node: '22.15.1' };
    expect(() => loadNodeSqlite(versions, () => undefined)).toThrow(
      'The embedded database cannot start: Electron 36.4.0 (Node 22.15.1) has no built-in SQLite. MFA Admin Console needs Electron 38 or later',
    );
  });

  it('names the Node version needed when run from source on an old Node', () => {
    const versions = { ...process.versions, node: '20.20.2' };
    expect(() =>
      loadNodeSqlite(versions, () => {
        throw new Error('No such built-in module: node:sqlite');
      }),
    ).toThrow(/Node 20\.20\.2 has no built-in SQLite \(node:sqlite\)\. Run it with Node 24 or later/);
  });
});
