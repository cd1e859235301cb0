// The app as something people install and use on a tablet or phone: a manifest that
// makes it installable, new versions that wait until the person asks for them, and the
// WCAG 2.2 basics that a browser has to measure: keyboard-only use with a visible
// focus, reflow at 320 CSS pixels, and targets of at least 44 by 44 pixels.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countRows, sqlite } from './db';
import {
  catalogue,
  seed,
  seedActivity,
  seedWijk,
  waitForResults,
  waitForServiceWorkerControl,
} from './helpers';
import { removeTempDir, repoRoot, startServer } from './server';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

// ---- a first paint without the wasm ----

// index.html draws the frame and the home page's text in Dutch before the 400 KB wasm
// has arrived (a senior's 3G bundle), and the app replaces it, never showing both.
test('the_home_page_shows_before_the_app_has_arrived_and_gives_way_to_it', async ({ page, server }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/omzien-[0-9a-f]{16}\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url + '/', { waitUntil: 'commit' });
  await expect(h1(page)).toHaveText('Samen tegen eenzaamheid in Hilversum');
  await expect(page.getByRole('link', { name: 'Doe de zelftest' })).toHaveAttribute('href', '/zelftest');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Activiteiten', exact: true })).toBeVisible();
  await expect(page.locator('select#taal'), 'the app has not started').toHaveCount(0);

  release();
  await expect(page.locator('select#taal')).toBeVisible();
  await expect(page.locator('#first-paint')).toHaveCount(0);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(h1(page)).toHaveText('Samen tegen eenzaamheid in Hilversum');
});

test('elsewhere_the_first_paint_is_only_the_frame', async ({ page, server }) => {
  await page.route(/\/omzien-[0-9a-f]{16}\.wasm$/, () => new Promise(() => {}));
  await page.goto(server.url + '/weten', { waitUntil: 'commit' });
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Informatie', exact: true })).toBeVisible();
  await expect(h1(page)).toHaveCount(0);
});

// ---- installable ----

interface ManifestIcon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(0, 8).equals(signature), 'a PNG signature').toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1'), 'the first chunk is IHDR').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('manifest_makes_the_app_installable', async ({ page, server }) => {
  await page.goto(server.url + '/');
  await expect(h1(page)).toBeVisible();
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');

  const response = await page.request.get(server.url + '/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/(manifest\+)?json/);
  const text = await response.text();
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`manifest.webmanifest is not valid JSON: ${String(error)}\n${text}`);
  }
  expect(manifest.name).toEqual(expect.stringMatching(/\S/));
  expect(manifest.short_name).toEqual(expect.stringMatching(/\S/));
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.lang).toBe('nl');

  const icons = manifest.icons as ManifestIcon[];
  expect(Array.isArray(icons)).toBe(true);
  const png = (size: string) =>
    icons.filter((i) => i.type === 'image/png' && (i.sizes ?? '').split(/\s+/).includes(size));
  expect(png('192x192'), 'a 192x192 PNG icon').not.toHaveLength(0);
  expect(png('512x512'), 'a 512x512 PNG icon').not.toHaveLength(0);
  expect(
    icons.filter((i) => (i.purpose ?? '').split(/\s+/).includes('maskable')),
    'a maskable icon',
  ).not.toHaveLength(0);

  for (const icon of icons) {
    const url = new URL(icon.src, server.url + '/manifest.webmanifest').href;
    const answer = await page.request.get(url);
    expect(answer.status(), `${icon.src} answers`).toBe(200);
    if (icon.type) {
      expect(answer.headers()['content-type'], `${icon.src} content-type`).toMatch(
        new RegExp(`^${icon.type.replace(/[+.]/g, '\\$&')}(;|$)`),
      );
    }
    if (icon.type === 'image/png') {
      const { width, height } = pngSize(await answer.body());
      const declared = (icon.sizes ?? '').split(/\s+/).filter(Boolean);
      expect(declared, `${icon.src} declares its size`).not.toHaveLength(0);
      for (const size of declared) {
        expect(`${width}x${height}`, `${icon.src} is really ${size}`).toBe(size);
      }
    }
  }
});

// ---- updates ----

const CACHE_PREFIX = 'omzien-shell-';
const CACHE_NAME_PATTERN = /const CACHE_NAME = CACHE_PREFIX \+ '([0-9a-f]{16})';/;

async function shellCaches(page: Page): Promise<string[]> {
  return page.evaluate(async (prefix) => (await caches.keys()).filter((n) => n.startsWith(prefix)).sort(), CACHE_PREFIX);
}

test('a_new_version_is_announced_and_applied_only_when_asked', async ({ page }) => {
  // The announcement may take up to 30 s below (the new worker fetches the whole
  // shell first); the test's own budget must hold that and the steps around it.
  test.setTimeout(90_000);
  const distCopy = mkdtempSync(path.join(tmpdir(), 'omzien-e2e-dist-'));
  cpSync(path.join(repoRoot, 'dist'), distCopy, { recursive: true });
  const server = await startServer({ distDir: distCopy });
  try {
    const swPath = path.join(distCopy, 'sw.js');
    const oldSource = readFileSync(swPath, 'utf8');
    const oldVersion = CACHE_NAME_PATTERN.exec(oldSource)?.[1];
    expect(oldVersion, 'dist/sw.js names its cache with a 16-hex build hash').toBeDefined();

    await page.goto(server.url + '/activiteiten');
    await waitForResults(page, seed.activities.length);
    await waitForServiceWorkerControl(page);
    await expect.poll(() => shellCaches(page)).toEqual([CACHE_PREFIX + oldVersion]);

    // A new build: another version hash, served as the plain file (the server would
    // prefer the old precompressed twins).
    const newVersion = (BigInt('0x' + oldVersion) ^ 0xffffffffffffffffn).toString(16).padStart(16, '0');
    writeFileSync(swPath, oldSource.replace(CACHE_NAME_PATTERN, `const CACHE_NAME = CACHE_PREFIX + '${newVersion}';`));
    for (const twin of ['sw.js.br', 'sw.js.gz']) rmSync(path.join(distCopy, twin), { force: true });
    const served = await page.request.get(server.url + '/sw.js');
    expect(await served.text(), 'the server now serves the new sw.js').toContain(newVersion);

    await page.evaluate(() => {
      (window as unknown as { __marker?: number }).__marker = 1;
    });
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration) throw new Error('no service worker registration');
      await registration.update();
    });

    const notice = page.getByRole('status').filter({ hasText: 'Er is een nieuwe versie van Omzien.' });
    // The new worker first fetches the whole residents' shell before it is announced:
    // once, on a clean CI machine, that took more than the usual 10 s.
    await expect(notice).toBeVisible({ timeout: 30_000 });
    const button = page.getByRole('button', { name: 'Nu vernieuwen' });
    await expect(button).toBeVisible();

    // Announced, not applied: same page, the new worker waits, the old one still rules.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    const workers = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        waiting: registration?.waiting?.state ?? null,
        controlled: navigator.serviceWorker.controller !== null,
      };
    });
    expect(workers).toEqual({ waiting: 'installed', controlled: true });
    expect(await shellCaches(page)).toContain(CACHE_PREFIX + oldVersion);
    await expect(catalogue(page).items.first()).toBeVisible();

    const reloaded = page.waitForEvent('load');
    await button.click();
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBeUndefined();
    await expect(page).toHaveURL(/\/activiteiten$/);
    await waitForResults(page, seed.activities.length);
    await expect(notice).toHaveCount(0);
    await expect.poll(() => shellCaches(page)).toEqual([CACHE_PREFIX + newVersion]);
  } finally {
    await server.stop();
    removeTempDir(server);
    rmSync(distCopy, { recursive: true, force: true });
  }
});

// ---- keyboard ----

interface Focused {
  /** `a.utrecht-skip-link.utrecht-skip-link--visible-on-focus "Naar de inhoud"`, `input#zoek`: enough to tell where focus is. */
  label: string;
  tag: string;
  inMain: boolean;
  isFirstResult: boolean;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
}

async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const text = (el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return {
      label: `${el.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ''}`,
      tag: el.tagName,
      inMain: el.closest('main') !== null,
      isFirstResult: el === document.querySelector('section[aria-label="Resultaten"] ul.results > li:first-child a'),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      boxShadow: style.boxShadow,
    };
  });
}

function expectVisibleFocus(f: Focused): void {
  const outline = f.outlineStyle !== 'none' && parseFloat(f.outlineWidth) > 0;
  const shadow = f.boxShadow !== 'none';
  expect(
    outline || shadow,
    `${f.label} has no visible focus indicator (outline ${f.outlineStyle} ${f.outlineWidth}, box-shadow ${f.boxShadow})`,
  ).toBe(true);
}

test('keyboard_only_search_and_open_an_activity', async ({ page, server }) => {
  await page.goto(server.url + '/activiteiten');
  const total = await waitForResults(page, seed.activities.length);

  await page.keyboard.press('Tab');
  const skip = await focused(page);
  expect(skip?.label).toBe('a.utrecht-skip-link.utrecht-skip-link--visible-on-focus "Naar de inhoud"');
  expectVisibleFocus(skip!);
  await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeInViewport();

  // The skip link puts focus on main (tabindex="-1", a target, not a control: it needs
  // no focus ring), so the next Tab starts inside the content. Checked softly, so the
  // rest of the journey is still tried and reported when the skip link fails.
  await page.keyboard.press('Enter');
  const skipped = await page
    .waitForFunction(() => document.activeElement?.closest('main') != null, null, { timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  expect
    .soft(skipped, `Enter on the skip link moves focus into main (focus is on ${(await focused(page))?.label ?? 'body'})`)
    .toBe(true);

  const path: string[] = [];
  for (let i = 0; ; i++) {
    expect(i, `Tab never reached the search field: ${path.join(' → ')}`).toBeLessThan(skipped ? 10 : 20);
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f, 'Tab left focus on nothing').not.toBeNull();
    path.push(f!.label);
    if (skipped) expect(f!.inMain, `Tab after the skip link left main: ${path.join(' → ')}`).toBe(true);
    expectVisibleFocus(f!);
    if (f!.label.startsWith('input#zoek')) break;
  }

  await page.keyboard.type('wandelen');
  const cat = catalogue(page);
  await expect(cat.search).toHaveValue('wandelen');
  await expect.poll(cat.count).toBeLessThan(total);
  const found = await waitForResults(page);
  expect(found).toBeGreaterThan(0);
  const firstLink = cat.items.first().getByRole('link');
  const name = (await firstLink.innerText()).trim();
  const href = await firstLink.getAttribute('href');
  expect(href).toMatch(/^\/activiteiten\/[\w-]+$/);
  expect((await focused(page))?.label, 'typing kept focus in the search field').toMatch(/^input#zoek/);

  for (let i = 0; ; i++) {
    expect(i, `Tab never reached the first result: ${path.join(' → ')}`).toBeLessThan(15);
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f, 'Tab left focus on nothing').not.toBeNull();
    path.push(f!.label);
    expect(f!.inMain, `Tab left main before the first result: ${path.join(' → ')}`).toBe(true);
    expectVisibleFocus(f!);
    if (f!.isFirstResult) break;
  }

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(h1(page)).toHaveText(name);
  // The new page's heading takes focus, so a screen reader starts reading there.
  await expect
    .poll(() => page.evaluate(() => document.activeElement === document.querySelector('main h1')), {
      message: 'focus is on the activity page h1',
    })
    .toBe(true);
  await expect(h1(page)).toBeFocused();
});

/** Presses Tab until the focused element's label starts with `start`; every stop on the
 * way must stay in main and show its focus. */
async function tabTo(page: Page, start: string, path: string[], limit = 25): Promise<void> {
  for (let i = 0; ; i++) {
    expect(i, `Tab never reached ${start}: ${path.join(' → ')}`).toBeLessThan(limit);
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f, 'Tab left focus on nothing').not.toBeNull();
    path.push(f!.label);
    expect(f!.inMain, `Tab left main before ${start}: ${path.join(' → ')}`).toBe(true);
    expectVisibleFocus(f!);
    if (f!.label.startsWith(start)) return;
  }
}

test('keyboard_only_search_open_an_activity_and_sign_up', async ({ page, server }) => {
  const name = seedActivity('senver-wandelen').name;
  await page.goto(server.url + '/activiteiten');
  await waitForResults(page, seed.activities.length);
  const path: string[] = [];
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // the skip link
  await tabTo(page, 'input#zoek', path);
  await page.keyboard.type(name);
  await expect(catalogue(page).items.first().getByRole('link')).toHaveText(name);
  await tabTo(page, `a "${name}`, path);
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(name);
  await expect(h1(page)).toBeFocused();

  // The form, field by field, from the heading on.
  await tabTo(page, 'input#su-naam', path, 40);
  await page.keyboard.type('Toetsenbord');
  await tabTo(page, 'input#su-telefoon', path, 3);
  await page.keyboard.type('06 12345678');
  await tabTo(page, 'select#su-aantal', path, 4);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#su-aantal')).toHaveValue('2');
  await tabTo(page, 'textarea#su-bericht', path, 3);
  await page.keyboard.type('Ik kom met mijn zus.');
  await tabTo(page, 'input#su-toestemming', path, 3);
  await page.keyboard.press('Space');
  await expect(page.locator('#su-toestemming')).toBeChecked();
  await tabTo(page, 'button', path, 3);
  expect((await focused(page))?.label).toContain('"Aanmelden"');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Je aanmelding is bewaard' })).toBeVisible();
  await expect.poll(() => countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups'), { timeout: 15_000 }).toBe(1);
  expect(sqlite(server.dbPath, 'SELECT first_name, party_size FROM sign_ups')).toBe('Toetsenbord|2');
});

// ---- reflow ----

interface Route {
  path: string;
  ready: (page: Page) => Promise<void>;
}

const routes: Route[] = [
  { path: '/', ready: async (page) => expect(page.locator('main .tile').first()).toBeVisible() },
  { path: '/activiteiten', ready: async (page) => void (await waitForResults(page)) },
  {
    path: '/activiteiten/senver-wandelen',
    ready: async (page) => {
      await expect(h1(page)).toHaveText(seedActivity('senver-wandelen').name);
      await expect(page.locator('main dl')).toBeVisible();
    },
  },
  {
    path: '/wijken',
    ready: async (page) => expect(page.locator('main a[href*="/wijken/"]').first()).toBeVisible(),
  },
  {
    path: '/wijken/centrum',
    ready: async (page) => {
      await expect(h1(page)).toHaveText(seedWijk('centrum').name);
      await expect(page.locator('main table').first()).toBeVisible();
      await expect(page.locator('main .bar-chart[role="img"]').first()).toBeVisible();
    },
  },
  { path: '/weten', ready: async (page) => expect(page.locator('main .info-list a').first()).toBeVisible() },
  {
    path: '/weten/neerwaartse-spiraal',
    ready: async (page) => expect(page.locator('main figure.cycle svg')).toBeVisible(),
  },
  { path: '/zelftest', ready: async (page) => expect(page.locator('main #zt-wijk')).toBeVisible() },
  { path: '/aanmeldingen', ready: async (page) => expect(h1(page)).toHaveText('Mijn aanmeldingen') },
  { path: '/instellingen', ready: async (page) => expect(page.locator('main input[type="radio"]').first()).toBeVisible() },
  {
    path: '/melden',
    ready: async (page) => expect(page.getByRole('button', { name: /^Ik maak me zorgen om iemand/ })).toBeVisible(),
  },
  { path: '/medewerkers', ready: async (page) => expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible() },
];

/** The document's width against the viewport, and what sticks out on the right. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const wide: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= viewport + 1) continue;
      // Only the innermost culprits: skip an element whose child also sticks out.
      const child = Array.from(el.children).some((c) => c.getBoundingClientRect().right > viewport + 1);
      if (child) continue;
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      wide.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(rect.right)} width=${Math.round(rect.width)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: viewport, wide: wide.slice(0, 10) };
  });
}

test('pages_reflow_at_320_css_pixels_without_horizontal_scrolling', async ({ page, server }) => {
  // Twenty-four cold page loads (wasm compile and IndexedDB each time) on a busy two-core machine.
  test.slow();
  // 320 px is 1280 px at 400 % zoom (WCAG 1.4.10); 640 px is 200 % (1.4.4).
  for (const size of [
    { width: 320, height: 640 },
    { width: 640, height: 800 },
  ]) {
    await page.setViewportSize(size);
    for (const route of routes) {
      await page.goto(server.url + route.path);
      await route.ready(page);
      const o = await horizontalOverflow(page);
      expect(o.innerWidth).toBe(size.width);
      expect
        .soft(o.scrollWidth, `${route.path} at ${size.width} px scrolls sideways; too wide: ${o.wide.join('; ')}`)
        .toBeLessThanOrEqual(o.innerWidth + 1);
    }
  }
});

// ---- target size ----

interface SmallTarget {
  target: string;
  width: number;
  height: number;
}

/**
 * Every visible control smaller than 44x44 CSS px. Exempt (WCAG 2.5.8 "inline"): a
 * link that flows in a sentence, i.e. displayed inline inside p/li/dd text that has
 * more in it than the link. A checkbox or radio counts together with its label.
 */
async function smallTargets(page: Page): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const parent = el.parentElement;
      const parentCls =
        parent && typeof parent.className === 'string' && parent.className
          ? `.${parent.className.trim().split(/\s+/).join('.')}`
          : '';
      const text = ((el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      const href = el.getAttribute('href');
      return `${parent ? parent.tagName.toLowerCase() + parentCls + ' > ' : ''}${el.tagName.toLowerCase()}${id}${cls}${
        href ? `[href="${href}"]` : ''
      }${text ? ` "${text}"` : ''}`;
    };
    const inSentence = (a: Element): boolean => {
      if (getComputedStyle(a).display !== 'inline') return false;
      const block = a.closest('p, li, dd');
      if (!block) return false;
      const all = (block.textContent ?? '').replace(/\s+/g, '');
      const own = (a.textContent ?? '').replace(/\s+/g, '');
      return all.length > own.length;
    };
    const small: { target: string; width: number; height: number }[] = [];
    for (const el of Array.from(document.querySelectorAll('a, button, input, select, [role="button"]'))) {
      if (!(el as HTMLElement).checkVisibility({ visibilityProperty: true, opacityProperty: true } as never)) continue;
      let rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (el.tagName === 'A' && inSentence(el)) continue;
      let what = describe(el);
      const input = el as HTMLInputElement;
      if (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio') && input.labels?.length) {
        const label = input.labels[0].getBoundingClientRect();
        const left = Math.min(rect.left, label.left);
        const top = Math.min(rect.top, label.top);
        const right = Math.max(rect.right, label.right);
        const bottom = Math.max(rect.bottom, label.bottom);
        rect = new DOMRect(left, top, right - left, bottom - top);
        what += ` with its label (label ${Math.round(label.width * 10) / 10}x${Math.round(label.height * 10) / 10})`;
      }
      if (rect.width + 0.01 < min || rect.height + 0.01 < min) {
        small.push({ target: what, width: Math.round(rect.width * 10) / 10, height: Math.round(rect.height * 10) / 10 });
      }
    }
    return small;
  }, 44);
}

test('touch_targets_are_at_least_44px', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const route of routes.filter((r) => /^\/(activiteiten|weten|zelftest|instellingen|melden|medewerkers)/.test(r.path))) {
    await page.goto(server.url + route.path);
    await route.ready(page);
    const small = await smallTargets(page);
    expect
      .soft(small, `targets under 44x44 px on ${route.path}:\n${small.map((s) => `  ${s.target}: ${s.width}x${s.height}`).join('\n')}`)
      .toEqual([]);
  }
});

test('residents_never_download_the_staff_app_and_links_between_the_two_apps_work', async ({ page, server }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  const staffWasm = (names: string[]) => names.filter((n) => n.startsWith('/medewerkers-'));

  await page.goto(server.url + '/');
  await waitForServiceWorkerControl(page);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Activiteiten' }).click();
  await waitForResults(page, seed.activities.length);
  await page.goto(server.url + '/melden');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(staffWasm(wasm), 'a resident downloaded the staff app').toEqual([]);
  const precached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('omzien-shell-'))!);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(precached.some((p) => p.startsWith('/omzien-') && p.endsWith('.wasm'))).toBe(true);
  expect(staffWasm(precached), 'the staff app is not precached').toEqual([]);

  // From a resident page to the staff app and back, by the ordinary links.
  await page.getByRole('link', { name: 'Voor medewerkers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen voor medewerkers');
  await expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible();
  expect(staffWasm(wasm)).toHaveLength(1);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Activiteiten' }).click();
  await waitForResults(page, seed.activities.length);
  await expect(page).toHaveURL(server.url + '/activiteiten');

  // Opened once, the staff app starts offline too.
  await page.context().setOffline(true);
  await page.goto(server.url + '/medewerkers');
  await expect(page.getByRole('button', { name: 'Inloggen' })).toBeVisible();
  await page.goto(server.url + '/bestaat-niet');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await page.goto(server.url + '/meldpunt/bestaat/niet/ook');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
});
