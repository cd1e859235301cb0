// The server's limits on pushes without a staff session (crates/server/src/limits.rs),
// seen from the app: a device that queued more than its limit allows gets part taken,
// waits as long as the server says, and then sends the rest, each sign-up stored once.

import type { Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows } from './db';
import { outboxStatus, signUp, signUpForm, waitForServiceWorkerControl, type Person } from './helpers';

const WALK = 'senver-wandelen';
const SIGN_UPS = "SELECT COUNT(*) FROM sign_ups WHERE activity_id = 'senver-wandelen'";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const PEOPLE: Person[] = ['Anna', 'Bram', 'Cor', 'Dina', 'Evert', 'Fenna'].map((firstName, i) => ({
  firstName,
  phone: `06 1000000${i}`,
}));

function isPush(request: Request): boolean {
  return request.method() === 'POST' && request.url().endsWith('/api/v1/sync/push');
}

interface Push {
  sentAt: number;
  device: string | undefined;
  /** Seconds the server asked the device to wait, when it held something back. */
  retryAfter?: number;
}

test.describe('with a limit of three new items at once per device', () => {
  // One token a second after the first three: the test need not wait long.
  test.use({
    serverOptions: { env: { OMZIEN_PUSH_DEVICE_BURST: '3', OMZIEN_PUSH_DEVICE_PER_HOUR: '3600' } },
  });

  test('a_device_over_its_limit_waits_as_told_and_then_delivers_everything_once', async ({
    page,
    context,
    server,
  }) => {
    test.setTimeout(60_000);
    const pushes: Push[] = [];
    page.on('request', (request) => {
      if (isPush(request)) pushes.push({ sentAt: Date.now(), device: request.headers()['x-omzien-device'] });
    });
    page.on('response', async (response) => {
      if (!isPush(response.request())) return;
      const push = pushes[pushes.length - 1];
      if (response.status() === 429) {
        push.retryAfter = Number(response.headers()['retry-after']);
      } else {
        const body = (await response.json()) as { retry_after?: number };
        push.retryAfter = body.retry_after;
      }
    });

    await page.goto(`${server.url}/activiteiten/${WALK}`);
    await expect(signUpForm(page).heading).toBeVisible();
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    for (const person of PEOPLE) await signUp(page, person);
    await expect(outboxStatus(page)).toContainText('6 aanmeldingen wachten op verbinding');

    await context.setOffline(false);
    await expect(outboxStatus(page)).toContainText('Alles is verstuurd', { timeout: 30_000 });
    expect(countRows(server.dbPath, SIGN_UPS), 'each sign-up stored once').toBe(PEOPLE.length);

    const heldBack = pushes.findIndex((push) => push.retryAfter !== undefined);
    expect(heldBack, 'the server held part of the outbox back').toBeGreaterThanOrEqual(0);
    const next = pushes[heldBack + 1];
    expect(next, 'the rest was sent later').toBeDefined();
    const waited = next.sentAt - pushes[heldBack].sentAt;
    const told = pushes[heldBack].retryAfter! * 1000;
    expect(waited, 'after the time the server asked for').toBeGreaterThanOrEqual(told - 100);
    expect(waited, 'and not much later').toBeLessThan(told * 1.2 + 1500);
    const devices = new Set(pushes.map((push) => push.device));
    expect(devices.size, 'every push names the same device').toBe(1);
    expect([...devices][0]).toMatch(UUID);
  });
});

test.describe('with a limit of two new items at once per address', () => {
  // One token every six seconds after the first two.
  test.use({
    serverOptions: { env: { OMZIEN_PUSH_ADDRESS_BURST: '2', OMZIEN_PUSH_ADDRESS_PER_HOUR: '600' } },
  });

  test('a_device_that_gets_429_because_its_address_is_busy_waits_and_then_delivers', async ({
    browser,
    server,
  }) => {
    test.setTimeout(60_000);
    // Two devices in one community centre: one address, two device ids.
    const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
    try {
      const pages = await Promise.all([first.newPage(), second.newPage()]);
      for (const page of pages) {
        await page.goto(`${server.url}/activiteiten/${WALK}`);
        await expect(signUpForm(page).heading).toBeVisible();
        await waitForServiceWorkerControl(page);
      }
      await first.setOffline(true);
      await second.setOffline(true);
      await signUp(pages[0], PEOPLE[0]);
      await signUp(pages[0], PEOPLE[1]);
      await signUp(pages[1], PEOPLE[2]);

      const answers: Array<{ status: number; retryAfter: string | undefined; at: number }> = [];
      pages[1].on('response', (response) => {
        if (isPush(response.request())) {
          answers.push({ status: response.status(), retryAfter: response.headers()['retry-after'], at: Date.now() });
        }
      });
      // The first device uses the address's allowance...
      await first.setOffline(false);
      await expect(outboxStatus(pages[0])).toContainText('Alles is verstuurd', { timeout: 15_000 });
      // ...so the second one's push gets nothing through: a 429.
      await second.setOffline(false);
      await expect(pages[1].getByText('Het is even te druk')).toBeVisible({ timeout: 10_000 });
      await expect(outboxStatus(pages[1])).toContainText('1 aanmelding wacht op verbinding');
      await expect(outboxStatus(pages[1])).toContainText('Alles is verstuurd', { timeout: 20_000 });

      expect(answers[0].status).toBe(429);
      const told = Number(answers[0].retryAfter);
      expect(told).toBeGreaterThanOrEqual(1);
      expect(answers[1].status).toBe(200);
      const waited = answers[1].at - answers[0].at;
      expect(waited, 'waited as told').toBeGreaterThanOrEqual(told * 1000 - 100);
      // Not the 15 s backoff of a failure: the time told, plus at most 20 %.
      expect(waited, 'and no longer').toBeLessThan(told * 1200 + 1500);
      expect(countRows(server.dbPath, SIGN_UPS), 'each sign-up stored once').toBe(3);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
