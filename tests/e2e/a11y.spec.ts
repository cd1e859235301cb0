// WCAG 2.2 AA: an axe-core scan of every page, once its content has loaded, finds
// nothing; and every page has the same frame (one h1, main#main, the site navigation).
// The sign-up form and "Mijn aanmeldingen" are scanned in signup.spec.ts, in the
// states only a sign-up reaches (errors shown, items listed).

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import {
  catalogue,
  expectNoViolations,
  expectPageFrame,
  seedActivity,
  seedWijk,
  waitForResults,
  waitForServiceWorkerControl,
} from './helpers';

interface Route {
  path: string;
  /** Waits until the page shows what it is for, so axe scans the real content. */
  ready: (page: Page) => Promise<void>;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

const routes: Route[] = [
  { path: '/', ready: async (page) => expect(h1(page)).toBeVisible() },
  {
    path: '/activiteiten',
    ready: async (page) => {
      await expect(h1(page)).toBeVisible();
      await waitForResults(page);
    },
  },
  {
    path: '/activiteiten?q=xyzzy',
    ready: async (page) => {
      await expect(h1(page)).toBeVisible();
      await waitForResults(page, 0);
    },
  },
  {
    path: '/activiteiten/senver-wandelen',
    ready: async (page) => {
      await expect(h1(page)).toHaveText(seedActivity('senver-wandelen').name);
      await expect(page.locator('main dl')).toBeVisible();
    },
  },
  {
    path: '/wijken',
    ready: async (page) => {
      await expect(h1(page)).toBeVisible();
      await expect(page.locator('main a[href*="/wijken/"]').first()).toBeVisible();
    },
  },
  {
    path: '/wijken/centrum',
    ready: async (page) => {
      await expect(h1(page)).toHaveText(seedWijk('centrum').name);
      await expect(page.locator('main table').first()).toBeVisible();
      await expect(page.locator('main .bar-chart[role="img"]').first()).toBeVisible();
    },
  },
  {
    path: '/organisaties',
    ready: async (page) => expect(page.locator('main a[href*="/organisaties/"]').first()).toBeVisible(),
  },
  {
    path: '/organisaties/senver',
    ready: async (page) => expect(page.getByTestId('organisation-offer')).toBeVisible(),
  },
  {
    path: '/activiteiten?voor=professionals',
    ready: async (page) => {
      await expect(h1(page)).toBeVisible();
      await waitForResults(page);
    },
  },
  {
    path: '/weten',
    ready: async (page) => expect(page.locator('main .info-list a').first()).toBeVisible(),
  },
  {
    path: '/weten/neerwaartse-spiraal',
    ready: async (page) => expect(page.locator('main figure.cycle svg')).toBeVisible(),
  },
  {
    path: '/zelftest',
    ready: async (page) => expect(page.locator('main #zt-wijk')).toBeVisible(),
  },
  {
    path: '/?vandaag=12-20',
    ready: async (page) => expect(page.getByTestId('campaign')).toBeVisible(),
  },
  {
    path: '/melden',
    ready: async (page) => expect(page.getByRole('button', { name: /^Ik maak me zorgen om iemand/ })).toBeVisible(),
  },
  {
    path: '/medewerkers',
    ready: async (page) => expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible(),
  },
  {
    path: '/meldpunt',
    ready: async (page) => expect(page.locator('main')).toContainText('Log eerst in'),
  },
  {
    path: '/bestaat-niet',
    ready: async (page) => expect(h1(page)).toHaveText('Deze pagina bestaat niet'),
  },
];

for (const route of routes) {
  test(`axe_finds_no_wcag_violations_on ${route.path}`, async ({ page, server }) => {
    await page.goto(server.url + route.path);
    await route.ready(page);
    await expectPageFrame(page);
    await expectNoViolations(page);
  });
}

test('axe_finds_no_wcag_violations_on the catalogue while offline', async ({ page, context, server }) => {
  await page.goto(server.url + '/activiteiten');
  await waitForResults(page);
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await waitForResults(page);
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding');
  await expect(catalogue(page).search).toBeVisible();
  await expectNoViolations(page);
});
