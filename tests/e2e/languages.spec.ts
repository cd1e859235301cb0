// Languages: Dutch (the default) and English everywhere, Arabic (right to left),
// Ukrainian and Turkish on every resident page. The switch is on every page, `<html
// lang dir>` follow it, the choice is remembered on a personal device but not on a
// kiosk, numbers follow the language, and the catalogue's own content stays Dutch and
// says so. axe finds nothing on any route in any language, in both colour themes and at
// normal and the largest text size.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoViolations, seedActivity, seedWijk, signIn, waitForServiceWorkerControl } from './helpers';
import { addUser } from './server';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The catalogue has searched: its count line says something, in whatever language,
 * and the list holds `n` entries (or at least one). */
async function results(page: Page, n?: number) {
  await expect(page.locator('main .result-count')).not.toBeEmpty();
  const items = page.locator('main ul.results > li');
  if (n === undefined) await expect(items.first()).toBeVisible();
  else await expect(items).toHaveCount(n);
}

/** The language switch; its label changes with the language, its id does not. */
const languageSwitch = (page: Page) => page.locator('select#taal');

interface Language {
  code: string;
  /** The language's name in itself, as the switch shows it. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** The main menu's "Activities" link. */
  activities: string;
  /** Centrum's share of lonely adults (52.4 %), formatted by the language. */
  percent: RegExp;
}

const LANGUAGES: Language[] = [
  { code: 'nl', name: 'Nederlands', dir: 'ltr', activities: 'Activiteiten', percent: /52,4\s?%/ },
  { code: 'en', name: 'English', dir: 'ltr', activities: 'Activities', percent: /52\.4%/ },
  { code: 'ar', name: 'العربية', dir: 'rtl', activities: 'الأنشطة', percent: /٥٢٫٤|52[.,]4/ },
  { code: 'uk', name: 'Українська', dir: 'ltr', activities: 'Заходи', percent: /52,4\s?%/ },
  { code: 'tr', name: 'Türkçe', dir: 'ltr', activities: 'Etkinlikler', percent: /%52,4/ },
];

/** Starts every page load with a language already chosen on this device. */
async function chooseBeforeLoad(page: Page, code: string, display?: { text: string; contrast: string }) {
  await page.addInitScript(
    ([lang, weergave]) => {
      localStorage.setItem('omzien-taal', lang);
      if (weergave) localStorage.setItem('omzien-weergave', weergave);
    },
    [code, display ? JSON.stringify(display) : ''] as const,
  );
}

async function expectLanguage(page: Page, language: Language) {
  await expect(page.locator('html')).toHaveAttribute('lang', language.code);
  await expect(page.locator('html')).toHaveAttribute('dir', language.dir);
  await expect(
    page.getByRole('navigation').first().getByRole('link', { name: language.activities, exact: true }),
  ).toBeVisible();
  await expect(languageSwitch(page)).toHaveValue(language.code);
}

test('the_switch_changes_words_language_and_direction_and_is_remembered', async ({ page, server }) => {
  await page.goto(server.url + '/');
  await expectLanguage(page, LANGUAGES[0]);
  // The switch names each language in itself, so anyone finds theirs.
  const options = await languageSwitch(page).locator('option').allTextContents();
  expect(options).toEqual(LANGUAGES.map((l) => l.name));

  const arabic = LANGUAGES.find((l) => l.code === 'ar')!;
  await languageSwitch(page).selectOption('ar');
  await expectLanguage(page, arabic);
  // Right to left: the menu now starts at the right.
  const first = await page.getByRole('navigation').first().getByRole('link').first().boundingBox();
  const last = await page.getByRole('navigation').first().getByRole('link').last().boundingBox();
  expect(first!.x).toBeGreaterThan(last!.x);

  // Remembered on this device, and set before the app draws.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectLanguage(page, arabic);

  // Other pages follow; moving between them keeps it.
  await page.getByRole('link', { name: arabic.activities, exact: true }).click();
  await results(page);
  await expectLanguage(page, arabic);

  await languageSwitch(page).selectOption('en');
  await expectLanguage(page, LANGUAGES[1]);
});

// Only Dutch is in the app itself; the other languages are files of their own that the
// service worker keeps. A resident who never chose one before still gets it without a
// connection, at once, and it stays after a reload.
test('every_language_is_there_offline_after_one_visit_in_dutch', async ({ page, context, server }) => {
  const words: string[] = [];
  page.on('request', (request) => {
    if (/\/words-[a-z]+-[0-9a-f]{16}\.json$/.test(request.url())) words.push(request.url());
  });
  await page.goto(server.url + '/');
  await expectLanguage(page, LANGUAGES[0]);
  expect(words, 'Dutch needs no words file').toEqual([]);
  await waitForServiceWorkerControl(page);

  await context.setOffline(true);
  for (const language of LANGUAGES.slice(1)) {
    await languageSwitch(page).selectOption(language.code);
    await expectLanguage(page, language);
  }
  await page.reload();
  await expectLanguage(page, LANGUAGES[LANGUAGES.length - 1]);
  await expect(h1(page)).not.toHaveText('Samen tegen eenzaamheid in Hilversum');
});

// A result row is drawn in one language (no reactive parts, src/pages/catalogue/results.rs):
// a change of language must draw the rows anew, not leave the words they had.
test('result_rows_follow_a_change_of_language', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  await results(page);
  const facts = page.locator('main ul.results > li .result-facts');
  await expect(facts.filter({ hasText: 'Heel Hilversum' }).first()).toBeVisible();

  await languageSwitch(page).selectOption('en');
  await expect(facts.filter({ hasText: 'All of Hilversum' }).first()).toBeVisible();
  await expect(facts.filter({ hasText: 'Heel Hilversum' })).toHaveCount(0);
  await expect(facts.filter({ hasText: /Volgende keer|Gratis/ })).toHaveCount(0);

  await languageSwitch(page).selectOption('nl');
  await expect(facts.filter({ hasText: 'All of Hilversum' })).toHaveCount(0);
  await expect(facts.filter({ hasText: 'Heel Hilversum' }).first()).toBeVisible();
});

test('catalogue_content_stays_in_dutch_and_is_marked_so', async ({ page, server }) => {
  await chooseBeforeLoad(page, 'en');
  const walk = seedActivity('senver-wandelen');
  await page.goto(server.url + '/activiteiten/senver-wandelen');
  await expect(h1(page)).toHaveText(walk.name);
  // The activity's own words are Dutch, and a screen reader is told so.
  const dutchName = page.locator('[lang="nl"]').filter({ hasText: walk.name });
  await expect(dutchName.first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Said once, in the reader's language.
  await expect(page.getByTestId('in-dutch')).toHaveText('The information below is in Dutch.');
});

test('in_arabic_dutch_content_is_isolated_left_to_right_and_said_to_be_dutch', async ({ page, server }) => {
  await chooseBeforeLoad(page, 'ar');
  const walk = seedActivity('senver-wandelen');
  await page.goto(server.url + '/activiteiten/senver-wandelen');
  await expect(h1(page)).toHaveText(walk.name);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('in-dutch')).toHaveText('المعلومات أدناه باللغة الهولندية.');
  const summary = page.locator('main [lang="nl"]').filter({ hasText: walk.summary }).first();
  await expect(summary).toBeVisible();
  const style = await summary.evaluate((el) => {
    const s = getComputedStyle(el);
    return { direction: s.direction, bidi: s.unicodeBidi };
  });
  expect(style).toEqual({ direction: 'ltr', bidi: 'isolate' });
  // Its last full stop stays at its end, right of the word before it, as in Dutch
  // (not isolated, the bidi rules would put it at the left end of the line).
  const [stop, before] = await summary.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    while (walker.nextNode()) last = walker.currentNode as Text;
    const text = last!;
    const at = text.data.trimEnd().length;
    const rect = (from: number) => {
      const range = document.createRange();
      range.setStart(text, from);
      range.setEnd(text, from + 1);
      return range.getBoundingClientRect();
    };
    return [rect(at - 1).left, rect(at - 2).right];
  });
  expect(stop).toBeGreaterThanOrEqual(before - 1);
  for (const path of ['/organisaties/senver', '/weten/neerwaartse-spiraal']) {
    await page.goto(server.url + path);
    await expect(page.getByTestId('in-dutch')).toBeVisible();
    await expect(h1(page)).toHaveCSS('direction', 'ltr');
  }
  await page.goto(server.url + '/');
  await expect(page.getByTestId('in-dutch')).toHaveCount(0);
});

for (const language of LANGUAGES) {
  test(`numbers_are_written_the_${language.code}_way`, async ({ page, server }) => {
    await chooseBeforeLoad(page, language.code);
    await page.goto(server.url + '/wijken/centrum');
    await expect(h1(page)).toContainText(seedWijk('centrum').name);
    await expect(page.locator('main')).toContainText(language.percent);
  });
}

test('a_kiosk_starts_every_visit_in_dutch', async ({ page, server }) => {
  const staff = { email: 'taal-kiosk@example.nl', password: 'een lang genoeg wachtwoord' };
  addUser(server.dbPath, staff.email, 'coordinator', staff.password);
  await signIn(page, server.url, staff);
  await page.getByRole('button', { name: 'Zet de kioskstand aan' }).click();
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();

  await languageSwitch(page).selectOption('tr');
  await expectLanguage(page, LANGUAGES.find((l) => l.code === 'tr')!);
  await page.getByTestId('kiosk-bar').getByRole('button').click();
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();
  await expectLanguage(page, LANGUAGES[0]);
});

test('staff_screens_come_in_dutch_and_english_only', async ({ page, server }) => {
  await chooseBeforeLoad(page, 'ar');
  await page.goto(server.url + '/medewerkers');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const options = await languageSwitch(page).locator('option').allTextContents();
  expect(options).toEqual(['Nederlands', 'English']);
  await languageSwitch(page).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoViolations(page);
});

/** Every route, with what shows it has loaded; none of it depends on the language. */
const ROUTES: [string, (p: Page) => Promise<unknown>][] = [
  ['/', (p) => expect(p.locator('main .tile').first()).toBeVisible()],
  ['/activiteiten', (p) => results(p)],
  ['/activiteiten?q=xyzzy', (p) => results(p, 0)],
  ['/activiteiten/senver-wandelen', (p) => expect(p.locator('main dl')).toBeVisible()],
  ['/wijken', (p) => expect(p.locator('main a[href*="/wijken/"]').first()).toBeVisible()],
  ['/wijken/centrum', (p) => expect(p.locator('main table').first()).toBeVisible()],
  ['/weten', (p) => expect(p.locator('main .info-list a').first()).toBeVisible()],
  ['/organisaties', (p) => expect(p.locator('main a[href*="/organisaties/"]').first()).toBeVisible()],
  ['/organisaties/senver', (p) => expect(p.getByTestId('organisation-offer')).toBeVisible()],
  ['/activiteiten?voor=professionals', (p) => results(p)],
  ['/weten/neerwaartse-spiraal', (p) => expect(p.locator('main figure.cycle svg')).toBeVisible()],
  ['/zelftest', (p) => expect(p.locator('#zt-wijk')).toBeVisible()],
  ['/?vandaag=12-20', (p) => expect(p.getByTestId('campaign')).toBeVisible()],
  ['/aanmeldingen', (p) => expect(h1(p)).toBeVisible()],
  ['/instellingen', (p) => expect(p.locator('main input[type="radio"]').first()).toBeVisible()],
  ['/melden', (p) => expect(p.locator('main .tile-button').first()).toBeVisible()],
  ['/medewerkers', (p) => expect(p.locator('main input[type="password"]')).toBeVisible()],
  ['/meldpunt', (p) => expect(h1(p)).toBeVisible()],
  ['/bestaat-niet', (p) => expect(h1(p)).toBeVisible()],
];

const DISPLAYS = [
  { text: 'normaal', contrast: 'normaal' },
  { text: 'extra-groot', contrast: 'hoog' },
];

for (const language of LANGUAGES.filter((l) => l.code !== 'nl')) {
  for (const display of DISPLAYS) {
    test(`axe_finds_nothing_in_${language.code} with ${display.text} text and ${display.contrast} contrast`, async ({
      page,
      server,
    }) => {
      // Every route twice over (two widths): about a minute on a busy two-core machine.
      test.setTimeout(150_000);
      await chooseBeforeLoad(page, language.code, display);
      for (const [path, ready] of ROUTES) {
        // The staff screens are Dutch and English only: in the other languages they show
        // in Dutch (tested above), and the Dutch scans cover them.
        const staffOnly = path.startsWith('/medewerkers') || path.startsWith('/meldpunt');
        if (staffOnly && language.code !== 'en') continue;
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(server.url + path);
        await ready(page);
        await expect(page.locator('h1'), path).toHaveCount(1);
        await expect(page.locator('html'), path).toHaveAttribute('data-contrast', display.contrast);
        await expect(page.locator('html'), path).toHaveAttribute('lang', language.code);
        await expectNoViolations(page);
        if (display.text === 'extra-groot') {
          // 320 CSS px with the largest text, in every language: no horizontal scrolling.
          await page.setViewportSize({ width: 320, height: 640 });
          await expect
            .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: path })
            .toBeLessThanOrEqual(320);
        }
      }
    });
  }
}

// A language's words are a file of their own. When it cannot come (offline on a first
// visit, a server error), the resident is told in the language on screen, the switch
// goes back to it, and choosing again works once the file can be fetched.
test.describe('without the service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('a_language_that_cannot_load_says_so_and_the_switch_goes_back', async ({ page, server }) => {
    const wordsFile = /\/words-[a-z]+-[0-9a-f]{16}\.json$/;
    await page.route(wordsFile, (route) => route.abort());
    await page.goto(server.url + '/');
    await expectLanguage(page, LANGUAGES[0]);
    const note = page.locator('#taal-melding');
    await expect(note).toBeEmpty();

    await languageSwitch(page).selectOption('en');
    await expect(note).toHaveText('English laden lukt nu niet. Probeer het later nog eens als je internet hebt.');
    await expectLanguage(page, LANGUAGES[0]);
    await expectNoViolations(page);

    await page.unroute(wordsFile);
    await languageSwitch(page).selectOption('en');
    await expectLanguage(page, LANGUAGES[1]);
    await expect(note).toBeEmpty();
  });
});
