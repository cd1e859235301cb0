// A visitor finds something to do this week, near them, and learns when, where and
// whom to call — acted out by the words on the screen. Dates are computed from today
// (in Hilversum), so the data these tests add is always "this week".

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { activityIn } from './server';
import { catalogue, expectNoViolations, fillSignUp, signUpForm, waitForResults, JOZEFIEN } from './helpers';

/** Today plus `days`, as `YYYY-MM-DD` on Hilversum's calendar. */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Scrabble moves to Centrum for these tests, with a session two days from now. */
test.use({
  serverOptions: {
    editActivities: (activities) => {
      const scrabble = activityIn(activities, 'senver-scrabble');
      scrabble.wijk = 'centrum';
      (scrabble as unknown as { sessions: unknown[] }).sessions = [
        { date: dayFromToday(2), start_time: '14:00', end_time: '16:00', example: true },
      ];
    },
  },
});

/** The names of the results under a group heading, in order. */
async function groupNames(page: Page, heading: string): Promise<string[]> {
  const group = page.locator('section.result-group').filter({ has: page.getByRole('heading', { name: heading }) });
  return group.locator('.result-title').allInnerTexts();
}

test('this_week_in_centrum_shows_centrum_first_then_the_whole_city', async ({ page, server }) => {
  await page.goto(server.url + '/');
  await page.getByRole('link', { name: 'Deze week' }).click();
  await expect(page).toHaveURL(/\/activiteiten\?wanneer=deze-week$/);
  const cat = catalogue(page);
  await expect(page.getByRole('radio', { name: 'Deze week' })).toBeChecked();
  await waitForResults(page);

  await page.getByText('Filters', { exact: true }).click();
  await cat.wijk.selectOption({ label: 'Centrum' });
  await expect(page.getByText('Filters (1)', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'In wijk Centrum' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'In heel Hilversum' })).toBeVisible();
  // Soonest first: the open living room is there today, the scrabble in two days.
  await expect.poll(() => groupNames(page, 'In wijk Centrum')).toEqual(['Open huiskamer', 'Scrabbelen bij Senver']);
  const city = await groupNames(page, 'In heel Hilversum');
  expect(city).toContain('Praten met de Luisterlijn');
  // Nothing without a date this week; whole offers ("Aanbod van …") never come first.
  expect(city).not.toContain('Wandelen met Senver');
  expect(city[0]).not.toMatch(/^Aanbod van/);
  await expect(cat.items.first()).toContainText('Volgende keer:');

  // The chosen wijk is a chip that takes it away again.
  await page.getByRole('button', { name: /^Centrum/ }).click();
  await expect(page.getByRole('heading', { name: 'In wijk Centrum' })).toHaveCount(0);
  await expect(page).toHaveURL(/wanneer=deze-week/);
  await expect(page).not.toHaveURL(/wijk=/);
});

test('without_a_period_the_concrete_and_soon_come_first_and_whole_offers_last', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  await waitForResults(page);
  const names = await catalogue(page).items.locator('.result-title').allInnerTexts();
  const firstVague = names.findIndex((n) => n.startsWith('Aanbod van'));
  expect(firstVague).toBeGreaterThan(names.length - 5);
  expect(names.slice(firstVague).every((n) => n.startsWith('Aanbod van'))).toBe(true);
  expect(names[0]).not.toBe('Ambassadeur eenzaamheid worden');
});

test('people_s_words_find_activities', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  await waitForResults(page);
  for (const [words, name] of [
    ['wandelgroep', 'Wandelen met Senver'],
    ['wandelingen', 'Wandelen met Senver'],
    ['wandlen', 'Wandelen met Senver'],
    ['koffie', 'Koffie-inloop'],
    ['praten', 'Praten met de Luisterlijn'],
  ]) {
    await cat.search.fill(words);
    await expect(cat.link(name), words).toBeVisible();
  }
});

test('nothing_found_still_offers_a_next_step', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten?wijk=centrum&q=zwemmen+wandelen');
  await waitForResults(page, 0);
  await expect(page.getByRole('heading', { name: 'Dit lijkt op wat je zoekt:' })).toBeVisible();
  await expect(page.locator('ul.nearest').getByRole('link', { name: /^Wandelen met Senver/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zoek in heel Hilversum' })).toBeVisible();
  const talk = page.getByRole('link', { name: 'Praat nu met iemand: de Luisterlijn, dag en nacht' });
  await expect(talk).toBeVisible();
  await expect(page.getByRole('link', { name: 'Vraag het buurtteam wat er bij jou in de buurt is' })).toBeVisible();
  await expectNoViolations(page);
  await talk.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Praten met de Luisterlijn');
});

test('the_luisterlijn_number_is_one_tap_away', async ({ page, server }) => {
  await page.goto(server.url + '/');
  const call = page.getByRole('link', { name: '088 0767 000' });
  await expect(call).toHaveAttribute('href', 'tel:+31880767000');
  await page.getByRole('link', { name: /Wil je nu met iemand praten/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Praten met de Luisterlijn');
  await expect(page.locator('main').getByRole('link', { name: '088 0767 000' })).toHaveAttribute('href', 'tel:+31880767000');
  // Where the number comes from is on the page, as for every fact.
  await expect(page.locator('main')).toContainText('Bron van de contactgegevens: Telefoonnummer: NRC');
});

test('an_activity_page_leads_with_its_next_dates_or_says_what_to_do', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten/voorbeeld-wandelgroep-oost');
  const next = page.getByRole('region', { name: 'De volgende keren' });
  await expect(next.locator('li')).toHaveCount(3);
  await expect(next.locator('li').first()).toContainText('dinsdag');
  await expect(next.locator('li').first()).toContainText('voorbeeld');

  // No date known: say what a person can do, never only "not known".
  await page.goto(server.url + '/activiteiten/senver-wandelen');
  await expect(page.locator('main dl')).toContainText(
    'Meld je hieronder aan, dan neemt Stichting Senver contact met je op om een dag af te spreken.',
  );
  await expect(page.locator('main')).not.toContainText('Nog niet bekend');
});

test('a_sign_up_ends_on_a_confirmation_with_its_status', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten/voorbeeld-wandelgroep-oost');
  const form = signUpForm(page);
  await fillSignUp(page, JOZEFIEN);
  await form.submit.click();
  const done = form.done('Wandelgroep Oost');
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  await expect(form.firstName).toBeHidden();
  const panel = form.receipt;
  await expect(panel).toContainText('Wanneer: dinsdag');
  await expect(panel).toContainText('Voorbeeld-buurthuis neemt contact met je op.');
  await expect(panel).toContainText('Hoe staat het ervoor? Bevestigd', { timeout: 15_000 });
  await expectNoViolations(page);
  await panel.getByRole('link', { name: 'Terug naar de activiteiten' }).click();
  await waitForResults(page);
});

test('at_1280_by_800_three_results_show_above_the_fold', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url + '/activiteiten');
  await waitForResults(page);
  await expect(page.locator('details.more-filters')).not.toHaveAttribute('open', '');
  const bottoms = await catalogue(page).items.evaluateAll((items) =>
    items.map((li) => li.getBoundingClientRect().bottom),
  );
  expect(bottoms.filter((b) => b <= 800).length).toBeGreaterThanOrEqual(3);
});

test('axe_finds_no_wcag_violations_on the grouped results', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten?wanneer=deze-week&wijk=centrum');
  await waitForResults(page);
  await expect(page.getByRole('heading', { name: 'In wijk Centrum' })).toBeVisible();
  await expectNoViolations(page);
});
