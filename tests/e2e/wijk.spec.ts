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

  const chart = page.locator('main svg[role="img"]').first();
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
