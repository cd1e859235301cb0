// `test` with a real Omzien server per test: a free port, a fresh SQLite database with
// the seed catalogue, the built app from dist/. Tests open pages with
// `page.goto(server.url + '/activiteiten')`.
//
// A spec or describe block can start its server differently:
//
//   test.use({ serverOptions: { env: { OMZIEN_TEST_FAULTS: 'hang-push-after-commit=1' } } });
//   test.use({ serverOptions: { editActivities: (a) => { activityIn(a, 'senver-wandelen').capacity = 1; } } });
//
// Every page is also watched for Content-Security-Policy violations: the app must run
// under the server's strict policy (no inline script or style), so any refusal fails
// the test.

import { rmSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import {
  copyDataDir,
  removeTempDir,
  startServer,
  type DataActivity,
  type RunningServer,
  type ServerOptions,
} from './server';

export interface ServerFixtureOptions extends ServerOptions {
  /** Serve a copy of data/ with these changes to the activities (e.g. a capacity). */
  editActivities?: (activities: DataActivity[]) => void;
}

interface Fixtures {
  server: RunningServer;
}

interface Options {
  serverOptions: ServerFixtureOptions;
}

export const test = base.extend<Fixtures & Options>({
  serverOptions: [{}, { option: true }],

  server: async ({ serverOptions }, use) => {
    const { editActivities, ...options } = serverOptions;
    const dataDir = editActivities ? copyDataDir(editActivities) : undefined;
    try {
      const server = await startServer(dataDir ? { ...options, dataDir } : options);
      try {
        await use(server);
      } finally {
        await server.stop();
        removeTempDir(server);
      }
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
