// Tellen (issue 18): the programme lead (kartrekker) sees, per action of the agenda,
// what was expected and what was reached, with sign-ups made in this test: twelve for
// one action show as 12, three for another as "minder dan 10", and the eleven of a third
// as "verborgen", since with the total of 26 it would give the three away. The page
// passes axe in Dutch and English; an organiser meets a page that says she has no
// access, and the API refuses her; offline the page says the counts are online only.
// Beside them: the trend over the half years (a table and a chart with a text
// alternative), the wijken next to table 4, sign-ups per target group and the time to
// the meldpunt's first step. The lead deletes a story.

import { readFileSync } from 'node:fs';
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
  // The charts (this half, and the trend over the half years) have a name and a
  // description; their numbers are in the tables.
  await expect(page.locator('.bar-chart[role="img"]')).toHaveCount(2);
  await expect(page.locator('#mon-trend-grafiek-title')).toHaveText('Bereikt als deel van verwacht, per halfjaar');
  await expect(page.locator('tr[data-testid="trend-row"][data-action="week-tegen-eenzaamheid"]')).toContainText('12 (verwacht 40)');
  // Table 4 beside offer and reach: the walking group's wijk has its 12.
  const oost = page.locator('tr[data-testid="wijk-row"][data-wijk="oost"]');
  await expect(oost).toContainText('Oost');
  await expect(oost).toContainText('12');
  await expect(page.getByTestId('mon-wijkbeeld')).toContainText('52,4 %');
  await expect(page.getByTestId('mon-per-doelgroep')).toContainText('Ouderen (65 jaar en ouder)');
  await expect(page.getByTestId('mon-reactie')).toContainText('Middelste waarde');
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

  // Afterwards she adds what was counted outside Omzien: 30 more at the week's
  // meetings. Reached is both together; the 30 is shown beside it.
  await page.getByLabel('Which action?').selectOption('week-tegen-eenzaamheid');
  const counted = page.getByLabel('Reached and counted outside Omzien (afterwards, may be empty)');
  // A number that is no count is refused with words, and what she typed stays.
  await counted.fill('-3');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('edit-problems')).toContainText('A number is a whole number: 0 or more.');
  await expect(counted).toHaveValue('-3');
  await expect(row('week-tegen-eenzaamheid').getByTestId('reached')).toHaveText('12');
  await counted.fill('30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row('week-tegen-eenzaamheid').getByTestId('reached')).toHaveText('42');
  await expect(row('week-tegen-eenzaamheid').getByTestId('counted-elsewhere')).toHaveText('30');
  await expect(row('week-tegen-eenzaamheid')).toContainText('40');

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

test('an_organiser_tells_a_story_a_partner_answers_once_and_the_pack_downloads', async ({ page, server }) => {
  test.setTimeout(90_000);
  addUser(server.dbPath, LEAD.email, 'kartrekker', LEAD.password);
  addUser(server.dbPath, ANJA.email, 'organiser', ANJA.password);
  const story = 'Sinds de wandelgroep heeft ze weer iemand om mee koffie te drinken.';

  // The organiser writes a story down; she is told to leave names out, and consent is needed.
  await signIn(page, server.url, ANJA);
  await page.getByRole('link', { name: 'Vertellen: een verhaal opschrijven' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Een verhaal opschrijven');
  await expect(page.locator('main')).toContainText('We bewaren geen namen van inwoners.');
  await page.getByLabel('Het verhaal', { exact: true }).fill(story);
  await page.getByLabel('Bij welke actie hoort het?').selectOption('meldpunt');
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Verhaal bewaren' }).click();
  // The browser holds the form back without consent.
  await expect(page.getByTestId('story-saved')).toHaveText('');
  await page.getByLabel('De verteller vindt het goed dat we dit verhaal gebruiken, zonder naam.').check();
  await page.getByRole('button', { name: 'Verhaal bewaren' }).click();
  await expect(page.getByTestId('story-saved')).toHaveText('Het verhaal is bewaard. Dank je wel.');
  const anja = await token(page.request, server.url, ANJA);
  const refused = await page.request.get(`${server.url}/api/v1/stories`, { headers: { authorization: `Bearer ${anja}` } });
  expect(refused.status()).toBe(403);
  await page.goto(`${server.url}/medewerkers`);
  await page.getByRole('button', { name: 'Uitloggen' }).click();

  // The lead reads it on the dashboard and makes a link for a partner.
  await signIn(page, server.url, LEAD);
  await page.goto(`${server.url}/monitoring`);
  await expect(page.getByTestId('stories')).toContainText(story);
  await expect(page.getByTestId('partners-answered')).toContainText('minder dan 10');
  await page.getByLabel('Naam van de partner').fill('Versa Welzijn');
  await page.getByRole('button', { name: 'Link maken' }).click();
  const link = (await page.getByTestId('survey-link').innerText()).trim();
  expect(link).toMatch(/\/enquete\/[0-9a-f]{64}$/);
  await expectNoViolations(page);

  // The partner opens it twice (two tabs) and answers in the first.
  const first = await page.context().newPage();
  const second = await page.context().newPage();
  await first.goto(link);
  await second.goto(link);
  await expect(first.getByRole('heading', { level: 1 })).toHaveText('Hoe gaat de aanpak eenzaamheid?');
  await expect(first.locator('main')).toContainText('Versa Welzijn');
  await expectNoViolations(first);
  await first.getByLabel('Resultaten').selectOption('8');
  await first.getByLabel('Proces').selectOption('7');
  await first.getByLabel('Samenwerking').selectOption('9');
  await first.getByLabel('Toelichting').fill('Goede samenwerking met de bibliotheek.');
  await first.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(first.getByRole('heading', { level: 1 })).toHaveText('Dank u wel');
  await expectNoViolations(first);
  // The second try with the same link is refused, in words.
  await second.getByLabel('Resultaten').selectOption('1');
  await second.getByLabel('Proces').selectOption('1');
  await second.getByLabel('Samenwerking').selectOption('1');
  await second.getByRole('button', { name: 'Antwoorden versturen' }).click();
  await expect(second.getByRole('heading', { level: 1 })).toHaveText('Deze vragen zijn al beantwoord');
  await expect(second.locator('main')).toContainText('Nog een keer antwoorden kan niet');
  await expectNoViolations(second);
  await first.close();
  await second.close();

  // The pack of this half: the report downloads.
  await page.reload();
  await page.getByTestId('pack-make').click();
  const files = page.getByTestId('pack-files');
  await expect(files).toContainText(`evaluatie-${halfOfToday()}.html`);
  await expect(files).toContainText(`evaluatie-${halfOfToday()}-verhalen.csv`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('button', { name: `Download evaluatie-${halfOfToday()}.html` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`evaluatie-${halfOfToday()}.html`);
  const report = readFileSync(await download.path(), 'utf8');
  expect(report).toContain(story);
  expect(report).toContain('Lessen en open punten');
  expect(report).toContain('De wijken naast tabel 4');
  await expectNoViolations(page);

  // The teller asks to take it back: the lead deletes it, with a second click.
  await page.getByTestId('story-delete').click();
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Ja, verwijder dit verhaal' }).click();
  await expect(page.getByTestId('stories')).toHaveCount(0);
  await expect(page.locator('#mon-verhalen-kop')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(story);
});

/** The half year of today, as the server counts it (`2026-H2`). */
function halfOfToday(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-H${now.getUTCMonth() < 6 ? 1 : 2}`;
}
