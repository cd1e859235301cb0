// Staff accounts in the app: an admin adds an organiser for Senver, who signs in on her
// own device and finds Senver's activities under "Mijn aanbod"; she turns an account off
// and on again, and the log on the page says so; a coordinator has no way in, neither
// by link nor by the API; the page passes axe in Dutch and English, also with an account
// whose password someone is guessing.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sqlite } from './db';
import { expectNoViolations, signIn } from './helpers';
import { addUser } from './server';

const ADMIN = { email: 'beheer@hilversum.example', password: 'een wachtwoord voor beheer' };
const ANJA = { email: 'anja@senver.example', password: 'een eerste wachtwoord' };
const ANNA = { email: 'anna@hilversum.example', password: 'een lang genoeg wachtwoord' };
const WALK = 'Wandelen met Senver';

async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Accounts van medewerkers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts van medewerkers');
  await expect(page.getByTestId('accounts')).toBeVisible();
}

test('an_admin_adds_an_organiser_who_signs_in_elsewhere_and_keeps_senvers_activities', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, ADMIN.email, 'admin', ADMIN.password);
  // The catalogue on this device gives the organisations' names.
  await page.goto(`${server.url}/activiteiten`);
  await expect(page.locator('main li').first()).toBeVisible();
  await signIn(page, server.url, ADMIN);
  await openAccounts(page);
  await expect(page.getByTestId('account')).toHaveCount(1);
  await expect(page.getByTestId('account')).toContainText('Dit ben jij');
  await expectNoViolations(page);

  // Every broken rule at once, each linked to its question.
  const main = page.locator('main');
  await main.getByLabel('E-mailadres van je collega').fill('anja@senver');
  await main.getByRole('button', { name: 'Account maken' }).click();
  const summary = page.locator('#acc-fout');
  await expect(summary).toContainText('Dit e-mailadres klopt niet');
  await expect(summary).toContainText('Kies minstens één organisatie.');
  await expect(summary).toContainText('Het eerste wachtwoord moet 12 tot 1024 tekens lang zijn.');
  await expect(main.getByLabel('E-mailadres van je collega')).toHaveAttribute('aria-invalid', 'true');
  await expect(main.getByLabel('Eerste wachtwoord')).toHaveAttribute('aria-describedby', 'acc-wachtwoord-uitleg acc-wachtwoord-fout');
  await expectNoViolations(page);
  expect(sqlite(server.dbPath, 'SELECT COUNT(*) FROM users')).toBe('1');

  await main.getByLabel('E-mailadres van je collega').fill(ANJA.email);
  await expect(main.getByLabel('Rol')).toHaveValue('organiser');
  await main.getByRole('checkbox', { name: 'Senver' }).check();
  await main.getByLabel('Eerste wachtwoord').fill(ANJA.password);
  await main.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.getByTestId('account-made')).toContainText(`Het account voor ${ANJA.email} is gemaakt.`);
  await expect(summary).toBeEmpty();
  const row = page.getByTestId('account').filter({ hasText: ANJA.email });
  await expect(row).toContainText('Organisator');
  await expect(row).toContainText('Senver');
  await expect(row).toContainText('Actief');
  expect(sqlite(server.dbPath, `SELECT role || ' ' || organisation_id FROM users JOIN user_organisations ON user_id = id WHERE email = '${ANJA.email}'`)).toBe('organiser senver');
  expect(sqlite(server.dbPath, "SELECT action FROM account_audit WHERE by_user IS NOT NULL")).toBe('add');

  // The same address again: the server says it is taken, next to the question.
  await main.getByLabel('E-mailadres van je collega').fill(ANJA.email);
  await main.getByRole('checkbox', { name: 'Senver' }).check();
  await main.getByLabel('Eerste wachtwoord').fill('nog een lang wachtwoord');
  await main.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.locator('#acc-email-fout')).toHaveText('Er is al een account met dit e-mailadres.');
  await expect(main.getByLabel('E-mailadres van je collega')).toHaveAttribute('aria-describedby', 'acc-email-fout');

  // Anja, on her own tablet.
  const tablet = await (await browser.newContext()).newPage();
  await signIn(tablet, server.url, ANJA);
  await tablet.getByRole('link', { name: /^Mijn aanbod/ }).click();
  await expect(tablet.getByRole('heading', { level: 1 })).toHaveText('Mijn aanbod');
  const own = tablet.getByTestId('own-activities');
  await expect(own).toContainText(WALK);
  await expect(own).not.toContainText('Versa');
  // An organiser sees no accounts and no editors' page.
  await tablet.goto(`${server.url}/medewerkers`);
  await expect(tablet.getByRole('link', { name: 'Accounts van medewerkers' })).toHaveCount(0);
  await expect(tablet.getByRole('link', { name: /^Redactie/ })).toHaveCount(0);

  // Turning her account off asks once more, then ends her session at once.
  await row.getByRole('button', { name: new RegExp(`^Uitzetten\\s*: ${ANJA.email}$`) }).click();
  await expect(row).toContainText(`${ANJA.email} kan dan niet meer inloggen.`);
  await expect(row.getByRole('button', { name: 'Ja, zet uit' })).toBeFocused();
  await expectNoViolations(page);
  await row.getByRole('button', { name: 'Ja, zet uit' }).click();
  await expect(page.getByTestId('account-message')).toHaveText(`Het account van ${ANJA.email} staat nu uit.`);
  await expect(row).toContainText('Uitgezet');
  expect(sqlite(server.dbPath, `SELECT COUNT(*) FROM sessions JOIN users ON users.id = user_id WHERE email = '${ANJA.email}'`)).toBe('0');
  await tablet.context().close();
});

test('a_coordinator_has_no_accounts_link_and_the_api_refuses_her', async ({ page, server }) => {
  addUser(server.dbPath, ANNA.email, 'coordinator', ANNA.password);
  await signIn(page, server.url, ANNA);
  await expect(page.getByRole('link', { name: 'Naar de meldingen (meldpunt)' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Redactie/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accounts van medewerkers' })).toHaveCount(0);
  await page.goto(`${server.url}/medewerkers/accounts`);
  await expect(page.locator('main')).toContainText('alleen voor beheerders');
  await expect(page.getByTestId('accounts')).toHaveCount(0);
  const signedIn = await page.request.post(`${server.url}/api/v1/auth/sign-in`, { data: ANNA });
  const { token: bearer } = await signedIn.json();
  const headers = { authorization: `Bearer ${bearer}` };
  expect((await page.request.get(`${server.url}/api/v1/users`, { headers })).status()).toBe(403);
  const add = await page.request.post(`${server.url}/api/v1/users`, {
    headers,
    data: { email: 'x@hilversum.example', role: 'admin', password: 'een lang genoeg wachtwoord' },
  });
  expect(add.status()).toBe(403);
  expect((await page.request.get(`${server.url}/api/v1/users`)).status()).toBe(401);
});

test('an_editor_gets_the_editors_page_and_no_meldpunt', async ({ page, server }) => {
  const editor = { email: 'redactie@hilversum.example', password: 'een wachtwoord voor de redactie' };
  addUser(server.dbPath, editor.email, 'redacteur', editor.password);
  await signIn(page, server.url, editor);
  await expect(page.getByTestId('signed-in')).toContainText('Rol: Redacteur.');
  await expect(page.getByRole('link', { name: /^Redactie/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Mijn aanbod/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Naar de meldingen (meldpunt)' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Logboek/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Accounts van medewerkers' })).toHaveCount(0);
  await page.getByRole('link', { name: /^Redactie/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redactie');
  await page.goto(`${server.url}/meldpunt`);
  await expect(page.locator('main')).toContainText('alleen voor coördinatoren van het meldpunt');
  await expect(page.getByRole('table', { name: 'Meldingen' })).toHaveCount(0);
  await expectNoViolations(page);
});

test('the_accounts_page_passes_axe_in_dutch_and_english', async ({ page, server }) => {
  test.setTimeout(60_000);
  addUser(server.dbPath, ADMIN.email, 'admin', ADMIN.password);
  addUser(server.dbPath, 'anja@senver.example', 'organiser', 'een lang genoeg wachtwoord', ['senver', 'versa-welzijn']);
  addUser(server.dbPath, 'weg@hilversum.example', 'outreach_worker', 'een lang genoeg wachtwoord');
  sqlite(server.dbPath, "UPDATE users SET disabled = 1 WHERE email = 'weg@hilversum.example'");
  // Someone guessed Anja's password: ten times from five addresses within the day.
  sqlite(server.dbPath, `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9)
    INSERT INTO sign_in_attempts (email, ip, at) SELECT 'anja@senver.example', '203.0.113.' || (i % 5),
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 hour') FROM n`);
  await signIn(page, server.url, ADMIN);
  // The sign-in made this browser a known device for her account (docs/decisions.md,
  // "Sign-in without lock-out"): a cookie scripts cannot read, sent to sign-in only.
  const device = (await page.context().cookies()).find((c) => c.name === 'omzien_device');
  expect(device?.httpOnly).toBe(true);
  expect(device?.path).toBe('/api/v1/auth/sign-in');
  expect(device?.value).toMatch(/^[0-9a-f]{64}$/);
  await openAccounts(page);
  await expect(page.getByTestId('account')).toHaveCount(3);
  const anja = page.getByTestId('account').filter({ hasText: 'anja@senver.example' });
  await expect(anja.getByTestId('failed-sign-ins')).toContainText('10 keer verkeerd ingelogd sinds');
  await expect(anja.getByTestId('failed-sign-ins')).toContainText('vanaf 5 adressen');
  await expect(anja).toContainText('Mogelijk probeert iemand het wachtwoord te raden.');
  await expect(page.getByTestId('failed-sign-ins')).toHaveCount(1);
  await expectNoViolations(page);
  // With every rule broken.
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.locator('#acc-fout li')).toHaveCount(3);
  await expectNoViolations(page);
  // The programme lead is a role an admin can give (issue 18).
  await expect(page.locator('select#acc-rol option[value="kartrekker"]')).toHaveText('Kartrekker (programmaleider)');

  await page.locator('select#taal').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff accounts');
  await expect(page.locator('#acc-fout')).toContainText('Fill in your colleague');
  await expect(page.locator('select#acc-rol option[value="kartrekker"]')).toHaveText('Programme lead (kartrekker)');
  await expect(page.getByTestId('accounts')).toContainText('Turned off');
  await expect(anja.getByTestId('failed-sign-ins')).toContainText('10 failed sign-ins since');
  await expect(anja).toContainText('Someone may be trying to guess the password.');
  await expectNoViolations(page);
});

test('an_admin_turns_an_account_off_and_on_again_and_the_log_shows_both', async ({ page, browser, server }) => {
  test.setTimeout(90_000);
  const BO = { email: 'bo@hilversum.example', password: 'een wachtwoord voor bo' };
  addUser(server.dbPath, ADMIN.email, 'admin', ADMIN.password);
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  await signIn(page, server.url, ADMIN);
  await openAccounts(page);
  const row = page.getByTestId('account').filter({ hasText: BO.email });
  const message = page.getByTestId('account-message');

  await row.getByRole('button', { name: new RegExp(`^Uitzetten\\s*: ${BO.email}$`) }).click();
  await row.getByRole('button', { name: 'Ja, zet uit' }).click();
  await expect(message).toHaveText(`Het account van ${BO.email} staat nu uit.`);
  await expect(row).toContainText('Uitgezet');

  // Bo, on her own tablet: her password is refused while the account is off.
  const tablet = await (await browser.newContext()).newPage();
  await tablet.goto(`${server.url}/medewerkers`);
  await tablet.getByLabel('E-mailadres', { exact: true }).fill(BO.email);
  await tablet.getByLabel('Wachtwoord', { exact: true }).fill(BO.password);
  await tablet.getByRole('button', { name: 'Inloggen' }).click();
  await expect(tablet.locator('main')).toContainText('Dit e-mailadres of wachtwoord klopt niet.');
  await expect(tablet.getByTestId('signed-in')).toHaveCount(0);

  // On again, in one click; the outcome is read out and has the focus.
  const on = row.getByRole('button', { name: new RegExp(`^Weer aanzetten\\s*: ${BO.email}$`) });
  await on.click();
  await expect(message).toHaveText(
    `Het account van ${BO.email} staat weer aan. Je collega logt in met hetzelfde wachtwoord als eerst.`,
  );
  await expect(message).toBeFocused();
  await expect(row).toContainText('Actief');
  await expect(row.getByRole('button', { name: new RegExp(`^Uitzetten\\s*: ${BO.email}$`) })).toBeVisible();
  expect(sqlite(server.dbPath, `SELECT disabled FROM users WHERE email = '${BO.email}'`)).toBe('0');

  await signIn(tablet, server.url, BO);
  await tablet.context().close();

  // The log, newest first: who did what to whom.
  await expect(page.getByRole('heading', { level: 2, name: 'Wat er met accounts gebeurde' })).toBeVisible();
  const lines = page.getByTestId('account-log-line');
  await expect(lines).toHaveCount(4);
  await expect(lines.nth(0)).toContainText('Weer aangezet');
  await expect(lines.nth(0)).toContainText(ADMIN.email);
  await expect(lines.nth(0)).toContainText(BO.email);
  await expect(lines.nth(1)).toContainText('Uitgezet');
  await expect(lines.nth(1)).toContainText(BO.email);
  // The two accounts of the test, made on the server's machine.
  await expect(lines.nth(2)).toContainText('Account gemaakt: Outreachmedewerker');
  await expect(lines.nth(2)).toContainText('Op de server');
  await expect(lines.nth(3)).toContainText('Account gemaakt: Beheerder');
  expect(sqlite(server.dbPath, 'SELECT group_concat(action, \' \') FROM (SELECT action FROM account_audit ORDER BY id)')).toBe(
    'add add disable enable',
  );
  await expectNoViolations(page);
});
