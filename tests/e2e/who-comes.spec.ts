// "Wie komt er?": a resident may let the organiser see her name. Two residents sign up
// for Senver's walk, one with the box ticked and one without; Senver's organiser sees
// the one name and counts the other without a name, online only and never stored on
// her device; an organiser of another organisation sees nothing of it.

import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import { JOZEFIEN, expectNoViolations, fillSignUp, signIn, signUpForm, type Person } from './helpers';
import { addUser } from './server';

const WALK = 'Wandelen met Senver';
const ANJA = { email: 'anja@senver.example', password: 'een lang genoeg wachtwoord' };
const VERA = { email: 'vera@versa.example', password: 'een ander lang wachtwoord' };
const PIET: Person = { firstName: 'Pietronella', phone: '06 11223344' };

/** A fresh device: its own storage. */
async function newDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Every IndexedDB record and key, and local and session storage, as one string. */
async function storedOnDevice(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const request = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const found: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await request(indexedDB.open(info.name!));
      for (const store of Array.from(db.objectStoreNames)) {
        const objects = db.transaction(store).objectStore(store);
        found.push({ store, values: await request(objects.getAll()), keys: await request(objects.getAllKeys()) });
      }
      db.close();
    }
    found.push({ local: { ...localStorage }, session: { ...sessionStorage } });
    return JSON.stringify(found);
  });
}

/** The staff token this device keeps, for calling the API as the page would. */
async function staffToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
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
}

function whoComes(page: Page) {
  const walk = page.getByTestId('own-activities').getByRole('listitem').filter({ hasText: WALK }).first();
  return {
    walk,
    button: walk.getByRole('button', { name: /^(Wie komt er\?|Who is coming\?)\s*: Wandelen met Senver$/ }),
    section: walk.getByTestId('who-comes'),
  };
}

/** Opens "Wie komt er?" unless it is open already. */
async function openWho(button: Locator): Promise<void> {
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

test('an_organiser_sees_the_name_a_resident_shared_and_counts_the_other_without_one', async ({ page, browser, server }) => {
  test.setTimeout(120_000);
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  addUser(server.dbPath, VERA.email, 'organiser', VERA.password, ['versa-welzijn']);

  // Jozefien ticks the box; Pietronella, on the same kiosk after her, does not.
  await page.goto(`${server.url}/activiteiten/senver-wandelen`);
  const form = signUpForm(page);
  const share = page.locator('main').getByRole('checkbox', { name: 'Mijn naam mag naar de organisator' });
  await fillSignUp(page, JOZEFIEN);
  await expect(share).not.toBeChecked();
  await expect(share).toHaveAccessibleDescription(/^Dan ziet de organisator je voornaam, met hoeveel mensen je komt en je telefoonnummer of e-mailadres\./);
  await share.check();
  await expectNoViolations(page);
  await form.submit.click();
  await expect(form.receipt).toBeVisible();
  await fillSignUp(page, PIET);
  // The box starts unticked again for the next person.
  await expect(share).not.toBeChecked();
  await form.submit.click();
  await expect(form.receipt).toBeVisible();
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups'), { timeout: 30_000 }).toBe(2);
  expect(sqlite(server.dbPath, 'SELECT first_name, share_with_organiser FROM sign_ups ORDER BY created_at')).toBe(
    'Jozefien|1\nPietronella|0',
  );

  // Senver's organiser, on her own device.
  const anja = await newDevice(browser);
  await signIn(anja, server.url, ANJA);
  await anja.getByRole('link', { name: /^Mijn aanbod/ }).click();
  const who = whoComes(anja);
  await expect(who.button).toHaveAttribute('aria-expanded', 'false');
  await who.button.click();
  await expect(who.button).toHaveAttribute('aria-expanded', 'true');
  await expect(who.section.getByTestId('who-named')).toContainText(`${JOZEFIEN.firstName}, 1 persoon, ${JOZEFIEN.phone}, ${JOZEFIEN.email}, aangemeld op`);
  await expect(who.section.getByTestId('who-nameless')).toHaveText('1 persoon zonder naam');
  await expect(who.section).not.toContainText(PIET.firstName);
  await expect(who.section).not.toContainText(PIET.phone!);
  await expect(who.section).not.toContainText('rollator');
  await expectNoViolations(anja);
  // The read that showed her a name is in the audit log.
  expect(sqlite(server.dbPath, "SELECT a.activity_id, a.names FROM sign_up_audit a JOIN users u ON u.id = a.user_id WHERE u.email = 'anja@senver.example'")).toBe('senver-wandelen|1');
  // Names live on the page only: nothing on her device holds them.
  const stored = await storedOnDevice(anja);
  for (const value of [JOZEFIEN.firstName, JOZEFIEN.phone!, JOZEFIEN.email!]) {
    expect(stored, `stored on the organiser's device: ${value}`).not.toContain(value);
  }

  // Without a connection the list goes (the page draws itself again from the device),
  // and opened again the section says why.
  await anja.context().setOffline(true);
  await expect(anja.getByTestId('offer-offline')).toBeVisible();
  await expect(who.section).not.toContainText(JOZEFIEN.firstName);
  await openWho(who.button);
  await expect(who.section.getByRole('status')).toHaveText(/^Om te zien wie er komt, heb je een verbinding nodig\./);
  await expectNoViolations(anja);
  await anja.context().setOffline(false);
  await expect(anja.getByTestId('offer-offline')).toHaveCount(0);
  await openWho(who.button);
  await expect(who.section.getByTestId('who-named')).toContainText(JOZEFIEN.firstName, { timeout: 30_000 });

  // In English.
  await anja.evaluate(() => localStorage.setItem('omzien-taal', 'en'));
  await anja.reload();
  await expect(anja.locator('html')).toHaveAttribute('lang', 'en');
  const english = whoComes(anja);
  await english.button.click();
  await expect(english.section.getByTestId('who-nameless')).toHaveText('1 person without a name');
  await expect(english.section.getByTestId('who-named')).toContainText(`${JOZEFIEN.firstName}, 1 person`);
  await expect(english.section).toContainText('With a place');
  await expectNoViolations(anja);
  await anja.context().close();

  // Versa's organiser: not in her list, and the server refuses a guessed address.
  const vera = await newDevice(browser);
  await signIn(vera, server.url, VERA);
  await vera.getByRole('link', { name: /^Mijn aanbod/ }).click();
  await expect(vera.getByTestId('own-activities')).toBeVisible();
  await expect(vera.getByTestId('own-activities')).not.toContainText(WALK);
  const response = await vera.request.get(`${server.url}/api/v1/catalogue/activities/senver-wandelen/sign-ups`, {
    headers: { authorization: `Bearer ${await staffToken(vera)}` },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toContain(JOZEFIEN.firstName);
  expect(countRows(server.dbPath, "SELECT COUNT(*) FROM sign_up_audit a JOIN users u ON u.id = a.user_id WHERE u.email = 'vera@versa.example'")).toBe(0);
  await vera.context().close();
});
