// Signing up for an activity: stored on the device first ("saved" means saved), sent
// when there is a connection, applied by the server exactly once however the sending
// goes wrong, and the personal fields gone from the device once the server has them.
//
// What the server really stored is read from its SQLite file (db.ts), not from the
// page. Lost answers come from the server's test-only fault switch,
// OMZIEN_TEST_FAULTS (crates/server/src/faults.rs).

import { createHash, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import {
  JOZEFIEN,
  escapeRegExp,
  expectNoPersonalDataOnDevice,
  expectNoViolations,
  expectPageFrame,
  fillSignUp,
  mySignUps,
  outboxRecords,
  outboxStatus,
  seed,
  seedActivity,
  signUp,
  signUpForm,
  waitForServiceWorkerControl,
  type Person,
} from './helpers';
import { activityIn, startServer } from './server';

const WALK = 'senver-wandelen';
const BUURTMOBI = 'buurtmobi-kerkelanden';

const SIGN_UPS = 'SELECT COUNT(*) FROM sign_ups';
const APPLIED = 'SELECT COUNT(*) FROM applied_mutations';

/** The validation messages of crates/core/src/signup.rs that these tests provoke. */
const MESSAGE = {
  firstName: 'Vul je voornaam in.',
  contact: 'Vul een telefoonnummer of e-mailadres in. Dan kan de organisatie je bereiken.',
  phone: 'Dit telefoonnummer klopt niet. Gebruik 10 cijfers, bijvoorbeeld 06 12345678.',
  email: 'Dit e-mailadres klopt niet. Het ziet er zo uit: naam@voorbeeld.nl.',
  phoneNeeded: 'Vul je telefoonnummer in. De organisatie belt je als dat nodig is.',
  consent: 'Zet een vinkje als je het goed vindt dat we je gegevens bewaren voor deze aanmelding.',
};

/** Opens an activity page and waits for its sign-up form. */
async function openForm(page: Page, url: string, activityId: string): Promise<void> {
  await page.goto(`${url}/activiteiten/${activityId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seedActivity(activityId).name);
  await expect(signUpForm(page).heading).toBeVisible();
}

/** Cuts the network (also for the service worker) and waits until the app noticed. */
async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding');
}

/** From the receipt to "Mijn aanmeldingen", in the app (works offline too). */
async function followReceipt(page: Page): Promise<void> {
  await signUpForm(page).receipt.getByRole('link', { name: 'Mijn aanmeldingen' }).click();
  await expect(page).toHaveURL(/\/aanmeldingen$/);
  await expect(mySignUps(page).heading).toBeVisible();
}

// ---- the form ----

test('only_activities_that_take_sign_ups_in_the_app_show_the_form', async ({ page, server }) => {
  const withForm = seed.activities.filter((a) => a.sign_up_in_app === true).map((a) => a.id);
  expect(withForm, 'data/activities.json marks these for sign-up in the app').toEqual(
    expect.arrayContaining([WALK, BUURTMOBI]),
  );
  for (const id of [WALK, BUURTMOBI]) {
    await openForm(page, server.url, id);
    const form = signUpForm(page);
    for (const field of [form.firstName, form.phone, form.partySize, form.note, form.consent, form.submit]) {
      await expect(field).toBeVisible();
    }
    await expect(form.partySize.locator('option')).toHaveText(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    await expect(form.note).toHaveJSProperty('tagName', 'TEXTAREA');
  }

  const other = seed.activities.find((a) => !a.sign_up_in_app);
  expect(other, 'some activity takes no sign-ups in the app').toBeDefined();
  await page.goto(`${server.url}/activiteiten/${other!.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(other!.name);
  await expect(page.locator('main dl')).toBeVisible();
  await expect(signUpForm(page).heading).toHaveCount(0);
  await expect(signUpForm(page).submit).toHaveCount(0);
});

test('the_form_asks_only_for_the_contact_detail_the_activity_needs', async ({ page, server }) => {
  expect(seedActivity(WALK).sign_up_contact ?? 'phone_or_email').toBe('phone_or_email');
  await openForm(page, server.url, WALK);
  await expect(signUpForm(page).phone).toBeVisible();
  await expect(signUpForm(page).email).toBeVisible();
  await expect(page.getByText('Eén van de twee is genoeg.')).toBeVisible();

  // The Buurtmobi's volunteers plan rides by phone.
  expect(seedActivity(BUURTMOBI).sign_up_contact).toBe('phone');
  await openForm(page, server.url, BUURTMOBI);
  const form = signUpForm(page);
  await expect(form.phone).toBeVisible();
  await expect(form.email).toHaveCount(0);
  await expect(form.phone).toHaveAccessibleDescription(/De organisatie belt je als dat nodig is/);
  await form.firstName.fill('Kees');
  await form.consent.check();
  await form.submit.click();
  await expect(form.errors).toContainText(MESSAGE.phoneNeeded);
  await expect(form.phone).toHaveAttribute('aria-invalid', 'true');
  await expect(form.receipt).toHaveCount(0);
  await expect(form.firstName).toHaveValue('Kees');

  await form.phone.fill('06 11223344');
  await form.submit.click();
  await expect(form.receipt).toContainText('Je aanmelding is bewaard');
  await expect.poll(() => countRows(server.dbPath, SIGN_UPS), { timeout: 15_000 }).toBe(1);
});

test('bad_input_is_refused_with_clear_messages_and_nothing_is_lost', async ({ page, server }) => {
  await openForm(page, server.url, WALK);
  const form = signUpForm(page);

  // Everything empty but the party size and the message.
  const note = 'Ik neem mijn kleinzoon mee.';
  await form.partySize.selectOption('3');
  await form.note.fill(note);
  await form.submit.click();

  await expect(form.errors).toBeVisible();
  for (const message of [MESSAGE.firstName, MESSAGE.contact, MESSAGE.consent]) {
    await expect(form.errors).toContainText(message);
  }
  await expect(form.firstName).toHaveAttribute('aria-invalid', 'true');
  await expect(form.firstName).toHaveAccessibleDescription(new RegExp(escapeRegExp(MESSAGE.firstName)));
  for (const contact of [form.phone, form.email]) {
    await expect(contact).toHaveAttribute('aria-invalid', 'true');
    await expect(contact).toHaveAccessibleDescription(new RegExp(escapeRegExp(MESSAGE.contact)));
  }
  await expect(form.consent).toHaveAttribute('aria-invalid', 'true');
  await expect(form.consent).toHaveAccessibleDescription(new RegExp(escapeRegExp(MESSAGE.consent)));
  await expect(form.partySize).toHaveValue('3');
  await expect(form.note).toHaveValue(note);
  await expect(form.receipt).toHaveCount(0);

  // A name and a tick, but a phone number and an e-mail address that are wrong.
  await form.firstName.fill(JOZEFIEN.firstName);
  await form.phone.fill('12345');
  await form.email.fill('jozefien@');
  await form.consent.check();
  await form.submit.click();

  await expect(form.errors).toContainText(MESSAGE.phone);
  await expect(form.errors).toContainText(MESSAGE.email);
  await expect(form.errors).not.toContainText(MESSAGE.firstName);
  await expect(form.errors).not.toContainText(MESSAGE.consent);
  await expect(form.phone).toHaveAttribute('aria-invalid', 'true');
  await expect(form.phone).toHaveAccessibleDescription(new RegExp(escapeRegExp(MESSAGE.phone)));
  await expect(form.email).toHaveAttribute('aria-invalid', 'true');
  await expect(form.email).toHaveAccessibleDescription(new RegExp(escapeRegExp(MESSAGE.email)));
  await expect(form.firstName).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.consent).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.firstName).toHaveValue(JOZEFIEN.firstName);
  await expect(form.phone).toHaveValue('12345');
  await expect(form.email).toHaveValue('jozefien@');
  await expect(form.consent).toBeChecked();
  await expect(form.partySize).toHaveValue('3');
  await expect(form.note).toHaveValue(note);

  // Nothing was saved: not on the device, not on the server, no outbox line.
  expect(await outboxRecords(page)).toEqual([]);
  await expect(outboxStatus(page)).not.toContainText(/verbinding|verstuurd/);
  expect(countRows(server.dbPath, SIGN_UPS)).toBe(0);

  // Fixed: saved, sent, confirmed, with what was typed in the first round.
  await form.phone.fill(JOZEFIEN.phone!);
  await form.email.fill(JOZEFIEN.email!);
  await form.submit.click();
  await expect(form.receipt).toBeVisible();
  await expect(form.errors.filter({ hasText: /\S/ })).toHaveCount(0);
  await followReceipt(page);
  await expect(mySignUps(page).item(seedActivity(WALK).name)).toContainText('Bevestigd');
  expect(
    countRows(
      server.dbPath,
      `SELECT COUNT(*) FROM sign_ups WHERE first_name = 'Jozefien' AND party_size = 3 AND note = '${note}'`,
    ),
  ).toBe(1);
});

// ---- offline ----

test('sign_up_offline_waits_then_is_confirmed_exactly_once', async ({ page, context, server }) => {
  await openForm(page, server.url, WALK);
  await waitForServiceWorkerControl(page);
  await expect(signUpForm(page).heading).toBeVisible();

  await goOffline(page);
  await signUp(page, JOZEFIEN);
  const form = signUpForm(page);
  await expect(form.receipt).toContainText('Je aanmelding is bewaard');
  await expect(form.receipt).toContainText('We versturen hem zodra er weer verbinding is');
  await expect(outboxStatus(page)).toContainText('1 aanmelding wacht op verbinding');

  await followReceipt(page);
  const item = mySignUps(page).item(seedActivity(WALK).name);
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Wacht op verbinding');
  expect(countRows(server.dbPath, SIGN_UPS)).toBe(0);

  // The app sends on the `online` event.
  await context.setOffline(false);
  await expect(item).toContainText('Bevestigd', { timeout: 15_000 });
  await expect(outboxStatus(page)).toContainText('Alles is verstuurd');
  expect(countRows(server.dbPath, SIGN_UPS)).toBe(1);
  expect(countRows(server.dbPath, APPLIED)).toBe(1);
  await expectNoPersonalDataOnDevice(page, JOZEFIEN);
});

test('closing_the_page_with_items_waiting_sends_them_later', async ({ page, context, server }) => {
  await openForm(page, server.url, WALK);
  await waitForServiceWorkerControl(page);
  await expect(signUpForm(page).heading).toBeVisible();

  await goOffline(page);
  await signUp(page, JOZEFIEN);
  await expect(outboxStatus(page)).toContainText('1 aanmelding wacht op verbinding');
  // A second one, for another activity (the service worker serves the page offline).
  const other: Person = { firstName: 'Kees', phone: '06 11223344', partySize: 2 };
  await openForm(page, server.url, BUURTMOBI);
  await expect(outboxStatus(page)).toContainText('1 aanmelding wacht op verbinding');
  await signUp(page, other);
  await expect(outboxStatus(page)).toContainText('2 aanmeldingen wachten op verbinding');

  await page.close();
  await context.setOffline(false);
  expect(countRows(server.dbPath, SIGN_UPS)).toBe(0);

  const later = await context.newPage();
  await later.goto(server.url + '/aanmeldingen');
  const mine = mySignUps(later);
  await expect(mine.heading).toBeVisible();
  await expect(mine.item(seedActivity(WALK).name)).toContainText('Bevestigd', { timeout: 15_000 });
  await expect(mine.item(seedActivity(BUURTMOBI).name)).toContainText('Bevestigd');
  await expect(outboxStatus(later)).toContainText('Alles is verstuurd');
  // Exactly one row per sign-up.
  expect(countRows(server.dbPath, SIGN_UPS)).toBe(2);
  expect(countRows(server.dbPath, `SELECT COUNT(*) FROM sign_ups WHERE activity_id = '${WALK}'`)).toBe(1);
  expect(countRows(server.dbPath, `SELECT COUNT(*) FROM sign_ups WHERE activity_id = '${BUURTMOBI}'`)).toBe(1);
  await expectNoPersonalDataOnDevice(later, JOZEFIEN);
  await expectNoPersonalDataOnDevice(later, other);
});

test('cancelling_waits_for_a_connection_then_is_done', async ({ page, context, server }) => {
  await openForm(page, server.url, WALK);
  await waitForServiceWorkerControl(page);
  await expect(signUpForm(page).heading).toBeVisible();
  await signUp(page, JOZEFIEN);
  await followReceipt(page);
  const item = mySignUps(page).item(seedActivity(WALK).name);
  await expect(item).toContainText('Bevestigd');

  await goOffline(page);
  await item.getByRole('button', { name: 'Afmelden' }).click();
  await expect(item).toContainText('Afmelden wacht op verbinding');
  await expect(item.getByRole('button', { name: 'Afmelden' })).toHaveCount(0);
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups WHERE cancelled_at IS NOT NULL')).toBe(0);

  await context.setOffline(false);
  await expect(item).toContainText('Afgemeld', { timeout: 15_000 });
  await expect(item).not.toContainText('wacht op verbinding');
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups WHERE cancelled_at IS NOT NULL')).toBe(1);
  expect(countRows(server.dbPath, APPLIED)).toBe(2);
});

test('only_the_device_that_signed_up_can_cancel_and_a_refusal_is_said_plainly', async ({ page, server }) => {
  await openForm(page, server.url, WALK);
  await signUp(page, JOZEFIEN);
  await followReceipt(page);
  const item = mySignUps(page).item(seedActivity(WALK).name);
  await expect(item).toContainText('Bevestigd');

  // The device keeps the secret it made; the server only its SHA-256.
  const records = JSON.stringify(await outboxRecords(page));
  const secret = /cancel_secret\\?"\s*:\s*\\?"([0-9a-f]{64})/.exec(records)?.[1];
  expect(secret, records).toBeTruthy();
  const id = sqlite(server.dbPath, 'SELECT id FROM sign_ups');
  expect(sqlite(server.dbPath, 'SELECT lower(hex(cancel_secret_sha256)) FROM sign_ups')).toBe(
    createHash('sha256').update(secret!).digest('hex'),
  );

  // Someone who knows only the id is refused, with the answer an unknown id gets.
  const cancel = async (signUpId: string, guess: string) => {
    const response = await page.request.post(`${server.url}/api/v1/sync/push`, {
      data: { mutations: [{ id: randomUUID(), change: { cancel_sign_up: { sign_up_id: signUpId, secret: guess } } }] },
    });
    expect(response.status()).toBe(200);
    return (await response.json()).results[0].outcome;
  };
  const refused = { refused: { reason: 'unknown_sign_up' } };
  expect(await cancel(id, 'f'.repeat(64))).toEqual(refused);
  expect(await cancel(randomUUID(), 'f'.repeat(64))).toEqual(refused);
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups WHERE cancelled_at IS NOT NULL')).toBe(0);

  // Were the server ever to refuse this device's own cancel, the page says so plainly
  // and what to do instead, and offers no button that would be refused again.
  sqlite(server.dbPath, `UPDATE sign_ups SET cancel_secret_sha256 = zeroblob(32) WHERE id = '${id}'`);
  await item.getByRole('button', { name: 'Afmelden' }).click();
  await expect(item).toContainText('Afmelden is niet gelukt. Je aanmelding staat nog.', { timeout: 15_000 });
  await expect(item).toContainText('Bel of mail de organisatie.');
  await expect(item.getByRole('button', { name: 'Afmelden' })).toHaveCount(0);
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups WHERE cancelled_at IS NOT NULL')).toBe(0);
});

// ---- a full activity ----

test.describe('with one place left on the walk', () => {
  test.use({
    serverOptions: {
      editActivities: (activities) => {
        activityIn(activities, WALK).capacity = 1;
      },
    },
  });

  test('a_full_activity_puts_you_on_the_waiting_list', async ({ page, server }) => {
    await openForm(page, server.url, WALK);
    await signUp(page, { ...JOZEFIEN, partySize: 2 });
    const receipt = await signUpForm(page).receipt.innerText();
    await followReceipt(page);
    const item = mySignUps(page).item(seedActivity(WALK).name);
    await expect(item).toContainText('Op de wachtlijst');
    await expect(item.getByRole('button', { name: 'Afmelden' })).toBeVisible();
    // A waiting list is not a failure, and nothing on the way said so.
    for (const text of [receipt, await item.innerText(), await outboxStatus(page).innerText()]) {
      expect(text).not.toMatch(/mislukt|fout|niet gelukt/i);
    }
    expect(countRows(server.dbPath, "SELECT COUNT(*) FROM sign_ups WHERE place = 'waiting_list'")).toBe(1);
    expect(countRows(server.dbPath, SIGN_UPS)).toBe(1);
  });
});

// ---- lost answers ----

test.describe('when the answer to a push is lost after the server committed it', () => {
  test.use({ serverOptions: { env: { OMZIEN_TEST_FAULTS: 'drop-push-response-after-commit=1' } } });

  test('response_lost_after_commit_is_retried_and_applied_once', async ({ page, server }) => {
    // The app retries on a timer (15 s, with jitter) after a failed push.
    test.setTimeout(90_000);
    await openForm(page, server.url, WALK);
    const lost = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/api/v1/sync/push'));
    await signUp(page, JOZEFIEN);
    await lost;
    await expect.poll(() => server.stdout()).toContain('closing the connection without an answer');

    // Stored on the server, but the app has no answer yet.
    expect(countRows(server.dbPath, SIGN_UPS)).toBe(1);
    await followReceipt(page);
    const item = mySignUps(page).item(seedActivity(WALK).name);
    await expect(item).toContainText('Wacht op verbinding');

    await expect(item).toContainText('Bevestigd', { timeout: 40_000 });
    await expect(outboxStatus(page)).toContainText('Alles is verstuurd');
    expect(countRows(server.dbPath, SIGN_UPS)).toBe(1);
    expect(countRows(server.dbPath, APPLIED)).toBe(1);
    await expectNoPersonalDataOnDevice(page, JOZEFIEN);
  });
});

test.describe('when the server dies after committing a push', () => {
  test.use({ serverOptions: { env: { OMZIEN_TEST_FAULTS: 'hang-push-after-commit=1' } } });

  test('server_killed_mid_push_then_restarted_applies_once', async ({ page, server }) => {
    test.setTimeout(60_000);
    await openForm(page, server.url, WALK);
    await signUp(page, JOZEFIEN);
    await followReceipt(page);
    const item = mySignUps(page).item(seedActivity(WALK).name);

    // Committed, the answer still "in flight".
    await expect.poll(() => countRows(server.dbPath, SIGN_UPS), { timeout: 10_000 }).toBe(1);
    await expect(item).toContainText('Wacht op verbinding');
    await expect.poll(() => server.stdout()).toContain('never answering it');

    await server.kill();
    const again = await startServer({ dbPath: server.dbPath, port: server.port });
    try {
      // The app also retries on its own timer; this only saves waiting for it.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect(item).toContainText('Bevestigd', { timeout: 20_000 });
      await expect(outboxStatus(page)).toContainText('Alles is verstuurd');
      expect(countRows(again.dbPath, SIGN_UPS)).toBe(1);
      expect(countRows(again.dbPath, APPLIED)).toBe(1);
      await expectNoPersonalDataOnDevice(page, JOZEFIEN);
    } finally {
      await again.stop();
    }
  });
});

// ---- accessibility ----

test('axe_finds_no_wcag_violations_on the sign-up form', async ({ page, server }) => {
  await openForm(page, server.url, WALK);
  await expectPageFrame(page);
  await expectNoViolations(page);
});

test('axe_finds_no_wcag_violations_on the sign-up form showing its errors', async ({ page, server }) => {
  await openForm(page, server.url, WALK);
  const form = signUpForm(page);
  // Every kind of error at once: missing name and tick, wrong phone and e-mail.
  await form.phone.fill('12345');
  await form.email.fill('jozefien@');
  await form.submit.click();
  await expect(form.errors).toContainText(MESSAGE.firstName);
  await expect(form.errors).toContainText(MESSAGE.phone);
  await expectNoViolations(page);
});

test('axe_finds_no_wcag_violations_on Mijn aanmeldingen', async ({ page, server }) => {
  await openForm(page, server.url, WALK);
  await signUp(page, JOZEFIEN);
  await followReceipt(page);
  await expect(mySignUps(page).item(seedActivity(WALK).name)).toContainText('Bevestigd');
  await expect(outboxStatus(page)).toContainText('Alles is verstuurd');
  await expectPageFrame(page);
  await expectNoViolations(page);
});

test('axe_finds_no_wcag_violations_on Mijn aanmeldingen with nothing yet', async ({ page, server }) => {
  await page.goto(server.url + '/aanmeldingen');
  await expect(mySignUps(page).heading).toBeVisible();
  await expectPageFrame(page);
  await expectNoViolations(page);
});

