// WCAG 2.2 AA: an axe-core scan of every page, once its content has loaded, finds
// nothing; and every page has the same frame (one h1, main#main, the site navigation).
// A staff page that shows its content only to a role is scanned with that role signed
// in, in Dutch and in English (the staff screens' two languages), and must reflow at
// 320 and 640 CSS px (400 % and 200 % zoom) in both.
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
  signIn,
  waitForResults,
  waitForServiceWorkerControl,
} from './helpers';
import type { StaffAccount } from './helpers';
import { sqlite } from './db';
import { addUser } from './server';

interface Route {
  path: string;
  /** Waits until the page shows what it is for, so axe scans the real content. */
  ready: (page: Page) => Promise<void>;
  /** A staff page scanned as its users see it. */
  staff?: StaffRoute;
}

interface StaffRoute {
  /** Signs in first; made with `omzien-server user add`. */
  as: StaffAccount & { role: string };
  /** What else the database holds, so the page shows every kind of row it has. */
  setup?: (dbPath: string) => void;
  /** As `ready`, once the page is in English. */
  readyEn: (page: Page) => Promise<void>;
}

const ADMIN = { email: 'beheer@hilversum.example', password: 'een wachtwoord voor beheer', role: 'admin' };

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
    path: '/medewerkers/namens',
    staff: {
      as: { email: 'bo@hilversum.example', password: 'een lang genoeg wachtwoord', role: 'outreach_worker' },
      // A sign-up and a note she sent for residents: both kinds of line.
      setup: (dbPath) => {
        sqlite(
          dbPath,
          `INSERT INTO sign_ups (id, activity_id, first_name, party_size, channel, place, pushed_by)
           SELECT '00000000-0000-4000-8000-0000000000b1', 'senver-wandelen', 'Henk', 2, 'on_behalf', 'confirmed', id
           FROM users WHERE email = 'bo@hilversum.example'`,
        );
        sqlite(
          dbPath,
          `INSERT INTO concern_notes (id, kind, about, wijk, urgency, reporter_role, channel, pushed_by)
           SELECT '00000000-0000-4000-8000-0000000000b2', 'wants_contact', 'self', 'zuid', 'normal', 'resident', 'on_behalf', id
           FROM users WHERE email = 'bo@hilversum.example'`,
        );
      },
      readyEn: async (page) => {
        await expect(h1(page)).toHaveText('Sent on behalf of residents');
        await expect(page.getByTestId('my-items')).toContainText('For Henk');
      },
    },
    ready: async (page) => {
      await expect(page.getByTestId('my-items').locator('li')).toHaveCount(2);
      await expect(page.getByTestId('my-items')).toContainText('Voor Henk');
    },
  },
  {
    path: '/medewerkers/accounts',
    staff: {
      as: ADMIN,
      // An organiser with her organisations, and an account that is off (a button to
      // turn it on again); the log then has lines made on the server's machine.
      setup: (dbPath) => {
        addUser(dbPath, 'anja@senver.example', 'organiser', 'een lang genoeg wachtwoord', ['senver', 'versa-welzijn']);
        addUser(dbPath, 'weg@hilversum.example', 'outreach_worker', 'een lang genoeg wachtwoord');
        sqlite(dbPath, "UPDATE users SET disabled = 1 WHERE email = 'weg@hilversum.example'");
      },
      readyEn: async (page) => {
        await expect(h1(page)).toHaveText('Staff accounts');
        await expect(page.getByRole('button', { name: /^Turn on again/ })).toBeVisible();
        await expect(page.getByTestId('account-log')).toContainText('Account made');
      },
    },
    ready: async (page) => {
      await expect(page.getByTestId('account')).toHaveCount(3);
      await expect(page.getByRole('button', { name: /^Weer aanzetten/ })).toBeVisible();
      await expect(page.getByTestId('account-log-line')).toHaveCount(3);
    },
  },
  {
    path: '/bestaat-niet',
    ready: async (page) => expect(h1(page)).toHaveText('Deze pagina bestaat niet'),
  },
];

/** No sideways scrolling at 320 and 640 CSS px; then back to the usual window. */
async function expectReflow(page: Page, path: string): Promise<void> {
  const usual = page.viewportSize();
  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 640 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${path} at ${width} px` })
      .toBeLessThanOrEqual(width);
  }
  if (usual) await page.setViewportSize(usual);
}

for (const route of routes) {
  test(`axe_finds_no_wcag_violations_on ${route.path}`, async ({ page, server }) => {
    const staff = route.staff;
    if (staff) {
      // Sign-in, a page of tables and a second language on a busy two-core machine.
      test.setTimeout(60_000);
      addUser(server.dbPath, staff.as.email, staff.as.role, staff.as.password);
      staff.setup?.(server.dbPath);
      await signIn(page, server.url, staff.as);
    }
    await page.goto(server.url + route.path);
    await route.ready(page);
    await expectPageFrame(page);
    await expectNoViolations(page);
    if (staff) {
      await expectReflow(page, route.path);
      await page.locator('select#taal').selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await staff.readyEn(page);
      await expect(page.locator('h1')).toHaveCount(1);
      await expectNoViolations(page);
      await expectReflow(page, route.path);
    }
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
