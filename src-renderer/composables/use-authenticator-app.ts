/**
 * The simulated authenticator app: accounts added by scanning a key URI (as a real app reads a QR code) or by
 * typing the set-up key, and the code each one shows. The app only computes codes; it never asks the service.
 */
import { ref, type Ref } from 'vue';
import { authenticatorCode, parseKeyUri, type AuthenticatorAccount } from '../../shared/domain/key-uri';

/** One account in the app, with a stable id for lists. */
export interface PhoneAccount extends AuthenticatorAccount {
  readonly id: string;
  readonly addedAt: number;
}

/** What scanning did: added, replaced an entry for the same account, or refused with the app's words. */
export type ScanOutcome = { ok: true; account: PhoneAccount; replaced: boolean } | { ok: false; message: string };

/** Same issuer and account name: real apps offer to replace such an entry; ours replaces it. */
function sameAccount(a: AuthenticatorAccount, b: AuthenticatorAccount): boolean {
  return a.issuer === b.issuer && a.accountName.toLowerCase() === b.accountName.toLowerCase();
}

/** Adds the account a key URI describes to `accounts` (pure; returns the new list). */
export function addScannedAccount(accounts: readonly PhoneAccount[], uri: string, now: number): { accounts: PhoneAccount[]; outcome: ScanOutcome } {
  const scan = parseKeyUri(uri);
  if (!scan.ok) return { accounts: [...accounts], outcome: { ok: false, message: scan.message } };
  const account: PhoneAccount = { ...scan.account, id: `${scan.account.issuer}:${scan.account.accountName}:${now}`, addedAt: now };
  const replaced = accounts.some((existing) => sameAccount(existing, account));
  const kept = accounts.filter((existing) => !sameAccount(existing, account));
  return { accounts: [account, ...kept], outcome: { ok: true, account, replaced } };
}

/** The key URI an app builds from a typed key ("Enter a set-up key"): TOTP with the app defaults. */
export function manualKeyUri(accountName: string, key: string, issuer: string): string {
  const label = issuer ? `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}` : encodeURIComponent(accountName);
  const issuerPart = issuer ? `&issuer=${encodeURIComponent(issuer)}` : '';
  return `otpauth://totp/${label}?secret=${encodeURIComponent(key.replace(/\s/g, ''))}${issuerPart}`;
}

/** The code an account shows at `now`, and the seconds until it changes. */
export function accountDisplay(account: AuthenticatorAccount, now: number): { code: string; secondsLeft: number } {
  const seconds = Math.floor(now / 1000);
  return { code: authenticatorCode(account, now), secondsLeft: account.period - (((seconds % account.period) + account.period) % account.period) };
}

/** The code in two groups of three (or four for 8 digits), as apps show it. */
export function spacedCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Reactive app state for the phone component. */
export function useAuthenticatorApp(clock: () => number = Date.now): {
  accounts: Ref<PhoneAccount[]>;
  scan(uri: string): ScanOutcome;
  remove(id: string): void;
  clear(): void;
} {
  const accounts = ref<PhoneAccount[]>([]);
  return {
    accounts,
    scan(uri) {
      const next = addScannedAccount(accounts.value, uri, clock());
      accounts.value = next.accounts;
      return next.outcome;
    },
    remove(id) {
      accounts.value = accounts.value.filter((account) => account.id !== id);
    },
    clear() {
      accounts.value = [];
    },
  };
}
