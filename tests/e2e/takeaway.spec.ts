// "Neem mee" on an activity page: a QR code that a phone can read and that leads to
// the activity's light page (`/a/{id}`, plain HTML from the server), "Zet in je agenda" as an .ics file made on the device (also without a
// connection), and a printed slip with only what, when, where, contact and the QR code.
// The seed catalogue gives no times for the walk, so this spec serves a copy with a
// weekly time; the seed's own activity (no time) must not offer a calendar file.

import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { activityIn } from './server';
import { expectNoViolations, expectPageFrame, seedActivity } from './helpers';

const WALK = 'senver-wandelen';

async function openActivity(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}/activiteiten/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seedActivity(id).name);
  await expect(page.getByRole('heading', { level: 2, name: 'Neem mee' })).toBeVisible();
}

const qrCode = (page: Page) => page.getByRole('img', { name: 'QR-code met de link naar deze activiteit' });

/** Reads the QR code the way a phone camera would: from the pixels on screen. */
async function decodeQr(page: Page): Promise<string | null> {
  const png = PNG.sync.read(await qrCode(page).screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return found ? found.data : null;
}

test.describe('an activity with a weekly time', () => {
  test.use({
    serverOptions: {
      editActivities: (activities) => {
        const walk = activityIn(activities, WALK);
        walk.schedule = {
          freq: 'WEEKLY',
          by_day: ['TU'],
          dtstart: '2026-12-01',
          start_time: '10:00',
          end_time: '11:30',
        };
        walk.location = {
          name: 'Buurthuis De Koepel',
          address: 'Kerkstraat 1',
          postal_code: '1211 AA',
          city: 'Hilversum',
        };
        walk.contact = { phone: '035 123 45 67' };
      },
    },
  });

  test('the_qr_code_decodes_to_the_light_page', async ({ page, server }) => {
    await openActivity(page, server.url, WALK);
    await expect(qrCode(page)).toBeVisible();
    const pageUrl = `${server.url}/a/${WALK}`;
    await expect(page.getByText('Scan deze code met je telefoon. Dan heb je de activiteit bij je')).toBeVisible();
    await expect(page.getByText(pageUrl)).toBeVisible();
    expect(await decodeQr(page)).toBe(pageUrl);
  });

  test('add_to_calendar_downloads_an_rfc5545_file_without_a_connection', async ({ page, context, server }) => {
    await openActivity(page, server.url, WALK);
    await context.setOffline(true);
    const before = Date.now();
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Zet in je agenda' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe(`omzien-${WALK}.ics`);
    const text = readFileSync(await download.path(), 'utf8');

    // CRLF after every line, no bare LF or CR, no line over 75 octets.
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const physical of text.split('\r\n')) {
      expect(Buffer.byteLength(physical, 'utf8'), physical).toBeLessThanOrEqual(75);
    }
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    const host = new URL(server.url).host;
    expect(lines).toContain('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain(`UID:${WALK}@${host}`);
    // Floating local times (RFC 5545 3.3.5 form 1: no TZID, no Z), no VTIMEZONE, and the
    // calendar's zone as X-WR-TIMEZONE for Apple and Google Calendar.
    expect(lines).toContain('X-WR-TIMEZONE:Europe/Amsterdam');
    expect(lines).toContain('DTSTART:20261201T100000');
    expect(lines).toContain('DTEND:20261201T113000');
    expect(lines).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU');
    expect(text).not.toContain('TZID');
    expect(text).not.toContain('VTIMEZONE');
    expect(lines.filter((l) => l.startsWith('UID:'))).toHaveLength(1);
    expect(text).not.toContain('ICALENDAR-RS');
    expect(lines).toContain(`SUMMARY:${seedActivity(WALK).name}`);
    expect(lines).toContain(String.raw`LOCATION:Buurthuis De Koepel\, Kerkstraat 1\, 1211 AA Hilversum`);
    expect(lines).toContain(`URL:${server.url}/activiteiten/${WALK}`);
    const description = lines.find((l) => l.startsWith('DESCRIPTION:')) ?? '';
    expect(description).toContain(String.raw`\nWanneer: Elke dinsdag\, 10:00 tot 11:30\n`);
    expect(description).toContain('Telefoon: 035 123 45 67');

    // DTSTAMP is now, in UTC.
    const stamp = lines.find((l) => l.startsWith('DTSTAMP:')) ?? '';
    const match = /^DTSTAMP:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
    expect(match, stamp).not.toBeNull();
    const [, y, mo, d, h, mi, s] = match!.map(Number);
    const stamped = Date.UTC(y, mo - 1, d, h, mi, s);
    expect(stamped).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(stamped).toBeLessThanOrEqual(Date.now());
  });

  test('print_shows_only_the_slip', async ({ page, server }) => {
    await openActivity(page, server.url, WALK);
    // "Afdrukken" opens the browser's print dialog.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Afdrukken' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const facts = page.locator('main dl.facts');
    await expect(nav).toBeVisible();
    await expect(facts.getByText('Kosten', { exact: true })).toBeVisible();

    await page.emulateMedia({ media: 'print' });
    await expect(nav).toBeHidden();
    await expect(page.locator('footer')).toBeHidden();
    await expect(page.getByRole('link', { name: 'Terug naar alle activiteiten' })).toBeHidden();
    // Role queries skip hidden elements, so look at every <button> in the DOM.
    const buttons = page.locator('button');
    expect(await buttons.count()).toBeGreaterThan(1);
    for (const button of await buttons.all()) await expect(button).toBeHidden();
    await expect(page.locator('form')).toBeHidden();
    // What, when, where, contact and the QR code stay.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (const label of ['Wat', 'Wanneer', 'Waar', 'Contact']) {
      await expect(facts.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(facts.getByText('Elke dinsdag, 10:00 tot 11:30')).toBeVisible();
    await expect(facts.getByText('035 123 45 67')).toBeVisible();
    for (const label of ['Kosten', 'Voor wie', 'Bron']) {
      await expect(facts.getByText(label, { exact: true })).toBeHidden();
    }
    await expect(qrCode(page)).toBeVisible();
    await expect(page.getByText('Scan deze code met je telefoon. Dan heb je de activiteit bij je')).toBeVisible();
    expect(await decodeQr(page)).toBe(`${server.url}/a/${WALK}`);

    await page.emulateMedia({ media: 'screen' });
    await expect(nav).toBeVisible();
  });

  test('the_activity_page_with_take_away_has_no_axe_violations', async ({ page, server }) => {
    await openActivity(page, server.url, WALK);
    await expect(page.getByRole('button', { name: 'Zet in je agenda' })).toBeVisible();
    await expectPageFrame(page);
    await expectNoViolations(page);
  });

  test('take_away_works_by_keyboard', async ({ page, server }) => {
    await openActivity(page, server.url, WALK);
    const calendar = page.getByRole('button', { name: 'Zet in je agenda' });
    await calendar.focus();
    const downloaded = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await downloaded).suggestedFilename()).toBe(`omzien-${WALK}.ics`);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeFocused();
    for (const button of [calendar, page.getByRole('button', { name: 'Afdrukken' })]) {
      const box = await button.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }
  });
});

test('an_activity_without_a_known_time_offers_no_calendar_file', async ({ page, server }) => {
  // The seed gives no date or time for the walk.
  await openActivity(page, server.url, WALK);
  await expect(page.getByRole('button', { name: 'Zet in je agenda' })).toHaveCount(0);
  await expect(
    page.getByText('We weten nog niet precies wanneer dit is. Daarom kun je het nog niet in je agenda zetten.'),
  ).toBeVisible();
  // The QR code and printing do not need a time.
  await expect(qrCode(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeVisible();
  await expectNoViolations(page);
});
