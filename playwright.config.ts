import { defineConfig, devices } from '@playwright/test';

// End-to-end tests against the real server and the built app, in the machine's own
// Chromium: Playwright never downloads a browser here (install with
// PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1). Each test starts its own server on a free port
// with a fresh database (tests/e2e/fixtures.ts), so there is no webServer entry.
//
//   npm run e2e                  every spec
//   npx playwright test wijk     one spec
//   CHROMIUM_PATH=… OMZIEN_SERVER_BIN=… npm run e2e
export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores: one browser at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  // The first load compiles the wasm app and fills IndexedDB: allow a slow tablet's
  // worth of time for a page to show its content.
  expect: { timeout: 10_000 },
  use: {
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      // Desktop Chrome's viewport and user agent; the browser itself is the
      // executablePath above (the descriptor names no channel, so it is kept).
      use: { ...devices['Desktop Chrome'] },
    },
  ],
});
