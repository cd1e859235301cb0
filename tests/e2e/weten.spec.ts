// Weten en informeren: the information pages (offline too), the self-test with the
// offers that fit its outcome (and nothing stored or sent), and the campaign periods
// on the home page.

import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { countRows } from './db';
import {
  expectNoViolations,
  expectPageFrame,
  outboxRecords,
  outboxStatus,
  seedActivity,
  waitForServiceWorkerControl,
} from './helpers';
import { repoRoot } from './server';

interface InfoPage {
  id: string;
  title: string;
  sections: { heading: string; cycle?: string[] }[];
}
interface Campaign {
  id: string;
  name: string;
  start: string;
  end: string;
  activity_ids: string[];
}
const infoPages: InfoPage[] = JSON.parse(readFileSync(path.join(repoRoot, 'data', 'info.json'), 'utf8'));
const campaigns: Campaign[] = JSON.parse(readFileSync(path.join(repoRoot, 'data', 'campaigns.json'), 'utf8'));

/** The kinds of activity the self-test suggests per kind of loneliness (crates/core/src/selftest.rs). */
const FITTING = {
  social: ['walking', 'games', 'meeting', 'day_trip', 'course', 'workshop', 'festival'],
  emotional: ['buddy', 'home_visit', 'helpline'],
};

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('information_pages_work_offline', async ({ page, context, server }) => {
  await page.goto(server.url + '/weten');
  await waitForServiceWorkerControl(page);
  await expect(page.locator('main .info-list a').first()).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('net-status')).toContainText('Geen verbinding');
  const list = page.locator('main .info-list a');
  await expect(list).toHaveCount(infoPages.length);
  for (const info of infoPages) {
    await page.locator('main .info-list').getByRole('link', { name: info.title, exact: true }).click();
    await expect(h1(page)).toHaveText(info.title);
    await expect(page.locator('main h2')).toHaveText(info.sections.map((s) => s.heading));
    await page.getByRole('link', { name: 'Terug naar Over eenzaamheid' }).click();
    await expect(h1(page)).toHaveText('Over eenzaamheid');
  }
});

test('the_downward_spiral_is_a_diagram_with_its_stages_as_text', async ({ page, server }) => {
  const spiral = infoPages.find((p) => p.sections.some((s) => (s.cycle ?? []).length > 0));
  expect(spiral, 'data/info.json has a page with a cycle').toBeDefined();
  const stages = spiral!.sections.find((s) => (s.cycle ?? []).length > 0)!.cycle!;
  await page.goto(`${server.url}/weten/${spiral!.id}`);
  const figure = page.locator('main figure.cycle');
  await expect(figure).toBeVisible();
  // The drawing is decoration for assistive technology; the numbered list is the text.
  await expect(figure.locator('svg')).toHaveAttribute('aria-hidden', 'true');
  await expect(figure.locator('svg circle')).toHaveCount(stages.length);
  await expect(figure.locator('ol li')).toHaveText(stages);
  // The source line ends in one full stop, not two.
  await expect(page.locator('main p.source')).toHaveText(/[^.]\.$/);
  await expect(page.getByRole('figure', { name: /de stappen in een cirkel/ })).toBeVisible();
});

type Choice = 'Ja' | 'Min of meer' | 'Nee';

/** Answers the six statements (in order) and the extra question, then asks for the outcome. */
async function takeSelfTest(page: Page, answers: Choice[], extra?: Choice, wijk?: string): Promise<void> {
  const groups = page.locator('main form.self-test fieldset');
  for (const [i, answer] of answers.entries()) {
    await groups.nth(i).getByRole('radio', { name: answer, exact: true }).check();
  }
  if (extra) await groups.nth(6).getByRole('radio', { name: extra, exact: true }).check();
  if (wijk) await page.getByLabel('In welke wijk woon je?').selectOption(wijk);
  await page.getByRole('button', { name: 'Bekijk de uitkomst' }).click();
}

/** The activities suggested in one section of the outcome, as seed records. */
async function suggested(page: Page, kind: string) {
  const hrefs = await page.getByTestId(`zt-tips-${kind}`).locator('.suggestion-list a').evaluateAll((links) =>
    links.map((a) => a.getAttribute('href') ?? ''),
  );
  return hrefs.map((href) => seedActivity(href.replace('/activiteiten/', '')));
}

test('a_social_outcome_suggests_group_activities_in_the_wijk_first', async ({ page, server }) => {
  const posted: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') posted.push(r.url());
  });
  await page.goto(server.url + '/zelftest');
  await expect(page.locator('#zt-wijk')).toBeVisible();
  // Emotional statements (1, 3, 5) "nee": 0; social ones (2, 4, 6) "nee": 3.
  await takeSelfTest(page, ['Nee', 'Nee', 'Nee', 'Nee', 'Nee', 'Nee'], undefined, 'zuidwest');

  const outcome = page.locator('#zt-uitkomst');
  await expect(outcome).toBeFocused();
  await expect(page.getByTestId('zt-sociaal')).toContainText('3 van de 3');
  await expect(page.getByTestId('zt-emotioneel')).toContainText('0 van de 3');
  await expect(page.getByTestId('zt-niveau')).toContainText('Je voelt je soms eenzaam');
  await expect(outcome).toContainText('Dit is geen diagnose');
  await expect(page.getByTestId('zt-tips-emotional')).toHaveCount(0);

  const found = await suggested(page, 'social');
  expect(found.length).toBeGreaterThan(0);
  for (const a of found) expect(FITTING.social, `${a.id} is a group activity`).toContain(a.kind);
  // In the wijk first, then city-wide, then elsewhere.
  const nearness = found.map((a) => (a.wijk === 'zuidwest' ? 0 : a.wijk === null ? 1 : 2));
  expect(nearness).toEqual([...nearness].sort());
  expect(posted, 'the self-test sends nothing').toEqual([]);
});

test('an_emotional_outcome_suggests_one_to_one_contact', async ({ page, server }) => {
  await page.goto(server.url + '/zelftest');
  await expect(page.locator('#zt-wijk')).toBeVisible();
  // Emotional statements "ja": 3; social ones "ja": 0.
  await takeSelfTest(page, ['Ja', 'Ja', 'Ja', 'Ja', 'Ja', 'Ja']);
  await expect(page.getByTestId('zt-emotioneel')).toContainText('3 van de 3');
  await expect(page.getByTestId('zt-sociaal')).toContainText('0 van de 3');
  await expect(page.getByTestId('zt-tips-social')).toHaveCount(0);
  const found = await suggested(page, 'emotional');
  expect(found.length).toBeGreaterThan(0);
  for (const a of found) expect(FITTING.emotional).toContain(a.kind);
});

test('missing_meaning_adds_meaningful_roles_and_unanswered_statements_are_named', async ({ page, server }) => {
  await page.goto(server.url + '/zelftest');
  await expect(page.locator('#zt-wijk')).toBeVisible();
  await takeSelfTest(page, ['Nee', 'Ja']);
  const errors = page.locator('#zt-fouten');
  await expect(errors).toBeFocused();
  await expect(errors).toContainText('Kies nog een antwoord bij zin 3, 4, 5, 6.');
  await expect(page.locator('#zt-uitkomst h2')).toHaveCount(0);
  // Nothing already chosen is lost.
  await expect(page.locator('main fieldset').nth(1).getByRole('radio', { name: 'Ja', exact: true })).toBeChecked();

  await takeSelfTest(page, ['Nee', 'Ja', 'Nee', 'Ja', 'Nee', 'Ja'], 'Ja');
  await expect(page.getByTestId('zt-niveau')).toContainText('weinig of niet eenzaam');
  await expect(page.getByTestId('zt-tips-existential')).toBeVisible();
  const found = await suggested(page, 'existential');
  expect(found.map((a) => a.id)).toContain('versa-vrijwilligerscentrale');
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Opnieuw beginnen' }).click();
  await expect(page.locator('main input[type=radio]:checked')).toHaveCount(0);
  await expect(page.locator('#zt-uitkomst h2')).toHaveCount(0);
});

test('changing_an_answer_takes_the_outcome_away', async ({ page, server }) => {
  await page.goto(server.url + '/zelftest');
  await expect(page.locator('#zt-wijk')).toBeVisible();
  await takeSelfTest(page, ['Ja', 'Ja', 'Ja', 'Ja', 'Ja', 'Ja'], undefined, 'centrum');
  await expect(page.getByTestId('zt-emotioneel')).toContainText('3 van de 3');
  // A changed wijk or answer: the old outcome (and its share) is no longer shown.
  await page.getByLabel('In welke wijk woon je?').selectOption('');
  await expect(page.locator('#zt-uitkomst h2')).toHaveCount(0);
  await takeSelfTest(page, ['Nee', 'Ja', 'Ja', 'Ja', 'Ja', 'Ja']);
  await expect(page.getByTestId('zt-emotioneel')).toContainText('2 van de 3');
  await expect(page.locator('.share')).toContainText('Dan sturen we alleen je twee scores.');
  await page.locator('main fieldset').nth(0).getByRole('radio', { name: 'Ja', exact: true }).check();
  await expect(page.locator('#zt-uitkomst h2')).toHaveCount(0);
});

test('the_self_test_by_keyboard_alone', async ({ page, server }) => {
  await page.goto(server.url + '/zelftest');
  await expect(page.locator('#zt-wijk')).toBeVisible();
  await page.locator('#zt-kop').focus();
  // Tab enters each radio group at its first answer ("Ja"); Space picks it.
  for (let i = 1; i <= 7; i++) {
    await page.keyboard.press('Tab');
    await expect(page.locator(`#zt-${i === 7 ? 'zin' : i}-ja`)).toBeFocused();
    await page.keyboard.press('Space');
  }
  await page.keyboard.press('Tab');
  await expect(page.locator('#zt-wijk')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Bekijk de uitkomst' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#zt-uitkomst')).toBeFocused();
  await expect(page.getByTestId('zt-emotioneel')).toContainText('3 van de 3');
});

test('nothing_of_the_self_test_stays_on_the_device', async ({ page, server }) => {
  await page.goto(server.url + '/zelftest');
  await expect(page.locator('#zt-wijk')).toBeVisible();
  await takeSelfTest(page, ['Ja', 'Nee', 'Ja', 'Nee', 'Ja', 'Nee'], 'Ja', 'centrum');
  await expect(page.getByTestId('zt-emotioneel')).toBeVisible();
  const stored = await page.evaluate(async () => {
    // Left out: the device's own random id for the server's push limits
    // (src/store/device_id.rs), made at the first push; it says nothing of the test.
    const device = localStorage.getItem('omzien-apparaat') ?? '';
    const local = { ...localStorage, 'omzien-apparaat': undefined };
    const storage = JSON.stringify(local) + JSON.stringify({ ...sessionStorage });
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const dump: string[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        if (['meta', 'outbox'].includes(store)) dump.push(JSON.stringify(all));
      }
      db.close();
    }
    return { storage, device, dump: dump.join('') };
  });
  expect(stored.storage).toBe('{}{}');
  expect(stored.device).toMatch(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  // No score, answer or outcome words in what the app stores for itself.
  for (const word of ['zelftest', 'Min of meer', 'emotional', 'score']) {
    expect(stored.dump).not.toContain(word);
  }
});

test('a_campaign_is_featured_on_the_home_page_during_its_dates', async ({ page, server }) => {
  const christmas = campaigns.find((c) => c.start > c.end);
  expect(christmas, 'a campaign runs over New Year').toBeDefined();
  await page.goto(`${server.url}/?vandaag=01-02`);
  const featured = page.getByTestId('campaign');
  await expect(featured).toHaveCount(1);
  await expect(featured.getByRole('heading', { level: 2 })).toHaveText(christmas!.name);
  const names = christmas!.activity_ids.map((id) => seedActivity(id).name);
  await expect(featured.locator('li a')).toHaveText(names);
  await expectPageFrame(page);

  for (const c of campaigns) {
    await page.goto(`${server.url}/?vandaag=${c.start}`);
    await expect(page.getByTestId('campaign').getByRole('heading', { level: 2 })).toHaveText(c.name);
  }
  // A day outside every campaign: nothing featured.
  await page.goto(`${server.url}/?vandaag=03-01`);
  await expect(page.locator('main .tile').first()).toBeVisible();
  await expect(page.getByTestId('campaign')).toHaveCount(0);
});

test('sharing_the_outcome_sends_only_the_scores_and_wijk_once_and_leaves_nothing', async ({ page, server }) => {
  const pushed: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/sync/push')) pushed.push(r.postData() ?? '');
  });
  await page.goto(server.url + '/zelftest');
  await expect(page.locator('#zt-wijk')).toBeVisible();
  await takeSelfTest(page, ['Ja', 'Min of meer', 'Ja', 'Nee', 'Nee', 'Nee'], 'Nee', 'centrum');
  await expect(page.getByTestId('zt-emotioneel')).toContainText('2 van de 3');
  // The share names what would go: the scores and the wijk chosen.
  await expect(page.locator('.share')).toContainText('je twee scores en je wijk (Centrum)');
  expect(pushed, 'nothing is sent before the choice').toEqual([]);

  await page.getByRole('button', { name: 'Deel mijn uitkomst zonder naam' }).click();
  await expect(page.getByTestId('zt-gedeeld')).toContainText('Bedankt!');
  await expect(page.getByRole('button', { name: 'Deel mijn uitkomst zonder naam' })).toHaveCount(0);
  await expect.poll(() => countRows(server.dbPath, 'SELECT COALESCE(SUM(count), 0) FROM self_test_counts'), { timeout: 15_000 }).toBe(1);
  expect(countRows(server.dbPath, "SELECT count FROM self_test_counts WHERE wijk = 'centrum' AND emotional = 2 AND social = 3")).toBe(1);
  await expect(page.getByTestId('zt-gedeeld')).toBeFocused();

  // What went over the wire: the scores and the wijk, not the answers.
  expect(pushed).toHaveLength(1);
  const change = JSON.parse(pushed[0]).mutations[0].change;
  expect(change).toEqual({ self_test_result: { wijk: 'centrum', emotional: 2, social: 3 } });
  // And once the server has it, the device forgets it.
  await expect.poll(async () => (await outboxRecords(page)).length).toBe(0);
  // With no sign-ups on this device, the footer has nothing left to say.
  await expect(outboxStatus(page)).toHaveText('');
});
