// A long list is drawn a page at a time: the count says how many were found, the list
// shows the first 40, and "Laat meer zien" adds the next 40 and takes the keyboard to
// the first new one.

import { test, expect } from './fixtures';
import { activityIn } from './server';
import { catalogue, seed, RESULTS_PAGE } from './helpers';

const COPIES = 60;

/** The seed's activities for residents and 60 more book clubs. */
test.use({
  serverOptions: {
    editActivities: (activities) => {
      const model = activityIn(activities, 'senver-scrabble');
      for (let i = 1; i <= COPIES; i++) {
        activities.push({ ...model, id: `leesclub-${i}`, name: `Leesclub ${i}` });
      }
    },
  },
});

test('a_long_list_shows_forty_and_more_on_request', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  const total = seed.activities.length + COPIES;
  await expect(cat.status).toHaveText(`${total} activiteiten gevonden`);
  await expect(cat.items).toHaveCount(RESULTS_PAGE);

  const more = page.getByRole('button', { name: 'Laat meer zien' });
  await more.click();
  await expect(cat.items).toHaveCount(2 * RESULTS_PAGE);
  // The keyboard goes on at the first result that was added.
  await expect(cat.items.nth(RESULTS_PAGE).getByRole('link')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cat.items.nth(RESULTS_PAGE - 1).getByRole('link')).toBeFocused();

  await more.click();
  await expect(cat.items).toHaveCount(total);
  await expect(more).toHaveCount(0);

  // A new search starts at the first page again.
  await cat.search.fill('leesclub');
  await expect(cat.status).toHaveText(`${COPIES} activiteiten gevonden`);
  await expect(cat.items).toHaveCount(RESULTS_PAGE);
  await expect(more).toBeVisible();
});
