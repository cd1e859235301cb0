// Search at 10,000 activities: Omzien's index (wasm, in the app, typed key by key into
// the catalogue's search box) against MiniSearch (npm) on the same corpus and the same
// keystrokes, in the same page and run. Needs `target/search-bench/` from
// `cargo run --release -p omzien-core --example search_bench -- --write target/search-bench`
// (scripts/bench does this). Writes target/bench-search.json for scripts/bench.
//
// The app reports each search as a User Timing measure "omzien-search" (the filter,
// the index and the ranking; not the drawing of the results); a PerformanceObserver
// collects them. MiniSearch is timed around `search()` with performance.now(). Both
// clocks are coarsened to 0.1 ms in a page that is not cross-origin isolated, with
// jitter, so single keystrokes are rough; the means over some 300 keystrokes are not.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { copyDataDir, removeTempDir, repoRoot, startServer } from '../e2e/server';

const BENCH = path.join(repoRoot, 'target', 'search-bench');
const MINISEARCH = path.join(repoRoot, 'node_modules', 'minisearch', 'dist', 'umd', 'index.js');

interface Stats {
  keystrokes: number;
  mean_ms: number;
  p95_ms: number;
  max_ms: number;
}

function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((s, t) => s + t, 0) / sorted.length;
  const round = (t: number) => Math.round(t * 1000) / 1000;
  return {
    keystrokes: sorted.length,
    mean_ms: round(mean),
    p95_ms: round(sorted[Math.floor(sorted.length * 0.95)]),
    max_ms: round(sorted[sorted.length - 1]),
  };
}

test('search at 10,000 activities: Omzien against MiniSearch', async ({ page }) => {
  test.setTimeout(600_000);
  const activities = JSON.parse(readFileSync(path.join(BENCH, 'search-activities.json'), 'utf8'));
  const corpus = JSON.parse(readFileSync(path.join(BENCH, 'search-corpus.json'), 'utf8'));
  const queries: string[] = JSON.parse(readFileSync(path.join(BENCH, 'search-queries.json'), 'utf8'));
  expect(activities.length).toBe(10_000);

  const dataDir = copyDataDir((a) => a.splice(0, a.length, ...activities));
  // The campaigns name the seed's activities, which the corpus replaces.
  writeFileSync(path.join(dataDir, 'campaigns.json'), '[]\n');
  const server = await startServer({ dataDir });
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { searches: number[]; index: number[] };
      w.searches = [];
      w.index = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === 'omzien-search') w.searches.push(e.duration);
          if (e.name === 'omzien-index') w.index.push(e.duration);
        }
      }).observe({ type: 'measure' });
    });
    await page.goto(server.url + '/activiteiten');
    await expect(page.getByRole('status').filter({ hasText: 'activiteiten gevonden' })).toContainText(
      /10[.\s]?000 activiteiten gevonden/,
      { timeout: 120_000 },
    );
    const box = page.getByLabel('Zoek een activiteit');

    // Every keystroke of every query, as a visitor types it; the first round warms up.
    const typeAll = async () => {
      const times: number[] = [];
      for (const query of queries) {
        await box.fill('');
        await page.waitForTimeout(50);
        await page.evaluate(() => ((window as unknown as { searches: number[] }).searches = []));
        await box.pressSequentially(query);
        await expect(page).toHaveURL(new RegExp('q=' + encodeURIComponent(query).replace(/%20/g, '(\\+|%20)')));
        await page.waitForTimeout(50);
        times.push(...(await page.evaluate(() => (window as unknown as { searches: number[] }).searches)));
      }
      return times;
    };
    await typeAll();
    const omzienTimes = await typeAll();
    const omzien = stats(omzienTimes);
    const indexMs = await page.evaluate(() => (window as unknown as { index: number[] }).index.at(-1) ?? null);

    // MiniSearch in the same page: index the same activities, then search every prefix
    // a visitor's typing makes, once to warm up and once measured. Two settings: as
    // Omzien's index searches (prefixes, one typo in five letters, every word must
    // match), and MiniSearch's defaults (whole words only, any word), its fastest.
    // Evaluated over the DevTools protocol: the server's CSP refuses inline scripts.
    await page.evaluate(readFileSync(MINISEARCH, 'utf8'));
    const mini = await page.evaluate(
      ({ corpus, queries }) => {
        const MiniSearch = (window as unknown as { MiniSearch: any }).MiniSearch;
        const started = performance.now();
        const index = new MiniSearch({
          fields: ['name', 'summary', 'description', 'kind', 'organiser', 'location', 'wijk'],
          storeFields: ['id'],
        });
        index.addAll(corpus);
        const indexMs = performance.now() - started;
        const prefixes = queries.flatMap((q: string) => [...q].map((_, i) => q.slice(0, i + 1)));
        const run = (options: object) =>
          prefixes.map((p: string) => {
            const t0 = performance.now();
            index.search(p, options);
            return performance.now() - t0;
          });
        const alike = { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { name: 3 } };
        run(alike);
        const alikeTimes = run(alike);
        run({});
        return { alike: alikeTimes, defaults: run({}), indexMs };
      },
      { corpus, queries },
    );
    const minisearch = stats(mini.alike);
    const defaults = stats(mini.defaults);

    const result = {
      activities: activities.length,
      queries: queries.length,
      omzien: { ...omzien, index_ms: indexMs === null ? null : Math.round(indexMs) },
      minisearch: { ...minisearch, index_ms: Math.round(mini.indexMs) },
      minisearch_defaults: defaults,
      speedup: Math.round((minisearch.mean_ms / omzien.mean_ms) * 10) / 10,
      speedup_over_defaults: Math.round((defaults.mean_ms / omzien.mean_ms) * 10) / 10,
    };
    writeFileSync(path.join(repoRoot, 'target', 'bench-search.json'), JSON.stringify(result));
    // The slowest keystrokes, by what had been typed (when no keystroke was merged).
    const prefixes = queries.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
    if (omzienTimes.length === prefixes.length) {
      const slowest = (times: number[]) =>
        times
          .map((t, i) => `${prefixes[i]} ${t.toFixed(1)}`)
          .sort((a, b) => Number(b.split(' ').at(-1)) - Number(a.split(' ').at(-1)))
          .slice(0, 6);
      console.log('slowest, Omzien:', slowest(omzienTimes).join(', '));
      console.log('slowest, MiniSearch:', slowest(mini.alike).join(', '));
    }
    console.log(JSON.stringify(result, null, 2));
    expect(omzien.keystrokes).toBeGreaterThan(100);
  } finally {
    await server.stop();
    removeTempDir(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
