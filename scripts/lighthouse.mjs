#!/usr/bin/env node
// Lighthouse's mobile preset (a mid-range phone, simulated slow 4G, 4× CPU slowdown) on
// `/`, served by the real server (target/release/omzien-server) from dist/, a fresh
// database, a cold cache each run. Prints the median of RUNS runs as JSON: performance
// score (0–100), LCP, TBT, FCP, Speed Index, CLS. `scripts/bench` prints it; the numbers
// are in docs/benchmarks.md.
//
// Never downloads a browser: it starts the system's Chromium (CHROME_PATH, default
// /usr/bin/chromium).
//
//   node scripts/lighthouse.mjs [runs]      # default 5; OMZIEN_DIST=<dir> for another build
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const binary = process.env.OMZIEN_SERVER_BIN ?? path.join(root, 'target/release/omzien-server');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const dist = path.resolve(process.env.OMZIEN_DIST ?? path.join(root, 'dist'));
for (const [what, file] of [['server', binary], ['app', path.join(dist, 'index.html')], ['Chromium', chromePath]]) {
  if (!existsSync(file)) {
    console.error(`lighthouse: no ${what} at ${file}`);
    process.exit(1);
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const port = await freePort();
const temp = mkdtempSync(path.join(tmpdir(), 'omzien-lighthouse-'));
const server = spawn(binary, [], {
  cwd: root,
  env: {
    ...process.env,
    OMZIEN_ADDR: `127.0.0.1:${port}`,
    DATABASE_URL: `sqlite://${path.join(temp, 'omzien.db')}`,
    OMZIEN_DIST: dist,
    OMZIEN_DATA: path.join(root, 'data'),
    RUST_LOG: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;

let chrome;
try {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server at ${url} did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const results = [];
  for (let i = 0; i < runs; i++) {
    // The default config is the mobile preset; each run clears the origin's storage,
    // so every run is a first visit (no service worker, nothing cached).
    const result = await lighthouse(`${url}/`, {
      port: chrome.port,
      onlyCategories: ['performance'],
      logLevel: 'error',
      output: 'json',
    });
    const audits = result.lhr.audits;
    results.push({
      score: Math.round(result.lhr.categories.performance.score * 100),
      lcp_ms: Math.round(audits['largest-contentful-paint'].numericValue),
      tbt_ms: Math.round(audits['total-blocking-time'].numericValue),
      fcp_ms: Math.round(audits['first-contentful-paint'].numericValue),
      si_ms: Math.round(audits['speed-index'].numericValue),
      cls: Number(audits['cumulative-layout-shift'].numericValue.toFixed(3)),
    });
    if (process.env.LIGHTHOUSE_VERBOSE) console.error(JSON.stringify(results.at(-1)));
  }
  // The run with the median score, so its metrics belong together.
  const sorted = [...results].sort((a, b) => a.score - b.score || a.lcp_ms - b.lcp_ms);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(JSON.stringify({ runs, median, scores: results.map((r) => r.score) }));
} finally {
  if (chrome) await chrome.kill();
  server.kill('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
}
