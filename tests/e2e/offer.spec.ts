// The living catalogue in the staff app: an organiser keeps her own activities current
// (also offline), two organisers' changes meet, a new activity waits for an editor, an
// activity nobody confirmed for nine months warns residents, and an organiser cannot
// reach another organisation's activity.

import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sqlite } from './db';
import { catalogue, expectNoViolations, signIn } from './helpers';
import { addUser } from './server';

const ANJA = { email: 'anja@senver.example', password: 'een lang genoeg wachtwoord' };
const BERT = { email: 'bert@senver.example', password: 'nog een lang wachtwoord' };
const EDITOR = { email: 'redactie@hilversum.example', password: 'een wachtwoord voor de redactie' };
const WALK = 'Wandelen met Senver';

/** A date `days` from now in Hilversum, as `YYYY-MM-DD`. */
function inDays(days: number): string {
  const when = new Date(Date.now() + days * 86_400_000);
  return when.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

/** A fresh device: its own storage, so it pulls the whole catalogue from the server. */
async function newDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function openOwnActivities(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^Mijn aanbod/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn aanbod');
  await expect(page.getByTestId('own-activities')).toBeVisible();
}

test('an_organiser_adds_a_date_and_a_phone_number_offline_and_a_residents_device_shows_them', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  await signIn(page, server.url, ANJA);
  await openOwnActivities(page);
  const own = page.getByTestId('own-activities');
  // Hers only: Senver's activities, not Versa's.
  await expect(own).toContainText(WALK);
  await expect(own).not.toContainText('Versa');
  await expectNoViolations(page);

  // At the community centre, without signal.
  await page.context().setOffline(true);
  await own.getByRole('link', { name: new RegExp(`^Wijzigen\\s*: ${WALK}$`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Activiteit wijzigen');
  const date = inDays(5);
  await page.getByRole('button', { name: 'Datum toevoegen' }).click();
  await page.getByLabel('Datum', { exact: true }).fill(date);
  await page.getByRole('group', { name: 'Data en tijden' }).getByLabel('Begint om').fill('10:00');
  await page.getByRole('group', { name: 'Data en tijden' }).getByLabel('Eindigt om').fill('11:30');
  await page.getByLabel('Telefoonnummer').fill('035 123 45 67');
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('edit-saved')).toContainText('Opgeslagen op dit apparaat');
  await page.getByRole('link', { name: 'Naar mijn aanbod', exact: true }).click();
  const changes = page.getByTestId('changes');
  await expect(changes).toContainText(WALK);
  await expect(changes.getByTestId('change-status')).toHaveText(/^Nog niet verstuurd/);
  await expect(page.getByTestId('offer-offline')).toBeVisible();
  await expect.poll(() => sqlite(server.dbPath, "SELECT COUNT(*) FROM catalogue_history")).toBe('0');

  // Back online: the change goes out once, and is live at once.
  await page.context().setOffline(false);
  await expect(changes.getByTestId('change-status')).toHaveText('Opgeslagen. Inwoners zien het nu.', { timeout: 30_000 });
  expect(sqlite(server.dbPath, "SELECT COUNT(*) FROM catalogue_history WHERE record_id = 'senver-wandelen' AND action = 'edit'")).toBe('1');

  // A resident's device pulls it.
  const resident = await newDevice(browser);
  await resident.goto(`${server.url}/activiteiten/senver-wandelen`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(WALK);
  await expect(resident.locator('main')).toContainText('035 123 45 67');
  const day = Number(date.slice(8, 10));
  await expect(resident.locator('section.next-dates')).toContainText(new RegExp(`\\b${day}\\b.*10:00`));
  await expect(resident.getByTestId('updated-on')).not.toBeEmpty();
  await resident.context().close();
});

test('two_organisers_change_the_same_activity_and_the_second_sees_both_versions_and_chooses', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  addUser(server.dbPath, BERT.email, 'organiser', BERT.password);
  const bert = await newDevice(browser);
  await signIn(page, server.url, ANJA);
  await signIn(bert, server.url, BERT);
  // Both open the form on the same version.
  for (const p of [page, bert]) {
    await p.goto(`${server.url}/medewerkers/aanbod/senver-wandelen`);
    await expect(p.getByLabel('Naam', { exact: true })).toHaveValue(WALK);
  }
  await page.getByLabel('Korte beschrijving').fill('Elke dinsdag samen wandelen, daarna koffie.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('link', { name: 'Naar mijn aanbod', exact: true }).click();
  await expect(page.getByTestId('change-status')).toHaveText('Opgeslagen. Inwoners zien het nu.', { timeout: 30_000 });

  await bert.getByLabel('Telefoonnummer').fill('035 765 43 21');
  await bert.getByRole('button', { name: 'Opslaan' }).click();
  await bert.getByRole('link', { name: 'Naar mijn aanbod', exact: true }).click();
  const conflict = bert.getByTestId('conflict');
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  await expect(bert.getByTestId('change-status')).toContainText('iemand anders');
  // Both versions, side by side: his phone number, her description.
  await expect(conflict.getByRole('row', { name: /^Contact/ }).getByTestId('mine')).toContainText('035 765 43 21');
  await expect(conflict.getByRole('row', { name: /^Korte beschrijving/ }).getByTestId('theirs')).toContainText('Elke dinsdag samen wandelen');
  await expectNoViolations(bert);
  // Nothing of his was stored.
  expect(sqlite(server.dbPath, "SELECT COUNT(*) FROM catalogue_history WHERE record_id = 'senver-wandelen'")).toBe('1');

  await conflict.getByRole('button', { name: 'Mijn versie opslaan' }).click();
  await expect(bert.getByTestId('change-status')).toHaveText('Opgeslagen. Inwoners zien het nu.', { timeout: 30_000 });
  const body = sqlite(server.dbPath, "SELECT body FROM catalogue_records WHERE kind = 'activity' AND id = 'senver-wandelen'");
  expect(body).toContain('035 765 43 21');
  expect(sqlite(server.dbPath, "SELECT COUNT(*) FROM catalogue_history WHERE record_id = 'senver-wandelen'")).toBe('2');
  await bert.context().close();
});

test('a_new_activity_waits_for_an_editor_and_residents_see_it_only_once_published', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  addUser(server.dbPath, EDITOR.email, 'coordinator', EDITOR.password);
  await signIn(page, server.url, ANJA);
  await openOwnActivities(page);
  await page.getByRole('link', { name: 'Nieuwe activiteit toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nieuwe activiteit');
  // Nothing filled in: the form says what is missing, and keeps nothing.
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('#aanbod-fout')).toContainText('Geef de activiteit een naam.');
  await page.getByLabel('Naam', { exact: true }).fill('Breiclub bij Senver');
  await page.getByLabel('Korte beschrijving').fill('Samen breien en een kop koffie.');
  await page.getByRole('checkbox', { name: /^Ouderen/ }).check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('edit-saved')).toContainText('De redactie kijkt haar na');
  await page.getByRole('link', { name: 'Naar mijn aanbod', exact: true }).click();
  await expect(page.getByTestId('change-status')).toHaveText(/^Opgeslagen\. Het wacht op de redactie/, { timeout: 30_000 });

  // A resident does not find it.
  const pull = async () => (await page.request.get(`${server.url}/api/v1/sync/pull?cursor=0`)).json();
  expect(JSON.stringify((await pull()).activities)).not.toContain('Breiclub');
  const resident = await newDevice(browser);
  await resident.goto(`${server.url}/activiteiten?q=breiclub`);
  await expect(catalogue(resident).status).toHaveText(/^Geen activiteiten gevonden/);

  // The editor publishes it.
  const editor = await newDevice(browser);
  await signIn(editor, server.url, EDITOR);
  await editor.goto(`${server.url}/medewerkers/redactie`);
  const queue = editor.getByTestId('queue');
  await expect(queue).toContainText('Breiclub bij Senver');
  await expect(queue).toContainText(ANJA.email);
  await expectNoViolations(editor);
  await queue.getByRole('button', { name: /^Publiceren\s*: Breiclub bij Senver$/ }).click();
  await expect(editor.getByTestId('publish-message')).toHaveText('Breiclub bij Senver staat nu in Omzien.');
  await expect(editor.getByText('Er wacht niets op publicatie.')).toBeVisible();

  const published = (await pull()).activities.find((a: { name: string }) => a.name === 'Breiclub bij Senver');
  expect(published).toBeTruthy();
  await resident.goto(`${server.url}/activiteiten/${published.id}`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Breiclub bij Senver');
  await resident.context().close();
  await editor.context().close();
});

test('an_activity_nobody_confirmed_for_nine_months_warns_residents_and_sorts_last', async ({ page, browser, server }) => {
  test.setTimeout(60_000);
  // Today is 1 October 2027 on this device; everything was checked a month ago, the
  // walk last on 1 December 2026: 304 days.
  sqlite(server.dbPath, "UPDATE catalogue_records SET updated_on = '2027-09-01' WHERE kind = 'activity'");
  sqlite(server.dbPath, "UPDATE catalogue_records SET updated_on = '2026-12-01' WHERE id = 'senver-wandelen'");
  await page.clock.setFixedTime(new Date('2027-10-01T10:00:00+02:00'));
  await page.goto(`${server.url}/activiteiten`);
  const cat = catalogue(page);
  await expect(cat.items.first()).toBeVisible();
  await expect(cat.items.last()).toContainText(WALK);
  await cat.link(WALK).click();
  await expect(page.getByTestId('stale')).toHaveText('Mogelijk niet meer actueel. Vraag de organisatie of het nog doorgaat.');
  await expect(page.getByTestId('updated-on')).toHaveText('1 december 2026');
  await expectNoViolations(page);

  // Another activity, checked a month ago, has no notice.
  await page.goto(`${server.url}/activiteiten/senver-scrabble`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('stale')).toHaveCount(0);

  // The editor sees it in the stale list (on the server's own date: today, more than
  // nine months after 1 December 2026 only from September 2027 on, so the walk is
  // dated back further for this part).
  sqlite(server.dbPath, "UPDATE catalogue_records SET updated_on = '2020-01-01' WHERE id = 'senver-wandelen'");
  addUser(server.dbPath, EDITOR.email, 'coordinator', EDITOR.password);
  const editor = await newDevice(browser);
  await signIn(editor, server.url, EDITOR);
  await editor.goto(`${server.url}/medewerkers/redactie`);
  await expect(editor.getByTestId('stale-list')).toContainText(WALK);
  await expect(editor.getByTestId('stale-list')).not.toContainText('Scrabbelen');
  await editor.context().close();

  // Her organiser is asked "Klopt dit nog?", and one click confirms it.
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  const anja = await newDevice(browser);
  await signIn(anja, server.url, ANJA);
  await openOwnActivities(anja);
  const walk = anja.getByTestId('own-activities').getByRole('listitem').filter({ hasText: WALK });
  await expect(walk.getByTestId('ask-confirm')).toContainText('Klopt dit nog?');
  await walk.getByRole('button', { name: 'Ja, het klopt nog' }).click();
  await expect(walk.getByTestId('ask-confirm')).toContainText('Dank je');
  const changes = anja.getByTestId('changes');
  await expect(changes).toContainText(WALK);
  await expect(changes.getByTestId('change-status')).toHaveText('Bevestigd: het klopt nog.', { timeout: 30_000 });
  expect(sqlite(server.dbPath, "SELECT updated_on > '2020-01-01' FROM catalogue_records WHERE id = 'senver-wandelen'")).toBe('1');
  await anja.context().close();
});

test('an_organiser_of_senver_cannot_reach_versas_activity', async ({ page, server }) => {
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  await signIn(page, server.url, ANJA);
  await page.goto(`${server.url}/medewerkers/aanbod/versa-opbouwwerk`);
  await expect(page.getByTestId('not-yours')).toHaveText('Deze activiteit is van een andere organisatie.');
  await expect(page.getByRole('button', { name: 'Opslaan' })).toHaveCount(0);
  // The server says the same to a guessed address.
  const token = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('omzien');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return new Promise<string>((resolve, reject) => {
      const get = db.transaction('staff').objectStore('staff').get('session');
      get.onsuccess = () => resolve(get.result.token);
      get.onerror = () => reject(get.error);
    });
  });
  const response = await page.request.get(`${server.url}/api/v1/catalogue/activities/versa-opbouwwerk`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status()).toBe(403);
  await expectNoViolations(page);
});

test('an_organiser_withdraws_an_activity_residents_lose_it_and_an_editor_puts_it_back', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  addUser(server.dbPath, EDITOR.email, 'coordinator', EDITOR.password);
  // A resident's device has the walk.
  const resident = await newDevice(browser);
  await resident.goto(`${server.url}/activiteiten/senver-wandelen`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(WALK);

  await signIn(page, server.url, ANJA);
  await openOwnActivities(page);
  await page.getByTestId('own-activities').getByRole('link', { name: new RegExp(`^Wijzigen\\s*: ${WALK}$`) }).click();
  await page.getByRole('button', { name: 'Activiteit intrekken' }).click();
  await expect(page.locator('#intrekken-zeker')).toBeFocused();
  await expect(page.locator('#intrekken-zeker')).toHaveText(/^Weet je het zeker?/);
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Ja, intrekken' }).click();
  await expect(page.getByTestId('edit-saved')).toContainText('Ingetrokken op dit apparaat');
  await page.getByRole('link', { name: 'Naar mijn aanbod', exact: true }).click();
  const changes = page.getByTestId('changes');
  await expect(changes.getByTestId('change-status')).toHaveText(/^Ingetrokken\. Inwoners zien/, { timeout: 30_000 });
  await expect(changes).toContainText(WALK);
  await expect(page.getByTestId('own-activities')).not.toContainText(WALK);

  // The resident's device drops it at its next pull (a reload pulls).
  await resident.reload();
  await expect(resident.getByRole('heading', { level: 1 })).not.toHaveText(WALK);
  await resident.goto(`${server.url}/activiteiten?q=wandelen`);
  await expect(catalogue(resident).status).not.toContainText(WALK);
  await expect(resident.locator('main')).not.toContainText(WALK);

  // The editor sees it in the log, and puts it back from its history.
  const editor = await newDevice(browser);
  await signIn(editor, server.url, EDITOR);
  await editor.goto(`${server.url}/medewerkers/redactie`);
  const log = editor.getByTestId('log');
  await expect(log.getByRole('listitem').first()).toContainText(`${WALK}: Ingetrokken (${ANJA.email}`);
  await expectNoViolations(editor);
  await log.getByRole('link', { name: WALK }).first().click();
  await expect(editor.getByRole('heading', { level: 1 })).toHaveText('Geschiedenis van een activiteit');
  await editor.getByRole('button', { name: /^Zet versie \d+ terug/ }).first().click();
  await expect(editor.getByText(/^Teruggezet\. Dit is nu versie/)).toBeVisible();
  await resident.goto(`${server.url}/activiteiten/senver-wandelen`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(WALK);
  await resident.context().close();
  await editor.context().close();
});

test('the_living_catalogues_staff_pages_pass_axe_in_english', async ({ page, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, EDITOR.email, 'coordinator', EDITOR.password);
  await signIn(page, server.url, EDITOR);
  await page.evaluate(() => localStorage.setItem('omzien-taal', 'en'));
  const pages: [string, string][] = [
    ['/medewerkers/aanbod', 'My activities'],
    ['/medewerkers/aanbod/senver-wandelen', 'Change an activity'],
    ['/medewerkers/aanbod/nieuw', 'New activity'],
    ['/medewerkers/redactie', 'Editors'],
    ['/medewerkers/aanbod/senver-wandelen/geschiedenis', 'History of an activity'],
  ];
  for (const [path, title] of pages) {
    await page.goto(server.url + path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(title);
    await expect(page.locator('main .loading')).toHaveCount(0);
    await expectNoViolations(page);
  }
});

test('an_organiser_sets_fixed_days_languages_and_audience', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  await signIn(page, server.url, ANJA);
  await openOwnActivities(page);
  await page.getByTestId('own-activities').getByRole('link', { name: new RegExp(`^Wijzigen\\s*: ${WALK}$`) }).click();
  const days = page.getByRole('group', { name: 'Vaste dagen' });
  await days.getByRole('checkbox', { name: 'dinsdag' }).check();
  await days.getByLabel('Begint om').fill('14:00');
  await days.getByLabel('Eindigt om').fill('15:30');
  await page.getByRole('group', { name: 'Talen' }).getByRole('checkbox', { name: 'English' }).check();
  await expect(page.getByLabel('Voor wie is het bedoeld?')).toHaveValue('residents');
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('edit-saved')).toContainText('Opgeslagen op dit apparaat');
  await page.getByRole('link', { name: 'Naar mijn aanbod', exact: true }).click();
  await expect(page.getByTestId('changes').getByTestId('change-status')).toHaveText('Opgeslagen. Inwoners zien het nu.', { timeout: 30_000 });
  const body = JSON.parse(sqlite(server.dbPath, "SELECT body FROM catalogue_records WHERE id = 'senver-wandelen'"));
  expect(body.schedule).toEqual({ freq: 'WEEKLY', by_day: ['TU'], start_time: '14:00', end_time: '15:30' });
  expect(body.languages).toEqual(['nl', 'en']);

  // A resident reads the fixed day.
  const resident = await newDevice(browser);
  await resident.goto(`${server.url}/activiteiten/senver-wandelen`);
  await expect(resident.locator('main dl')).toContainText(/dinsdag/i);
  await resident.context().close();

  // The Luisterlijn's "dag en nacht" is no weekly schedule: shown in words, kept.
  addUser(server.dbPath, EDITOR.email, 'coordinator', EDITOR.password);
  const editor = await newDevice(browser);
  await signIn(editor, server.url, EDITOR);
  await editor.goto(`${server.url}/medewerkers/aanbod/luisterlijn-gesprek`);
  await expect(editor.getByTestId('fixed-days')).not.toBeEmpty();
  await expect(editor.getByRole('group', { name: 'Vaste dagen' }).getByRole('checkbox')).toHaveCount(0);
  await editor.context().close();
});
