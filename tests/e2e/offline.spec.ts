// Offline first: after one visit the catalogue works with the network cut and with the
// server gone. Two ways to lose the connection, because they differ: setOffline also
// blocks the service worker's own fetches and flips navigator.onLine; a stopped
// server leaves the browser "online" with nothing answering.

import { test, expect } from './fixtures';
import {
  catalogue,
  fold,
  seed,
  seedActivity,
  seedInWijk,
  seedMatches,
  seedWijk,
  waitForResults,
  waitForServiceWorkerControl,
} from './helpers';

test('offline_reload_still_lists_searches_and_filters_activities', async ({ page, context, server }) => {
  await page.goto(server.url + '/activiteiten');
  const total = await waitForResults(page, seed.activities.length);
  await waitForServiceWorkerControl(page);

  await context.setOffline(true);
  await page.reload();
  const cat = catalogue(page);
  await waitForResults(page, total);
  await expect(page.getByTestId('net-status')).toBeVisible();
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding');

  // Search narrows the list, and every entry left is about Senver.
  await cat.search.fill('senver');
  const senver = await waitForResults(page, seedMatches('senver').length);
  expect(senver).toBeGreaterThan(0);
  expect(senver).toBeLessThan(total);
  for (const text of await cat.items.allInnerTexts()) {
    expect(fold(text)).toContain('senver');
  }
  await expect(page).toHaveURL(/[?&]q=senver(&|$)/);

  // A wijk filter: city-wide activities count for every wijk, so a wijk other than
  // Zuidwest drops the Buurtmobi (Kerkelanden) activities, and Zuidwest keeps them.
  await cat.search.fill('');
  await waitForResults(page, total);
  const buurtmobi = seedActivity('buurtmobi-kerkelanden');
  expect(buurtmobi.wijk).toBe('zuidwest');

  await cat.filters.click();
  await cat.wijk.selectOption({ label: seedWijk('centrum').name });
  const inCentrum = await waitForResults(page, seedInWijk('centrum').length);
  expect(inCentrum).toBeLessThan(total);
  await expect(cat.link(buurtmobi.name)).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]wijk=centrum(&|$)/);

  await cat.wijk.selectOption({ label: seedWijk('zuidwest').name });
  await waitForResults(page, seedInWijk('zuidwest').length);
  await expect(cat.link(buurtmobi.name)).toBeVisible();
  await expect(page).toHaveURL(/[?&]wijk=zuidwest(&|$)/);

  // Both at once: Senver's activities are city-wide, so they stay in Zuidwest.
  await cat.search.fill('senver');
  await waitForResults(page, senver);
  await expect(page).toHaveURL(/[?&]wijk=zuidwest(&|$)/);
});

test('with_the_server_stopped_the_catalogue_still_searches_and_opens_an_activity', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const total = await waitForResults(page, seed.activities.length);
  await waitForServiceWorkerControl(page);

  await server.stop();
  await page.reload();
  const cat = catalogue(page);
  await waitForResults(page, total);

  await cat.search.fill('wandelen');
  await expect.poll(cat.count).toBeLessThan(total);
  await waitForResults(page);
  const walking = seedActivity('senver-wandelen');
  await cat.link(walking.name).click();

  await expect(page).toHaveURL(/\/activiteiten\/senver-wandelen$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(walking.name);
});

test('first_visit_without_a_connection_says_there_are_no_activities_yet', async ({ page, context, server }) => {
  // The page shell loads, but the catalogue cannot be fetched: nothing is on the device.
  // (context.route also catches requests that pass through the service worker.)
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await page.goto(server.url + '/activiteiten');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Nog geen activiteiten op dit apparaat')).toBeVisible();
  await expect(catalogue(page).results).toHaveCount(0);
});

// The meldpunt's page (its forms and the sealing code) and the other pages in
// src/pages/lazy.rs are wasm chunks of their own, fetched the first time a page opens
// (docs/benchmarks.md). The service worker precaches every chunk, so a device that never
// opened them while online still opens them offline: by address, and by a link.
test('lazy_pages_open_offline_though_they_were_never_opened_online', async ({ page, context, server }) => {
  const chunks: string[] = [];
  page.on('request', (request) => {
    if (/\/chunk-[0-9a-f]{16}\.wasm$/.test(request.url())) chunks.push(request.url());
  });
  await page.goto(server.url + '/');
  await expect(page.locator('select#taal')).toBeVisible();
  await waitForServiceWorkerControl(page);
  expect(chunks, 'the start page needs none of the chunks').toEqual([]);

  await context.setOffline(true);
  await page.goto(server.url + '/melden');
  const worried = page.getByRole('main').getByRole('button', { name: /^Ik maak me zorgen om iemand/ });
  await expect(worried).toBeVisible();
  expect(chunks.length, 'the page came from a chunk').toBeGreaterThan(0);
  await worried.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik maak me zorgen om iemand');

  await page.goto(server.url + '/');
  await page.getByRole('main').getByRole('link', { name: /^Maak je je zorgen om iemand\?/ }).click();
  await expect(page).toHaveURL(/\/melden$/);
  await expect(worried).toBeVisible();
  // Focus waits for the heading, which comes with the chunk (src/components/layout.rs).
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // The static first paint has no heading away from the start page: a heading is the
  // page itself, drawn from its chunk.
  for (const address of [
    '/zelftest',
    '/instellingen',
    '/wijken',
    '/weten',
    '/organisaties',
    '/aanmeldingen',
    '/activiteiten/luisterlijn-gesprek',
  ]) {
    await page.goto(server.url + address);
    await expect(page.getByRole('heading', { level: 1 }), address).toHaveText(/\S/);
  }
});
