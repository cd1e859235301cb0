// The meldpunt's audit log in the staff app: an admin sees who opened or changed which
// note; nobody else does.

import { test, expect } from './fixtures';
import { countRows } from './db';
import { expectNoViolations, setUpMeldpunt, signIn, unlockMeldpunt } from './helpers';
import { addUser } from './server';

const ANNA = { email: 'anna@example.nl', password: 'een lang genoeg wachtwoord' };
const ADMIN = { email: 'beheer@example.nl', password: 'nog een lang wachtwoord' };

test('an_admin_sees_who_opened_and_changed_which_note_and_a_coordinator_does_not', async ({ page, server }) => {
  // Two staff members and a note, on a busy two-core machine.
  test.setTimeout(60_000);
  setUpMeldpunt(server.dbPath, ANNA);
  addUser(server.dbPath, ADMIN.email, 'admin', ADMIN.password);
  await page.goto(`${server.url}/melden`);
  const main = page.locator('main');
  await main.getByRole('button', { name: /^Ik maak me zorgen om iemand/ }).click();
  await main.getByLabel(/^In welke wijk/).selectOption('oost');
  await main.getByRole('checkbox', { name: 'De post stapelt zich op' }).check();
  await main.getByLabel(/^Vertel in je eigen woorden/).fill('Ik zie de buurman niet meer.');
  await main.getByRole('radio', { name: 'Graag deze week' }).check();
  await main.getByRole('checkbox', { name: /^Ik vind het goed dat het meldpunt/ }).check();
  await main.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je melding is bewaard');
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM concern_notes'), { timeout: 15_000 }).toBe(1);

  // The coordinator opens the note and takes it on; she has no log.
  await signIn(page, server.url, ANNA);
  await expect(page.getByRole('link', { name: /^Logboek/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Naar de meldingen (meldpunt)' }).click();
  await page.getByRole('table', { name: 'Meldingen' }).getByRole('link').click();
  await unlockMeldpunt(page);
  await page.getByRole('button', { name: 'Neem in behandeling' }).click();
  await expect(page.getByTestId('note-facts')).toContainText('In behandeling');
  await page.goto(`${server.url}/medewerkers/logboek`);
  await expect(page.locator('main')).toContainText('alleen voor beheerders');
  await expect(page.getByTestId('audit-log')).toHaveCount(0);
  await page.goto(`${server.url}/medewerkers`);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  // Signed out for good before the page is left: a reload mid-way would still find her session.
  await expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible();

  await signIn(page, server.url, ADMIN);
  await page.getByRole('link', { name: /^Logboek/ }).click();
  const rows = page.getByTestId('audit-log').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(ANNA.email);
  await expect(rows.nth(0)).toContainText('Status veranderd');
  await expect(rows.nth(1)).toContainText('Melding geopend');
  await expectNoViolations(page);
  // 320 px: the table scrolls in its own box, the page does not.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
