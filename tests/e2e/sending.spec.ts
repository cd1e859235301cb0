// Who sends the outbox, and when: one push at a time across tabs (Web Locks), the
// other tabs kept up to date (BroadcastChannel), Background Sync waking the page,
// saving never held up by a push under way, and a plain warning while items wait in
// storage the browser may clear.

import type { CDPSession, Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows } from './db';
import {
  JOZEFIEN,
  mySignUps,
  outboxStatus,
  seedActivity,
  signUp,
  signUpForm,
  waitForServiceWorkerControl,
  type Person,
} from './helpers';
import { startServer } from './server';

const WALK = 'senver-wandelen';
const SIGN_UPS = 'SELECT COUNT(*) FROM sign_ups';
const KEES: Person = { firstName: 'Kees', phone: '06 11223344', partySize: 2 };

async function openForm(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/activiteiten/${WALK}`);
  await expect(signUpForm(page).heading).toBeVisible();
}

function isPush(request: Request): boolean {
  return request.method() === 'POST' && request.url().endsWith('/api/v1/sync/push');
}

test('two_tabs_push_one_at_a_time_and_show_the_same_outbox', async ({ context, server }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  const pushes: string[] = [];
  for (const page of [first, second]) {
    await openForm(page, server.url);
    await waitForServiceWorkerControl(page);
    page.on('request', (request) => {
      if (isPush(request)) pushes.push(page === first ? 'first' : 'second');
    });
  }
  // A slow server: a push takes a while, so two tabs that did not take turns would
  // both be sending the same item at once.
  await context.route('**/api/v1/sync/push', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });

  await context.setOffline(true);
  await expect(first.getByTestId('net-status')).toContainText('Geen verbinding');
  await signUp(first, JOZEFIEN);
  // The other tab learns of it without reloading.
  await expect(outboxStatus(second)).toContainText('1 aanmelding wacht op verbinding');

  // Both tabs hear `online` and both want to send.
  await context.setOffline(false);
  for (const page of [first, second]) {
    await expect(outboxStatus(page)).toContainText('Alles is verstuurd', { timeout: 15_000 });
  }
  expect(pushes, 'one tab sent the item; the other found nothing left to send').toHaveLength(1);
  expect(countRows(server.dbPath, SIGN_UPS)).toBe(1);
});

test.describe('while a push waits for its answer', () => {
  test.use({ serverOptions: { env: { OMZIEN_TEST_FAULTS: 'hang-push-after-commit=1' } } });

  test('a_new_sign_up_is_saved_at_once_and_sent_after', async ({ page, server }) => {
    test.setTimeout(60_000);
    await openForm(page, server.url);
    await signUp(page, JOZEFIEN);
    // The first push is committed and never answered (until the app gives up).
    await expect.poll(() => server.stdout(), { timeout: 10_000 }).toContain('never answering it');

    const started = Date.now();
    await signUp(page, KEES);
    await expect(signUpForm(page).receipt).toContainText('Je aanmelding is bewaard');
    expect(Date.now() - started, 'saving waits for nobody').toBeLessThan(5_000);
    await expect(outboxStatus(page)).toContainText('2 aanmeldingen wachten op verbinding');

    // After the app gives up on the hanging push (20 s), both go.
    await expect(outboxStatus(page)).toContainText('Alles is verstuurd', { timeout: 40_000 });
    expect(countRows(server.dbPath, SIGN_UPS)).toBe(2);
  });
});

/** Fires the service worker's `sync` event as DevTools does (Chromium's CDP). */
async function dispatchSync(page: Page, url: string): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(url) && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: new URL(url).origin,
    registrationId: await registrationId,
    tag: 'omzien-outbox',
    lastChance: false,
  });
}

test('background_sync_wakes_the_page_to_send', async ({ page, server }) => {
  test.setTimeout(60_000);
  await openForm(page, server.url);
  await waitForServiceWorkerControl(page);

  // The server goes away; the browser still thinks it is online, so no `online`
  // event will come. The failed push backs off for 12–18 s.
  await server.kill();
  await signUp(page, JOZEFIEN);
  const failedAt = Date.now();
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding', { timeout: 25_000 });

  const again = await startServer({ dbPath: server.dbPath, port: server.port });
  try {
    await dispatchSync(page, server.url);
    await expect(outboxStatus(page)).toContainText('Alles is verstuurd', { timeout: 8_000 });
    expect(Date.now() - failedAt, 'sent on the sync event, not by the backoff timer').toBeLessThan(11_500);
    expect(countRows(again.dbPath, SIGN_UPS)).toBe(1);
  } finally {
    await again.stop();
  }
});

test.describe('when the browser may clear stored data', () => {
  test.beforeEach(async ({ context }) => {
    // Chromium decides by itself whether to keep a site's data; here it says no.
    await context.addInitScript(() => {
      const asked = { persist: 0 };
      (window as unknown as { persistAsked: typeof asked }).persistAsked = asked;
      StorageManager.prototype.persisted = () => Promise.resolve(false);
      StorageManager.prototype.persist = () => {
        asked.persist += 1;
        return Promise.resolve(false);
      };
    });
  });

  test('waiting_items_come_with_a_plain_warning', async ({ page, context, server }) => {
    await openForm(page, server.url);
    await waitForServiceWorkerControl(page);
    await expect(page.getByTestId('storage-warning')).toHaveCount(0);

    await context.setOffline(true);
    await signUp(page, JOZEFIEN);
    const warning = page.getByTestId('storage-warning');
    await expect(warning).toContainText('staat alleen op dit apparaat');
    expect(await page.evaluate(() => (window as unknown as { persistAsked: { persist: number } }).persistAsked.persist)).toBeGreaterThan(0);

    await context.setOffline(false);
    await expect(outboxStatus(page)).toContainText('Alles is verstuurd', { timeout: 15_000 });
    await expect(warning).toHaveCount(0);
  });
});

test('my_sign_ups_follow_the_other_tab', async ({ context, server }) => {
  const kiosk = await context.newPage();
  const list = await context.newPage();
  await openForm(kiosk, server.url);
  await list.goto(`${server.url}/aanmeldingen`);
  await expect(mySignUps(list).heading).toBeVisible();
  await signUp(kiosk, JOZEFIEN);
  await expect(mySignUps(list).item(seedActivity(WALK).name)).toContainText('Bevestigd', { timeout: 15_000 });
});
