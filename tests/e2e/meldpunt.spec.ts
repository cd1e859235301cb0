// The meldpunt: a resident's note (also made offline, sealed on the device before it is
// stored, sent once, gone from the device once the meldpunt has it), staff sign-in, and
// a coordinator's triage (list, detail opened with the passphrase and an audit row per
// read, referral, closing). What the server stored is read
// from its SQLite file (db.ts).

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import {
  expectNoViolations,
  expectPageFrame,
  outboxRecords,
  outboxStatus,
  setUpMeldpunt,
  signIn,
  signUpForm,
  unlockMeldpunt,
} from './helpers';
import { addUser } from './server';

const NOTES = 'SELECT COUNT(*) FROM concern_notes';
const STORY = 'Mevrouw Bakker doet de deur niet meer open.';
const HINT = 'De buurvrouw op nummer 12';

/** Cuts the network (also for the service worker) and waits until the app noticed. */
async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding');
}

function noteForm(page: Page) {
  const main = page.locator('main');
  return {
    worried: main.getByRole('button', { name: /^Ik maak me zorgen om iemand/ }),
    wantsContact: main.getByRole('button', { name: /^Ik voel me eenzaam en wil graag contact/ }),
    who: main.getByLabel('Over wie gaat het? (mag leeg blijven)'),
    wijk: main.getByLabel(/^In welke wijk/),
    signal: (name: string) => main.getByRole('checkbox', { name }),
    story: main.getByLabel(/^(Vertel in je eigen woorden|Wil je iets over jezelf vertellen)/),
    urgency: (name: string) => main.getByRole('radio', { name }),
    mayContact: main.getByRole('checkbox', { name: /^Het meldpunt mag mij bellen of mailen/ }),
    mayShare: main.getByRole('checkbox', { name: /^Het meldpunt mag mijn melding doorgeven/ }),
    phone: main.getByLabel('Telefoonnummer', { exact: true }),
    email: main.getByLabel('E-mailadres', { exact: true }),
    agreed: main.getByRole('checkbox', { name: /^Ik vind het goed dat het meldpunt/ }),
    submit: main.getByRole('button', { name: 'Melding versturen' }),
    errors: main.getByRole('alert'),
    receipt: main.getByTestId('note-receipt'),
    myNotes: main.getByTestId('my-notes'),
  };
}

/** A neighbour's anonymous note about someone else, filled in and sent; with `share`
 * the meldpunt may pass it on to a partner. */
async function fileWorry(page: Page, { share = false } = {}): Promise<void> {
  const form = noteForm(page);
  await form.worried.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik maak me zorgen om iemand');
  await form.who.fill(HINT);
  await form.wijk.selectOption('oost');
  await form.signal('De post stapelt zich op').check();
  await form.story.fill(STORY);
  await form.urgency('Graag deze week').check();
  if (share) await form.mayShare.check();
  await form.agreed.check();
  await form.submit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je melding is bewaard');
}

test('a_note_made_offline_waits_and_arrives_once_without_its_body_left_on_the_device', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath);
  await page.goto(`${server.url}/melden`);
  await expect(noteForm(page).worried).toBeVisible();
  // The wijken come with the first pull; after that the form works offline.
  await expect(page.getByTestId('net-status')).toContainText('Bijgewerkt:');
  await goOffline(page);

  await fileWorry(page);
  await expect(noteForm(page).receipt).toContainText('Er is nu geen verbinding');
  await expect(page.locator('main')).toContainText('Een medewerker van het meldpunt leest je melding.');
  // Stored on the device, but sealed: not a byte of it readable (sealed.spec.ts looks
  // through all of the browser's storage).
  const waiting = JSON.stringify(await outboxRecords(page));
  expect(waiting, 'the note is stored on the device').toContain('"sealed"');
  for (const personal of [STORY, HINT, 'mail_piling_up', '"body"']) {
    expect(waiting, `the outbox holds ${personal} in the clear`).not.toContain(personal);
  }
  await expect(outboxStatus(page)).toContainText('1 bericht wacht op verbinding');

  await page.getByRole('button', { name: 'Klaar' }).click();
  await expect(noteForm(page).myNotes).toContainText('Wacht op verbinding');
  expect(countRows(server.dbPath, NOTES)).toBe(0);

  await page.context().setOffline(false);
  await expect(noteForm(page).myNotes).toContainText('Ontvangen door het meldpunt', { timeout: 20_000 });
  await expect(outboxStatus(page)).toContainText('Alles is verstuurd');
  expect(countRows(server.dbPath, NOTES)).toBe(1);
  expect(sqlite(server.dbPath, 'SELECT kind, wijk, urgency, status FROM concern_notes')).toBe('worried|oost|this_week|new');
  expect(sqlite(server.dbPath, 'SELECT body FROM concern_note_bodies')).not.toContain(STORY);
  expect(sqlite(server.dbPath, 'SELECT sealed FROM concern_note_bodies')).toBe('1');

  const stored = JSON.stringify(await outboxRecords(page));
  expect(stored, 'the receipt stays').toContain('"wijk":"oost"');
  for (const personal of [STORY, HINT, 'mail_piling_up', '"body"']) {
    expect(stored, `the outbox still holds ${personal}`).not.toContain(personal);
  }
});

test('every_broken_rule_is_shown_at_once_and_nothing_is_saved', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath);
  await page.goto(`${server.url}/melden`);
  await expectPageFrame(page);
  await expectNoViolations(page);
  const form = noteForm(page);
  await form.wantsContact.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik voel me eenzaam en wil graag contact');
  await expectNoViolations(page);
  await form.phone.fill('12345');
  await form.submit.click();
  await expect(form.errors).toBeFocused();
  for (const message of [
    'Kies de wijk.',
    'Dit telefoonnummer klopt niet.',
    'Zet een vinkje als het meldpunt contact met je mag opnemen.',
    'Zet een vinkje als je het goed vindt dat het meldpunt je melding bewaart en leest.',
  ]) {
    await expect(form.errors).toContainText(message);
  }
  await expect(form.phone).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
  expect(await outboxRecords(page)).toEqual([]);

  // Put right, it is saved; the receipt says plainly what happens next.
  await form.wijk.selectOption('zuidoost');
  await form.phone.fill('06 12345678');
  await form.mayContact.check();
  await form.agreed.check();
  await form.submit.click();
  await expect(form.receipt).toBeVisible();
  await expect(page.locator('main')).toContainText('Die neemt contact met je op');
  await expectNoViolations(page);
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(1);
  expect(sqlite(server.dbPath, 'SELECT kind, about FROM concern_notes')).toBe('wants_contact|self');

  // Leaving the page forgets the receipt and what was typed.
  await page.getByRole('link', { name: 'Activiteiten', exact: true }).click();
  await page.getByRole('link', { name: 'Mijn meldingen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Melden bij het meldpunt');
  await expect(form.receipt).toHaveCount(0);
  await form.wantsContact.click();
  await expect(form.phone).toHaveValue('');
});

test('the_note_form_works_with_the_keyboard_only', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath);
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId('net-status')).toContainText('Bijgewerkt:');
  const tile = page.getByRole('link', { name: /^Maak je je zorgen om iemand/ });
  await tile.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/melden$/);
  await noteForm(page).worried.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const form = noteForm(page);
  await form.signal('Zegt zich alleen te voelen').focus();
  await page.keyboard.press('Space');
  await expect(form.signal('Zegt zich alleen te voelen')).toBeChecked();
  await form.wijk.focus();
  await page.keyboard.press('ArrowDown');
  await expect(form.wijk).not.toHaveValue('');
  await form.agreed.focus();
  await page.keyboard.press('Space');
  await form.submit.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je melding is bewaard');
});

// ---- staff ----

/** No sideways scrolling at 320 CSS px (400 % zoom); then back to the usual window. */
async function expectReflow(page: Page, what: string): Promise<void> {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${what} scrolls sideways` })
    .toBeLessThanOrEqual(320);
  await page.setViewportSize(before);
}

const ANNA = { email: 'anna@example.nl', password: 'een lang genoeg wachtwoord' };
const BO = { email: 'bo@example.nl', password: 'nog een lang wachtwoord' };

test('anonymous_callers_get_no_notes', async ({ page, server }) => {
  for (const path of ['/api/v1/notes', '/api/v1/notes/00000000-0000-4000-8000-000000000000']) {
    const answer = await page.request.get(server.url + path);
    expect(answer.status(), path).toBe(401);
  }
  await page.goto(`${server.url}/meldpunt`);
  await expect(page.locator('main')).toContainText('Log eerst in');
  await expectNoViolations(page);
});

test('a_coordinator_signs_in_reads_refers_and_closes_a_note', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath, ANNA);
  await page.goto(`${server.url}/melden`);
  await fileWorry(page, { share: true });
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(1);

  await page.goto(`${server.url}/medewerkers`);
  await expectNoViolations(page);
  await page.getByLabel('E-mailadres', { exact: true }).fill(ANNA.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('fout wachtwoord van mij');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('alert')).toContainText('Dit e-mailadres of wachtwoord klopt niet.');
  await expectNoViolations(page);
  await signIn(page, server.url, ANNA);
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'Naar de meldingen (meldpunt)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meldingen');
  await expect(page.getByTestId('triage-counts')).toContainText('Nieuw: 1');
  const list = page.getByRole('table', { name: 'Meldingen' });
  await expect(list.getByRole('link')).toHaveText(['Ik maak me zorgen om iemand']);
  await expect(list.getByRole('row').nth(1)).toContainText('Oost');
  await expectNoViolations(page);
  await page.getByLabel('Status', { exact: true }).selectOption('closed');
  await expect(page.locator('main')).toContainText('Geen meldingen gevonden');
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Haast', { exact: true }).selectOption('this_week');
  await expect(list.getByRole('link')).toHaveCount(1);
  expect(countRows(server.dbPath, "SELECT COUNT(*) FROM note_audit WHERE action = 'read'")).toBe(0);

  await expectReflow(page, 'the triage list');
  await list.getByRole('link').click();
  // Sealed: the page asks for the passphrase before it shows the body.
  await expect(page.getByTestId('unlock')).toBeVisible();
  await expectNoViolations(page);
  await unlockMeldpunt(page);
  await expect(page.getByTestId('note-body')).toContainText(STORY);
  await expect(page.getByTestId('note-body')).toContainText(HINT);
  await expect(page.getByTestId('note-body')).toContainText('De post stapelt zich op');
  expect(countRows(server.dbPath, "SELECT COUNT(*) FROM note_audit WHERE action = 'read'")).toBe(1);
  await expectNoViolations(page);
  await expectReflow(page, 'the note detail');

  await page.getByRole('button', { name: 'Neem in behandeling' }).click();
  await expect(page.getByTestId('note-facts')).toContainText('In behandeling');
  await page.getByRole('button', { name: 'Wijs aan mij toe' }).click();
  await expect(page.getByTestId('note-facts')).toContainText(ANNA.email);

  // Nothing is chosen for her.
  await expect(page.getByLabel('Waarheen?')).toHaveValue('');
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  await expect(page.getByRole('alert')).toContainText('Kies waarheen je doorverwijst.');
  await page.getByLabel('Waarheen?').selectOption('activity');
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  await expect(page.getByRole('alert')).toContainText('Kies de activiteit.');
  await expectNoViolations(page);
  await page.getByLabel('Welke activiteit?').selectOption('senver-wandelen');
  await page.getByLabel(/^Korte notitie/).fill('Gebeld, ze gaat dinsdag mee wandelen.');
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  // Nothing goes before she confirms; "Nee, terug" sends nothing.
  const confirm = page.getByRole('group', { name: /^Je geeft deze melding door aan: Een activiteit: Wandelen met Senver/ });
  await expect(confirm).toBeFocused();
  await expectNoViolations(page);
  await confirm.getByRole('button', { name: 'Nee, terug' }).click();
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM note_referrals')).toBe(0);
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  await confirm.getByRole('button', { name: 'Ja, doorverwijzen' }).click();
  await expect(page.getByTestId('note-facts')).toContainText('Doorverwezen');
  // The same place twice is refused with the reason.
  await page.getByLabel('Waarheen?').selectOption('activity');
  await page.getByLabel('Welke activiteit?').selectOption('senver-wandelen');
  await page.getByRole('button', { name: 'Doorverwijzen' }).click();
  await confirm.getByRole('button', { name: 'Ja, doorverwijzen' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze melding is daar al naartoe doorverwezen.');
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM note_referrals')).toBe(1);
  await expect(page.getByTestId('referrals')).toContainText('Gebeld, ze gaat dinsdag mee wandelen.');
  await page.getByRole('button', { name: 'Rond af' }).click();
  await expect(page.getByTestId('note-facts')).toContainText('Afgerond');
  await expectNoViolations(page);

  expect(sqlite(server.dbPath, 'SELECT status FROM concern_notes')).toBe('closed');
  expect(sqlite(server.dbPath, 'SELECT target, activity_id FROM note_referrals')).toBe('activity|senver-wandelen');
  expect(countRows(server.dbPath, "SELECT COUNT(*) FROM note_audit WHERE action = 'read'")).toBe(1);
  expect(sqlite(server.dbPath, 'SELECT action FROM note_audit ORDER BY id').split('\n')).toEqual([
    'read',
    'status',
    'assign',
    'referral',
    'status',
  ]);

  // Offline the triage says so plainly.
  await page.goto(`${server.url}/meldpunt`);
  await expect(page.getByTestId('triage-counts')).toContainText('Afgerond: 1');
  await goOffline(page);
  await expect(page.getByTestId('triage-offline')).toContainText('Er is nu geen verbinding.');
  await page.context().setOffline(false);

  await page.goto(`${server.url}/medewerkers`);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible();
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM sessions')).toBe(0);
});

/** Puts an item "on behalf" of a resident straight into the app's outbox, as step 4's form would. */
async function queueOnBehalf(page: Page, id: string): Promise<void> {
  await page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('omzien');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').put({
            id,
            created_at: Date.now(),
            change: {
              concern_note: {
                routing: {
                  kind: 'wants_contact',
                  about: 'self',
                  wijk: 'zuid',
                  urgency: 'normal',
                  reporter_role: 'resident',
                  channel: 'on_behalf',
                },
                body: {
                  signals: [],
                  story: 'Meneer wil graag iemand om mee te praten.',
                  reporter: { phone: '06 12345678' },
                  consent: { agreed: true, may_contact_reporter: true },
                },
              },
            },
          });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    id,
  );
}

test('a_note_the_reporter_did_not_allow_to_share_cannot_be_referred', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath, ANNA);
  await page.goto(`${server.url}/melden`);
  await fileWorry(page);
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM concern_notes'), { timeout: 15_000 }).toBe(1);
  await signIn(page, server.url, ANNA);
  await page.goto(`${server.url}/meldpunt`);
  await page.getByRole('table', { name: 'Meldingen' }).getByRole('link').click();
  await unlockMeldpunt(page);
  await page.getByRole('button', { name: 'Neem in behandeling' }).click();
  await expect(page.getByTestId('refer-blocked')).toHaveText(
    'De melder wil niet dat deze melding naar een partner gaat. Doorverwijzen kan daarom niet. Neem zelf contact op, of rond de melding af.',
  );
  await expect(page.getByLabel('Waarheen?')).toHaveCount(0);
  await expectNoViolations(page);
});

test('an_item_on_behalf_waits_for_a_sign_in_and_then_goes', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath);
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  await page.goto(`${server.url}/melden`);
  await expect(noteForm(page).worried).toBeVisible();
  await queueOnBehalf(page, '6d2c1f9e-8a4b-4c1d-9e2f-0a1b2c3d4e5f');
  await page.reload();
  // The resident's own note is not held up by it.
  await fileWorry(page);
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(1);
  await expect(page.getByTestId('sign-in-needed')).toContainText('1 bericht namens een bewoner wacht tot een medewerker weer inlogt');
  await expectNoViolations(page);
  expect(JSON.stringify(await outboxRecords(page))).toContain('Meneer wil graag iemand');

  await signIn(page, server.url, BO);
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(2);
  expect(sqlite(server.dbPath, "SELECT u.email FROM concern_notes n JOIN users u ON u.id = n.pushed_by WHERE n.channel = 'on_behalf'")).toBe(BO.email);
  await expect(page.getByTestId('sign-in-needed')).toHaveCount(0);
  await expect(outboxStatus(page)).toContainText('Alles is verstuurd');
  expect(JSON.stringify(await outboxRecords(page))).not.toContain('Meneer wil graag iemand');
});

test('a_session_that_ended_on_the_server_keeps_the_items_and_asks_for_a_new_sign_in', async ({ page, server }) => {
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  await signIn(page, server.url, BO);
  // The server ends every session (as an admin would); the device still has the token.
  sqlite(server.dbPath, 'DELETE FROM sessions');
  await queueOnBehalf(page, '7e3d2a0f-9b5c-4d2e-8f30-1b2c3d4e5f60');
  await page.reload();
  await expect(page.getByTestId('sign-in-needed')).toContainText('wacht tot een medewerker weer inlogt', { timeout: 15_000 });
  expect(countRows(server.dbPath, NOTES)).toBe(0);
  await expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible();

  await signIn(page, server.url, BO);
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(1);
  await expect(page.getByTestId('sign-in-needed')).toHaveCount(0);
});

test('an_outreach_worker_makes_a_note_on_behalf_of_a_resident', async ({ page, browser, server }) => {
  setUpMeldpunt(server.dbPath, ANNA);
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  await page.goto(`${server.url}/melden`);
  await noteForm(page).wantsContact.click();
  await expect(page.getByRole('checkbox', { name: 'Ik vul dit in namens een bewoner' })).toHaveCount(0);

  await signIn(page, server.url, BO);
  await page.goto(`${server.url}/melden`);
  const form = noteForm(page);
  await form.wantsContact.click();
  await page.getByRole('checkbox', { name: 'Ik vul dit in namens een bewoner' }).check();
  await form.wijk.selectOption('zuid');
  await page.getByLabel('Telefoonnummer van de bewoner', { exact: true }).fill('035 1234567');
  await page.getByRole('checkbox', { name: /^Het meldpunt mag de bewoner bellen of mailen/ }).check();
  await page.getByRole('checkbox', { name: /^De bewoner vindt het goed/ }).check();
  await expectNoViolations(page);
  await form.submit.click();
  await expect(form.receipt).toBeVisible();
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(1);
  expect(
    sqlite(server.dbPath, 'SELECT n.channel, u.email FROM concern_notes n JOIN users u ON u.id = n.pushed_by'),
  ).toBe(`on_behalf|${BO.email}`);

  // The meldpunt sees which worker sent it, so it can ask her.
  const meldpunt = await browser.newContext();
  try {
    const triage = await meldpunt.newPage();
    await signIn(triage, server.url, ANNA);
    await triage.goto(`${server.url}/meldpunt`);
    // Already in the list, without opening the note.
    await expect(triage.getByRole('table', { name: 'Meldingen' }).getByRole('row').nth(1)).toContainText(
      `Door ${BO.email}, namens een bewoner`,
    );
    await triage.getByRole('table', { name: 'Meldingen' }).getByRole('link').click();
    await unlockMeldpunt(triage);
    await expect(triage.getByTestId('note-facts')).toContainText(`Door ${BO.email}, namens een bewoner`);
  } finally {
    await meldpunt.close();
  }
});

test('an_organiser_signed_in_neither_sends_items_on_behalf_nor_holds_up_the_rest', async ({ page, server }) => {
  setUpMeldpunt(server.dbPath);
  addUser(server.dbPath, 'org@example.nl', 'organiser', 'een organisator wachtwoord');
  await signIn(page, server.url, { email: 'org@example.nl', password: 'een organisator wachtwoord' });
  await queueOnBehalf(page, '8f4e3b1a-0c6d-4e3f-9a41-2c3d4e5f6071');
  await page.goto(`${server.url}/melden`);
  await fileWorry(page);
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(1);
  expect(sqlite(server.dbPath, 'SELECT channel FROM concern_notes')).toBe('self');
  await expect(page.getByTestId('sign-in-needed')).toContainText('1 bericht namens een bewoner wacht');
});

test('an_outreach_worker_signs_a_resident_up_on_their_behalf', async ({ page, server }) => {
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  const onBehalf = () => page.getByRole('checkbox', { name: 'Ik meld een bewoner aan, namens hem of haar' });
  // Not offered to someone who is not signed in as outreach worker.
  await page.goto(`${server.url}/activiteiten/senver-wandelen`);
  await expect(signUpForm(page).heading).toBeVisible();
  await expect(onBehalf()).toHaveCount(0);

  await signIn(page, server.url, BO);
  await page.goto(`${server.url}/activiteiten/senver-wandelen`);
  await expect(signUpForm(page).heading).toBeVisible();
  await onBehalf().check();
  const form = signUpForm(page);
  // Every question now speaks about the resident.
  await page.getByLabel('Voornaam van de bewoner', { exact: true }).fill('Henk');
  await page.getByLabel('Telefoonnummer van de bewoner', { exact: true }).fill('06 22334455');
  await page.getByRole('checkbox', { name: /^De bewoner vindt het goed/ }).check();
  await expectNoViolations(page);
  await form.submit.click();
  await expect(page.getByRole('status').filter({ hasText: 'De aanmelding van de bewoner is bewaard' })).toBeVisible();
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups'), { timeout: 15_000 }).toBe(1);
  expect(
    sqlite(server.dbPath, 'SELECT s.channel, s.first_name, u.email FROM sign_ups s JOIN users u ON u.id = s.pushed_by'),
  ).toBe(`on_behalf|Henk|${BO.email}`);
});

test('without_the_wijken_on_the_device_the_form_says_why_it_cannot_be_sent', async ({ page, server }) => {
  // A first visit where the catalogue never arrives (the pull fails).
  await page.route('**/api/v1/sync/pull**', (route) => route.abort());
  await page.goto(`${server.url}/melden`);
  await noteForm(page).wantsContact.click();
  await expect(page.getByTestId('mp-geen-wijken')).toContainText('De wijken staan nog niet op dit apparaat');
  await expect(page.locator('#mp-wijk')).toHaveCount(0);
  await expectNoViolations(page);
});

// ---- other tabs ----

test('a_sign_in_and_a_sign_out_reach_the_other_open_tabs_at_once', async ({ context, server }) => {
  addUser(server.dbPath, ANNA.email, 'coordinator', ANNA.password);
  const first = await context.newPage();
  const second = await context.newPage();
  await second.goto(`${server.url}/meldpunt`);
  await expect(second.locator('main')).toContainText('Log eerst in');

  // Signed in in the first tab: the second shows the triage without a reload.
  await signIn(first, server.url, ANNA);
  await expect(second.getByTestId('triage-counts')).toContainText('Nieuw: 0');
  await expect(second.getByLabel('Status', { exact: true })).toBeVisible();

  // Signed out in the first tab: the second forgets the list and asks for a sign-in.
  await first.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(first.getByRole('button', { name: 'Inloggen' })).toBeVisible();
  await expect(second.locator('main')).toContainText('Log eerst in');
  await expect(second.getByTestId('triage-counts')).toHaveCount(0);
});

test('an_open_form_in_another_tab_offers_on_behalf_after_a_sign_in_and_sends_what_waited', async ({ context, server }) => {
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  const first = await context.newPage();
  const second = await context.newPage();
  await second.goto(`${server.url}/melden`);
  await expect(second.getByTestId('net-status')).toContainText('Bijgewerkt:');
  await queueOnBehalf(second, '9a5f4c2b-1d7e-4f40-8b52-3d4e5f607182');
  await second.reload();
  await expect(second.getByTestId('sign-in-needed')).toContainText('1 bericht namens een bewoner wacht');
  await noteForm(second).wantsContact.click();
  const onBehalf = second.getByRole('checkbox', { name: 'Ik vul dit in namens een bewoner' });
  await expect(onBehalf).toHaveCount(0);

  await signIn(first, server.url, BO);
  await expect(onBehalf).toBeVisible();
  await expect.poll(() => countRows(server.dbPath, NOTES), { timeout: 15_000 }).toBe(1);
  await expect(second.getByTestId('sign-in-needed')).toHaveCount(0);

  await onBehalf.check();
  await expect(second.getByRole('checkbox', { name: /^De bewoner vindt het goed/ })).toBeVisible();
  await first.getByRole('button', { name: 'Uitloggen' }).click();
  // Signed out elsewhere: the form no longer offers (or sends) "on behalf".
  await expect(onBehalf).toHaveCount(0);
  await expect(second.getByRole('checkbox', { name: /^Ik vind het goed dat het meldpunt/ })).toBeVisible();
});

// ---- a long list ----

/** `n` notes straight into the server's database (the list reads no body). */
function storeNotes(dbPath: string, n: number): void {
  sqlite(
    dbPath,
    `WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ${n})
     INSERT INTO concern_notes (id, kind, about, wijk, urgency, reporter_role, channel, received_at)
     SELECT printf('00000000-0000-4000-8000-%012d', n), 'worried', 'someone_else', 'oost', 'normal',
            'neighbour', 'kiosk', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('-%d minutes', 1000 - n))
     FROM i`,
  );
}

test('a_long_list_comes_in_pages_and_meer_laden_goes_on_at_the_first_new_note', async ({ page, server }) => {
  addUser(server.dbPath, ANNA.email, 'coordinator', ANNA.password);
  storeNotes(server.dbPath, 57);
  await signIn(page, server.url, ANNA);
  await page.goto(`${server.url}/meldpunt`);
  const list = page.getByRole('table', { name: 'Meldingen' });
  await expect(list.getByRole('link')).toHaveCount(50);
  await expect(page.getByRole('heading', { name: '57 meldingen' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Je ziet 50 van de 57 meldingen.');
  await expect(page.getByTestId('triage-counts')).toContainText('Nieuw: 57');
  await expectNoViolations(page);

  // With the keyboard: focus goes to the first note of the new page.
  const more = page.getByRole('button', { name: 'Meer laden' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('link')).toHaveCount(57);
  await expect(list.getByRole('link').nth(50)).toBeFocused();
  await expect(list.getByRole('link').nth(50)).toHaveAttribute('href', '/meldpunt/00000000-0000-4000-8000-000000000051');
  await expect(more).toHaveCount(0);
  const hrefs = await list.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(new Set(hrefs).size, 'no note twice').toBe(57);
  await expectNoViolations(page);
});

/** Three notes that differ in every column: urgency, wijk, age, status, assignee, channel. */
function storeMixedNotes(dbPath: string): void {
  sqlite(
    dbPath,
    `INSERT INTO concern_notes (id, kind, about, wijk, urgency, reporter_role, channel, status, assignee_id, pushed_by, received_at)
     VALUES
       ('00000000-0000-4000-8000-00000000000a', 'worried', 'someone_else', 'oost', 'normal', 'neighbour', 'self', 'new', NULL, NULL,
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days')),
       ('00000000-0000-4000-8000-00000000000b', 'wants_contact', 'self', 'centrum', 'today', 'resident', 'kiosk', 'in_progress',
        (SELECT id FROM users WHERE email = '${ANNA.email}'), NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 days')),
       ('00000000-0000-4000-8000-00000000000c', 'wants_contact', 'self', 'zuid', 'this_week', 'resident', 'on_behalf', 'new', NULL,
        (SELECT id FROM users WHERE email = '${BO.email}'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-10 days'))`,
  );
}

test('the_triage_table_sorts_by_its_headers_and_filters', async ({ page, server }) => {
  addUser(server.dbPath, ANNA.email, 'coordinator', ANNA.password);
  addUser(server.dbPath, BO.email, 'outreach_worker', BO.password);
  storeMixedNotes(server.dbPath);
  await signIn(page, server.url, ANNA);
  await page.goto(`${server.url}/meldpunt`);
  const table = page.getByRole('table', { name: 'Meldingen' });
  const order = () =>
    table.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice(-1)));
  const header = (name: string) => table.getByRole('columnheader', { name });
  await expect(table.getByRole('link')).toHaveCount(3);
  // The server's order: most urgent first.
  expect(await order()).toEqual(['b', 'c', 'a']);
  await expect(header('Haast')).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText(ANNA.email);
  await expect(table.getByRole('row').nth(2)).toContainText(`Door ${BO.email}, namens een bewoner`);
  await expect(table.getByRole('row').nth(2)).toContainText('10 dagen');
  await expectNoViolations(page);

  // With the keyboard: oldest first, then the other way round.
  await header('Ontvangen').getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect.poll(order).toEqual(['c', 'a', 'b']);
  await expect(header('Ontvangen')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header('Haast')).toHaveAttribute('aria-sort', 'none');
  await page.keyboard.press('Enter');
  await expect.poll(order).toEqual(['b', 'a', 'c']);
  await expect(header('Ontvangen')).toHaveAttribute('aria-sort', 'descending');
  await header('Wijk').getByRole('button').click();
  await expect.poll(order).toEqual(['b', 'a', 'c']); // Centrum, Oost, Zuid
  await header('Status').getByRole('button').click();
  // Equal ones keep the server's order (c is more urgent than a).
  await expect.poll(order).toEqual(['c', 'a', 'b']); // new, new, in behandeling
  await header('Behandelaar').getByRole('button').click();
  await expect.poll(order).toEqual(['c', 'a', 'b']); // nobody yet first
  await header('Behandelaar').getByRole('button').click();
  await expect.poll(order).toEqual(['b', 'c', 'a']);
  await expectNoViolations(page);

  // The filters: status, urgency, wijk.
  await page.getByLabel('Status', { exact: true }).selectOption('new');
  await expect(table.getByRole('link')).toHaveCount(2);
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Haast', { exact: true }).selectOption('today');
  await expect.poll(order).toEqual(['b']);
  await page.getByLabel('Haast', { exact: true }).selectOption('');
  await page.getByLabel('Wijk', { exact: true }).selectOption('zuid');
  await expect.poll(order).toEqual(['c']);
  await page.getByLabel('Wijk', { exact: true }).selectOption('');
  await expect(table.getByRole('link')).toHaveCount(3);

  // At 200 % zoom on a laptop (640 CSS px) the page does not scroll sideways: the
  // table scrolls in its own box, and a line says so.
  await page.setViewportSize({ width: 640, height: 480 });
  await expect(page.getByText('Past de tabel niet op het scherm? Schuif hem dan opzij.')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(640);
  await expectNoViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByText('Past de tabel niet op het scherm? Schuif hem dan opzij.')).toBeHidden();

  await page.locator('select#taal').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('table', { name: 'Reports' })).toBeVisible();
  await expectNoViolations(page);
});
