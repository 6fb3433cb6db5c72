/** Command-line options of browser mode, validated with plain-words errors. */

/** Parsed options. */
export interface WebCliOptions {
  port: number;
  dataDir: string | null;
  rebuild: 'auto' | 'never';
}

/** Parses `--port N`, `--data DIR`, `--no-build`; throws an Error whose message is meant for the user. */
export function parseWebArgs(argv: readonly string[]): WebCliOptions {
  const options: WebCliOptions = { port: 0, dataDir: null, rebuild: 'auto' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    switch (arg) {
      case '--port': {
        const port = Number(value);
        if (value === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
          throw new Error(`--port needs a whole number from 0 to 65535 (0 picks any free port); got "${value ?? ''}".`);
        }
        options.port = port;
        i += 1;
        break;
      }
      case '--data':
        if (!value || value.startsWith('--')) throw new Error('--data needs a folder path, e.g. --data ./console-data');
        options.dataDir = value;
        i += 1;
        break;
      case '--no-build':
        options.rebuild = 'never';
        break;
      case '--help':
      case '-h':
        throw new Error(WEB_USAGE);
      default:
        throw new Error(`Unknown option "${arg}".\n${WEB_USAGE}`);
    }
  }
  return options;
}

export const WEB_USAGE = 'Usage: npm run web -- [--port N] [--data DIR] [--no-build]';
