// A partner not yet in Omzien: its organiser registers it, it waits for an editor and
// residents do not see it; once published, residents find it and the organiser can add
// its activities without signing in again.

import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoViolations, signIn } from './helpers';
import { addUser } from './server';

const LIES = { email: 'lies@lindenhof.example', password: 'een lang wachtwoord voor lies' };
const EDITOR = { email: 'redactie@hilversum.example', password: 'een wachtwoord voor de redactie' };
const NAME = 'Buurthuis De Lindenhof';

async function newDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test('an_organiser_registers_her_organisation_an_editor_publishes_it_and_residents_then_find_it', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, LIES.email, 'organiser', LIES.password);
  addUser(server.dbPath, EDITOR.email, 'editor', EDITOR.password);
  await signIn(page, server.url, LIES);
  await page.getByRole('link', { name: /^Mijn aanbod/ }).click();
  await page.getByRole('link', { name: 'Organisatie aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisatie aanmelden');
  await expectNoViolations(page);

  // What is missing or wrong is said at once, under each question and at the top.
  const submit = page.getByRole('button', { name: 'Organisatie aanmelden' });
  await submit.click();
  await expect(page.locator('#org-fout-lijst')).toContainText('Schrijf de naam van de organisatie.');
  await expect(page.locator('#org-fout-lijst')).toContainText('Geef een telefoonnummer, e-mailadres of website.');
  await expect(page.getByLabel('Naam van de organisatie')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
  await page.getByLabel('Naam van de organisatie').fill(NAME);
  await page.getByLabel('Wat doet de organisatie?').fill('Een buurthuis in Oost met koffie, eten en spelletjes.');
  await page.getByLabel('Website').fill('www.lindenhof.nl');
  await submit.click();
  await expect(page.locator('#org-fout-lijst')).toContainText('Een website begint met https://.');
  await page.getByLabel('Website').fill('https://www.lindenhof.example');
  await submit.click();
  await expect(page.getByTestId('organisation-made')).toContainText(`${NAME} is aangemeld.`);
  await expect(page.getByTestId('organisation-made')).toContainText('De redactie kijkt de aanmelding na.');

  // A partner that is there already is not registered twice.
  await page.getByLabel('Naam van de organisatie').fill('stichting senver');
  await page.getByLabel('Wat doet de organisatie?').fill('Ouderenwerk.');
  await page.getByLabel('Telefoonnummer').fill('035 123 45 67');
  await submit.click();
  await expect(page.locator('#org-fout')).toContainText('Deze organisatie staat al in Omzien: Stichting Senver.');

  // Residents do not see it yet.
  const resident = await newDevice(browser);
  await resident.goto(`${server.url}/organisaties`);
  await expect(resident.getByRole('link', { name: 'Stichting Senver' })).toBeVisible();
  await expect(resident.locator('main')).not.toContainText(NAME);

  // The editor publishes it.
  const editor = await newDevice(browser);
  await signIn(editor, server.url, EDITOR);
  await editor.goto(`${server.url}/medewerkers/redactie`);
  const waiting = editor.getByTestId('queue-organisations');
  await expect(waiting).toContainText(NAME);
  await expect(waiting).toContainText(LIES.email);
  await expect(waiting).toContainText('https://www.lindenhof.example');
  await expectNoViolations(editor);
  await waiting.getByRole('button', { name: new RegExp(`^Publiceren\\s*: ${NAME}$`) }).click();
  await expect(editor.getByTestId('publish-message')).toHaveText(`${NAME} staat nu in Omzien.`);
  await expect(editor.getByText('Er wacht niets op publicatie.')).toBeVisible();

  await resident.goto(`${server.url}/organisaties/buurthuis-de-lindenhof`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(NAME);
  await expect(resident.locator('main')).toContainText('Aangemeld in Omzien door de organisatie op');

  // Lies adds its first activity without signing in again: she keeps it already.
  await page.goto(`${server.url}/organisaties/buurthuis-de-lindenhof`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);
  await page.goto(`${server.url}/medewerkers/aanbod/nieuw`);
  await expect(page.getByLabel('Organisatie', { exact: true }).locator('option')).toHaveText([NAME, 'Stichting Senver']);
  await resident.context().close();
  await editor.context().close();
});

test('registering_an_organisation_in_english_passes_axe_and_offline_says_it_needs_a_connection', async ({ page, server }) => {
  addUser(server.dbPath, LIES.email, 'organiser', LIES.password);
  await signIn(page, server.url, LIES);
  await page.evaluate(() => localStorage.setItem('omzien-taal', 'en'));
  await page.goto(`${server.url}/medewerkers/organisatie-aanmelden`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register an organisation');
  await page.getByRole('button', { name: 'Register organisation' }).click();
  await expect(page.getByLabel('Name of the organisation')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
  await page.context().setOffline(true);
  await expect(page.getByTestId('organisation-offline')).toContainText('needs an internet connection');
});
