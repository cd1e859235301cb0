// Kiosk mode: a staff member turns a device into a kiosk (and only a staff sign-in
// turns it off again); after a visit, by the visitor's "Ik ben klaar" or after the
// idle time, nothing a visitor typed is left anywhere in the browser's storage, nor on
// screen for the next visitor. What waited to be sent still goes, once.
//
// The idle time is waited for with Playwright's clock: the page's own timers run, only
// faster than the wall clock.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import { everythingStored, expectNoViolations, outboxRecords, setUpMeldpunt, signIn, signUp, signUpForm, type Person } from './helpers';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addUser, removeTempDir, repoRoot, startServer } from './server';

const STAFF = { email: 'bibliotheek@example.nl', password: 'een lang genoeg wachtwoord' };
const WALK = 'senver-wandelen';

const VISITOR: Person = {
  firstName: 'Kioskbezoeker',
  phone: '06 11223344',
  email: 'bezoeker@kiosk.example',
  note: 'Ik kom samen met mijn buurman Kioskbericht.',
};
const SEARCH = 'kioskzoekwoord';
const STORY = 'Kioskverhaal: de oude meneer naast mij zie ik al weken niet.';
const HINT = 'Kioskhint: nummer 14 boven de bakker';
const REPORTER_PHONE = '06 55667788';
/** Everything the visitor typed, to look for in every corner of the browser's storage. */
const TYPED = [
  VISITOR.firstName,
  VISITOR.phone!,
  '0611223344',
  VISITOR.email!,
  'Kioskbericht',
  SEARCH,
  'Kioskverhaal',
  'Kioskhint',
  REPORTER_PHONE,
  '0655667788',
];

/** Signs a staff member in and turns kiosk mode on, with the default idle time (90 s). */
async function makeKiosk(page: Page, url: string): Promise<void> {
  await signIn(page, url, STAFF);
  await expect(page.getByLabel('Opnieuw beginnen na')).toHaveValue('90');
  await page.getByRole('button', { name: 'Zet de kioskstand aan' }).click();
  await expect(page).toHaveURL(`${url}/`);
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();
}

/** A neighbour's note about someone else, with her phone number. */
async function fileNote(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/melden`);
  const main = page.locator('main');
  await main.getByRole('button', { name: /^Ik maak me zorgen om iemand/ }).click();
  await main.getByLabel('Over wie gaat het? (mag leeg blijven)').fill(HINT);
  await main.getByLabel(/^In welke wijk/).selectOption('oost');
  await main.getByRole('checkbox', { name: 'De post stapelt zich op' }).check();
  await main.getByLabel(/^Vertel in je eigen woorden/).fill(STORY);
  await main.getByRole('radio', { name: 'Graag deze week' }).check();
  await main.getByRole('checkbox', { name: /^Het meldpunt mag mij bellen of mailen/ }).check();
  await main.getByLabel('Telefoonnummer', { exact: true }).fill(REPORTER_PHONE);
  await main.getByRole('checkbox', { name: /^Ik vind het goed dat het meldpunt/ }).check();
  await main.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je melding is bewaard');
}

test('staff_turn_kiosk_mode_on_and_only_a_staff_sign_in_turns_it_off', async ({ page, server }) => {
  addUser(server.dbPath, STAFF.email, 'organiser', STAFF.password);
  await makeKiosk(page, server.url);
  await expect(page.locator('html')).toHaveAttribute('data-kiosk', '');
  await expectNoViolations(page);

  // The staff member was signed out: the kiosk holds no session.
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM sessions')).toBe(0);
  // No way into the staff pages for a visitor; staff know the address.
  await expect(page.getByRole('link', { name: 'Voor medewerkers' })).toHaveCount(0);
  await page.goto(`${server.url}/medewerkers`);
  await expect(page.getByTestId('kiosk-notice')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible();
  await expectNoViolations(page);

  // Links that would leave the app are plain text on a kiosk.
  await page.goto(`${server.url}/activiteiten/${WALK}`);
  await expect(page.locator('main .facts a[href^="tel:"], main .facts a[href^="mailto:"], main .facts a[href^="http"]')).toHaveCount(0);

  // Still a kiosk after the browser restarts the page.
  await page.reload();
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();

  await page.goto(`${server.url}/medewerkers`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(STAFF.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(STAFF.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByTestId('signed-in')).toContainText(STAFF.email);
  await expect(page.getByTestId('kiosk-bar')).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveAttribute('data-kiosk');
});

test('after_the_idle_time_a_visit_is_wiped_and_no_personal_field_remains_anywhere', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath, STAFF);
  await page.clock.install();
  await makeKiosk(page, server.url);

  // Every form a visitor can fill in on a kiosk.
  await page.goto(`${server.url}/activiteiten`);
  await page.getByRole('searchbox', { name: 'Zoek een activiteit' }).fill(SEARCH);
  await expect(page).toHaveURL(new RegExp(SEARCH));
  await page.goto(`${server.url}/instellingen`);
  await page.getByRole('radio', { name: 'Extra groot' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-tekst', 'extra-groot');
  await page.goto(`${server.url}/activiteiten/${WALK}`);
  await expect(signUpForm(page).heading).toBeVisible();
  await signUp(page, VISITOR);
  await fileNote(page, server.url);
  await page.goto(`${server.url}/zelftest`);
  const statements = page.locator('main form.self-test fieldset');
  for (let i = 0; i < 6; i++) await statements.nth(i).getByRole('radio', { name: 'Ja', exact: true }).check();
  await page.getByLabel('In welke wijk woon je?').selectOption('oost');
  await page.getByRole('button', { name: 'Bekijk de uitkomst' }).click();
  await page.getByRole('button', { name: 'Deel mijn uitkomst zonder naam' }).click();

  // Delivered, as made on a kiosk.
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups'), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM concern_notes'), { timeout: 15_000 }).toBe(1);
  expect(sqlite(server.dbPath, 'SELECT channel FROM sign_ups')).toBe('kiosk');
  expect(sqlite(server.dbPath, 'SELECT channel FROM concern_notes')).toBe('kiosk');
  await expect(page.getByTestId('outbox-status')).toContainText('Alles is verstuurd');
  // Until the visit ends, the visitor's receipts are on the device: the check below
  // would see them.
  const during = JSON.stringify(await outboxRecords(page));
  expect(during).toContain(WALK);
  expect(during).toContain('"wijk":"oost"');

  // Left alone: first a countdown that a touch stops, then the reset.
  await page.clock.fastForward(71_000);
  const warning = page.getByTestId('kiosk-warning');
  await expect(warning).toContainText(/Nog \d+ seconden/);
  await expect(page.getByRole('alert').filter({ hasText: 'Ben je er nog?' })).toBeAttached();
  await expectNoViolations(page);
  await warning.getByRole('button', { name: 'Ik ben er nog' }).click();
  await expect(warning).toHaveCount(0);
  await expect(page).toHaveURL(/zelftest/);

  await page.clock.fastForward(89_000);
  await expect(warning).toContainText('Nog 1 seconde.');
  await page.clock.fastForward(2_000);
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();

  const stored = await everythingStored(page);
  for (const typed of TYPED) expect(stored, `"${typed}" is still stored`).not.toContain(typed);
  expect(await outboxRecords(page), 'the receipts are gone').toEqual([]);
  await expect(page.locator('html')).not.toHaveAttribute('data-tekst', 'extra-groot');

  // Nothing on screen either, and Back does not bring the last visitor's pages.
  await page.goBack();
  await expect(page).toHaveURL(`${server.url}/`);
  await page.goto(`${server.url}/aanmeldingen`);
  await expect(page.locator('main')).not.toContainText('Senver');
  await page.goto(`${server.url}/melden`);
  await expect(page.getByTestId('my-notes')).toHaveCount(0);
  await page.goto(`${server.url}/activiteiten`);
  await expect(page.getByRole('searchbox', { name: 'Zoek een activiteit' })).toHaveValue('');
  await page.goto(`${server.url}/instellingen`);
  await expect(page.getByRole('radio', { name: 'Normaal' })).toBeChecked();
});

test('a_sign_up_left_waiting_by_a_visitor_is_hidden_from_the_next_and_still_sent_once', async ({ page, server }) => {
  addUser(server.dbPath, STAFF.email, 'coordinator', STAFF.password);
  await makeKiosk(page, server.url);
  await page.goto(`${server.url}/activiteiten/${WALK}`);
  await expect(signUpForm(page).heading).toBeVisible();
  await expect(page.getByTestId('net-status')).toContainText('Bijgewerkt:');
  await page.context().setOffline(true);
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding');
  await signUp(page, VISITOR);

  await page.getByRole('button', { name: 'Ik ben klaar' }).click();
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();
  // The sign-up still waits on the device (it is the visitor's), but not on screen.
  expect(JSON.stringify(await outboxRecords(page))).toContain(VISITOR.firstName);
  await page.goto(`${server.url}/aanmeldingen`);
  await expect(page.locator('main')).not.toContainText('Senver');
  await expect(page.getByTestId('outbox-status').filter({ hasText: 'wacht' })).toHaveCount(0);

  await page.context().setOffline(false);
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups'), { timeout: 20_000 }).toBe(1);
  await expect.poll(async () => (await outboxRecords(page)).length, { timeout: 10_000 }).toBe(0);
  // Once: another start (which sends what waits) sends nothing more.
  await page.reload();
  await expect(page.getByTestId('net-status')).toContainText('Bijgewerkt:');
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM applied_mutations')).toBe(1);
});

test('a_new_version_is_not_offered_to_visitors_and_the_next_visit_starts_on_it', async ({ page }) => {
  // Installing a version and restarting on it is two page loads more than a usual
  // test: on a slow CI machine that passed the usual 30 s.
  test.setTimeout(60_000);
  const distCopy = mkdtempSync(path.join(tmpdir(), 'omzien-e2e-dist-'));
  cpSync(path.join(repoRoot, 'dist'), distCopy, { recursive: true });
  const server = await startServer({ distDir: distCopy });
  const pattern = /const CACHE_NAME = CACHE_PREFIX \+ '([0-9a-f]{16})';/;
  // The page reloads itself along the way: a read that meets the reload counts as none.
  const shellCaches = () =>
    page
      .evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('omzien-shell-')).sort())
      .catch(() => [] as string[]);
  try {
    addUser(server.dbPath, STAFF.email, 'coordinator', STAFF.password);
    await makeKiosk(page, server.url);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const swPath = path.join(distCopy, 'sw.js');
    const oldSource = readFileSync(swPath, 'utf8');
    const oldVersion = pattern.exec(oldSource)![1];
    await expect.poll(shellCaches).toEqual([`omzien-shell-${oldVersion}`]);
    const newVersion = oldVersion.split('').reverse().join('');
    writeFileSync(swPath, oldSource.replace(pattern, `const CACHE_NAME = CACHE_PREFIX + '${newVersion}';`));
    for (const twin of ['sw.js.br', 'sw.js.gz']) rmSync(path.join(distCopy, twin), { force: true });

    await page.goto(`${server.url}/activiteiten`);
    await page.getByRole('searchbox', { name: 'Zoek een activiteit' }).fill(SEARCH);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null))
      .toBe('installed');
    // Nobody at a kiosk is asked to update.
    await expect(page.getByRole('button', { name: 'Nu vernieuwen' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Ik ben klaar' }).click();
    await expect.poll(shellCaches, { timeout: 15_000 }).toEqual([`omzien-shell-${newVersion}`]);
    // The new version reloads the page, which on a busy machine takes a while.
    await expect(page).toHaveURL(`${server.url}/`, { timeout: 20_000 });
    await expect(page.getByTestId('kiosk-bar')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Nu vernieuwen' })).toHaveCount(0);
  } finally {
    await server.stop();
    removeTempDir(server);
    rmSync(distCopy, { recursive: true, force: true });
  }
});
