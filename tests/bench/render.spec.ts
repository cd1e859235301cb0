// Time from navigation to the rendered activity list, with the catalogue already in
// IndexedDB and the shell in the service worker's cache (a kiosk's normal start).
// Writes target/bench-render.json for scripts/bench.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from '../e2e/fixtures';
import { repoRoot } from '../e2e/server';

const RUNS = 15;

test('navigation to rendered list, catalogue stored', async ({ page, server, context }) => {
  await page.goto(server.url + '/activiteiten');
  await page.locator('section[aria-label="Resultaten"] ul.results li').first().waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.locator('section[aria-label="Resultaten"] ul.results li').first().waitFor();

  for (const offline of [false, true]) {
    await context.setOffline(offline);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      await page.locator('section[aria-label="Resultaten"] ul.results li').first().waitFor();
      // performance.now() counts from the start of this navigation.
      times.push(await page.evaluate(() => performance.now()));
    }
    times.sort((a, b) => a - b);
    const result = {
      runs: RUNS,
      median_ms: Math.round(times[Math.floor(RUNS / 2)]),
      p90_ms: Math.round(times[Math.floor(RUNS * 0.9)]),
      min_ms: Math.round(times[0]),
    };
    const file = path.join(repoRoot, 'target', `bench-render-${offline ? 'offline' : 'online'}.json`);
    writeFileSync(file, JSON.stringify(result));
    console.log(`${offline ? 'offline' : 'online'}: ${JSON.stringify(result)}`);
  }
});
