// Tellen (issue 18): the programme lead (kartrekker) sees, per action of the agenda,
// what was expected and what was reached, with sign-ups made in this test: twelve for
// one action show as 12, three for another as "minder dan 10", and the eleven of a third
// as "verborgen", since with the total of 26 it would give the three away. The page
// passes axe in Dutch and English; an organiser meets a page that says she has no
// access, and the API refuses her; offline the page says the counts are online only.

import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoViolations, signIn } from './helpers';
import { addUser } from './server';

const LEAD = { email: 'kartrekker@hilversum.example', password: 'een wachtwoord voor de kartrekker' };
const ADMIN = { email: 'beheer@hilversum.example', password: 'een wachtwoord voor beheer' };
const ANJA = { email: 'anja@senver.example', password: 'een wachtwoord voor anja' };

async function token(request: APIRequestContext, url: string, who: { email: string; password: string }): Promise<string> {
  const response = await request.post(`${url}/api/v1/auth/sign-in`, { data: who });
  expect(response.status()).toBe(200);
  return (await response.json()).token;
}

let next = 1;
function signUp(activity: string) {
  const n = next++;
  return {
    id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    change: {
      sign_up: {
        activity_id: activity,
        first_name: 'Joke',
        phone: '06 12345678',
        email: 'deelnemer@example.org',
        party_size: 1,
        note: null,
        channel: 'on_behalf',
        consent: true,
      },
    },
  };
}

test('the_programme_lead_sees_expected_against_reached_with_small_numbers_protected', async ({ page, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, LEAD.email, 'kartrekker', LEAD.password);
  addUser(server.dbPath, ADMIN.email, 'admin', ADMIN.password);
  const request = page.request;
  const lead = await token(request, server.url, LEAD);
  const admin = await token(request, server.url, ADMIN);
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  // Which action each activity serves, and what the lead expects of one of them.
  for (const [activity, action] of [
    ['voorbeeld-wandelgroep-oost', 'week-tegen-eenzaamheid'],
    ['voorbeeld-samen-eten', 'ambassadeurs'],
    ['senver-wandelen', 'digitale-vaardigheden-senioren'],
  ]) {
    const linked = await request.put(`${server.url}/api/v1/programme/activities/${activity}/action`, {
      headers: auth(lead),
      data: { action_id: action },
    });
    expect(linked.status()).toBe(204);
  }
  const planned = await request.put(`${server.url}/api/v1/programme/actions/week-tegen-eenzaamheid`, {
    headers: auth(lead),
    data: {
      planning: 'Elk jaar in de Week tegen Eenzaamheid',
      expectations: [{ half: halfOfToday(), measure: 'sign_ups', count: 40 }],
      milestones: [{ name: 'Programma rond', due: '2026-09-01', done: '2026-08-20' }],
    },
  });
  expect(planned.status()).toBe(204);

  // Sign-ups made now, by an outreach worker's session (an admin here): 12 + 3 + 11.
  const mutations = [
    ...Array.from({ length: 12 }, () => signUp('voorbeeld-wandelgroep-oost')),
    ...Array.from({ length: 3 }, () => signUp('voorbeeld-samen-eten')),
    ...Array.from({ length: 11 }, () => signUp('senver-wandelen')),
  ];
  const pushed = await request.post(`${server.url}/api/v1/sync/push`, { headers: auth(admin), data: { mutations } });
  expect(pushed.status()).toBe(200);
  const outcomes = (await pushed.json()).results.map((r: { outcome: unknown }) => JSON.stringify(r.outcome));
  expect(outcomes).toEqual(Array(26).fill('"confirmed"'));

  await signIn(page, server.url, LEAD);
  await page.getByRole('link', { name: 'Tellen: verwacht en bereikt per actie' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tellen: wat bereikt de aanpak?');
  const row = (action: string) => page.locator(`tr[data-testid="reach"][data-action="${action}"]`);
  await expect(row('week-tegen-eenzaamheid')).toContainText('Aanmeldingen');
  await expect(row('week-tegen-eenzaamheid')).toContainText('40');
  await expect(row('week-tegen-eenzaamheid').getByTestId('reached')).toHaveText('12');
  await expect(row('ambassadeurs').getByTestId('reached')).toHaveText('minder dan 10');
  await expect(row('digitale-vaardigheden-senioren').getByTestId('reached')).toHaveText('verborgen');
  await expect(page.getByTestId('small-numbers')).toContainText('verborgen');
  // The chart has a name and a description; its numbers are in the tables.
  await expect(page.locator('.bar-chart[role="img"]')).toHaveCount(1);
  await expect(page.getByTestId('mon-per-actie')).toContainText('26');
  await expect(page.getByTestId('milestones')).toContainText('Programma rond');
  await expect(page.getByTestId('budget')).toContainText('225.000');
  await expect(page.getByTestId('mon-sociaal')).toContainText('Score 3');
  await expect(page.locator('main')).toContainText('Percentage inwoners dat zich vaak tot heel vaak eenzaam voelt');
  // The page never received a raw small count: every number it shows is 10 or more.
  const numbers = await page.locator('main td').allInnerTexts();
  for (const text of numbers) {
    const n = Number(text.replace(/\./g, ''));
    if (text.trim() !== '' && Number.isInteger(n)) {
      expect(n, `"${text}"`).toBeGreaterThanOrEqual(10);
    }
  }
  await expectNoViolations(page);

  // The lead sets what she expects of another action, and a milestone, in the page.
  await page.getByLabel('Welke actie?').selectOption('ambassadeurs');
  await page.getByRole('button', { name: 'Verwachting toevoegen' }).click();
  await page.getByLabel('Halfjaar, zoals 2026-H2').fill(halfOfToday());
  await page.getByLabel('Aantal', { exact: true }).fill('20');
  await page.getByRole('button', { name: 'Mijlpaal toevoegen' }).click();
  await page.getByLabel('Mijlpaal', { exact: true }).fill('Tien ambassadeurs gevonden');
  await page.getByLabel('Klaar op').fill('2026-01-15');
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('edit-saved')).toHaveText('Opgeslagen.');
  await expect(row('ambassadeurs')).toContainText('20');
  await expect(row('ambassadeurs').getByTestId('reached')).toHaveText('minder dan 10');
  await expect(page.getByTestId('milestones')).toContainText('Tien ambassadeurs gevonden');
  await expect(page.getByTestId('milestones')).toContainText('Te laat');

  // In place: the tables are drawn again in English.
  await page.locator('select#taal').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Counting: what does the programme reach?');
  await expect(row('ambassadeurs').getByTestId('reached')).toHaveText('fewer than 10');
  await expect(row('digitale-vaardigheden-senioren').getByTestId('reached')).toHaveText('hidden');
  await expect(row('week-tegen-eenzaamheid').getByTestId('reached')).toHaveText('12');
  await expectNoViolations(page);

  await page.context().setOffline(true);
  await expect(page.getByTestId('monitoring-offline')).toContainText('only be seen online');
  await page.context().setOffline(false);
});

test('an_organiser_meets_no_access_and_the_api_refuses_her', async ({ page, server }) => {
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  const anja = await token(page.request, server.url, ANJA);
  for (const path of ['/monitoring', '/monitoring?half=2026-H2', '/programme']) {
    const refused = await page.request.get(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${anja}` } });
    expect(refused.status(), path).toBe(403);
  }
  await signIn(page, server.url, ANJA);
  await expect(page.getByRole('link', { name: 'Tellen: verwacht en bereikt per actie' })).toHaveCount(0);
  await page.goto(`${server.url}/monitoring`);
  await expect(page.locator('main')).toContainText('Deze pagina is alleen voor de kartrekker en beheerders. Je account heeft geen toegang.');
  await expect(page.locator('main table')).toHaveCount(0);
  await expectNoViolations(page);
});

/** The half year of today, as the server counts it (`2026-H2`). */
function halfOfToday(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-H${now.getUTCMonth() < 6 ? 1 : 2}`;
}
