// End-to-end: the charts (the plotters time chart, the ranking's SVG elements), linked to the map,
// the timeline and the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, open, currentDate, fills, expectDate, chartsSettled, DIST, ARTIFACTS, settledSearch } from './browser.mjs';

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root: DIST, mount: '/charts/' });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(query = '', options = {}) {
  const o = await open(browser, server.url + query, { locale: 'en-GB', ...options });
  await o.page.waitForSelector('.time-chart svg', { timeout: 20000 });
  await chartsSettled(o.page);
  return o;
}

// Where the cursor is drawn, on screen, relative to its chart (it is moved by a transform).
const cursorX = (page) => page.$eval('.cursor-layer polyline', (l) => l.getBoundingClientRect().x - l.closest('.chart-canvas').getBoundingClientRect().x);
const order = (page) => page.getAttribute('.ranking-chart .chart-canvas', 'data-order');

test('moving the date moves the cursor and reorders the bars', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19');
  const x19 = await cursorX(page);
  const o19 = await order(page);
  assert.equal(o19.split(',')[0], '522300', 'Qianxinan leads on 19 Feb');
  assert.equal(o19.split(',').length, 9);
  // Keep hold of the ranking's elements: a date step must update them, not replace them.
  await page.evaluate(() => { window.__rows = [...document.querySelectorAll('.ranking-svg g')].map((g) => [g, g.getAttribute('transform')]); });
  await page.click('h1');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  await expectDate(page, '2020-02-26');
  await chartsSettled(page);
  const x26 = await cursorX(page);
  assert.ok(x26 > x19 + 50, `cursor moved right (${x19} → ${x26})`);
  const wanted = Number(await page.getAttribute('.time-chart .chart-canvas', 'data-cursor-x'));
  assert.ok(Math.abs(x26 - wanted) <= 1.5, `drawn where the chart's frame puts 26 Feb (${x26} vs ${wanted})`);
  const o26 = await order(page);
  assert.notEqual(o26, o19, 'bars reordered');
  // The drawn labels follow the same order.
  const drawn = await page.$$eval('.ranking-chart svg text.bar-label', (ts) => ts
    .sort((a, b) => a.getBoundingClientRect().y - b.getBoundingClientRect().y).map((t) => t.textContent.trim()));
  assert.equal(drawn.length, 9);
  assert.equal(drawn[0], 'Anshun', 'all at 100 % on 26 Feb: alphabetical');
  const kept = await page.evaluate(() => ({
    connected: window.__rows.filter(([g]) => g.isConnected).length,
    moved: window.__rows.filter(([g, t]) => g.getAttribute('transform') !== t).length,
    now: document.querySelectorAll('.ranking-svg g').length,
  }));
  assert.deepEqual(kept, { connected: 9, moved: kept.moved, now: 9 }, 'the same nine row elements, updated in place');
  assert.ok(kept.moved > 0, 'rows moved to their new ranks by their transform');
  await page.screenshot({ path: path.join(ARTIFACTS, 'charts.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('clicking a bar selects the prefecture on the map and in the URL', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19');
  const label = page.locator('.ranking-chart svg text', { hasText: 'Tongren' });
  await label.scrollIntoViewIfNeeded();
  const box = await label.boundingBox();
  const canvas = await page.locator('.ranking-chart .chart-canvas').boundingBox();
  await page.mouse.click(canvas.x + canvas.width / 2, box.y + box.height / 2);
  assert.equal(await page.getAttribute('[data-region="520600"]', 'data-selected'), 'true');
  assert.match(await settledSearch(page), /region=520600/);
  await page.click('.ranking-chart summary'); // the table is built when opened
  assert.equal(await page.locator('.ranking-chart tr.selected th').textContent(), 'Tongren', 'marked in the table too');
  assert.deepEqual(errors, []);
  await context.close();
});

test('clicking the time chart sets the date; hovering a line highlights the region on the map', async () => {
  const { page, errors, context } = await ready('?date=2020-03-01');
  const canvas = page.locator('.time-chart .chart-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // The plot area starts 56 px in; click a quarter of the way along it.
  const frameW = box.width - 56 - 78;
  await page.mouse.click(box.x + 56 + frameW * 0.25, box.y + 20);
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate !== '2020-03-01');
  const d = await currentDate(page);
  assert.ok(d >= '2020-02-14' && d <= '2020-02-16', `about a quarter through the series: ${d}`);
  // Hover Qianxinan's line at 19 Feb (the highest line that day).
  await page.keyboard.press('End');
  const plotH = 280 - 14 - 50;
  const at19 = box.x + 56 + (frameW - 1) * (9 / 20);
  const yFor = (rate) => box.y + 14 + (plotH - 1) * (1 - rate / 100);
  await page.mouse.move(at19, yFor(72.1));
  await page.waitForSelector('.hover-outline');
  assert.match(await page.locator('.tooltip').innerText(), /Qianxinan/);
  // The value is read beside the pointer, for the date under it (not the map's date, 1 Mar).
  assert.match(await page.locator('.chart-tip').innerText(), /^Qianxinan 19 Feb 2020: 72\.1\s%$/);
  const tip = await page.locator('.chart-tip').boundingBox();
  assert.ok(Math.abs(tip.y + tip.height / 2 - yFor(72.1)) < 60, 'by the pointer');
  await page.mouse.move(box.x + 2, box.y + box.height + 40);
  await page.locator('.chart-tip').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('compare mode in Chinese: the legend ticks do not overlap and every bar value is inside the chart', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19&compare=2020-02-12&lang=zh');
  await page.waitForSelector('.ranking-svg .bar-value');
  const ticks = await page.$$eval('.legend-diverging .legend-ramp text', (ts) => ts.map((t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent, left: r.left, right: r.right };
  }));
  assert.equal(ticks.length, 5);
  for (let i = 1; i < ticks.length; i++) {
    assert.ok(ticks[i].left >= ticks[i - 1].right, `“${ticks[i - 1].text}” and “${ticks[i].text}” overlap`);
  }
  const ramp = await page.$eval('.legend-diverging .legend-ramp', (s) => s.getBoundingClientRect().toJSON());
  assert.ok(ticks[0].left >= ramp.left && ticks.at(-1).right <= ramp.right, 'the end ticks are not cut off');
  const outside = await page.$eval('.ranking-svg', (svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('.bar-value, .tick-label')].filter((t) => {
      const r = t.getBoundingClientRect();
      return r.right > box.right + 0.5 || r.left < box.left - 0.5;
    }).map((t) => t.textContent);
  });
  assert.deepEqual(outside, [], 'values and ticks inside the ranking');
  assert.match(await page.locator('.ranking-chart h2').innerText(), /百分点/, 'the heading names the unit');
  assert.deepEqual(errors, []);
  await context.close();
  // Compared backwards, every change is a fall, written left of its bar: clear of the names.
  for (const [w, lang] of [[1280, 'en'], [390, 'zh']]) {
    const back = await ready(`?date=2020-02-10&compare=2020-03-01&lang=${lang}`, { viewport: { width: w, height: 900 } });
    await back.page.waitForSelector('.ranking-svg .bar-value');
    const clash = await back.page.$eval('.ranking-svg', (svg) => {
      const boxes = (sel) => [...svg.querySelectorAll(sel)].map((t) => [t.textContent, t.getBoundingClientRect()]);
      const names = boxes('.bar-label');
      return boxes('.bar-value').filter(([, v]) => names.some(([, n]) => v.left < n.right && n.left < v.right && v.top < n.bottom && n.top < v.bottom)).map(([t]) => t);
    });
    assert.deepEqual(clash, [], `${w} px ${lang}: no value over a name`);
    assert.deepEqual(back.errors, []);
    await back.context.close();
  }
});

test('compare mode colours by change, shows its legend and ranking, and restores from the URL', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19&compare=2020-02-12');
  assert.ok(await page.isVisible('.legend-diverging'));
  assert.equal(await page.getAttribute('.ranking-chart .chart-canvas', 'data-measure'), 'change');
  const changeFills = await fills(page);
  assert.match(await page.locator('.legend-diverging').innerText(), /change \(percentage points\)\n−\d+/, 'the caption names the unit, the ticks are numbers');
  const labels = await page.locator('.labels').textContent();
  assert.match(labels, /\+\d+\.\d/, 'labels show the change');
  assert.doesNotMatch(labels, /pp|百分点/, 'as a number: the legend names the unit');
  assert.match(await page.getAttribute('[data-region="520300"]', 'aria-label'), /^Zunyi 遵义市, change from 12 Feb 2020 to 19 Feb 2020: \+\d+\.\d\spp$/, 'a region says since when');
  await page.uncheck('.compare input');
  assert.equal(await page.locator('.legend-diverging').count(), 0);
  const rateFills = await fills(page);
  assert.notDeepEqual(changeFills, rateFills, 'the map is coloured differently in compare mode');
  assert.doesNotMatch(await settledSearch(page), /compare/);
  await page.check('.compare input');
  assert.match(await settledSearch(page), /compare=2020-02-10/);
  await page.selectOption('.compare-date', '5');
  assert.match(await settledSearch(page), /date=2020-02-19&compare=2020-02-15/);
  await page.goBack();
  await page.waitForFunction(() => location.search.includes('compare=2020-02-10'));
  assert.ok(await page.isVisible('.legend-diverging'));
  // The line chart marks the base date too, and says so (the charts follow a frame or so later).
  await page.waitForFunction(() => /10 Feb 2020, the base/.test(document.querySelector('.time-chart .chart-desc')?.innerText), null, { timeout: 3000 }).catch(() => {});
  const [base, now] = await page.$$eval('.time-chart .cursor-layer', (ls) => ls.map((l) => l.getBoundingClientRect().left));
  const cursor = await page.$eval('.time-chart .chart-canvas', (c) => Number(c.dataset.cursorX));
  assert.ok(base < now, `the base (10 Feb) left of the date (19 Feb): ${base} < ${now} (cursor at ${cursor})`);
  assert.match(await page.locator('.time-chart .chart-desc').innerText(), /dashed vertical line marks 10 Feb 2020, the base of the comparison/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'compare.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('each chart has a description and a data table reachable by keyboard', async () => {
  const { page, context } = await ready('?date=2020-02-19&region=520300');
  assert.match(await page.locator('.time-chart .chart-desc').innerText(), /Highlighted: Zunyi, 57.5\s% that day/);
  assert.match(await page.locator('.ranking-chart .chart-desc').innerText(), /highest Qianxinan \(72.1\s%\), lowest Anshun \(57.4\s%\)/);
  await page.focus('.time-chart summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.time-chart table', { state: 'visible' }); // built when opened
  assert.ok(await page.isVisible('.time-chart table'));
  assert.equal(await page.locator('.time-chart tbody tr').count(), 10, '9 regions and the province total');
  // Scrolled sideways to the last dates, every row still shows its region's name, left-aligned
  // under its heading.
  const after = await page.$eval('.time-chart .table-scroll', (box) => {
    box.scrollLeft = box.scrollWidth;
    const left = box.getBoundingClientRect().left;
    const th = [...box.querySelectorAll('th[scope=row], th.region-col')];
    return { scrolled: box.scrollLeft, off: th.filter((t) => Math.abs(t.getBoundingClientRect().left - left) > 1).map((t) => t.textContent), align: getComputedStyle(box.querySelector('th.region-col')).textAlign };
  });
  assert.ok(after.scrolled > 0, 'the table is wider than its box');
  assert.deepEqual(after.off, [], 'the names stay at the left edge');
  assert.equal(after.align, 'left');
  await context.close();
});

test('on a phone the charts stack under the map and fit the width', async () => {
  const { page, context } = await ready('', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const map = await page.locator('.map').boundingBox();
  const time = await page.locator('.time-chart').boundingBox();
  const rank = await page.locator('.ranking-chart').boundingBox();
  assert.ok(time.y > map.y + map.height && rank.y > time.y, 'stacked in order');
  const svgW = await page.$eval('.time-chart svg', (s) => s.getBoundingClientRect().width);
  assert.ok(svgW <= 360, `chart fits (${svgW})`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no horizontal scroll (${width})`);
  await context.close();
});
