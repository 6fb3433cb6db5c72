/**
 * Which web addresses the product connects to (a remote MFA service, an audit webhook): https, or plain http only
 * for this computer (127.0.0.1, localhost, [::1]), never with a user name or password in them. Each caller words
 * the problem for its own screen.
 */

/** Hosts plain http is allowed for: traffic to them never leaves this computer. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Why an address is refused. */
export type WebAddressProblem = 'not_an_address' | 'credentials' | 'not_https';

/** The parsed address, or why it is refused. */
export function checkWebAddress(raw: string): { ok: true; url: URL } | { ok: false; problem: WebAddressProblem } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'not_an_address' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'not_https' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname)) return { ok: false, problem: 'not_https' };
  return { ok: true, url };
}
