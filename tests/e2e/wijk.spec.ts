// The wijk pages show the agenda's figures (table 4, and table 1 for Hilversum as a
// whole) in Dutch notation, as a chart with a text alternative and as a table.

import { test, expect } from './fixtures';
import { seed, seedWijk } from './helpers';

test('wijk_page_shows_the_agenda_figures_for_centrum', async ({ page, server }) => {
  await page.goto(server.url + '/wijken/centrum');
  const centrum = seedWijk('centrum');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(centrum.name);

  // 52.4 % lonely and 13.0 % severely lonely in Centrum; 49.4 % in Hilversum (table 1).
  const table = page.locator('main table').filter({ hasText: '52,4%' });
  await expect(table).toHaveCount(1);
  await expect(table.locator('caption')).not.toBeEmpty();
  await expect(table).toContainText('52,4%');
  await expect(table).toContainText('13%');
  await expect(table).toContainText('49,4%');
  await expect(table).toContainText('Hilversum');
  // Dutch notation only: no decimal points and no "13,0%".
  await expect(table).not.toContainText('52.4');
  await expect(table).not.toContainText('13,0%');

  const chart = page.locator('main .bar-chart[role="img"]').first();
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('aria-labelledby', /\S/);
  await expect(chart).toHaveAccessibleName(/\S/);
});

test('wijken_overview_links_to_all_nine_wijken', async ({ page, server }) => {
  await page.goto(server.url + '/wijken');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(seed.wijken).toHaveLength(9);

  const links = page.locator('main a[href*="/wijken/"]');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((anchors) =>
    anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
  );
  expect(new Set(hrefs)).toEqual(new Set(seed.wijken.map((w) => `/wijken/${w.id}`)));
  for (const wijk of seed.wijken) {
    await expect(page.locator(`main a[href$="/wijken/${wijk.id}"]`).first()).toContainText(wijk.name);
  }

  await page.locator('main a[href$="/wijken/zuidwest"]').first().click();
  await expect(page).toHaveURL(/\/wijken\/zuidwest$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seedWijk('zuidwest').name);
});

test('on_a_phone_the_chart_reads_at_14_px_and_no_table_column_hides', async ({ page, server }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.url + '/wijken/centrum');
  await expect(page.locator('main table').first()).toBeVisible();
  const labels = page.locator('main .bar-chart .chart-label');
  await expect(labels.first()).toBeVisible();
  // Real text, not a drawing scaled down: its box is as tall as its font says.
  await expect(page.locator('main .bar-chart text')).toHaveCount(0);
  const sizes = await labels.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  const heights = await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(14);
  // Every column on the screen: the year too, named beside its number.
  const box = page.locator('main .table-scroll');
  expect(await box.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  const last = (await page.locator('main table td').last().boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(390);
  const year = page.locator('main table tbody tr').first().locator('td').last();
  expect(await year.evaluate((e) => getComputedStyle(e, '::before').content)).toBe('"Jaar: "');
  // Still a table for a screen reader.
  await expect(page.getByRole('table')).toHaveCount(1);
  await expect(page.getByRole('columnheader')).toHaveCount(4);
});
