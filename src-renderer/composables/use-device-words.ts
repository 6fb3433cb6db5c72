/**
 * A user agent in a helpdesk's words ("Firefox on Linux"), so a caller can be asked "were you on your phone?". Only
 * the browser family and system are read; the full string stays available beside it.
 */
import { SIMULATOR_USER_AGENT } from '../../shared/domain/sign-in-activity';

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\bChrome\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
  [/\baxios\//, 'a script (axios)'],
  [/\bcurl\//, 'curl'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

function first(table: readonly [RegExp, string][], text: string): string | null {
  return table.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** "Firefox on Linux", "Safari on iPhone", "Chrome", or the agent itself cut short; "Unknown device" without one. */
export function deviceWords(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  if (userAgent === SIMULATOR_USER_AGENT) return 'Simulated phone (console simulator)';
  const browser = first(BROWSERS, userAgent);
  const system = first(SYSTEMS, userAgent);
  if (browser && system) return `${browser} on ${system}`;
  if (browser ?? system) return (browser ?? system) as string;
  return userAgent.length > 40 ? `${userAgent.slice(0, 39)}…` : userAgent;
}
