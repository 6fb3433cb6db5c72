/**
 * The bench's 100,000-user directory: a deterministic CSV (names from several languages, many countries and time
 * zones including half-hour and 45-minute ones, a share of payments and inactive users), and the same rows for a
 * plain insert loop.
 */
import type { Insertable } from 'kysely';
import type { UsersTable } from '../../src-main/service/store/schema';
import { searchText } from '../../shared/domain/search';

const FIRST = ['Sofía', 'Lukas', 'Aroha', 'Priya', 'Wei Ling', 'João', 'Thabo', 'Yuki', 'Camille', 'Omar', 'Aoife', 'Noah', 'Mia', 'Sanjay', 'Ka Yan', 'Giulia'];
const LAST = ['Hernández', 'Becker', 'Ngata', 'Sharma', 'Tan', 'Silva', 'Nkosi', 'Tanaka', 'Laurent', 'Haddad', 'Byrne', 'Clarke', 'Thompson', 'Shrestha', 'Chan', 'Romano', 'Müller'];
const PLACES: readonly [string, string][] = [
  ['US', 'America/New_York'], ['US', 'America/Chicago'], ['US', 'America/Los_Angeles'], ['CA', 'America/St_Johns'],
  ['MX', 'America/Mexico_City'], ['GB', 'Europe/London'], ['FR', 'Europe/Paris'], ['DE', 'Europe/Berlin'],
  ['IN', 'Asia/Kolkata'], ['NP', 'Asia/Kathmandu'], ['AU', 'Australia/Lord_Howe'], ['AU', 'Australia/Sydney'],
  ['NZ', 'Pacific/Chatham'], ['KI', 'Pacific/Kiritimati'], ['JP', 'Asia/Tokyo'], ['BR', 'America/Sao_Paulo'],
  ['ZA', 'Africa/Johannesburg'], ['AE', 'Asia/Dubai'], ['SG', 'Asia/Singapore'], ['IR', 'Asia/Tehran'],
];

/** One bench person. */
export interface BenchPerson {
  email: string;
  name: string;
  country: string;
  timeZone: string;
  accountType: 'standard' | 'payments_payor' | 'payments_payee_admin';
  status: 'active' | 'inactive';
}

/** Person `i` of the bench directory. */
export function benchPerson(i: number): BenchPerson {
  const [country, timeZone] = PLACES[i % PLACES.length] ?? ['US', 'UTC'];
  const first = FIRST[i % FIRST.length] ?? 'Sam';
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Lee';
  return {
    email: `${first.toLowerCase().replace(/[^a-z]/g, '')}.${last.toLowerCase().replace(/[^a-z]/g, '')}.${i}@bench.example`,
    name: `${first} ${last} ${i}`,
    country,
    timeZone,
    accountType: i % 97 === 0 ? 'payments_payee_admin' : i % 89 === 0 ? 'payments_payor' : 'standard',
    status: i % 23 === 0 ? 'inactive' : 'active',
  };
}

/** The CSV file of `count` people (header row, `\n` line ends). */
export function benchCsv(count: number): string {
  const lines = ['email,name,country,time_zone,account_type,status'];
  for (let i = 0; i < count; i++) {
    const p = benchPerson(i);
    lines.push(`${p.email},${p.name},${p.country},${p.timeZone},${p.accountType},${p.status}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The users-table row of person `i` (for the plain insert loop). */
export function benchRow(i: number, companyId: string, now: number, changeSeq: number): Insertable<UsersTable> {
  const p = benchPerson(i);
  return {
    id: `bench-${i}`,
    company_id: companyId,
    email: p.email,
    email_lower: p.email.toLowerCase(),
    name: p.name,
    search_text: searchText(p),
    status: p.status,
    country: p.country,
    time_zone: p.timeZone,
    account_type: p.accountType,
    perm_company_admin: 'none',
    perm_directory: 'none',
    password_hash: null,
    last_sign_in_at: null,
    always_require_mfa: 0,
    enrolled_at: null,
    failed_attempts: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
    change_seq: changeSeq,
  };
}
