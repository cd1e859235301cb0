// The first sync comes in pages, each stored with its cursor: a device whose server
// goes away after the first page shows what it has, and once the server is back goes
// on from the stored cursor (not from 0) to the whole catalogue, every activity once.

import { test, expect } from './fixtures';
import { catalogue, seed, waitForResults } from './helpers';
import { startServer } from './server';

// The seed's 18 organisations come first: a page of 25 brings 7 activities with them.
const PAGED = { OMZIEN_PULL_PAGE: '25' };
test.use({ serverOptions: { env: PAGED } });

/** What IndexedDB holds: the stored cursor, and the activities of the stored pages (the
 * log the app replays at start: a reset page drops what came before, tombstones delete)
 * with the number of times any activity is stored more than once. */
async function stored(page: import('@playwright/test').Page) {
  return page.evaluate(
    () =>
      new Promise<{ cursor: number | undefined; activities: number; doubled: number }>((resolve, reject) => {
        const open = indexedDB.open('omzien');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['meta', 'pages']);
          const cursor = tx.objectStore('meta').get('cursor');
          const pages = tx.objectStore('pages').getAll();
          tx.oncomplete = () => {
            db.close();
            const ids = new Set<string>();
            let doubled = 0;
            // Each page is the JSON the server sent, as bytes (text in earlier builds).
            for (const page of pages.result as (Uint8Array | string)[]) {
              const p = JSON.parse(typeof page === 'string' ? page : new TextDecoder().decode(page));
              if (p.reset) ids.clear();
              for (const a of p.activities ?? []) {
                if (ids.has(a.id)) doubled += 1;
                ids.add(a.id);
              }
              for (const d of p.deleted ?? []) if (d.kind === 'activity') ids.delete(d.id);
            }
            resolve({ cursor: cursor.result as number | undefined, activities: ids.size, doubled });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('a_first_sync_cut_off_after_its_first_page_goes_on_from_its_stored_cursor', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(60_000);
  const asked: string[] = [];
  let cut = false;
  // context.route also sees what passes through the service worker.
  await context.route('**/api/v1/sync/pull**', async (route) => {
    const url = new URL(route.request().url());
    asked.push(url.searchParams.get('cursor') ?? '');
    if (!cut && url.searchParams.get('cursor') !== '0') {
      // The first page arrived; the server goes away before the second.
      cut = true;
      await server.kill();
      await route.abort('connectionrefused');
      return;
    }
    await route.continue();
  });

  await page.goto(server.url + '/activiteiten');
  const cat = catalogue(page);
  // The first page is in the list although the rest never came.
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding', { timeout: 25_000 });
  const afterFirst = await stored(page);
  expect(afterFirst.cursor).toBeGreaterThan(0);
  expect(afterFirst.activities).toBeGreaterThan(0);
  expect(afterFirst.activities).toBeLessThan(seed.everyActivity.length);
  const shown = await waitForResults(page);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(seed.activities.length);
  expect(asked.slice(0, 2)).toEqual(['0', String(afterFirst.cursor)]);

  const again = await startServer({ dbPath: server.dbPath, port: server.port, env: PAGED });
  try {
    const before = asked.length;
    // Back online: the app looks at once instead of after its backoff.
    await context.setOffline(true);
    await context.setOffline(false);
    await waitForResults(page, seed.activities.length);
    // It went on from the stored cursor, not from the start.
    expect(asked[before]).toBe(String(afterFirst.cursor));
    expect(asked.slice(before)).not.toContain('0');
    const done = await stored(page);
    expect(done.activities).toBe(seed.everyActivity.length);
    expect(done.doubled).toBe(0);
    const health = await (await fetch(again.url + '/api/v1/health')).json();
    expect(done.cursor).toBe(health.cursor);
    // Every activity once: the list counts no more than there are.
    expect(await cat.count()).toBe(seed.activities.length);
  } finally {
    await again.stop();
  }
});
