// The seniors' settings: text size in three steps and a high-contrast theme, applied at
// once, remembered on the device (applied by boot.js before the app draws), and every
// page still passing axe and reflowing; read-aloud only where a Dutch voice exists.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoViolations, expectPageFrame, waitForResults } from './helpers';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function choose(page: Page, text: string, contrast: string): Promise<void> {
  await page.getByRole('link', { name: 'Tekst en kleur' }).click();
  await expect(h1(page)).toHaveText('Tekst en kleur');
  await page.getByRole('radio', { name: text, exact: true }).check();
  await page.getByRole('radio', { name: contrast }).check();
}

test('larger_text_and_high_contrast_are_applied_and_remembered', async ({ page, server }) => {
  await page.goto(server.url + '/');
  await expect(h1(page)).toBeVisible();
  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await fontSize();

  await choose(page, 'Extra groot', 'Hoog contrast');
  await expect(page.locator('html')).toHaveAttribute('data-tekst', 'extra-groot');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'hoog');
  expect(await fontSize()).toBeCloseTo(normal * 2, 0);

  // boot.js applies the choice before the app starts.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-tekst', 'extra-groot');
  await expect(page.getByRole('radio', { name: 'Extra groot', exact: true })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Hoog contrast' })).toBeChecked();

  await choose(page, 'Groot', 'Gewone kleuren');
  await expect(page.locator('html')).toHaveAttribute('data-tekst', 'groot');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'normaal');
});

for (const [text, contrast] of [
  ['Extra groot', 'Hoog contrast'],
  ['Groot', 'Gewone kleuren'],
]) {
  test(`axe_and_reflow_hold_with ${text} text and ${contrast}`, async ({ page, server }) => {
    // Every route, twice (two widths): about a minute on a busy two-core machine.
    test.setTimeout(150_000);
    await page.goto(server.url + '/instellingen');
    await expect(h1(page)).toBeVisible();
    await choose(page, text, contrast);
    await expectNoViolations(page);
    const routes: [string, (p: Page) => Promise<unknown>][] = [
      ['/', (p) => expect(p.locator('main .tile').first()).toBeVisible()],
      ['/activiteiten', (p) => waitForResults(p)],
      ['/activiteiten/senver-wandelen', (p) => expect(p.locator('main dl')).toBeVisible()],
      ['/wijken/centrum', (p) => expect(p.locator('main table').first()).toBeVisible()],
      ['/zelftest', (p) => expect(p.locator('#zt-wijk')).toBeVisible()],
      ['/wijken', (p) => expect(p.locator('main a[href*="/wijken/"]').first()).toBeVisible()],
      ['/weten', (p) => expect(p.locator('main .info-list a').first()).toBeVisible()],
      ['/weten/neerwaartse-spiraal', (p) => expect(p.locator('main figure.cycle svg')).toBeVisible()],
      ['/aanmeldingen', (p) => expect(h1(p)).toHaveText('Mijn aanmeldingen')],
      ['/instellingen', (p) => expect(p.getByRole('radio', { name: text, exact: true })).toBeChecked()],
      ['/melden', (p) => expect(p.getByRole('button', { name: /^Ik maak me zorgen om iemand/ })).toBeVisible()],
      ['/medewerkers', (p) => expect(p.getByRole('button', { name: 'Inloggen' })).toBeVisible()],
      ['/meldpunt', (p) => expect(p.locator('main')).toContainText('Log eerst in')],
      ['/bestaat-niet', (p) => expect(h1(p)).toHaveText('Deze pagina bestaat niet')],
    ];
    for (const [path, ready] of routes) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(server.url + path);
      await ready(page);
      await expectPageFrame(page);
      await expectNoViolations(page);
      // 320 CSS px with the larger text: still no horizontal scrolling.
      await page.setViewportSize({ width: 320, height: 640 });
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: path })
        .toBeLessThanOrEqual(320);
    }
  });
}

/** A speech synthesis with the given voices that records what it is asked to say. */
async function fakeSpeech(page: Page, langs: string[]): Promise<void> {
  await page.addInitScript((voiceLangs) => {
    const spoken: string[] = [];
    (window as unknown as { spoken: string[] }).spoken = spoken;
    const voices = voiceLangs.map((lang) => {
      // A real SpeechSynthesisVoice cannot be made; the utterance's `voice` setter
      // wants one, so stand in with an object of that prototype.
      const voice = Object.create(SpeechSynthesisVoice.prototype);
      Object.defineProperty(voice, 'lang', { value: lang });
      Object.defineProperty(voice, 'name', { value: `Test ${lang}` });
      return voice;
    });
    const synth = new EventTarget();
    Object.assign(synth, {
      getVoices: () => voices,
      speak: (u: SpeechSynthesisUtterance) => spoken.push(u.text),
      cancel: () => {},
    });
    Object.defineProperty(window, 'speechSynthesis', { value: synth });
  }, langs);
}

test('read_aloud_reads_the_page_in_a_dutch_voice', async ({ page, server }) => {
  await fakeSpeech(page, ['en-GB', 'nl-NL']);
  await page.goto(server.url + '/weten');
  await expect(h1(page)).toHaveText('Over eenzaamheid');
  const button = page.getByRole('button', { name: 'Lees voor' });
  const before = await button.boundingBox();
  const firstLink = await page.locator('main .info-list a').first().boundingBox();
  await button.click();
  await expect(page.getByRole('button', { name: 'Stop met voorlezen' })).toHaveAttribute('aria-pressed', 'true');
  // The button keeps its size: nothing on the page moves.
  expect(await page.getByRole('button', { name: 'Stop met voorlezen' }).boundingBox()).toEqual(before);
  expect(await page.locator('main .info-list a').first().boundingBox()).toEqual(firstLink);
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  expect(spoken).toHaveLength(1);
  // The content, each block ending in a pause; not the way back or the buttons.
  expect(spoken[0]).toMatch(/^Over eenzaamheid\. /);
  await page.getByRole('button', { name: 'Stop met voorlezen' }).click();
  await expect(page.getByRole('button', { name: 'Lees voor' })).toHaveAttribute('aria-pressed', 'false');

  // A page with a way back, a form and buttons: the voice reads what the page says.
  await page.goto(server.url + '/activiteiten/senver-wandelen');
  await expect(h1(page)).toHaveText('Wandelen met Senver');
  await expect(page.getByLabel('Voornaam')).toBeVisible();
  await page.getByRole('button', { name: 'Lees voor' }).click();
  const read = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.at(-1)!);
  expect(read).toMatch(/^Wandelen met Senver\. /);
  expect(read).toContain('Samen wandelen met andere senioren.');
  for (const skipped of ['Terug naar alle activiteiten', 'Voornaam', 'Telefoonnummer']) {
    expect(read, skipped).not.toContain(skipped);
  }
});

test('without_a_dutch_voice_there_is_no_read_aloud_button', async ({ page, server }) => {
  await fakeSpeech(page, ['en-GB', 'de-DE']);
  await page.goto(server.url + '/weten');
  await expect(h1(page)).toHaveText('Over eenzaamheid');
  await expect(page.getByRole('link', { name: 'Tekst en kleur' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lees voor' })).toHaveCount(0);
});

test('nothing_moves_when_the_device_asks_for_reduced_motion', async ({ page, server }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const path of ['/', '/activiteiten', '/weten/neerwaartse-spiraal', '/melden']) {
    await page.goto(server.url + path);
    await expect(h1(page)).toBeVisible();
    const moving = await page.evaluate(() =>
      Array.from(document.querySelectorAll('*'))
        .filter((el) => {
          const s = getComputedStyle(el);
          const timed = (v: string) => v.split(',').some((d) => parseFloat(d) > 0);
          return s.animationName !== 'none' || timed(s.transitionDuration) || s.scrollBehavior === 'smooth';
        })
        .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className) : '')),
    );
    expect(moving, `moving on ${path}`).toEqual([]);
  }
});
