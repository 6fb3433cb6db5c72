/**
 * The demo company every first start opens (R-CON-1) and `--demo` seeds: people in many countries and time zones,
 * every account type and permission level, SSO users, inactive and stale users. One documented password.
 */
import type { UsersTable } from '../store/schema';

/** The password of every demo user (documented in the README). */
export const DEMO_PASSWORD = 'Demo-Password-2026';
export const DEMO_COMPANY_ID = 'company-demo';
export const DEMO_COMPANY_NAME = 'Northwind Builders';
export const DEMO_DOMAIN = 'northwind.example';
/** Users on this domain sign in through the company's identity provider (R-DIR-2). */
export const DEMO_SSO_DOMAIN = 'sso.northwind.example';
/** The admin the console acts as in embedded mode. */
export const DEMO_ADMIN_EMAIL = `avery.admin@${DEMO_DOMAIN}`;
/** The demo helpdesk person (R-RST-5): the Helpdesk permission and nothing else on the admin tools. */
export const DEMO_HELPDESK_EMAIL = `omar.haddad@${DEMO_DOMAIN}`;
/** The admin's zone: the deadline is read in it. */
export const DEMO_ADMIN_ZONE = 'America/New_York';
/** Days from the seed date to the enforcement deadline. */
export const DEMO_DEADLINE_DAYS = 45;

/** A demo person as data; timestamps are given as days before the seed time (null = never). */
export interface DemoPerson {
  name: string;
  local: string;
  domain?: string;
  country: string;
  zone: string;
  type?: UsersTable['account_type'];
  companyAdmin?: UsersTable['perm_company_admin'];
  directory?: UsersTable['perm_directory'];
  /** The Helpdesk permission (R-RST-5). */
  helpdesk?: boolean;
  status?: UsersTable['status'];
  lastSignInDaysAgo: number | null;
}

/** Everyone in the demo directory. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { name: 'Avery Admin', local: 'avery.admin', country: 'US', zone: 'America/New_York', companyAdmin: 'admin', directory: 'admin', lastSignInDaysAgo: 1 },
  { name: 'Morgan Lee', local: 'morgan.lee', country: 'GB', zone: 'Europe/London', companyAdmin: 'admin', directory: 'admin', lastSignInDaysAgo: 3 },
  { name: 'Harper Quinn', local: 'harper.quinn', country: 'CA', zone: 'America/Toronto', companyAdmin: 'admin', directory: 'admin', lastSignInDaysAgo: 2 },
  { name: 'Riley Reader', local: 'riley.reader', country: 'US', zone: 'America/Chicago', companyAdmin: 'read_only', directory: 'read_only', lastSignInDaysAgo: 5 },
  { name: 'Jordan Patel', local: 'jordan.patel', country: 'US', zone: 'America/Los_Angeles', lastSignInDaysAgo: 4 },
  { name: 'Casey Morgan', local: 'casey.morgan', country: 'US', zone: 'America/Denver', lastSignInDaysAgo: 10 },
  { name: 'Dana Whitfield', local: 'dana.whitfield', country: 'US', zone: 'America/Phoenix', lastSignInDaysAgo: 7 },
  { name: 'Emery Walsh', local: 'emery.walsh', country: 'CA', zone: 'America/St_Johns', lastSignInDaysAgo: 12 },
  { name: 'Sofía Hernández', local: 'sofia.hernandez', country: 'MX', zone: 'America/Mexico_City', lastSignInDaysAgo: 6 },
  { name: 'Aoife Byrne', local: 'aoife.byrne', country: 'IE', zone: 'Europe/Dublin', lastSignInDaysAgo: 2 },
  { name: 'Camille Laurent', local: 'camille.laurent', country: 'FR', zone: 'Europe/Paris', lastSignInDaysAgo: 9 },
  { name: 'Lukas Becker', local: 'lukas.becker', country: 'DE', zone: 'Europe/Berlin', lastSignInDaysAgo: 15 },
  { name: 'Lucía García', local: 'lucia.garcia', country: 'ES', zone: 'Europe/Madrid', lastSignInDaysAgo: 20 },
  { name: 'Giulia Romano', local: 'giulia.romano', country: 'IT', zone: 'Europe/Rome', lastSignInDaysAgo: 8 },
  { name: 'Mia Thompson', local: 'mia.thompson', country: 'AU', zone: 'Australia/Sydney', lastSignInDaysAgo: 3 },
  { name: 'Noah Clarke', local: 'noah.clarke', country: 'AU', zone: 'Australia/Lord_Howe', lastSignInDaysAgo: 30 },
  { name: 'Aroha Ngata', local: 'aroha.ngata', country: 'NZ', zone: 'Pacific/Auckland', lastSignInDaysAgo: 11 },
  { name: 'Wei Ling Tan', local: 'weiling.tan', country: 'SG', zone: 'Asia/Singapore', lastSignInDaysAgo: 14 },
  { name: 'Ka Yan Chan', local: 'kayan.chan', country: 'HK', zone: 'Asia/Hong_Kong', lastSignInDaysAgo: 5 },
  { name: 'Priya Sharma', local: 'priya.sharma', country: 'IN', zone: 'Asia/Kolkata', lastSignInDaysAgo: 4 },
  { name: 'Sanjay Shrestha', local: 'sanjay.shrestha', country: 'NP', zone: 'Asia/Kathmandu', lastSignInDaysAgo: 6 },
  { name: 'Teuea Kiritian', local: 'teuea.kiritian', country: 'KI', zone: 'Pacific/Kiritimati', lastSignInDaysAgo: 18 },
  { name: 'João Silva', local: 'joao.silva', country: 'BR', zone: 'America/Sao_Paulo', lastSignInDaysAgo: 21 },
  { name: 'Yuki Tanaka', local: 'yuki.tanaka', country: 'JP', zone: 'Asia/Tokyo', lastSignInDaysAgo: 13 },
  { name: 'Thabo Nkosi', local: 'thabo.nkosi', country: 'ZA', zone: 'Africa/Johannesburg', lastSignInDaysAgo: 16 },
  { name: 'Omar Haddad', local: 'omar.haddad', country: 'AE', zone: 'Asia/Dubai', helpdesk: true, lastSignInDaysAgo: 9 },
  { name: 'Sam Rivera', local: 'sam.rivera', domain: DEMO_SSO_DOMAIN, country: 'US', zone: 'America/New_York', lastSignInDaysAgo: 1 },
  { name: 'Alex Kim', local: 'alex.kim', domain: DEMO_SSO_DOMAIN, country: 'GB', zone: 'Europe/London', lastSignInDaysAgo: 2 },
  { name: 'Pat Okafor', local: 'pat.okafor', country: 'US', zone: 'America/Chicago', type: 'payments_payor', lastSignInDaysAgo: 1 },
  { name: 'Quinn Delgado', local: 'quinn.delgado', country: 'US', zone: 'America/Los_Angeles', type: 'payments_payee_admin', lastSignInDaysAgo: 2 },
  { name: 'Robin Fraser', local: 'robin.fraser', country: 'CA', zone: 'America/Vancouver', type: 'payments_payee_admin', lastSignInDaysAgo: 8 },
  { name: 'Taylor Brooks', local: 'taylor.brooks', country: 'US', zone: 'America/New_York', status: 'inactive', lastSignInDaysAgo: 200 },
  { name: 'Jamie Novak', local: 'jamie.novak', country: 'DE', zone: 'Europe/Berlin', status: 'inactive', lastSignInDaysAgo: 400 },
  { name: 'Drew Hughes', local: 'drew.hughes', country: 'GB', zone: 'Europe/London', lastSignInDaysAgo: 120 },
  { name: 'Kai Müller', local: 'kai.mueller', country: 'DE', zone: 'Europe/Berlin', lastSignInDaysAgo: 95 },
  { name: 'Lee Nguyen', local: 'lee.nguyen', country: 'AU', zone: 'Australia/Perth', lastSignInDaysAgo: null },
  { name: 'Chris Ortega', local: 'chris.ortega', country: 'MX', zone: 'America/Tijuana', lastSignInDaysAgo: null },
];

/** The company's default identity checks for a verified reset (R-RST-3). */
export const DEMO_RESET_CHECKLIST = [
  { id: 'callback', label: 'Called the user back on the phone number in the directory' },
  { id: 'manager', label: "Confirmed the request with the user's manager" },
  { id: 'ticket', label: 'Recorded the helpdesk ticket number', record: 'Ticket number' },
] as const;

/** The email of a demo person. */
export function demoEmail(person: Pick<DemoPerson, 'local' | 'domain'>): string {
  return `${person.local}@${person.domain ?? DEMO_DOMAIN}`;
}

/** A demo person without a password, and where their invitation stands at seed time (R-DIR-5). */
export interface InvitedDemoPerson extends Pick<DemoPerson, 'name' | 'local' | 'country' | 'zone'> {
  /** Days before the seed the invitation was sent (valid 7 days); null = never invited. */
  invitedDaysAgo: number | null;
}

/** The invited demo people, seeded by `seedDemoInvitations`: one invited, one whose invitation expired, one never invited. */
export const DEMO_INVITED_PEOPLE: readonly InvitedDemoPerson[] = [
  { name: 'Nia Okoye', local: 'nia.okoye', country: 'GB', zone: 'Europe/London', invitedDaysAgo: 1 },
  { name: 'Mateo Rossi', local: 'mateo.rossi', country: 'IT', zone: 'Europe/Rome', invitedDaysAgo: 9 },
  { name: 'Hana Sato', local: 'hana.sato', country: 'JP', zone: 'Asia/Tokyo', invitedDaysAgo: null },
];

/**
 * The lower-case emails of the seeded demo people, the invited ones included: the only people the demo tools act
 * on (R-CON-2).
 */
export const DEMO_PERSON_EMAILS: readonly string[] = [...DEMO_PEOPLE, ...DEMO_INVITED_PEOPLE].map((person) => demoEmail(person).toLowerCase());

const demoPersonEmails = new Set(DEMO_PERSON_EMAILS);

/** True for one of the seeded demo people (not someone imported or added to the demo company later). */
export function isDemoPersonEmail(email: string): boolean {
  return demoPersonEmails.has(email.toLowerCase());
}
