// What the specs share: the seed data they compare against, the catalogue page's and
// the sign-up form's controls found the way a screen-reader user finds them (role and
// label), the outbox as stored in IndexedDB, waiting for the service worker, and axe.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { countRows, sqlite } from './db';
import { KEY_ID, MELDPUNT_PUBLIC, OWN_PUBLIC, PASSPHRASE, SEALED, WRAPPED } from './meldpunt-key';
import { addUser, repoRoot } from './server';

// ---- seed data (data/*.json) ----

export interface SeedActivity {
  id: string;
  name: string;
  summary: string;
  kind: string;
  organisation_id: string;
  wijk: string | null;
  free: boolean | null;
  capacity: number | null;
  /** The activity page has the sign-up form. */
  sign_up_in_app?: boolean;
  /** Which contact detail the form asks for; absent means phone or e-mail. */
  sign_up_contact?: 'phone_or_email' | 'phone' | 'email';
  /** Absent: residents; "professionals" are listed in their own section only. */
  audience?: 'residents' | 'professionals' | 'both';
}

export interface SeedWijk {
  id: string;
  name: string;
  lonely: number;
  severely_lonely: number;
}

export interface SeedOrganisation {
  id: string;
  name: string;
}

function readData<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(repoRoot, 'data', file), 'utf8')) as T;
}

const everyActivity = readData<SeedActivity[]>('activities.json');

export const seed = {
  /** What residents' catalogue lists: not the section for professionals. */
  activities: everyActivity.filter((a) => a.audience !== 'professionals'),
  everyActivity,
  wijken: readData<SeedWijk[]>('wijken.json'),
  organisations: readData<SeedOrganisation[]>('organisations.json'),
};

export function seedActivity(id: string): SeedActivity {
  const activity = seed.everyActivity.find((a) => a.id === id);
  if (!activity) throw new Error(`no activity ${id} in data/activities.json`);
  return activity;
}

export function seedWijk(id: string): SeedWijk {
  const wijk = seed.wijken.find((w) => w.id === id);
  if (!wijk) throw new Error(`no wijk ${id} in data/wijken.json`);
  return wijk;
}

/** Lower case without diacritics, as the app's search compares text. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Activities whose name, summary or organiser contains `word` (folded): what the
 * app's search must find for a single word that is no activity kind's label.
 */
export function seedMatches(word: string): SeedActivity[] {
  const wanted = fold(word);
  return seed.activities.filter((a) => {
    const organiser = seed.organisations.find((o) => o.id === a.organisation_id)?.name ?? '';
    return fold(`${a.name} ${a.summary ?? ''} ${organiser}`).includes(wanted);
  });
}

/** City-wide activities (no wijk) serve every wijk. */
export function seedInWijk(wijkId: string): SeedActivity[] {
  return seed.activities.filter((a) => a.wijk === null || a.wijk === wijkId);
}

// ---- the catalogue page ----

export function catalogue(page: Page) {
  // One list, or two (the chosen wijk, then heel Hilversum) in the results region.
  const results = page.getByRole('region', { name: 'Resultaten' });
  const status = page.getByRole('status').filter({ hasText: /gevonden/ });
  return {
    search: page.getByRole('searchbox', { name: 'Zoek een activiteit' }),
    /** The button that folds out the wijk, for whom, kind, day and "free only". */
    filters: page.locator('details.more-filters > summary'),
    wijk: page.getByLabel('Wijk', { exact: true }),
    targetGroup: page.getByLabel('Voor wie', { exact: true }),
    loneliness: page.getByLabel('Soort eenzaamheid', { exact: true }),
    day: page.getByLabel('Dag', { exact: true }),
    freeOnly: page.getByRole('checkbox', { name: 'Alleen gratis' }),
    status,
    results,
    /** The result entries: direct children only, in case an entry holds a list. */
    items: results.locator('ul.results:not(.nearest) > li'),
    /** The link to one activity, by the name its text starts with. */
    link: (name: string) => results.getByRole('link', { name: new RegExp(`^${escapeRegExp(name)}`) }),
    /** The number that the status line gives; NaN while there is none (for polling). */
    count: async (): Promise<number> => {
      try {
        return parseCount(await status.innerText({ timeout: 1_000 }));
      } catch {
        return Number.NaN;
      }
    },
  };
}

/** "32 activiteiten gevonden", "1 activiteit gevonden", "Geen activiteiten gevonden". */
export function parseCount(text: string): number {
  const t = text.trim();
  if (/^geen activiteiten gevonden/i.test(t)) return 0;
  const match = /(\d+)\s+activiteit(?:en)?\s+gevonden/i.exec(t);
  if (!match) throw new Error(`the status line does not give a count: "${t}"`);
  return Number(match[1]);
}

/** How many results the catalogue draws before "Laat meer zien". */
export const RESULTS_PAGE = 40;

/** Waits until the list is rendered and agrees with the status line; returns the count. */
export async function waitForResults(page: Page, expected?: number): Promise<number> {
  const cat = catalogue(page);
  if (expected === 0) {
    await expect(cat.status).toHaveText(/^Geen activiteiten gevonden/);
    await expect(cat.items).toHaveCount(0);
    return 0;
  }
  await expect(cat.items.first()).toBeVisible();
  if (expected !== undefined) {
    await expect.poll(cat.count).toBe(expected);
  }
  const count = parseCount(await cat.status.innerText());
  await expect(cat.items).toHaveCount(Math.min(count, RESULTS_PAGE));
  return count;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- the service worker ----

/**
 * Waits until a service worker is active and controls the page. clients.claim()
 * should make the first page controlled; if it has not happened within a few
 * seconds, one reload puts the page under the active worker.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const isControlled = () =>
    page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
  if (await isControlled()) return;
  await page.reload();
  expect(await isControlled(), 'the service worker should control the page after a reload').toBe(true);
}

// ---- page structure ----

/** One h1, `<main id="main">`, and the site navigation with its four links. */
export async function expectPageFrame(page: Page): Promise<void> {
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('main#main')).toHaveCount(1);
  const siteNav = page
    .getByRole('navigation')
    .filter({ has: page.getByRole('link', { name: 'Home', exact: true }) });
  await expect(siteNav).toHaveCount(1);
  for (const name of ['Home', 'Activiteiten', 'Wijken', 'Informatie']) {
    await expect(siteNav.getByRole('link', { name, exact: true })).toBeVisible();
  }
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** An axe-core scan (WCAG 2.2 AA) of the page as it is now finds nothing. */
export async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
  expect(summary, describeViolations(results.violations)).toEqual([]);
}

/** axe's findings, one line per rule and element: what a reviewer needs to fix. */
export function describeViolations(violations: Result[]): string {
  if (violations.length === 0) return 'no violations';
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    ${n.target.map(String).join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      return `${v.id} [${v.impact ?? 'unknown'}] ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

// ---- sign-ups ----

/** Someone signing up, with values distinctive enough to search the device for. */
export interface Person {
  firstName: string;
  phone?: string;
  email?: string;
  note?: string;
  partySize?: number;
}

export const JOZEFIEN: Person = {
  firstName: 'Jozefien',
  phone: '06 98765432',
  email: 'jozefien@voorbeeld.nl',
  note: 'Ik loop met een rollator, graag een rustig tempo.',
};

/** The sign-up form on an activity page (`sign_up_in_app`), and what it answers. */
export function signUpForm(page: Page) {
  const main = page.locator('main');
  return {
    heading: main.getByRole('heading', { level: 2, name: 'Aanmelden', exact: true }),
    firstName: main.getByLabel('Voornaam', { exact: true }),
    phone: main.getByLabel('Telefoonnummer', { exact: true }),
    email: main.getByLabel('E-mailadres', { exact: true }),
    partySize: main.getByLabel('Met hoeveel mensen kom je?', { exact: true }),
    note: main.getByLabel('Bericht (mag leeg blijven)', { exact: true }),
    consent: main.getByRole('checkbox', { name: /^Ik vind het goed/ }),
    submit: main.getByRole('button', { name: 'Aanmelden', exact: true }),
    /** The error summary. */
    errors: main.getByRole('alert'),
    /** The receipt once the sign-up is stored on the device. */
    receipt: main.getByRole('status').filter({ hasText: 'Je aanmelding is bewaard' }),
    /** The confirmation that takes the form's place once the sign-up is stored. */
    done: (activity: string) => main.getByRole('heading', { name: `Je bent aangemeld voor ${activity}` }),
    another: main.getByRole('button', { name: 'Nog iemand aanmelden' }),
  };
}

/** Fills in the form for `person` and ticks the consent box; does not submit. */
export async function fillSignUp(page: Page, person: Person): Promise<void> {
  const form = signUpForm(page);
  // After a sign-up the form gives way to its confirmation; this brings it back.
  if (await form.another.isVisible()) await form.another.click();
  await form.firstName.fill(person.firstName);
  // Some activities ask for only one of the two (`sign_up_contact`).
  if (person.phone !== undefined) await form.phone.fill(person.phone);
  if (person.email !== undefined) await form.email.fill(person.email);
  await form.partySize.selectOption(String(person.partySize ?? 1));
  await form.note.fill(person.note ?? '');
  await form.consent.check();
}

/** Fills in and submits the form, and waits for the receipt. */
export async function signUp(page: Page, person: Person): Promise<void> {
  await fillSignUp(page, person);
  const form = signUpForm(page);
  await form.submit.click();
  await expect(form.receipt).toBeVisible();
}

/** "Mijn aanmeldingen" (/aanmeldingen): one `li` per sign-up. */
export function mySignUps(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Mijn aanmeldingen' }),
    /** The sign-up for the activity with this name. */
    item: (activityName: string) => page.locator('main li').filter({ hasText: activityName }),
  };
}

/** The footer line about the outbox. */
export function outboxStatus(page: Page): Locator {
  return page.getByTestId('outbox-status');
}

/** Every record of the app's outbox (IndexedDB `omzien`, store `outbox`); [] if none. */
export async function outboxRecords(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('omzien');
        // No database yet: leave creating it to the app.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outbox')) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction('outbox', 'readonly').objectStore('outbox').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as unknown[]);
          };
          all.onerror = () => {
            db.close();
            reject(all.error);
          };
        };
      }),
  );
}

/**
 * Once the server has answered, the device keeps no personal field: no outbox record
 * holds the name, phone number (as typed or as digits), e-mail address or message.
 */
export async function expectNoPersonalDataOnDevice(page: Page, person: Person): Promise<void> {
  const records = await outboxRecords(page);
  expect(records.length, 'the outbox still lists the sign-up').toBeGreaterThan(0);
  const stored = JSON.stringify(records);
  const typed = [person.firstName, person.phone, person.phone?.replace(/\D/g, ''), person.email, person.note];
  for (const value of typed) {
    if (value) expect(stored, `the outbox still holds "${value}"`).not.toContain(value);
  }
}

// ---- what the browser keeps ----

/** Every IndexedDB record and key, local and session storage, cookies and every
 * cached response's text, as one string. */
export async function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const request = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const found: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await request(indexedDB.open(info.name!));
      for (const store of Array.from(db.objectStoreNames)) {
        const objects = db.transaction(store).objectStore(store);
        found.push({ store, values: await request(objects.getAll()), keys: await request(objects.getAllKeys()) });
      }
      db.close();
    }
    found.push({ local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie });
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const key of await cache.keys()) {
        const response = await cache.match(key);
        const wasm = (response?.headers.get('content-type') ?? '').includes('wasm');
        found.push({ cache: name, url: key.url, body: wasm || !response ? '' : await response.text() });
      }
    }
    return JSON.stringify(found);
  });
}

// ---- staff ----

/** A staff account, as `addUser` (server.ts) makes it. */
export interface StaffAccount {
  email: string;
  password: string;
}

/** Signs a staff member in at /medewerkers and waits until the page says so. */
export async function signIn(page: Page, url: string, who: StaffAccount): Promise<void> {
  await page.goto(`${url}/medewerkers`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(who.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByTestId('signed-in')).toContainText(`Je bent ingelogd als ${who.email}`);
}

// ---- the meldpunt's key (meldpunt-key.ts) ----

/** The coordinator who holds the meldpunt's key when a test names nobody. */
export const KEY_KEEPER: StaffAccount = {
  email: 'sleutel@example.nl',
  password: 'een lang wachtwoord voor de sleutel',
};

/**
 * Sets the meldpunt up in a test server's database, as a coordinator's browser would:
 * the key of meldpunt-key.ts, held by `who` (a coordinator made here if there is none
 * of that address). Call it before a page first pulls: the note form seals to the key
 * it pulled, and without one it says the meldpunt cannot take notes yet.
 */
export function setUpMeldpunt(dbPath: string, who: StaffAccount = KEY_KEEPER): void {
  if (countRows(dbPath, `SELECT COUNT(*) FROM users WHERE email = '${who.email}'`) === 0) {
    addUser(dbPath, who.email, 'coordinator', who.password);
  }
  sqlite(
    dbPath,
    `INSERT INTO meldpunt_keys (id, public_key, seq, created_by)
       SELECT '${KEY_ID}', '${MELDPUNT_PUBLIC}', 1, id FROM users WHERE email = '${who.email}';`,
  );
  giveMeldpuntKey(dbPath, who.email);
}

/**
 * Gives the coordinator or admin `email` (who must exist) access to the meldpunt's key,
 * unlocked with PASSPHRASE: in the tests every coordinator shares one own key.
 */
export function giveMeldpuntKey(dbPath: string, email: string): void {
  sqlite(
    dbPath,
    `INSERT OR REPLACE INTO coordinator_keys (user_id, public_key, wrapped)
       SELECT id, '${OWN_PUBLIC}', '${WRAPPED}' FROM users WHERE email = '${email}';
     INSERT OR REPLACE INTO meldpunt_key_grants (key_id, user_id, sealed, granted_by)
       SELECT '${KEY_ID}', id, '${SEALED}', id FROM users WHERE email = '${email}';`,
  );
}

/**
 * On a note's page: unlocks the notes with the passphrase, as a coordinator does once
 * per window (argon2 takes a moment), and waits until the note's body shows.
 */
export async function unlockMeldpunt(page: Page, passphrase: string = PASSPHRASE): Promise<void> {
  const form = page.getByTestId('unlock');
  await expect(form.or(page.getByTestId('note-body'))).toBeVisible();
  if (await form.isVisible()) {
    await form.getByLabel('Wachtwoordzin', { exact: true }).fill(passphrase);
    await form.getByRole('button', { name: 'Ontgrendelen' }).click();
  }
  await expect(page.getByTestId('note-body')).toBeVisible({ timeout: 20_000 });
}
