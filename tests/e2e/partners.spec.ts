// "Waarheen verwijzen?" (pillar 5): staff find which partner offers which kind of help
// in a wijk — on its own page (also offline, on a home visit) and inside the meldpunt's
// referral, where the note's wijk is chosen already.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import { expectNoViolations, setUpMeldpunt, signIn, unlockMeldpunt } from './helpers';
import { addUser } from './server';

const WORKER = { email: 'wout@example.nl', password: 'een lang wachtwoord voor wout' };
const ANNA = { email: 'anna@example.nl', password: 'een lang wachtwoord voor anna' };

function helpKind(page: Page, heading: string) {
  return page.getByTestId('help-kind').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
}

test('an_outreach_worker_finds_partners_by_kind_of_help_and_wijk_also_offline', async ({ page, server }) => {
  addUser(server.dbPath, WORKER.email, 'outreach_worker', WORKER.password);
  await signIn(page, server.url, WORKER);
  await page.getByRole('link', { name: /^Waarheen verwijzen\?/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Waarheen verwijzen?');
  const count = page.getByTestId('partner-count');
  await expect(count).toContainText('partners');
  const everywhere = await count.textContent();
  await expectNoViolations(page);

  // Trainings for professionals are not a place to send someone.
  await expect(page.locator('main')).not.toContainText('Training: eenzaamheid herkennen');

  // In Oost: the wijk's own walking group first, then the city-wide one.
  await page.getByLabel('Wijk', { exact: true }).selectOption('oost');
  await expect(count).not.toHaveText(everywhere ?? '');
  const walking = helpKind(page, 'Wandelen');
  await expect(walking.getByRole('heading', { level: 3 })).toHaveText(['Voorbeeld-buurthuis', 'Stichting Senver']);
  await expect(walking.getByTestId('partner-activities').first()).toContainText('Wandelgroep Oost (in Oost)');
  await expect(walking.getByTestId('partner-activities').first()).toContainText('Voorbeeld');
  await expect(walking.getByTestId('partner-activities').nth(1)).toContainText('Wandelen met Senver (hele stad)');
  // Another wijk's offer is left out.
  await expect(page.locator('main')).not.toContainText('Buurtmobi');

  // One kind of help: only that section, with each partner's contact.
  await page.getByLabel('Soort hulp', { exact: true }).selectOption('buddy');
  await expect(page.getByTestId('help-kind')).toHaveCount(1);
  const buddies = helpKind(page, 'Maatje');
  await expect(buddies.getByRole('heading', { level: 3 })).toHaveText([
    'Maatjesproject',
    'Stichting Present Hilversum',
    'Stichting Senver',
  ]);
  await expect(buddies.getByRole('listitem').filter({ hasText: 'Stichting Senver' }).first()).toContainText('Kerngroep');
  await expectNoViolations(page);

  // On a home visit without signal: the page and its choices still work.
  await page.context().setOffline(true);
  await page.getByLabel('Soort hulp', { exact: true }).selectOption('helpline');
  await expect(helpKind(page, 'Praten aan de telefoon of online')).toContainText('De Luisterlijn');
  await expect(helpKind(page, 'Praten aan de telefoon of online')).toContainText('088 0767 000');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Waarheen verwijzen?');
  await expect(page.getByTestId('help-kind').first()).toBeVisible();
});

test('the_meldpunt_refers_to_an_activity_chosen_by_kind_of_help_in_the_notes_wijk', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath, ANNA);
  // A note from Oost, as a neighbour would send it.
  await page.goto(`${server.url}/melden`);
  const main = page.locator('main');
  await main.getByRole('button', { name: /^Ik maak me zorgen om iemand/ }).click();
  await main.getByLabel(/^In welke wijk/).selectOption('oost');
  await main.getByLabel(/^Vertel in je eigen woorden/).fill('Mijn buurman komt de deur niet meer uit.');
  await main.getByRole('radio', { name: 'Graag deze week' }).check();
  await main.getByRole('checkbox', { name: /^Het meldpunt mag mijn melding doorgeven/ }).check();
  await main.getByRole('checkbox', { name: /^Ik vind het goed dat het meldpunt/ }).check();
  await main.getByRole('button', { name: 'Melding versturen' }).click();
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM concern_notes'), { timeout: 15_000 }).toBe(1);

  await signIn(page, server.url, ANNA);
  await page.goto(`${server.url}/meldpunt`);
  await page.getByRole('table', { name: 'Meldingen' }).getByRole('link').click();
  await unlockMeldpunt(page);
  await page.getByRole('button', { name: 'Neem in behandeling' }).click();
  await expect(page.getByTestId('note-facts')).toContainText('In behandeling');

  await page.getByLabel('Waarheen?').selectOption('activity');
  // The note's wijk is chosen already; another wijk's activity is not offered.
  await expect(page.getByLabel('Wijk', { exact: true })).toHaveValue('oost');
  const which = page.getByLabel('Welke activiteit?');
  await expect(which.locator('option', { hasText: 'Wandelgroep Oost' })).toHaveCount(1);
  await expect(which.locator('option', { hasText: 'Buurtmobi' })).toHaveCount(0);
  await page.getByLabel('Soort hulp', { exact: true }).selectOption('walking');
  await expect(which.locator('optgroup')).toHaveCount(1);
  await expect(which.locator('optgroup')).toHaveAttribute('label', 'Wandelen');
  await expect(which.locator('option:not([value=""])')).toHaveText([
    'Wandelgroep Oost · Voorbeeld-buurthuis',
    'Wandelen met Senver · Stichting Senver',
  ]);
  await expectNoViolations(page);
  // A choice narrowed away is no choice any more.
  await which.selectOption('voorbeeld-wandelgroep-oost');
  await page.getByLabel('Wijk', { exact: true }).selectOption('zuid');
  await expect(which).toHaveValue('');
  await page.getByLabel('Wijk', { exact: true }).selectOption('oost');
  await which.selectOption('senver-wandelen');
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  await page.getByRole('button', { name: 'Ja, doorverwijzen' }).click();
  await expect(page.getByTestId('note-facts')).toContainText('Doorverwezen');
  expect(sqlite(server.dbPath, 'SELECT target, activity_id FROM note_referrals')).toBe('activity|senver-wandelen');

  // The whole guide is one link away, in the note's wijk.
  await page.getByLabel('Waarheen?').selectOption('activity');
  await page.getByRole('link', { name: 'Alle partners per soort hulp en wijk' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Waarheen verwijzen?');
  await expect(page.getByLabel('Wijk', { exact: true })).toHaveValue('oost');
});

test('where_to_refer_in_english_passes_axe', async ({ page, server }) => {
  addUser(server.dbPath, WORKER.email, 'outreach_worker', WORKER.password);
  await signIn(page, server.url, WORKER);
  await page.evaluate(() => localStorage.setItem('omzien-taal', 'en'));
  await page.goto(`${server.url}/medewerkers/verwijzen?wijk=centrum`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where to refer?');
  await expect(page.getByLabel('Neighbourhood', { exact: true })).toHaveValue('centrum');
  await expect(page.getByTestId('help-kind').first()).toBeVisible();
  await expectNoViolations(page);
});
