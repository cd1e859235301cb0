// The staff side of working on behalf of residents: the staff home after sign-in shows
// what each role can do (and nothing more); an outreach worker's sign-up form speaks
// about the resident; her own queue (/medewerkers/namens, `GET /api/v1/my/items`) and
// "Mijn aanmeldingen" show the resident's first name to her, and a kiosk never does.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import { expectNoViolations, expectPageFrame, signIn, signUpForm } from './helpers';
import { addUser } from './server';

const BO = { email: 'bo@example.nl', password: 'nog een lang wachtwoord' };
const ANNA = { email: 'anna@example.nl', password: 'een lang genoeg wachtwoord' };
const ORG = { email: 'org@example.nl', password: 'een organisator wachtwoord' };
const WALK = 'senver-wandelen';

/** The links on the staff home, in order. */
async function tasks(page: Page): Promise<string[]> {
  return page.getByTestId('staff-tasks').getByRole('link').allTextContents();
}

/** Switches the page to English and waits until it is. */
async function inEnglish(page: Page): Promise<void> {
  await page.locator('select#taal').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

test('the_staff_home_shows_each_role_only_what_it_may_do', async ({ page, server }) => {
  addUser(server.dbPath, ANNA.email, 'coordinator', ANNA.password);
  addUser(server.dbPath, ORG.email, 'organiser', ORG.password, ['senver']);

  await signIn(page, server.url, ANNA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welkom, ${ANNA.email}`);
  await expect(page).toHaveTitle(/Start voor medewerkers/);
  expect(await tasks(page)).toEqual([
    'Naar de meldingen (meldpunt)',
    'Namens bewoners: wat je hebt verstuurd',
    'Mijn aanbod: activiteiten bijwerken',
    'Redactie: nieuwe activiteiten publiceren',
    'Waarheen verwijzen? Partners per soort hulp en wijk',
    'Vertellen: een verhaal opschrijven',
  ]);
  // Each link says in one line what it is for.
  await expect(page.getByTestId('staff-tasks').locator('li').first()).toContainText('Lees nieuwe meldingen');
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  await expectPageFrame(page);
  await expectNoViolations(page);
  await inEnglish(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${ANNA.email}`);
  await expectNoViolations(page);
  await page.locator('select#taal').selectOption('nl');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen voor medewerkers');

  await signIn(page, server.url, ORG);
  expect(await tasks(page)).toEqual([
    'Mijn aanbod: activiteiten bijwerken',
    'Waarheen verwijzen? Partners per soort hulp en wijk',
    'Vertellen: een verhaal opschrijven',
  ]);
  await expect(page.getByRole('link', { name: 'Naar de meldingen (meldpunt)' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Mijn aanbod: activiteiten bijwerken' }).click();
  await expect(page).toHaveURL(`${server.url}/medewerkers/aanbod`);
});

test('a_worker_sees_her_queue_with_first_names_and_a_kiosk_never_does', async ({ page, browser, server }) => {
  test.setTimeout(60_000);
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  await signIn(page, server.url, BO);
  await page.goto(`${server.url}/activiteiten/${WALK}`);
  const form = signUpForm(page);
  await expect(form.heading).toBeVisible();
  await page.getByRole('checkbox', { name: 'Ik meld een bewoner aan, namens hem of haar' }).check();
  // The form now asks about the resident, not the one holding the tablet.
  const main = page.locator('main');
  await main.getByLabel('Voornaam van de bewoner', { exact: true }).fill('Henk');
  await main.getByLabel('Telefoonnummer van de bewoner', { exact: true }).fill('06 22334455');
  await main.getByLabel('Met hoeveel mensen komt de bewoner?', { exact: true }).selectOption('2');
  await expect(main.getByLabel('Met hoeveel mensen kom je?')).toHaveCount(0);
  await page.getByRole('checkbox', { name: /^De bewoner vindt het goed/ }).check();
  await form.submit.click();
  await expect(page.getByRole('heading', { name: 'De bewoner is aangemeld voor' , exact: false })).toBeVisible();
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups'), { timeout: 15_000 }).toBe(1);

  // Somebody else's sign-up, by another worker: never in Bo's queue.
  addUser(server.dbPath, 'ander@example.nl', 'outreach_worker', 'een ander lang wachtwoord');
  sqlite(
    server.dbPath,
    `INSERT INTO sign_ups (id, activity_id, first_name, party_size, channel, place, pushed_by)
     SELECT '00000000-0000-4000-8000-0000000000aa', '${WALK}', 'Truus', 1, 'on_behalf', 'confirmed', id
     FROM users WHERE email = 'ander@example.nl'`,
  );

  // Her own queue: from the staff home.
  await page.goto(`${server.url}/medewerkers`);
  await page.getByRole('link', { name: 'Namens bewoners: wat je hebt verstuurd' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Namens bewoners verstuurd');
  const queue = page.getByTestId('my-items');
  await expect(queue.locator('li')).toHaveCount(1);
  await expect(queue).toContainText('Voor Henk');
  await expect(queue).toContainText('Bevestigd');
  await expect(queue).not.toContainText('Truus');
  await expectPageFrame(page);
  await expectNoViolations(page);
  await inEnglish(page);
  await expect(queue).toContainText('For Henk');
  await expectNoViolations(page);
  await page.locator('select#taal').selectOption('nl');

  // "Mijn aanmeldingen" says for whom, to her.
  await page.goto(`${server.url}/aanmeldingen`);
  await expect(page.getByTestId('sign-up-for')).toHaveText('Voor Henk');
  await expect(page.locator('main li').first()).toContainText('2 personen');
  await expectNoViolations(page);

  // Another device, not signed in: the server gives the queue to nobody else.
  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    expect((await other.request.get(`${server.url}/api/v1/my/items`)).status()).toBe(401);
    await other.goto(`${server.url}/medewerkers/namens`);
    await expect(other.locator('main')).toContainText('Log eerst in');
    await expect(other.locator('main')).not.toContainText('Henk');
  } finally {
    await stranger.close();
  }

  // The same tablet made a kiosk: no queue, no name, not even a request for it.
  await page.goto(`${server.url}/medewerkers`);
  await page.getByRole('button', { name: 'Zet de kioskstand aan' }).click();
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/my/items')) asked.push(r.url());
  });
  await page.goto(`${server.url}/medewerkers/namens`);
  await expect(page.getByTestId('my-items-kiosk')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Henk');
  await expectNoViolations(page);
  await page.goto(`${server.url}/aanmeldingen`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn aanmeldingen');
  await expect(page.getByTestId('sign-up-for')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Henk');
  expect(asked).toEqual([]);
});

test('the_note_form_on_behalf_asks_about_the_resident_in_every_language', async ({ page, server }) => {
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  await signIn(page, server.url, BO);
  await page.goto(`${server.url}/melden`);
  await page.getByRole('button', { name: /^Ik voel me eenzaam en wil graag contact/ }).click();
  const main = page.locator('main');
  await expect(main.getByLabel('Je naam (mag leeg blijven)')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Ik vul dit in namens een bewoner' }).check();
  await expect(main.getByLabel('In welke wijk woont de bewoner?')).toBeVisible();
  await expect(main.getByLabel('Naam van de bewoner (mag leeg blijven)')).toBeVisible();
  await expect(main.getByLabel('Telefoonnummer van de bewoner', { exact: true })).toBeVisible();
  await expect(main.getByRole('checkbox', { name: /^Het meldpunt mag de bewoner bellen of mailen/ })).toBeVisible();
  await expect(main).not.toContainText('Hoe kan het meldpunt je bereiken?');
  // And so do the sentences about what is missing.
  await main.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(main.getByRole('alert').first()).toContainText(
    'Zet een vinkje als de bewoner het goed vindt dat het meldpunt de melding bewaart en leest.',
  );
  await expect(main.getByRole('alert').first()).not.toContainText('je melding');
  await expectNoViolations(page);
  await inEnglish(page);
  await expect(main.getByLabel('In which neighbourhood does the resident live?')).toBeVisible();
  await expect(main.getByLabel('The resident’s name (you may leave this empty)')).toBeVisible();
  await expectNoViolations(page);
});
