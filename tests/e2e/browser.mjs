// Launches Debian's Chromium through playwright-core (which never downloads a browser), with the
// flags this sandboxed, offline, root environment needs. Playwright gives every launch a fresh,
// temporary profile (user-data-dir).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--disable-default-apps',
];

export async function launch(extraArgs = []) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build first with \`trunk build --release\``);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extraArgs] });
}

/**
 * Opens `url` in a new context and page, and waits for the live app to replace the static page; collects console errors and page errors (`errors`), and console
 * warnings apart (`warnings`: a test that expects none says so).
 */
export async function open(browser, url, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    else if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  // The live app up (or failed): until then the static page is on screen, with a timeline of its own
  // that does nothing, and a test would act on it. Tests of the static page open their own pages.
  if (contextOptions.javaScriptEnabled !== false) {
    await page.waitForFunction(() => [null, 'failed'].includes(document.documentElement.getAttribute('data-booting')), null, { timeout: 30000 });
  }
  return { context, page, errors, warnings };
}

/** The fills of every [data-region] element, as { code: fill }. */
export function fills(page) {
  return page.$$eval('[data-region]', (els) => Object.fromEntries(els.map((e) => [e.dataset.region, e.getAttribute('fill')])));
}

export function currentDate(page) {
  return page.getAttribute('[data-current-date]', 'data-current-date');
}

/**
 * Waits (up to 3 s) until the shown date is `date`, then asserts it. Yew renders asynchronously, so a
 * read straight after a key press can see the previous frame.
 */
export async function expectDate(page, date, message = '') {
  try {
    await page.waitForFunction((d) => document.querySelector('[data-current-date]')?.dataset.currentDate === d, date, { timeout: 3000 });
  } catch {
    /* fall through to the assertion, which reports what is shown instead */
  }
  const shown = await currentDate(page);
  if (shown !== date) throw new Error(`expected date ${date}, shown ${shown}${message ? ` (${message})` : ''}`);
}

/**
 * Waits until every chart has been drawn at its container's measured width, and shows the
 * date the map shows (the charts follow the map a frame later, see `core::trailing`).
 */
export async function chartsSettled(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-canvas')].every((c) => {
    const svg = c.querySelector('svg');
    return svg && Math.abs(Number(svg.getAttribute('width')) - Math.round(c.getBoundingClientRect().width)) <= 1;
  }) && document.querySelector('.charts')?.dataset.date === document.querySelector('[data-current-date]')?.dataset.currentDate,
  null, { timeout: 5000 });
}

/**
 * The page's `location.search` once the app has written it: the app writes the URL once the
 * changes have rested for 250 ms, in idle time (within 200 ms more), so this waits 250 ms after
 * the caller's last change and then for two idle periods.
 */
export async function settledSearch(page) {
  return page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 260));
    for (let i = 0; i < 2; i++) await new Promise((r) => requestIdleCallback(() => r(), { timeout: 400 }));
    return location.search;
  });
}
