/** Command-line options of browser mode, validated with plain-words errors. */
import { parsePort, valueOf } from '../service/cli-args';

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
      case '--port':
        options.port = parsePort(value);
        i += 1;
        break;
      case '--data':
        options.dataDir = valueOf(arg, value, './console-data');
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
