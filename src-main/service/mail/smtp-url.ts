/**
 * The SMTP server setting (`--smtp-url`, or Settings in the console): `smtp://user@host:587` (STARTTLS when the
 * server offers it) or `smtps://user@host:465` (TLS from the start), with an optional `?from=address`. The password
 * is kept in the SecretVault, never in the URL that is stored or shown: a password typed into the URL is taken out.
 */

/** A parsed setting. `url` never carries the password. */
export interface SmtpSettings {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | null;
  readonly from: string;
}

/** The vault account that holds the password of an SMTP login. */
export function smtpPasswordAccount(settings: Pick<SmtpSettings, 'host' | 'port' | 'user'>): string {
  return `smtp-password:${settings.user ?? ''}@${settings.host}:${settings.port}`;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Parses an SMTP URL; throws an Error whose message says what to fix. Returns the password separately. */
export function parseSmtpUrl(text: string): { settings: SmtpSettings; password: string | null } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error('The mail server address is not a URL. Use smtp://user@mail.example.com:587 or smtps://user@mail.example.com:465.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`The mail server address must start with smtp:// or smtps:// (got ${url.protocol}//).`);
  }
  if (url.hostname === '') throw new Error('The mail server address has no host name, e.g. smtp://mail.example.com:587.');
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const user = url.username === '' ? null : decodeURIComponent(url.username);
  const password = url.password === '' ? null : decodeURIComponent(url.password);
  const unknown = [...url.searchParams.keys()].filter((key) => key !== 'from');
  if (unknown.length > 0) throw new Error(`The mail server address has an unknown option "${unknown[0]}"; only ?from=address is understood.`);
  const from = url.searchParams.get('from') ?? (user !== null && ADDRESS.test(user) ? user : `no-reply@${url.hostname}`);
  if (!ADDRESS.test(from)) throw new Error(`The sender address "${from}" is not an email address. Use ?from=no-reply@your-company.com.`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const clean = new URL(`${url.protocol}//${url.host}`);
  if (user !== null) clean.username = encodeURIComponent(user);
  if (url.searchParams.has('from')) clean.searchParams.set('from', from);
  return { settings: { url: clean.toString().replace(/\/$/, '').replace(/\/\?/, '?'), host, port, secure, user, from }, password };
}
