// What the specs share: the seed data they compare against, the catalogue page's
// controls found the way a screen-reader user finds them (role and label), and
// waiting for the service worker.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { repoRoot } from './server';

// ---- seed data (data/*.json) ----

export interface SeedActivity {
  id: string;
  name: string;
  summary: string;
  organisation_id: string;
  wijk: string | null;
  free: boolean | null;
}

export interface SeedWijk {
  id: string;
  name: string;
  lonely: number;
  severely_lonely: number;
}

export interface SeedOrganisation {
  id: string;
  name: string;
}

function readData<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(repoRoot, 'data', file), 'utf8')) as T;
}

export const seed = {
  activities: readData<SeedActivity[]>('activities.json'),
  wijken: readData<SeedWijk[]>('wijken.json'),
  organisations: readData<SeedOrganisation[]>('organisations.json'),
};

export function seedActivity(id: string): SeedActivity {
  const activity = seed.activities.find((a) => a.id === id);
  if (!activity) throw new Error(`no activity ${id} in data/activities.json`);
  return activity;
}

export function seedWijk(id: string): SeedWijk {
  const wijk = seed.wijken.find((w) => w.id === id);
  if (!wijk) throw new Error(`no wijk ${id} in data/wijken.json`);
  return wijk;
}

/** Lower case without diacritics, as the app's search compares text. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Activities whose name, summary or organiser contains `word` (folded): what the
 * app's search must find for a single word that is no activity kind's label.
 */
export function seedMatches(word: string): SeedActivity[] {
  const wanted = fold(word);
  return seed.activities.filter((a) => {
    const organiser = seed.organisations.find((o) => o.id === a.organisation_id)?.name ?? '';
    return fold(`${a.name} ${a.summary ?? ''} ${organiser}`).includes(wanted);
  });
}

/** City-wide activities (no wijk) serve every wijk. */
export function seedInWijk(wijkId: string): SeedActivity[] {
  return seed.activities.filter((a) => a.wijk === null || a.wijk === wijkId);
}

// ---- the catalogue page ----

export function catalogue(page: Page) {
  const results = page.getByRole('list', { name: 'Resultaten' });
  const status = page.getByRole('status').filter({ hasText: /gevonden/ });
  return {
    search: page.getByRole('searchbox', { name: 'Zoek een activiteit' }),
    wijk: page.getByLabel('Wijk', { exact: true }),
    targetGroup: page.getByLabel('Voor wie', { exact: true }),
    loneliness: page.getByLabel('Soort eenzaamheid', { exact: true }),
    day: page.getByLabel('Dag', { exact: true }),
    freeOnly: page.getByRole('checkbox', { name: 'Alleen gratis' }),
    status,
    results,
    /** The result entries: direct children only, in case an entry holds a list. */
    items: results.locator(':scope > li'),
    /** The link to one activity, by the name its text starts with. */
    link: (name: string) => results.getByRole('link', { name: new RegExp(`^${escapeRegExp(name)}`) }),
    /** The number that the status line gives; NaN while there is none (for polling). */
    count: async (): Promise<number> => {
      try {
        return parseCount(await status.innerText({ timeout: 1_000 }));
      } catch {
        return Number.NaN;
      }
    },
  };
}

/** "32 activiteiten gevonden", "1 activiteit gevonden", "Geen activiteiten gevonden". */
export function parseCount(text: string): number {
  const t = text.trim();
  if (/^geen activiteiten gevonden/i.test(t)) return 0;
  const match = /(\d+)\s+activiteit(?:en)?\s+gevonden/i.exec(t);
  if (!match) throw new Error(`the status line does not give a count: "${t}"`);
  return Number(match[1]);
}

/** Waits until the list is rendered and agrees with the status line; returns the count. */
export async function waitForResults(page: Page, expected?: number): Promise<number> {
  const cat = catalogue(page);
  if (expected === 0) {
    await expect(cat.status).toHaveText(/^Geen activiteiten gevonden/);
    await expect(cat.items).toHaveCount(0);
    return 0;
  }
  await expect(cat.items.first()).toBeVisible();
  if (expected !== undefined) {
    await expect.poll(cat.count).toBe(expected);
  }
  const count = parseCount(await cat.status.innerText());
  await expect(cat.items).toHaveCount(count);
  return count;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- the service worker ----

/**
 * Waits until a service worker is active and controls the page. clients.claim()
 * should make the first page controlled; if it has not happened within a few
 * seconds, one reload puts the page under the active worker.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const isControlled = () =>
    page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
  if (await isControlled()) return;
  await page.reload();
  expect(await isControlled(), 'the service worker should control the page after a reload').toBe(true);
}

// ---- page structure ----

/** One h1, `<main id="main">`, and the site navigation with its three links. */
export async function expectPageFrame(page: Page): Promise<void> {
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('main#main')).toHaveCount(1);
  const siteNav = page
    .getByRole('navigation')
    .filter({ has: page.getByRole('link', { name: 'Home', exact: true }) });
  await expect(siteNav).toHaveCount(1);
  for (const name of ['Home', 'Activiteiten', 'Wijken']) {
    await expect(siteNav.getByRole('link', { name, exact: true })).toBeVisible();
  }
}

/** axe's findings, one line per rule and element: what a reviewer needs to fix. */
export function describeViolations(violations: Result[]): string {
  if (violations.length === 0) return 'no violations';
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    ${n.target.map(String).join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      return `${v.id} [${v.impact ?? 'unknown'}] ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}
