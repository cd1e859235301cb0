// `test` with a real Omzien server per test: a free port, a fresh SQLite database with
// the seed catalogue, the built app from dist/. Tests open pages with
// `page.goto(server.url + '/activiteiten')`.
//
// Every page is also watched for Content-Security-Policy violations: the app must run
// under the server's strict policy (no inline script or style), so any refusal fails
// the test.

import { test as base, expect } from '@playwright/test';
import { removeTempDir, startServer, type RunningServer } from './server';

interface Fixtures {
  server: RunningServer;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await startServer();
    try {
      await use(server);
    } finally {
      await server.stop();
      removeTempDir(server);
    }
  },

  page: async ({ page }, use) => {
    const refused: string[] = [];
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy/i.test(text)) refused.push(text);
    });
    await use(page);
    expect(refused, `CSP violations:\n${refused.join('\n')}`).toEqual([]);
  },
});

export { expect };
