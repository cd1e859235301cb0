// How Omzien looks and what a kiosk visitor takes home (issue 15).
//
// - Screenshots of home, catalogue, an activity and a wijk at a portrait kiosk
//   (1080 × 1920, kiosk mode), a tablet (768 × 1024) and a phone (390 × 844), written as
//   test artifacts (test-results/…, not committed) to look at side by side.
// - On a kiosk the QR code is the lead offer (at least 40% of the width), nothing is
//   ever downloaded onto the kiosk, and the code read back from the screen opens the
//   light page (`/a/{id}`): plain HTML under 20 KB, no script but its schema.org JSON-LD, a link to the `.ics`.
// - The print slip: no kiosk bar, and when, where and whom to call.
// - A place manager (locatiebeheerder) switches kiosk mode and gets 403 on notes and
//   sign-ups.
// - axe finds nothing in the new states: kiosk mode, Extra groot on a kiosk, Arabic on
//   a kiosk.

import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { activityIn, addUser } from './server';
import { expectNoViolations, seedActivity, signIn } from './helpers';

const PLACE_MANAGER = { email: 'balie@bibliotheek.example', password: 'een lang genoeg wachtwoord' };
const INLOOP = 'voorbeeld-koffie-inloop';
const KIOSK = { width: 1080, height: 1920 };
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const qrCode = (page: Page) => page.getByRole('img', { name: 'QR-code met de link naar deze activiteit' });

/** Signs the place manager in and turns kiosk mode on: what a librarian does. */
async function makeKiosk(page: Page, url: string): Promise<void> {
  await signIn(page, url, PLACE_MANAGER);
  // She sees no way into notes, sign-ups or the catalogue; only the kiosk set-up.
  await expect(page.getByRole('link', { name: /meldpunt|aanbod|redactie|verwijzen|accounts|logboek/i })).toHaveCount(0);
  await page.getByRole('button', { name: 'Zet de kioskstand aan' }).click();
  await expect(page).toHaveURL(`${url}/`);
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();
}

/** Reads the QR code the way a phone camera would: from the pixels on screen. */
async function decodeQr(page: Page): Promise<string | null> {
  const png = PNG.sync.read(await qrCode(page).screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return found ? found.data : null;
}

test.use({
  serverOptions: {
    editActivities: (activities) => {
      activityIn(activities, INLOOP).contact = { phone: '035 123 45 67' };
    },
  },
});

test.beforeEach(({ server }) => {
  addUser(server.dbPath, PLACE_MANAGER.email, 'locatiebeheerder', PLACE_MANAGER.password);
});

const SIZES = [
  { name: 'kiosk-1080x1920', width: 1080, height: 1920, kiosk: true },
  { name: 'tablet-768x1024', width: 768, height: 1024, kiosk: false },
  { name: 'phone-390x844', width: 390, height: 844, kiosk: false },
];

for (const size of SIZES) {
  test(`screenshots_at_${size.name}`, async ({ page, server }, testInfo) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    if (size.kiosk) await makeKiosk(page, server.url);
    const pages: [string, string, (p: Page) => Promise<void>][] = [
      ['home', '/', (p) => expect(p.locator('.tiles .tile').first()).toBeVisible()],
      ['catalogue', '/activiteiten', (p) => expect(p.locator('main .result').first()).toBeVisible()],
      ['activity', `/activiteiten/${INLOOP}`, (p) => expect(qrCode(p)).toBeVisible()],
      ['wijk', '/wijken/centrum', (p) => expect(p.locator('main table').first()).toBeVisible()],
    ];
    for (const [name, path, ready] of pages) {
      await page.goto(server.url + path);
      await ready(page);
      await expect(h1(page)).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`${size.name}-${name}.png`), fullPage: true });
    }
    if (size.kiosk) {
      // The home page's choices are large tiles, two abreast, that fill the screen's width.
      await page.goto(server.url + '/');
      const tiles = page.locator('.tiles .tile');
      await expect(tiles.nth(1)).toBeVisible();
      // Both boxes from one layout: measured one by one, a page still settling (the app
      // starting, a notice above the tiles) can move the second between the two reads.
      const tops = () => tiles.evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().top));
      await expect.poll(async () => { const [a, b] = await tops(); return Math.abs(a - b); }).toBeLessThan(2);
      const first = (await tiles.nth(0).boundingBox())!;
      expect(first.width).toBeGreaterThan(KIOSK.width * 0.4);
      expect(first.height).toBeGreaterThanOrEqual(150);
      // Every link and button a visitor can touch is at least 56 px high.
      const targets = '.tiles a, header a, .kiosk-bar button, .page-tools a, .page-tools select, .page-tools button';
      for (const target of await page.locator(targets).all()) {
        const box = await target.boundingBox();
        if (box) expect(box.height, await target.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(56);
      }
    }
  });
}

test('on_a_kiosk_the_qr_code_is_the_lead_offer_and_opens_the_light_page', async ({ page, server, browser }) => {
  await page.setViewportSize(KIOSK);
  await makeKiosk(page, server.url);
  let downloads = 0;
  page.on('download', () => {
    downloads += 1;
  });
  await page.goto(`${server.url}/activiteiten/${INLOOP}`);
  await expect(h1(page)).toHaveText(seedActivity(INLOOP).name);
  const qr = qrCode(page);
  await expect(qr).toBeVisible();
  const box = (await qr.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(0.4 * KIOSK.width);
  // Above the facts: the first thing after the summary.
  const facts = (await page.locator('main dl.facts').boundingBox())!;
  expect(box.y).toBeLessThan(facts.y);

  // Nothing that would save a file onto the kiosk; the code is the way home.
  await expect(page.getByRole('button', { name: 'Zet in je agenda' })).toHaveCount(0);
  await page.evaluate(() => {
    window.print = () => {};
  });
  for (const button of await page.locator('.take-away button').all()) await button.click();
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);

  // What a phone reads from the screen.
  const light = `${server.url}/a/${INLOOP}`;
  expect(await decodeQr(page)).toBe(light);
  const response = await page.request.get(light);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
  const body = await response.body();
  expect(body.length).toBeLessThan(20 * 1024);
  const html = body.toString('utf8');
  // The only script element is schema.org data (JSON-LD), which no browser runs.
  expect(html.toLowerCase().match(/<script/g)).toHaveLength(1);
  expect(html).toContain('<script type="application/ld+json">');
  expect(html).toContain(`href="/activiteiten/${INLOOP}.ics"`);
  expect(html).toContain(`href="/activiteiten/${INLOOP}"`);

  // Opened as a phone would: a page of its own, with name, date, place and a number to call.
  // A browser of its own, without Omzien's service worker.
  const elsewhere = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const phone = await elsewhere.newPage();
  try {
    await phone.goto(light);
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText(seedActivity(INLOOP).name);
    await expect(phone.locator('script:not([type="application/ld+json"])')).toHaveCount(0);
    await expect(phone.getByText(/De volgende keer: (maandag|woensdag|vrijdag) /)).toBeVisible();
    await expect(phone.getByRole('link', { name: '035 123 45 67' })).toHaveAttribute('href', 'tel:+31351234567');
    await expect(phone.getByRole('link', { name: 'Zet de activiteit in je agenda' })).toBeVisible();
    await expectNoViolations(phone);
  } finally {
    await elsewhere.close();
  }
  expect((await page.request.get(`${server.url}/a/bestaat-niet`)).status()).toBe(404);
});

test('the_print_slip_on_a_kiosk_names_when_where_and_whom_to_call_without_the_kiosk_bar', async ({ page, server }) => {
  await page.setViewportSize(KIOSK);
  await makeKiosk(page, server.url);
  await page.goto(`${server.url}/activiteiten/${INLOOP}`);
  await expect(qrCode(page)).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('kiosk-bar')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
  await expect(page.locator('footer')).toBeHidden();
  const facts = page.locator('main dl.facts');
  for (const label of ['Wanneer', 'Waar', 'Contact']) {
    await expect(facts.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(facts.getByText(/maandag/i).first()).toBeVisible();
  await expect(facts.getByText('035 123 45 67')).toBeVisible();
  await expect(qrCode(page)).toBeVisible();
  expect(await decodeQr(page)).toBe(`${server.url}/a/${INLOOP}`);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();
});

test('a_place_manager_switches_kiosk_mode_and_nothing_else', async ({ page, server }) => {
  await makeKiosk(page, server.url);
  // The staff link is not on a kiosk; she reaches sign-in by its address, and her
  // sign-in there turns kiosk mode off again.
  await expect(page.getByRole('link', { name: 'Voor medewerkers' })).toHaveCount(0);
  await page.goto(`${server.url}/medewerkers`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(PLACE_MANAGER.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PLACE_MANAGER.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByTestId('signed-in')).toContainText('Locatiebeheerder');
  await expect(page.getByTestId('kiosk-bar')).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveAttribute('data-kiosk');

  // Her own session, straight at the API: 403 on every notes and sign-up endpoint.
  const signedIn = await page.request.post(`${server.url}/api/v1/auth/sign-in`, { data: PLACE_MANAGER });
  expect(signedIn.status()).toBe(200);
  const { token, role } = await signedIn.json();
  expect(role).toBe('place_manager');
  const headers = { Authorization: `Bearer ${token}` };
  const refused: [string, string, unknown?][] = [
    ['GET', '/notes?status=new'],
    ['GET', `/notes/${randomUUID()}`],
    ['POST', `/notes/${randomUUID()}/status`, { status: 'in_progress' }],
    ['GET', '/my/items'],
    ['GET', '/catalogue/activities/senver-wandelen/sign-ups'],
    ['GET', '/catalogue/mine'],
    [
      'POST',
      '/sync/push',
      { mutations: [{ id: randomUUID(), change: { cancel_sign_up: { sign_up_id: randomUUID(), secret: 'f'.repeat(64) } } }] },
    ],
  ];
  for (const [method, path, data] of refused) {
    const response = await page.request.fetch(`${server.url}/api/v1${path}`, { method, headers, data });
    expect(response.status(), `${method} ${path}`).toBe(403);
  }
  const me = await page.request.get(`${server.url}/api/v1/auth/me`, { headers });
  expect(me.status()).toBe(200);
});

test('axe_finds_nothing_on_a_kiosk_in_extra_groot_and_in_arabic', async ({ page, server }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(KIOSK);
  await makeKiosk(page, server.url);
  const paths = ['/', '/activiteiten', `/activiteiten/${INLOOP}`, '/wijken/centrum'];
  for (const path of paths) {
    await page.goto(server.url + path);
    await expect(h1(page)).toBeVisible();
    await expectNoViolations(page);
  }
  // Extra groot: twice the kiosk's own text, on this visit.
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByRole('link', { name: 'Tekst en kleur' }).click();
  await page.getByRole('radio', { name: 'Extra groot', exact: true }).check();
  await expect(page.locator('html')).toHaveAttribute('data-tekst', 'extra-groot');
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(after / before).toBeCloseTo(2, 1);
  await expectNoViolations(page);
  await page.goto(`${server.url}/activiteiten/${INLOOP}`);
  await expect(qrCode(page)).toBeVisible();
  await expectNoViolations(page);

  // Arabic: the activity's Dutch words sit in an isolated left-to-right element.
  await page.locator('select#taal').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('in-dutch')).toBeVisible();
  const summary = page.locator('main p.lead[lang="nl"]');
  const style = await summary.evaluate((el) => {
    const s = getComputedStyle(el);
    return { direction: s.direction, bidi: s.unicodeBidi };
  });
  expect(style).toEqual({ direction: 'ltr', bidi: 'isolate' });
  await expectNoViolations(page);
});
