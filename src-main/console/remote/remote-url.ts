/** Validates the address of a remote MFA service: https, or plain http only on this computer. */
import { checkWebAddress } from '../../../shared/domain/web-address';
import { ConsoleError } from '../../ipc/console-error';

/** The normalized origin (+ path prefix) of a service URL, or a ConsoleError saying what is wrong. */
export function parseServiceUrl(raw: string): string {
  const checked = checkWebAddress(raw);
  if (!checked.ok && checked.problem === 'not_an_address') {
    throw new ConsoleError('bad_request', `"${raw}" is not a web address. Type it in full, for example https://mfa.example.com.`, {
      fields: { url: 'Type the full address, starting with https://' },
    });
  }
  if (!checked.ok && checked.problem === 'credentials') {
    throw new ConsoleError('bad_request', 'Leave the user name and password out of the address; you sign in below.', { fields: { url: 'No credentials in the address' } });
  }
  if (!checked.ok) {
    throw new ConsoleError('bad_request', 'Use an https:// address. Plain http:// is only accepted for a service on this computer (127.0.0.1 or localhost).', {
      fields: { url: 'Use https://' },
    });
  }
  const url = checked.url;
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}
