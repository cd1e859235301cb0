// Sealed notes (issue 17): a coordinator sets the meldpunt up in her browser, a note
// written offline is sealed before it is stored (not a byte of the story or the
// person's name in IndexedDB, the Cache Storage or localStorage, nor in the server's
// database file), she reads it with her passphrase and not without, a colleague gets
// access from her, a new key keeps old notes readable, and a changed note is refused.

import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import { everythingStored, expectNoViolations, signIn, unlockMeldpunt, type StaffAccount } from './helpers';
import { addUser } from './server';

const ANNA: StaffAccount = { email: 'anna@example.nl', password: 'een lang genoeg wachtwoord' };
const BEA: StaffAccount = { email: 'bea@example.nl', password: 'bea haar lange wachtwoord' };
const ANNA_ZIN = 'de kraanvogels trekken over de hei';
const BEA_ZIN = 'bea fietst elke ochtend langs de vaart';
const STORY = 'Mevrouw Verhoeven doet al dagen de deur niet open.';
const PERSON = 'Mevrouw Verhoeven, Lindenlaan 7';
const REPORTER = 'Kees Brouwer';
const SECRETS = [STORY, PERSON, 'Verhoeven', 'Lindenlaan', REPORTER, '0611223344'];

/** A neighbour's note about someone, with her own name and number; not yet sent. */
async function fillWorry(page: Page): Promise<void> {
  const main = page.locator('main');
  await main.getByRole('button', { name: /^Ik maak me zorgen om iemand/ }).click();
  await main.getByLabel('Over wie gaat het? (mag leeg blijven)').fill(PERSON);
  await main.getByLabel(/^In welke wijk/).selectOption('oost');
  await main.getByRole('checkbox', { name: 'De post stapelt zich op' }).check();
  await main.getByLabel(/^Vertel in je eigen woorden/).fill(STORY);
  await main.getByRole('radio', { name: 'Graag deze week' }).check();
  await main.getByRole('checkbox', { name: /^Het meldpunt mag mij bellen of mailen/ }).check();
  await main.getByLabel(/^Je naam/).fill(REPORTER);
  await main.getByLabel('Telefoonnummer', { exact: true }).fill('06 11223344');
  await main.getByRole('checkbox', { name: /^Ik vind het goed dat het meldpunt/ }).check();
}

/** The SQLite file and its write-ahead log as bytes on disk. */
function databaseBytes(dbPath: string): string {
  sqlite(dbPath, 'PRAGMA wal_checkpoint(TRUNCATE);');
  let bytes = readFileSync(dbPath).toString('latin1');
  try {
    bytes += readFileSync(`${dbPath}-wal`).toString('latin1');
  } catch {
    // no log after the checkpoint
  }
  return bytes;
}

/** A staff member's own window, signed in at the key page. */
async function keyPage(browser: Browser, url: string, who: StaffAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, url, who);
  await page.goto(`${url}/medewerkers/meldpunt-sleutel`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sleutel van het meldpunt');
  return page;
}

async function choosePassphrase(page: Page, passphrase: string, button: string): Promise<void> {
  const form = page.getByTestId('choose-passphrase');
  await form.getByLabel('Wachtwoordzin', { exact: true }).fill(passphrase);
  await form.getByLabel('Herhaal de wachtwoordzin').fill(passphrase);
  await form.getByRole('button', { name: button }).click();
}

async function openOnlyNote(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/meldpunt`);
  await page.getByRole('table', { name: 'Meldingen' }).getByRole('link').first().click();
}

test('a_note_written_offline_is_sealed_before_it_is_stored_and_only_the_passphrase_opens_it', async ({
  page,
  browser,
  server,
}) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, ANNA.email, 'coordinator', ANNA.password);

  // Before the meldpunt is set up, a device has nothing to seal to: it says so and
  // keeps nothing.
  await page.goto(`${server.url}/melden`);
  await expect(page.getByTestId('net-status')).toContainText('Bijgewerkt:');
  await fillWorry(page);
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Het meldpunt kan op dit apparaat nog geen meldingen ontvangen.' })).toBeVisible();
  for (const secret of SECRETS) expect(await everythingStored(page)).not.toContain(secret);

  // Anna sets it up in her browser; the screen says plainly what losing it means.
  const anna = await keyPage(browser, server.url, ANNA);
  await expect(anna.getByRole('heading', { name: 'Het meldpunt instellen' })).toBeVisible();
  await expect(anna.locator('main')).toContainText(
    'Zijn alle wachtwoordzinnen kwijt? Dan kan niemand de oude meldingen nog lezen.',
  );
  await expectNoViolations(anna);
  await choosePassphrase(anna, 'te kort', 'Meldpunt instellen');
  await expect(anna.getByRole('alert').filter({ hasText: 'Gebruik minstens 12 tekens.' })).toBeVisible();
  await choosePassphrase(anna, ANNA_ZIN, 'Meldpunt instellen');
  await expect(anna.getByTestId('unlocked')).toContainText('Ontgrendeld', { timeout: 20_000 });
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM meldpunt_keys')).toBe(1);
  // What the server keeps of her key does not contain her passphrase.
  expect(databaseBytes(server.dbPath)).not.toContain(ANNA_ZIN);

  // The resident's device pulls the key, then writes the note offline.
  await page.reload();
  await expect(page.getByTestId('net-status')).toContainText('Bijgewerkt:');
  await page.context().setOffline(true);
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding');
  await fillWorry(page);
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je melding is bewaard');
  const stored = await everythingStored(page);
  expect(stored, 'the note is on the device, sealed').toContain('"sealed"');
  for (const secret of SECRETS) expect(stored, `${secret} on the device`).not.toContain(secret);

  await page.context().setOffline(false);
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM concern_notes'), { timeout: 20_000 }).toBe(1);
  const file = databaseBytes(server.dbPath);
  for (const secret of SECRETS) expect(file.includes(secret), `${secret} in the database file`).toBe(false);

  // Anna, in a new window: locked until her passphrase; a wrong one opens nothing.
  await anna.close();
  const reader = await (await browser.newContext()).newPage();
  await signIn(reader, server.url, ANNA);
  await openOnlyNote(reader, server.url);
  await expect(reader.getByTestId('unlock')).toBeVisible();
  await expect(reader.locator('main')).not.toContainText(STORY);
  await unlockForm(reader, 'de kraanvogels trekken over de heide');
  await expect(reader.getByRole('alert').filter({ hasText: 'Deze wachtwoordzin klopt niet.' })).toBeVisible({ timeout: 20_000 });
  await unlockMeldpunt(reader, ANNA_ZIN);
  await expect(reader.getByTestId('note-body')).toContainText(STORY);
  await expect(reader.getByTestId('note-body')).toContainText(PERSON);
  await expect(reader.getByTestId('note-body')).toContainText(REPORTER);
  await expectNoViolations(reader);
  expect(countRows(server.dbPath, "SELECT COUNT(*) FROM note_audit WHERE action = 'read'")).toBe(1);

  // Someone with the database file changes the sealed body: refused, with the reason.
  const body = sqlite(server.dbPath, 'SELECT body FROM concern_note_bodies');
  const envelope = JSON.parse(body);
  const last = envelope.ciphertext.slice(-1);
  envelope.ciphertext = envelope.ciphertext.slice(0, -1) + (last === 'a' ? 'b' : 'a');
  sqlite(server.dbPath, `UPDATE concern_note_bodies SET body = '${JSON.stringify(envelope)}'`);
  await reader.reload();
  await unlockForm(reader, ANNA_ZIN);
  await expect(reader.getByTestId('sealed-refused')).toContainText(
    'Deze melding is na het versturen veranderd of beschadigd. Ze kan daarom niet worden geopend.',
    { timeout: 20_000 },
  );
  await expect(reader.locator('main')).not.toContainText(STORY);
});

/** The id of the meldpunt key the device last pulled (every page of the pull carries
 * it; IndexedDB keeps the pages in `pages`, newest last). */
async function pulledKey(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('omzien');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('pages').objectStore('pages').getAll();
          get.onsuccess = () => {
            open.result.close();
            // The page's JSON as the server sent it, as bytes.
            const last = (get.result as (Uint8Array | string)[]).at(-1);
            const text = typeof last === 'string' || last === undefined ? last : new TextDecoder().decode(last);
            resolve(text === undefined ? undefined : JSON.parse(text).meldpunt_key?.id);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** Fills the unlock form on the page and presses the button. */
async function unlockForm(page: Page, passphrase: string): Promise<void> {
  const form = page.getByTestId('unlock');
  await form.getByLabel('Wachtwoordzin', { exact: true }).fill(passphrase);
  await form.getByRole('button', { name: 'Ontgrendelen' }).click();
}

test('a_colleague_gets_access_from_a_coordinator_and_a_new_key_keeps_old_notes_readable', async ({
  page,
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  addUser(server.dbPath, ANNA.email, 'coordinator', ANNA.password);
  addUser(server.dbPath, BEA.email, 'coordinator', BEA.password);
  const anna = await keyPage(browser, server.url, ANNA);
  await choosePassphrase(anna, ANNA_ZIN, 'Meldpunt instellen');
  await expect(anna.getByTestId('unlocked')).toBeVisible({ timeout: 20_000 });

  // An old note, sealed to the first key.
  await page.goto(`${server.url}/melden`);
  await expect(page.getByTestId('net-status')).toContainText('Bijgewerkt:');
  await fillWorry(page);
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM concern_notes'), { timeout: 20_000 }).toBe(1);

  // Bea chooses her passphrase; until someone gives her access she cannot read it.
  const bea = await keyPage(browser, server.url, BEA);
  await expect(bea.getByRole('heading', { name: 'Kies je wachtwoordzin' })).toBeVisible();
  await choosePassphrase(bea, BEA_ZIN, 'Wachtwoordzin opslaan');
  await expect(bea.getByRole('status').filter({ hasText: 'Je hebt nog geen toegang' })).toBeVisible({ timeout: 20_000 });
  await openOnlyNote(bea, server.url);
  await unlockForm(bea, BEA_ZIN);
  await expect(bea.getByRole('alert').filter({ hasText: 'Je hebt nog geen toegang tot de sleutel.' })).toBeVisible({ timeout: 20_000 });
  await expect(bea.locator('main')).not.toContainText(STORY);

  // Anna gives her access, then makes a new key for new notes.
  await anna.reload();
  await unlockForm(anna, ANNA_ZIN);
  await expect(anna.getByTestId('unlocked')).toBeVisible({ timeout: 20_000 });
  await expect(anna.getByTestId('colleagues')).toContainText(`${BEA.email} wacht op toegang.`);
  await expectNoViolations(anna);
  await anna.getByRole('button', { name: `Geef ${BEA.email} toegang` }).click();
  await expect(anna.getByTestId('colleagues')).toContainText(`${BEA.email} heeft toegang.`);
  await anna.getByRole('button', { name: 'Nieuwe sleutel maken' }).click();
  await expect(anna.locator('main')).toContainText('De nieuwe sleutel is klaar.');
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM meldpunt_keys')).toBe(2);
  expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM meldpunt_key_grants')).toBe(4);

  // A new note goes to the new key, once the device has pulled it.
  const newest = sqlite(server.dbPath, 'SELECT id FROM meldpunt_keys ORDER BY seq DESC LIMIT 1');
  await page.goto(`${server.url}/melden`);
  await expect.poll(() => pulledKey(page), { timeout: 20_000 }).toBe(newest);
  await fillWorry(page);
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM concern_notes'), { timeout: 20_000 }).toBe(2);
  const keys = sqlite(server.dbPath, "SELECT json_extract(body, '$.key_id') FROM concern_note_bodies ORDER BY rowid").split('\n');
  expect(keys[1]).toBe(newest);
  expect(keys[0]).not.toBe(newest);

  // Bea now reads both: the old note with the old key, the new one with the new.
  for (const n of [0, 1]) {
    await bea.goto(`${server.url}/meldpunt`);
    await bea.getByRole('table', { name: 'Meldingen' }).getByRole('link').nth(n).click();
    await unlockMeldpunt(bea, BEA_ZIN);
    await expect(bea.getByTestId('note-body')).toContainText(STORY);
  }
});
