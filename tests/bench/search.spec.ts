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
//
// Keystroke to updated list: from the `input` event's time stamp (when the key came
// in) to the last change of the page's DOM that the keystroke caused (a
// MutationObserver on <main>), or, for a keystroke that changes nothing on screen, to
// the end of the work it started (a MessageChannel message posted from the input
// event runs after the task and its microtasks). "Redraw" is that time minus the
// keystroke's own search measure. Keystrokes that change nothing: a space typed after
// each query. Memory: the JS heap and the ArrayBuffers outside it after a garbage
// collection, over the DevTools protocol, and the wasm memory (`wasm-memory.ts`), after
// each round of typing; IndexedDB's usage from navigator.storage.estimate().
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { copyDataDir, removeTempDir, repoRoot, startServer } from '../e2e/server';
import { wasmMemoryBytes } from './wasm-memory';

const BENCH = path.join(repoRoot, 'target', 'search-bench');
const MINISEARCH = path.join(repoRoot, 'node_modules', 'minisearch', 'dist', 'umd', 'index.js');

interface Probe {
  searches: number[];
  searchAt: number[];
  index: number[];
  keys: { at: number; settled: number; value: string }[];
  mutations: number[];
}

interface Stats {
  keystrokes: number;
  mean_ms: number;
  median_ms: number;
  p90_ms: number;
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
    median_ms: round(sorted[Math.floor(sorted.length / 2)]),
    p90_ms: round(sorted[Math.floor(sorted.length * 0.9)]),
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
      const w = window as unknown as Window & Probe;
      w.searches = [];
      w.searchAt = [];
      w.index = [];
      w.keys = [];
      w.mutations = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === 'omzien-search') {
            w.searches.push(e.duration);
            w.searchAt.push(e.startTime);
          }
          if (e.name === 'omzien-index') w.index.push(e.duration);
        }
      }).observe({ type: 'measure' });
      document.addEventListener(
        'input',
        (e) => {
          const key = { at: e.timeStamp, settled: 0, value: (e.target as HTMLInputElement).value };
          w.keys.push(key);
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (key.settled = performance.now());
          channel.port2.postMessage(0);
        },
        true,
      );
      // The whole document: <main> is drawn by the app, after this script runs.
      new MutationObserver(() => w.mutations.push(performance.now())).observe(document, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    });
    await page.goto(server.url + '/activiteiten');
    // Every activity for residents: the corpus has some for professionals only.
    const shown = activities.filter((a: { audience?: string }) => a.audience !== 'professionals').length;
    const thousands = `${Math.floor(shown / 1000)}[.\\s]?${String(shown % 1000).padStart(3, '0')}`;
    await expect(page.getByRole('status').filter({ hasText: 'activiteiten gevonden' })).toContainText(
      new RegExp(thousands + ' activiteiten gevonden'),
      { timeout: 120_000 },
    );
    const box = page.getByLabel('Zoek een activiteit');

    // Every keystroke of every query, as a visitor types it; the first round warms up.
    const typeAll = async () => {
      const times: number[] = [];
      for (const query of queries) {
        await box.fill('');
        await page.waitForTimeout(50);
        const from = await page.evaluate(() => (window as unknown as Probe).searches.length);
        await box.pressSequentially(query);
        await expect(page).toHaveURL(new RegExp('q=' + encodeURIComponent(query).replace(/%20/g, '(\\+|%20)')));
        await page.waitForTimeout(50);
        times.push(...(await page.evaluate((n) => (window as unknown as Probe).searches.slice(n), from)));
      }
      return times;
    };
    // Each keystroke since `from` whose box text passes `pick`: to its last DOM change
    // before the next keystroke (at most a second on), or without any change, to the
    // end of the work it started; and that minus its search.
    const keystrokes = async (from: number, pick: (value: string) => boolean) => {
      const w = await page.evaluate(() => {
        const p = window as unknown as Probe;
        return { keys: p.keys, mutations: p.mutations, searches: p.searches, searchAt: p.searchAt };
      });
      const total: number[] = [];
      const redraw: number[] = [];
      w.keys.forEach((k, i) => {
        if (i < from || !pick(k.value)) return;
        const next = Math.min(i + 1 < w.keys.length ? w.keys[i + 1].at : Infinity, k.at + 1000);
        const changes = w.mutations.filter((m) => m >= k.at && m < next);
        const search = w.searchAt
          .map((at, j) => (at >= k.at && at < next ? w.searches[j] : 0))
          .reduce((a, b) => a + b, 0);
        // The message posted from the event may wait for a frame to be drawn first (the
        // browser draws before it runs such tasks), so it times a keystroke only when
        // there is no change to time it by.
        const done = changes.length > 0 ? Math.max(...changes) : k.settled;
        total.push(done - k.at);
        redraw.push(Math.max(0, done - k.at - search));
      });
      return { total, redraw };
    };
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
      return {
        js_heap_bytes: h.usedSize,
        array_buffers_bytes: h.backingStorageSize ?? null,
        wasm_memory_bytes: await wasmMemoryBytes(page),
      };
    };
    const memory = [await heap()];
    await typeAll();
    memory.push(await heap());
    const firstKey = await page.evaluate(() => (window as unknown as Probe).keys.length);
    const omzienTimes = await typeAll();
    memory.push(await heap());
    const typed = await keystrokes(firstKey, (v) => v !== '');
    // A space after each query: the words stay the same, so the list must too.
    const spaceFrom = await page.evaluate(() => (window as unknown as Probe).keys.length);
    for (const query of queries) {
      await box.fill(query);
      await page.waitForTimeout(50);
      await box.press('End');
      await box.press(' ');
      await page.waitForTimeout(50);
    }
    const spaces = await keystrokes(spaceFrom, (v) => v.endsWith(' '));
    memory.push(await heap());
    const storage = await page.evaluate(async () => {
      const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
      return { usage: e.usage ?? null, indexeddb: e.usageDetails?.indexedDB ?? null };
    });
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
      keystroke_to_list: stats(typed.total),
      redraw: stats(typed.redraw),
      keystroke_changing_nothing: stats(spaces.total),
      memory: { after_load: memory[0], after_round_1: memory[1], after_round_2: memory[2], after_spaces: memory[3] },
      indexeddb_bytes: storage.indexeddb,
      storage_bytes: storage.usage,
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
