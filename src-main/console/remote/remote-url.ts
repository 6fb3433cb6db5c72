/** Validates the address of a remote MFA service: https, or plain http only on this computer. */
import { ConsoleError } from '../../ipc/console-error';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The normalized origin (+ path prefix) of a service URL, or a ConsoleError saying what is wrong. */
export function parseServiceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConsoleError('bad_request', `"${raw}" is not a web address. Type it in full, for example https://mfa.example.com.`, {
      fields: { url: 'Type the full address, starting with https://' },
    });
  }
  if (url.username || url.password) {
    throw new ConsoleError('bad_request', 'Leave the user name and password out of the address; you sign in below.', { fields: { url: 'No credentials in the address' } });
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConsoleError('bad_request', 'Use an https:// address. Plain http:// is only accepted for a service on this computer (127.0.0.1 or localhost).', {
      fields: { url: 'Use https://' },
    });
  }
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}
