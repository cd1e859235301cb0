// The first sync and the offline start at 10,000 activities (the corpus of
// `search_bench --write target/search-bench`, which scripts/bench makes first).
//
// - "first visit": a fresh browser context (no IndexedDB, no service worker) opens
//   /activiteiten; the figure is the time from the start of the navigation until
//   IndexedDB's `meta.cursor` holds the server's newest cursor, i.e. the last page of
//   the pull is committed (the page polls the database every 20 ms).
// - "offline start": in the same context, once the service worker is ready, offline,
//   a reload; the figure is the time from the start of that navigation until the first
//   result is in the DOM. Where the app measures it ("omzien-load"), also when it began
//   to read the stored catalogue and how long that took.
//
// Each is taken RUNS times; writes target/bench-pull.json for scripts/bench. BENCH_DIST
// serves another build (an older dist/ kept for a before/after comparison).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { copyDataDir, removeTempDir, repoRoot, startServer } from '../e2e/server';

const BENCH = path.join(repoRoot, 'target', 'search-bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const FIRST_RESULT = 'section[aria-label="Resultaten"] ul.results li';

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median_ms: Math.round(sorted[Math.floor(sorted.length / 2)]),
    p90_ms: Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]),
    min_ms: Math.round(sorted[0]),
    max_ms: Math.round(sorted[sorted.length - 1]),
  };
}

test('first visit and offline start at 10,000 activities', async ({ browser }) => {
  test.setTimeout(900_000);
  const activities = JSON.parse(readFileSync(path.join(BENCH, 'search-activities.json'), 'utf8'));
  expect(activities.length).toBe(10_000);
  const dataDir = copyDataDir((a) => a.splice(0, a.length, ...activities));
  writeFileSync(path.join(dataDir, 'campaigns.json'), '[]\n');
  const server = await startServer({ dataDir, distDir: process.env.BENCH_DIST });
  try {
    const health = await (await fetch(server.url + '/api/v1/health')).json();
    const target: number = health.cursor;
    const firstVisit: number[] = [];
    const offlineStart: number[] = [];
    // Within the offline start: when the app began reading IndexedDB, and how long
    // reading and replaying the stored catalogue took (the app's measure "omzien-load").
    const loadStarts: number[] = [];
    const loads: number[] = [];
    // And the first search (filters and ranking; with no words, no index): when it
    // began and how long it took.
    const searchStarts: number[] = [];
    const searches: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
      const page = await context.newPage();
      // The moment the first result enters the DOM, from inside the page: Playwright's
      // own wait polls, and a later evaluate adds a round trip.
      await page.addInitScript((selector: string) => {
        new MutationObserver((_, observer) => {
          if (document.querySelector(selector)) {
            (window as unknown as { __firstResult: number }).__firstResult = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, FIRST_RESULT);
      await page.goto(server.url + '/activiteiten', { waitUntil: 'commit' });
      const committed = await page.evaluate(async (want: number) => {
        const cursor = () =>
          new Promise<number | undefined>((resolve) => {
            const open = indexedDB.open('omzien');
            open.onerror = () => resolve(undefined);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('meta')) {
                db.close();
                resolve(undefined);
                return;
              }
              const get = db.transaction('meta').objectStore('meta').get('cursor');
              get.onsuccess = () => {
                db.close();
                resolve(get.result as number | undefined);
              };
              get.onerror = () => {
                db.close();
                resolve(undefined);
              };
            };
          });
        for (;;) {
          if ((await cursor()) === want) return performance.now();
          await new Promise((r) => setTimeout(r, 20));
        }
      }, target);
      firstVisit.push(committed);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await context.setOffline(true);
      await page.reload();
      await page.locator(FIRST_RESULT).first().waitFor({ timeout: 60_000 });
      const at = await page.evaluate(() => {
        const load = performance.getEntriesByName('omzien-load')[0];
        const search = performance.getEntriesByName('omzien-search')[0];
        return {
          now: (window as unknown as { __firstResult: number }).__firstResult,
          loadFrom: load?.startTime ?? NaN,
          load: load?.duration ?? NaN,
          searchFrom: search?.startTime ?? NaN,
          search: search?.duration ?? NaN,
        };
      });
      offlineStart.push(at.now);
      loadStarts.push(at.loadFrom);
      loads.push(at.load);
      searchStarts.push(at.searchFrom);
      searches.push(at.search);
      await context.close();
    }
    const result = {
      first_visit: stats(firstVisit),
      offline_start: stats(offlineStart),
      offline_load_begins: loadStarts.some(Number.isNaN) ? null : stats(loadStarts),
      offline_load: loads.some(Number.isNaN) ? null : stats(loads),
      offline_search_begins: searchStarts.some(Number.isNaN) ? null : stats(searchStarts),
      offline_search: searches.some(Number.isNaN) ? null : stats(searches),
    };
    writeFileSync(path.join(repoRoot, 'target', 'bench-pull.json'), JSON.stringify(result));
    console.log(JSON.stringify(result));
    console.log('first visit runs: ' + firstVisit.map(Math.round).join(' '));
    console.log('offline start runs: ' + offlineStart.map(Math.round).join(' '));
  } finally {
    await server.stop();
    removeTempDir(server);
    removeTempDir({ tempDir: dataDir });
  }
});
