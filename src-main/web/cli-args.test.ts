import { describe, expect, it } from 'vitest';
import { parseWebArgs } from './cli-args';

describe('parseWebArgs', () => {
  it('defaults to any free port, the shared data folder and building when needed', () => {
    expect(parseWebArgs([])).toEqual({ port: 0, dataDir: null, rebuild: 'auto' });
  });

  it('reads --port, --data and --no-build', () => {
    expect(parseWebArgs(['--port', '8080', '--data', './d', '--no-build'])).toEqual({ port: 8080, dataDir: './d', rebuild: 'never' });
  });

  it('says what is wrong with a bad port, a missing folder or an unknown option', () => {
    expect(() => parseWebArgs(['--port', 'http'])).toThrow(/whole number from 0 to 65535/);
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(/65535/);
    expect(() => parseWebArgs(['--port'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--data'])).toThrow(/--data needs a value/);
    expect(() => parseWebArgs(['--verbose'])).toThrow(/Unknown option "--verbose"/);
  });
});
