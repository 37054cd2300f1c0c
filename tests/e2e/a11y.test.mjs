// End-to-end accessibility: axe-core (from npm, injected into the page) over every mode, and
// keyboard-only journeys through the regions, every control, the language switch and the tables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch, open, expectDate, DIST } from './browser.mjs';

const AXE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/axe-core/axe.min.js');
let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root: DIST, mount: '/a11y/' });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

const MODES = [
  ['default, Chinese', '?lang=zh', {}],
  ['default, English', '?lang=en', {}],
  ['a region selected', '?lang=en&date=2020-02-19&region=520300', {}],
  ['dark', '?dark=1&lang=en', {}],
  ['dark, Chinese, system dark', '?dark=auto&lang=zh', { colorScheme: 'dark' }],
  ['embed', '?embed=1&lang=zh', {}],
  ['presenter mode', '?present=1&date=2020-02-19&lang=en', {}],
  ['compare mode', '?compare=2020-02-12&date=2020-02-19&lang=en', {}],
  ['2021 reported, hatched bounds', '?dataset=2021&lang=zh', {}],
  ['phone', '?lang=zh', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }],
];

for (const [name, query, options] of MODES) {
  test(`axe: no WCAG 2.1 AA violations — ${name}`, async () => {
    const { page, errors, context } = await open(browser, server.url + query, options);
    await page.waitForSelector('[data-region]');
    await page.waitForSelector('input[type=range], .present-date, .timeline.single-date', { timeout: 20000, state: 'attached' });
    await page.waitForTimeout(300);
    const violations = await axe(page);
    assert.deepEqual(violations, [], violations.join('\n'));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('keyboard only: a tooltip or a fact pop-up shown by focus goes when focus moves on', async () => {
  const { page, context, errors } = await open(browser, `${server.url}?lang=en&date=2020-02-19`);
  await page.waitForSelector('input[type=range]');
  const tabTo = async (test, what) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(test)) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  await tabTo(() => document.activeElement?.hasAttribute('data-region'), 'a region');
  assert.equal(await page.locator('.tooltip').count(), 1, 'focus on a region shows its tooltip');
  await tabTo(() => !document.activeElement?.closest('svg'), 'past the map');
  assert.equal(await page.locator('.tooltip').count(), 0, 'and it goes when focus leaves the map');
  await tabTo(() => document.activeElement?.classList.contains('event-mark'), 'a fact mark');
  assert.equal(await page.locator('.event-pop').count(), 1, 'focus on a fact mark shows the fact');
  await tabTo(() => !document.activeElement?.closest('.event-marks, .event-pop'), 'past the marks');
  assert.equal(await page.locator('.event-pop').count(), 0, 'and it goes when focus moves past the marks');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: reach every region, hear it, select it; then every control', async () => {
  const { page, context } = await open(browser, `${server.url}?lang=en&date=2020-02-19`);
  await page.waitForSelector('.time-chart svg');
  // Tab from the top until a region has focus: the map is one tab stop.
  let steps = 0;
  while (!(await page.evaluate(() => document.activeElement?.hasAttribute('data-region'))) && steps < 40) {
    await page.keyboard.press('Tab');
    steps++;
  }
  assert.ok(steps < 40, 'a region is reachable by Tab');
  const seen = new Set();
  for (let i = 0; i < 9; i++) {
    const code = await page.evaluate(() => document.activeElement.dataset.region);
    seen.add(code);
    const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.match(label, /19 Feb 2020: \d+(\.\d)?\s%/, `the region says its date and value: ${label}`);
    // Yew renders the focus's tooltip in its next update, not within the key press.
    await page.waitForSelector(`.tooltip[data-tooltip-region="${code}"]`, { state: 'visible', timeout: 3000 });
    await page.keyboard.press('ArrowRight');
  }
  assert.equal(seen.size, 9, 'arrow keys visit every region');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.region), [...seen][0], 'and wrap round');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute(`[data-region="${[...seen][0]}"]`, 'data-selected'), 'true', 'Enter selects');
  await expectDate(page, '2020-02-19', 'arrows on the map move between regions, not dates');
  // Every control can be reached with Tab, with a visible focus indicator.
  const controls = await page.$$eval('button:not([disabled]), input:not([type=hidden]), select:not([disabled]), summary, a[href]',
    (els) => els.filter((e) => e.offsetParent !== null || e.tagName === 'SUMMARY').length);
  const reached = new Set();
  for (let i = 0; i < controls + 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      const stroke = el.tagName === 'path' && parseFloat(style.strokeWidth) >= 3;
      // A stable identity per element (many controls share their first characters of markup).
      el.dataset.a11yId = el.dataset.a11yId || String((window.__a11yIds = (window.__a11yIds || 0) + 1));
      return { key: el.dataset.a11yId, html: el.outerHTML.slice(0, 80), ring: ring || stroke, tag: el.tagName };
    });
    if (info.tag === 'BODY') continue;
    assert.ok(info.ring, `visible focus on ${info.html}`);
    reached.add(info.key);
  }
  assert.ok(reached.size >= controls * 0.9, `Tab reaches the controls (${reached.size} of ${controls})`);
  await context.close();
});

test('keyboard only: switch language, find a region, read the tables', async () => {
  const { page, context } = await open(browser, `${server.url}?lang=en`);
  await page.waitForSelector('.time-chart svg');
  await page.focus('button.lang-switch');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.match(await page.locator('h1').innerText(), /贵州/);
  assert.match(await page.title(), /贵州/);
  // Search: type a name, Enter.
  await page.focus('.region-search input');
  await page.keyboard.type('Zunyi');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-region="520300"]', 'data-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.region), '520300', 'focus goes to the region');
  await page.focus('.region-search input');
  await page.fill('.region-search input', '黔东南州');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-region="522600"]', 'data-selected'), 'true');
  // Found again: it stays selected (a second click on the map clears a selection; a search must not).
  await page.focus('.region-search input');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-region="522600"]', 'data-selected'), 'true', 'the same search twice');
  // A beginning three names share lists them and selects none of them; the last answer's
  // selection goes, lest it be read as this one.
  await page.fill('.region-search input', '黔');
  await page.focus('.region-search input');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.search-message').innerText(), '以“黔”开头的地区有 3 个：黔西南州、黔东南州、黔南州。请输入全名。');
  assert.equal(await page.locator('[data-selected="true"]').count(), 0, 'nothing selected');
  // A region chosen on the map answers it: the message goes.
  await page.click('[data-region="520300"]');
  await page.waitForSelector('[data-region="520300"][data-selected="true"]');
  assert.equal(await page.locator('.search-message').innerText(), '', 'no message left about another search');
  await page.keyboard.press('Escape');
  // The data tables open from the keyboard and are real tables with headers.
  await page.focus('.ranking-chart summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.ranking-chart table'); // built when opened (the toggle event comes a task later)
  assert.equal(await page.locator('.ranking-chart table th[scope=col]').count(), 3);
  assert.equal(await page.locator('.ranking-chart tbody tr').count(), 9);
  // The summary is a polite live region and changes with the date.
  const before = await page.locator('.map-summary').innerText();
  await page.focus('input[type=range]');
  await page.keyboard.press('Home');
  await page.waitForFunction((b) => document.querySelector('.map-summary').innerText !== b, before);
  assert.equal(await page.getAttribute('.map-summary', 'aria-live'), 'polite');
  assert.match(await page.locator('.map-summary').innerText(), /2020年2月10日/);
  // The timeline's date (an <output>, a polite live region) is not spoken for every date played.
  assert.equal(await page.getAttribute('.timeline-date', 'aria-live'), null, 'announced on a step');
  await page.click('button.play');
  assert.equal(await page.getAttribute('.timeline-date', 'aria-live'), 'off', 'silent while playing');
  await page.click('button.play');
  assert.equal(await page.getAttribute('.timeline-date', 'aria-live'), null);
  await context.close();
});

test('zoom: buttons, Ctrl + wheel and a two-finger pinch; labels keep their size', async () => {
  const { page, context } = await open(browser, `${server.url}?lang=en`, { hasTouch: true });
  await page.waitForSelector('[data-region]');
  const transform = () => page.getAttribute('.map g.zoom', 'transform');
  assert.match(await transform(), /scale\(1\.0000\)/);
  await page.click('button.zoom-in');
  assert.match(await transform(), /scale\(1\.5000\)/);
  await page.click('button.zoom-reset');
  assert.match(await transform(), /scale\(1\.0000\)/);
  const box = await page.locator('.map svg').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForFunction(() => !/scale\(1\.0000\)/.test(document.querySelector('.map g.zoom').getAttribute('transform')));
  await page.click('button.zoom-reset');
  // Pinch: two touch pointers moving apart.
  await page.evaluate(({ x, y }) => {
    const svg = document.querySelector('.map svg');
    const ev = (type, id, px) => svg.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', clientX: px, clientY: y, bubbles: true, cancelable: true, buttons: 1 }));
    ev('pointerdown', 11, x - 20); ev('pointerdown', 12, x + 20);
    for (let d = 20; d <= 80; d += 10) { ev('pointermove', 11, x - d); ev('pointermove', 12, x + d); }
    ev('pointerup', 11, x - 80); ev('pointerup', 12, x + 80);
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  const k = Number((await transform()).match(/scale\(([\d.]+)\)/)[1]);
  assert.ok(k > 2.5, `pinched in (${k})`);
  assert.equal(await page.getAttribute('.labels text', 'font-size'), await page.getAttribute('.labels text', 'font-size'));
  const font = Number(await page.getAttribute('.labels text', 'font-size'));
  assert.ok(font <= 18, 'labels are not scaled with the map');
  await context.close();
});

test('keyboard only: focus stays on a control when the one used hides or disables itself', async () => {
  const { page, errors, context } = await open(browser, `${server.url}?date=2020-02-19&lang=en`);
  await page.waitForSelector('[data-region]');
  const active = () => page.evaluate(() => document.activeElement.className || document.activeElement.tagName);
  // Zoom: reset disables itself (and zoom out at 1×): focus goes to zoom in.
  await page.focus('.zoom-in');
  await page.keyboard.press('Enter');
  await page.focus('.zoom-reset');
  await page.keyboard.press('Enter');
  assert.match(await active(), /zoom-in/, 'after reset');
  await page.keyboard.press('Enter');
  await page.focus('.zoom-out');
  await page.keyboard.press('Enter');
  assert.match(await active(), /zoom-in/, 'after zooming out to 1×');
  // Presenter mode: the button that enters hides; focus goes to the presenter's bar, where Space
  // plays and pauses (on the exit button it would end the show); Tab reaches the exit; and back.
  await page.focus('.present-toggle');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.present-exit');
  assert.match(await active(), /present-bar/, 'entering presenter mode');
  await page.keyboard.press(' ');
  await page.waitForSelector('button.play[aria-pressed="true"]', { state: 'attached' }); // hidden while presenting
  assert.equal(await page.locator('.present-exit').count(), 1, 'Space played, and the show goes on');
  await page.keyboard.press(' ');
  await page.waitForSelector('button.play[aria-pressed="false"]', { state: 'attached' });
  await page.keyboard.press('Tab');
  assert.match(await active(), /present-exit/, 'Tab reaches the exit');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.present-toggle');
  assert.match(await active(), /present-toggle/, 'leaving presenter mode');
  // A fact's pop-up closed with its button: focus back on its mark, and the pop-up stays closed.
  await page.focus('.event-mark[data-event-index="8"]');
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'dismiss');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.eventIndex), '8');
  assert.equal(await page.locator('.event-pop').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: on a zoomed map, the region reached comes into view', async () => {
  const { page, errors, context } = await open(browser, `${server.url}?lang=en`);
  await page.waitForSelector('[data-region]');
  for (let k = 0; k < 3; k++) await page.click('button.zoom-in');
  // The mouse put aside (left resting on the zoom buttons, it can close the tooltip as the map
  // pans under it: a known gap, in the closing note).
  await page.mouse.move(2, 2);
  const svg = await page.locator('.map svg').boundingBox();
  // Every region in turn, by the arrows: each one's label point is inside the map's box.
  await page.focus('[data-region][tabindex="0"]');
  for (let k = 0; k < 9; k++) {
    const code = await page.evaluate(() => document.activeElement.dataset.region);
    await page.waitForTimeout(50);
    const b = await page.locator(`[data-region="${code}"]`).boundingBox();
    const visible = Math.min(b.x + b.width, svg.x + svg.width) - Math.max(b.x, svg.x) > 20
      && Math.min(b.y + b.height, svg.y + svg.height) - Math.max(b.y, svg.y) > 20;
    assert.ok(visible, `${code} in view at 3.4× (${JSON.stringify(b)} in ${JSON.stringify(svg)})`);
    // Its tooltip is placed where the region now is: on the map, not off it.
    const tip = await page.locator('.tooltip').boundingBox();
    assert.ok(tip && tip.x >= svg.x - 1 && tip.x + tip.width <= svg.x + svg.width + 1, `${code}: tooltip ${JSON.stringify(tip)} on the map`);
    await page.keyboard.press('ArrowRight');
  }
  assert.deepEqual(errors, []);
  await context.close();
});
