/** Command-line options of the standalone MFA service, validated with plain-words errors. */
import { isIP } from 'node:net';

/** The log levels `--log-level` takes (pino's), quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** The names of address ranges `--trust-proxy` takes besides addresses and CIDR blocks. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** Parsed options. */
export interface ServiceCliOptions {
  port: number;
  host: string;
  /** Folder of the SQLite database (and of the key file when no keychain answers). */
  dataDir: string | null;
  /** PostgreSQL URL, instead of a database file. */
  databaseUrl: string | null;
  /** Seed the demo company into an empty database, and turn the demo tools (SMS outbox, clock) on. */
  demo: boolean;
  /** Where text messages are POSTed as JSON `{ to, body }`; none = an outbox only `--demo` can read. */
  smsWebhook: string | null;
  /**
   * The reverse proxies whose `X-Forwarded-For` is believed (addresses, CIDR blocks or range names, comma-separated);
   * null = the header is ignored and the client address is the connection's.
   */
  trustProxy: string | null;
  /** The least severe log lines written (JSON lines on stderr). */
  logLevel: LogLevel;
  /** Replace an SMS-code or audit key the database records but the vault lacks, instead of refusing to start. */
  replaceLostKeys: boolean;
  /** The SMTP server email leaves by (R-DIR-5): smtp://user@host:587 or smtps://…; its password goes to the key store. */
  smtpUrl: string | null;
  /** The address people open invitation and reset links at; the service's own address when absent. */
  publicUrl: string | null;
}

export const SERVICE_USAGE =
  'Usage: npm run service -- --port N (--data DIR | --database postgres://…) [--demo] [--host 127.0.0.1] [--sms-webhook https://…] ' +
  '[--trust-proxy 127.0.0.1,10.0.0.0/8] [--log-level info] [--replace-lost-keys] ' +
  '[--smtp-url smtp://user@mail.example.com:587] [--public-url https://mfa.example.com]';

/** The value after a flag, or an error naming the flag and an example. */
export function valueOf(flag: string, value: string | undefined, example: string): string {
  if (!value || value.startsWith('--')) throw new Error(`${flag} needs a value, e.g. ${flag} ${example}`);
  return value;
}

/** A `--port` value: a whole number from 0 (any free port) to 65535. */
export function parsePort(value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port needs a whole number from 0 to 65535 (0 picks any free port); got "${value ?? ''}".`);
  }
  return port;
}

/** One `--trust-proxy` entry: an IP address, a CIDR block (`10.0.0.0/8`) or a range name (`loopback`). */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** A `--trust-proxy` value: the proxies' addresses, comma-separated. */
export function parseTrustProxy(value: string): string {
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isProxyAddress(entry));
  if (wrong !== undefined) {
    throw new Error(
      `--trust-proxy needs the addresses of your reverse proxies, comma-separated: IP addresses, CIDR blocks (10.0.0.0/8) ` +
        `or ${PROXY_RANGES.join(', ')}; "${wrong}" is none of these.`,
    );
  }
  return entries.join(',');
}

/** Parses the arguments; throws an Error whose message is meant for the person who typed them. */
export function parseServiceArgs(argv: readonly string[]): ServiceCliOptions {
  const options: ServiceCliOptions = {
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    databaseUrl: null,
    demo: false,
    smsWebhook: null,
    trustProxy: null,
    logLevel: 'info',
    replaceLostKeys: false,
    smtpUrl: null,
    publicUrl: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    switch (arg) {
      case '--port':
        options.port = parsePort(value);
        i += 1;
        break;
      case '--host':
        options.host = valueOf(arg, value, '127.0.0.1');
        i += 1;
        break;
      case '--data':
        options.dataDir = valueOf(arg, value, './service-data');
        i += 1;
        break;
      case '--database':
        options.databaseUrl = valueOf(arg, value, 'postgres://user:password@localhost:5432/mfa');
        i += 1;
        break;
      case '--sms-webhook':
        options.smsWebhook = valueOf(arg, value, 'https://sms-gateway.example/send');
        if (!/^https?:\/\//i.test(options.smsWebhook)) throw new Error('--sms-webhook needs an http:// or https:// URL.');
        i += 1;
        break;
      case '--trust-proxy':
        options.trustProxy = parseTrustProxy(valueOf(arg, value, '127.0.0.1'));
        i += 1;
        break;
      case '--log-level': {
        const level = valueOf(arg, value, 'info');
        if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`--log-level is one of ${LOG_LEVELS.join(', ')}; got "${level}".`);
        options.logLevel = level as LogLevel;
        i += 1;
        break;
      }
      case '--replace-lost-keys':
        options.replaceLostKeys = true;
        break;
      case '--smtp-url':
        options.smtpUrl = valueOf(arg, value, 'smtp://mailer@mail.example.com:587');
        i += 1;
        break;
      case '--public-url':
        options.publicUrl = valueOf(arg, value, 'https://mfa.example.com');
        if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(options.publicUrl)) {
          throw new Error('--public-url needs the address people reach the service at, e.g. https://mfa.example.com (no path).');
        }
        i += 1;
        break;
      case '--demo':
        options.demo = true;
        break;
      case '--help':
      case '-h':
        throw new Error(SERVICE_USAGE);
      default:
        throw new Error(`Unknown option "${arg}".\n${SERVICE_USAGE}`);
    }
  }
  if (options.dataDir === null && options.databaseUrl === null) {
    throw new Error(`Say where the data lives: --data DIR for a database file, or --database postgres://… .\n${SERVICE_USAGE}`);
  }
  return options;
}
