// The catalogue as a resident uses it: type a word however it comes out, hear how many
// activities were found, open one, and come back to the same search.

import { test, expect } from './fixtures';
import { catalogue, seed, seedActivity, seedMatches, waitForResults } from './helpers';

test('catalogue_lists_every_activity_and_says_how_many', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  await expect(cat.search).toBeVisible();
  // The choices besides the words and the period fold behind one button.
  await expect(cat.wijk).toBeHidden();
  await cat.filters.click();
  for (const control of [cat.wijk, cat.targetGroup, cat.loneliness, cat.day]) {
    await expect(control).toBeVisible();
    expect(await control.evaluate((el) => el.tagName)).toBe('SELECT');
  }
  // "Alleen gratis" only appears when some activity is known to be free: a choice that
  // can never find anything would be a dead end.
  const anyFree = seed.activities.some((a) => a.free === true);
  await expect(cat.freeOnly).toHaveCount(anyFree ? 1 : 0);

  const total = seed.activities.length;
  await waitForResults(page, total);
  await expect(cat.status).toHaveText(new RegExp(`^${total} activiteiten gevonden`));
  // Every entry links to its activity page.
  const hrefs = await cat.items.evaluateAll((items) =>
    items.map((li) => new URL((li.querySelector('a') as HTMLAnchorElement).href).pathname),
  );
  expect(new Set(hrefs)).toEqual(new Set(seed.activities.map((a) => `/activiteiten/${a.id}`)));
});

test('search_ignores_case_and_diacritics', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  await waitForResults(page);
  const course = seedActivity('senver-filosofiecursus');
  const expected = seedMatches('filosofie').length;
  expect(expected).toBeGreaterThan(0);

  for (const query of ['FILOSOFIE', 'filosófie', 'Filosofíe']) {
    await cat.search.fill(query);
    await waitForResults(page, expected);
    await expect(cat.link(course.name)).toBeVisible();
  }
  if (expected === 1) {
    await expect(cat.status).toHaveText(/^1 activiteit gevonden/);
  }

  await cat.search.fill('xyzzy');
  await waitForResults(page, 0);
  await expect(cat.status).toHaveText(/^Geen activiteiten gevonden/);
});

test('filters_live_in_the_url', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten?q=senver&wijk=zuidwest');
  const cat = catalogue(page);
  await waitForResults(page, seedMatches('senver').filter((a) => a.wijk === null || a.wijk === 'zuidwest').length);
  await expect(cat.search).toHaveValue('senver');
  await expect(cat.wijk).toHaveValue('zuidwest');
});

test('opening_an_activity_and_going_back_keeps_the_search', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  await waitForResults(page);
  const course = seedActivity('senver-filosofiecursus');

  await cat.search.fill('FILOSOFIE');
  await waitForResults(page, seedMatches('filosofie').length);
  await expect(page).toHaveURL(/[?&]q=FILOSOFIE(&|$)/i);
  await cat.link(course.name).click();

  await expect(page).toHaveURL(/\/activiteiten\/senver-filosofiecursus$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.name);
  const details = page.locator('main dl');
  for (const term of ['Wanneer', 'Waar', 'Voor wie', 'Kosten', 'Contact']) {
    await expect(details.locator('dt').getByText(term, { exact: true })).toHaveCount(1);
  }

  await page.getByRole('link', { name: 'Terug naar alle activiteiten' }).click();
  await expect(page).toHaveURL(/\/activiteiten\?(.*&)?q=FILOSOFIE(&|$)/i);
  await expect(cat.search).toHaveValue('FILOSOFIE');
  await waitForResults(page, seedMatches('filosofie').length);
  await expect(cat.link(course.name)).toBeVisible();
});

test('an_activity_page_opened_directly_shows_its_details', async ({ page, server }) => {
  const walking = seedActivity('senver-wandelen');
  await page.goto(server.url + `/activiteiten/${walking.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(walking.name);
  await expect(page.locator('main dl dt').getByText('Wanneer', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Terug naar alle activiteiten' }).click();
  await expect(page).toHaveURL(/\/activiteiten(\?.*)?$/);
  await waitForResults(page, seed.activities.length);
});

// The words reach the address when typing pauses (not on every keystroke), and the
// address still leads when the visitor goes back or forward.
test('the_browser_back_button_restores_the_search', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  await waitForResults(page);
  const course = seedActivity('senver-filosofiecursus');
  const found = seedMatches('filosofie').length;

  await cat.search.pressSequentially('filosofie');
  await waitForResults(page, found);
  await expect(page).toHaveURL(/[?&]q=filosofie(&|$)/);
  await cat.link(course.name).click();
  await expect(page).toHaveURL(/\/activiteiten\/senver-filosofiecursus$/);

  await page.goBack();
  await expect(page).toHaveURL(/[?&]q=filosofie(&|$)/);
  await expect(cat.search).toHaveValue('filosofie');
  await waitForResults(page, found);

  // Another address of the same page, then back: the search box and the list follow.
  await page.getByRole('link', { name: /^Voor professionals en vrijwilligers/ }).click();
  await expect(page).toHaveURL(/\/activiteiten\?voor=professionals$/);
  await expect(cat.search).toHaveValue('');
  await page.goBack();
  await expect(page).toHaveURL(/[?&]q=filosofie(&|$)/);
  await expect(cat.search).toHaveValue('filosofie');
  await waitForResults(page, found);
  await page.goForward();
  await expect(page).toHaveURL(/\/activiteiten\?voor=professionals$/);
  await expect(cat.search).toHaveValue('');
});

test('leaving_the_search_box_writes_the_address_at_once', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  await waitForResults(page);
  // The clock stands still, so only leaving the box (or Enter) can write the address.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await cat.search.fill('senver');
  await waitForResults(page, seedMatches('senver').length);
  await page.waitForTimeout(600);
  await expect(page).not.toHaveURL(/q=/);
  await cat.search.press('Enter');
  await expect(page).toHaveURL(/[?&]q=senver(&|$)/);
  await cat.search.fill('filosofie');
  await page.keyboard.press('Tab');
  await expect(page).toHaveURL(/[?&]q=filosofie(&|$)/);
});
