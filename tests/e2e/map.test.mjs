// End-to-end: the built dist/ served on 127.0.0.1 (under a sub-path, as a news site would host
// it), driven in real headless Chromium as a reader would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, open, fills, currentDate, expectDate, DIST, ARTIFACTS } from './browser.mjs';

const SUBPATH = '/news/2020/guizhou-map/';
let browser, server;

before(async () => {
  browser = await launch();
  server = await serve({ root: DIST, mount: SUBPATH });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(url = server.url, options = {}) {
  const o = await open(browser, url, options);
  await o.page.waitForSelector('[data-region]', { timeout: 20000 });
  return o;
}

test('draws the 9 prefectures under a sub-path, with no console errors or warnings', async () => {
  const { page, errors, warnings, context } = await ready();
  const f = await fills(page);
  assert.deepEqual(Object.keys(f).sort(), ['520100', '520200', '520300', '520400', '520500', '520600', '522300', '522600', '522700']);
  for (const fill of Object.values(f)) assert.match(fill, /^#[0-9a-f]{6}$/);
  await expectDate(page, '2020-03-01');
  assert.equal(await page.getAttribute('input[type=range]', 'aria-valuetext'), '2020-03-01');
  assert.ok(await page.isVisible('[data-illustrative]'), 'illustrative badge visible');
  await page.screenshot({ path: path.join(ARTIFACTS, 'desktop.png'), fullPage: true });
  // The default files download alongside the wasm (index.html's preload hints), once each.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, by: e.initiatorType })));
  for (const file of ['static/data/resumption-2020.json', 'static/geo/guizhou-prefectures.bnd.json']) {
    const got = fetched.filter((e) => e.name.endsWith(`/${file}`));
    assert.equal(got.length, 1, `${file} fetched once: ${JSON.stringify(fetched)}`);
    assert.equal(got[0].by, 'link', `${file} by the preload hint, not by the app after the wasm had loaded`);
  }
  // The wasm too: its preload hint (Trunk's) is the one fetch. The hint carries no `integrity`, which Chromium
  // ignores on a fetch preload with a console warning (crbug.com/981419); see index.html.
  const wasm = fetched.filter((e) => e.name.endsWith('_bg.wasm'));
  assert.equal(wasm.length, 1, `the wasm fetched once: ${JSON.stringify(fetched)}`);
  await page.waitForTimeout(500);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  await context.close();
});

test('without lang= in the link, the page speaks the browser\'s language, and English to readers of neither', async () => {
  for (const [locale, lang] of [['zh-CN', 'zh-CN'], ['en-GB', 'en'], ['fr-FR', 'en'], ['ja-JP', 'en']]) {
    const { page, errors, context } = await ready(server.url, { locale });
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    assert.match(await page.locator('h1').innerText(), lang === 'en' ? /Guizhou/ : /贵州/, locale);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the slider and the arrow keys change the date and the fills', async () => {
  const { page, errors, context } = await ready();
  const atEnd = await fills(page);
  await page.focus('input[type=range]');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-20');
  assert.equal(await page.getAttribute('input[type=range]', 'aria-valuetext'), '2020-02-20');
  const mid = await fills(page);
  assert.notDeepEqual(mid, atEnd, 'colours change with the date');
  assert.ok(new Set(Object.values(mid)).size >= 3, 'prefectures differ on 20 Feb');
  // Keys work with focus anywhere on the page, not only on the slider.
  await page.click('h1');
  await page.keyboard.press('ArrowRight');
  await expectDate(page, '2020-02-21');
  // Dragging the slider: click near its start.
  await page.locator('input[type=range]').scrollIntoViewIfNeeded();
  const box = await page.locator('input[type=range]').boundingBox();
  await page.mouse.click(box.x + 3, box.y + box.height / 2);
  await expectDate(page, '2020-02-10');
  await page.click('button.step-next');
  await expectDate(page, '2020-02-11');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a date step or a hover changes fills only: no region element is rebuilt', async () => {
  const { page, errors, context } = await ready();
  await page.evaluate(() => { window.__regions = [...document.querySelectorAll('[data-region]')]; window.__slider = document.querySelector('input[type=range]'); });
  await page.click('h1');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await page.hover('[data-region="520300"]');
  await page.hover('[data-region="520100"]');
  await page.click('[data-region="522700"]');
  await page.mouse.move(2, 2);
  const kept = await page.evaluate(() => window.__regions.every((r) => r.isConnected) && window.__slider.isConnected);
  assert.ok(kept, 'the same path and slider elements are still in the page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('hovering a prefecture shows its tooltip', async () => {
  const { page, errors, context } = await ready();
  await page.hover('[data-region="520300"]');
  const tip = page.locator('.tooltip');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.innerText();
  assert.match(text, /遵义市/);
  assert.match(text, /Zunyi/);
  assert.match(text, /1 Mar 2020|2020年3月1日/);
  assert.match(text, /100\.0\s?%/);
  assert.match(text, /Illustrative|示意/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'tooltip.png') });
  // Onto the map's background (a corner of its box no region fills): the card goes.
  const svg = await page.locator('.map > svg').boundingBox();
  const corner = await page.evaluate(([x0, y0, w]) => {
    for (let x = x0 + w - 2; x > x0 + w / 2; x -= 4) {
      const el = document.elementFromPoint(x, y0 + 2);
      if (el && el.tagName === 'svg') return [x, y0 + 2];
    }
    return null;
  }, [svg.x, svg.y, svg.width]);
  assert.ok(corner, 'a point of the box of the map outside every region');
  await page.mouse.move(corner[0], corner[1], { steps: 4 });
  await tip.waitFor({ state: 'detached' });
  await page.hover('[data-region="520300"]');
  await tip.waitFor({ state: 'visible' });
  await page.mouse.move(2, 2);
  await tip.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('tapping a prefecture on a touch screen shows its tooltip', async () => {
  const { page, errors, context } = await ready(server.url, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await page.tap('[data-region="522600"]');
  const tip = page.locator('.tooltip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.innerText(), /黔东南苗族侗族自治州/);
  // On a phone-width map the card is a strip inside the map, in the half away from the finger
  // (the tap lands on the region's box centre): it covers neither the spot tapped nor the page.
  for (const code of ['522600', '520300', '522300', '520500', '520100', '522700']) {
    if (code !== '522600') await page.tap(`[data-region="${code}"]`);
    await page.locator(`.tooltip[data-tooltip-region="${code}"]`).waitFor();
    const [card, map, region] = await Promise.all(['.tooltip', '.map > svg', `[data-region="${code}"]`].map((q) => page.locator(q).boundingBox()));
    const [fx, fy] = [region.x + region.width / 2, region.y + region.height / 2];
    assert.ok(card.x >= map.x && card.x + card.width <= map.x + map.width + 0.5 && card.y >= map.y && card.y + card.height <= map.y + map.height + 0.5,
      `${code}: the card ${JSON.stringify(card)} inside the map ${JSON.stringify(map)}`);
    assert.ok(fy < card.y || fy > card.y + card.height || fx < card.x || fx > card.x + card.width, `${code}: the tapped spot (${fx}, ${fy}) is not under the card`);
  }
  await page.tap('[data-region="522600"]');
  await page.locator('.tooltip[data-tooltip-region="522600"]').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'phone.png'), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scrolling on a phone (scrollWidth ${width})`);
  // Nor on the narrowest phones (or at 400 % zoom of a 1280 px window), in either language.
  for (const lang of ['zh', 'en']) {
    const narrow = await ready(`${server.url}?lang=${lang}`, { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
    const w = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await narrow.page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 320.5).map((e) => e.className.baseVal ?? e.className).slice(0, 5));
    assert.ok(w <= 320, `${lang}: 320 px, scrollWidth ${w}: ${wide}`);
    await narrow.context.close();
  }
  // A finger that goes down on the map to scroll the page past it leaves no card behind.
  {
    const fresh = await ready(server.url, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const gy = await fresh.page.locator('[data-region="520100"]').boundingBox();
    const cdp = await fresh.context.newCDPSession(fresh.page);
    const [x, y] = [gy.x + gy.width / 2, gy.y + gy.height / 2];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let k = 1; k <= 10; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - 20 * k }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await fresh.page.waitForTimeout(300);
    assert.ok(await fresh.page.evaluate(() => window.scrollY) > 50, 'the page scrolled');
    assert.equal(await fresh.page.locator('.tooltip').count(), 0, 'no card left open by a scroll over the map');
    // A tap selects and opens the card; a second tap on the same region clears both.
    await fresh.page.evaluate(() => window.scrollTo(0, 0));
    await fresh.page.tap('[data-region="522600"]');
    await fresh.page.locator('.tooltip[data-tooltip-region="522600"]').waitFor();
    await fresh.page.tap('[data-region="522600"]');
    await fresh.page.locator('.tooltip').waitFor({ state: 'detached' });
    assert.equal(await fresh.page.locator('[data-selected]').count(), 0, 'the second tap cleared the selection');
    await fresh.context.close();
  }
  // A region low on the map: its card opens upwards, so it ends above the map's bottom edge (not
  // over the legend, not off the screen) and starts on the screen.
  await page.tap('[data-region="522300"]');
  await page.locator('.tooltip[data-tooltip-region="522300"]').waitFor();
  const [tipBox, mapBox] = await Promise.all([page.locator('.tooltip').boundingBox(), page.locator('.map > svg').boundingBox()]);
  assert.ok(tipBox.y >= 0 && tipBox.y + tipBox.height <= mapBox.y + mapBox.height + 1,
    `the card (${Math.round(tipBox.y)}–${Math.round(tipBox.y + tipBox.height)}) on screen and above the map's bottom (${Math.round(mapBox.y + mapBox.height)})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone and a laptop: zoom in a corner no region fills, titles unbroken inside dates, the timeline on the first screen', async () => {
  // An embed in a 720 px frame of a 360 px column, without embed.js (a 240 px map); the 2021 data,
  // whose values include "more than 50 %".
  for (const [w, h, lang, extra = ''] of [[390, 844, 'zh'], [360, 740, 'en'], [320, 640, 'zh'], [320, 640, 'en'], [1280, 800, 'zh'], [1280, 800, 'en'], [1366, 768, 'en'], [1280, 720, 'en'], [560, 900, 'en'], [360, 720, 'en', '&embed=1'], [390, 844, 'en', '&dataset=2021']]) {
    const { page, errors, context } = await ready(`${server.url}?lang=${lang}&date=2020-02-19${extra}`, { viewport: { width: w, height: h }, hasTouch: w < 600, isMobile: w < 600 });
    const at = `${w} × ${h} ${lang}${extra}`;
    // No region under any part of the zoom buttons (looked for with the buttons set aside).
    const covered = await page.evaluate(() => {
      const group = document.querySelector('.zoom-controls');
      const r = group.getBoundingClientRect();
      group.style.visibility = 'hidden';
      const hits = [];
      for (let x = r.left; x <= r.right; x += 4) for (let y = r.top; y <= r.bottom; y += 4) {
        const region = document.elementsFromPoint(x, y).find((e) => e.matches('[data-region]'));
        if (region) hits.push(region.dataset.region);
      }
      group.style.visibility = '';
      return [...new Set(hits)];
    });
    assert.deepEqual(covered, [], `${at}: the zoom buttons cover no region`);
    // No two map labels overlap, as drawn in the browser's own font; names keep their values
    // where there is room (a phone held upright), labels that would collide move within their regions, and only then do values go.
    const boxes = await page.$$eval('.labels text', (ts) => ts.map((t) => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; }));
    assert.equal(boxes.length, 9, at);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const apart = a[3] <= b[1] + 0.5 || b[3] <= a[1] + 0.5 || a[4] <= b[2] + 0.5 || b[4] <= a[2] + 0.5;
      assert.ok(apart, `${at}: labels "${a[0]}" and "${b[0]}" overlap`);
    }
    if (w >= 390 && !extra) assert.equal(await page.locator('.label-value').count(), 9, `${at}: values under the names`);
    if (extra.includes('embed')) {
      // A 240 px map: the labels that would collide move within their regions, and keep their
      // values (before, four of the nine lost theirs).
      const values = await page.locator('.label-value').count();
      assert.equal(values, 9, `${at}: every value kept on a 240 px map (${values})`);
    }
    // Each date in the title, the facts, their sources and the charts' descriptions is on one line.
    const splits = await page.$$eval('h1 .nowrap, .facts .nowrap, .event-caption .nowrap, .chart-desc .nowrap', (spans) => spans.map((s) => [s.textContent, s.getClientRects().length]));
    assert.ok(splits.length >= (extra ? 1 : 10), `${at}: the dates are marked (${splits.length})`);
    for (const [text, lines] of splits) assert.equal(lines, 1, `${at}: "${text}" on one line`);
    // A phone held upright and a desktop: the slider shows without scrolling.
    const slider = extra ? null : await page.locator('input[type=range]').boundingBox();
    if (slider && (w === 390 || w === 1280)) assert.ok(slider.y + slider.height <= h, `${at}: slider at ${Math.round(slider.y)} px, on the first screen`);
    // On a laptop the Play button too, under a title of two lines (English) as of one.
    if (w >= 1000) {
      const play = await page.locator('.timeline-buttons').boundingBox();
      assert.ok(play.y + play.height <= h, `${at}: the Play button ends at ${Math.round(play.y + play.height)} px, on the first screen`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
  // On a phone only "+" has room; once zoomed, "−" and reset join it, and leave with the zoom.
  const { page, context } = await ready(`${server.url}?lang=en`, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  assert.equal(await page.locator('.zoom-controls button').count(), 1);
  await page.tap('.zoom-in');
  await page.locator('.zoom-reset').waitFor();
  assert.equal(await page.locator('.zoom-controls button').count(), 3);
  await page.tap('.zoom-reset');
  await page.locator('.zoom-reset').waitFor({ state: 'detached' });
  await context.close();
});

test('on a touch screen every control is a 44 px target', async () => {
  for (const lang of ['en', 'zh']) {
    const { page, errors, context } = await ready(`${server.url}?lang=${lang}&date=2020-02-19`, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    // Buttons, fields, lists and disclosure summaries; the fact marks' target is their ::after (a test
    // in timeline.test.mjs), the checkboxes' their 44 px label, the file input's its label.
    const small = await page.evaluate(() => [...document.querySelectorAll('button, select, input, summary')]
      .filter((e) => e.getClientRects().length > 0 && !e.matches('.event-mark, input[type=checkbox], input[type=range], input[type=file]'))
      .map((e) => { const b = e.getBoundingClientRect(); return { what: `${e.tagName}.${e.className} ${(e.textContent || '').trim().slice(0, 20)}`, w: b.width, h: b.height }; })
      .filter((c) => c.h < 44 || (c.what.startsWith('BUTTON') && c.w < 44)));
    assert.deepEqual(small, [], `${lang}: controls under 44 px`);
    const labels = await page.$$eval('.timeline-options label', (ls) => ls.map((l) => l.getBoundingClientRect().height));
    assert.ok(labels.length > 0 && labels.every((h) => h >= 44), `${lang}: option labels ${labels}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('on a phone the date’s total and reported facts come right under the timeline, before its settings', async () => {
  for (const [width, height] of [[390, 844], [360, 740], [1280, 800]]) {
    const { page, errors, context } = await ready(`${server.url}?lang=en&date=2020-02-19`, { viewport: { width, height } });
    const box = (sel) => page.$eval(sel, (e) => { const r = e.getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY }; });
    const [track, total, facts, options] = [await box('.timeline-track'), await box('.readout-total'), await box('.event-caption'), await box('.timeline-options')];
    if (width < 900) {
      assert.ok(track.bottom < total.top && total.bottom <= facts.top && facts.bottom < options.top,
        `${width}: slider ${JSON.stringify(track)}, total ${JSON.stringify(total)}, facts ${JSON.stringify(facts)}, settings ${JSON.stringify(options)}`);
      // With the map on screen (scrolled to its top), the total and the day's first fact are too.
      await page.evaluate(() => window.scrollTo(0, document.querySelector('.map').getBoundingClientRect().top + scrollY - 8));
      const shown = await page.evaluate(() => [...document.querySelectorAll('.readout-total, .event-caption li')].slice(0, 2)
        .map((e) => e.getBoundingClientRect()).every((r) => r.top >= 0 && r.top + 20 <= innerHeight));
      assert.ok(shown, `${width}: the total and the fact show with the map`);
    } else {
      // Beside the side column the settings are the timeline's last row, as before.
      assert.ok(options.top - track.bottom < 24, `${width}: settings right under the slider (${track.bottom} → ${options.top})`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('play advances the dates and stops at the last one', async () => {
  const { page, errors, context } = await ready();
  await page.focus('input[type=range]');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-27');
  await page.click('button.play');
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate === '2020-02-28', null, { timeout: 3000 });
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate === '2020-03-01', null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector('button.play').getAttribute('aria-pressed') === 'false', null, { timeout: 2000 });
  await page.waitForTimeout(1300);
  await expectDate(page, '2020-03-01', 'stays on the last date');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken data file gives a message naming the file and the problem', async () => {
  const broken = await serve({ root: DIST, mount: SUBPATH, override: { 'static/data/resumption-2020.json': '{"format": "resumption-map/1",\n  "meta": ' } });
  const { page, context } = await open(browser, broken.url);
  const box = page.locator('.load-error');
  await box.waitFor({ timeout: 20000 });
  const text = await box.innerText();
  assert.match(text, /static\/data\/resumption-2020\.json/);
  assert.match(text, /line 2, column \d+: EOF while parsing/);
  await context.close();
  await broken.close();
});

test('a missing boundary file gives a message naming the file', async () => {
  const missing = await serve({ root: DIST, mount: SUBPATH, hide: new Set(['static/geo/guizhou-prefectures.bnd.json']) });
  const { page, context } = await open(browser, missing.url);
  const box = page.locator('.load-error');
  await box.waitFor({ timeout: 20000 });
  const text = await box.innerText();
  assert.match(text, /static\/geo\/guizhou-prefectures\.bnd\.json: the server answered HTTP 404/);
  assert.doesNotMatch(text, /resumption-2020/, 'only the missing file is named');
  await context.close();
  await missing.close();
});

test('printed, the page keeps the map, legend, facts, charts and sources and drops the controls', async () => {
  const { page, errors, context } = await ready(`${server.url}?date=2020-02-19&lang=en&region=520300`);
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.map svg', '.legend', '.event-caption', '.time-chart', '.facts', '.attribution']) {
    assert.ok(await page.locator(sel).first().isVisible(), `${sel} printed`);
  }
  for (const sel of ['.zoom-controls', '.share', '.data-panel', '.region-search', '.tooltip', '.timeline-buttons', '.present-toggle']) {
    assert.ok(!(await page.locator(sel).first().isVisible()), `${sel} not printed`);
  }
  // Source links print their address.
  const after = await page.$eval('.facts a[href^="http"]', (a) => getComputedStyle(a, '::after').content);
  assert.match(after, /http/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the live page replaces the static one in one step, its map at its own width, the charts after it', async () => {
  // At 4× CPU, where the app's first render runs long enough for Yew to yield to the browser.
  for (const query of ['?lang=en', '?lang=zh', '?dataset=2021', '?dataset=counties', '?embed=1']) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      // At each frame, the regions on screen: the static page's while the live one is pending.
      const r = (window.__load = { frames: [], redrawn: 0, widened: 0, live: new Set() });
      const tick = () => {
        const live = document.getElementById('live');
        const pending = !live || (live.classList.contains('pending') && !live.matches(':has(.map[data-drawn])'));
        const shown = [...document.querySelectorAll('[data-region]')].filter((e) => pending !== !!live?.contains(e));
        const state = `${pending ? 'static' : 'live'}:${shown.filter((e) => e.getAttribute('fill')).length}`;
        if (r.frames.at(-1) !== state) r.frames.push(state);
        // The live page's gradients and patterns are its own, not the hidden static page's (which
        // do not render: the legend's ramp was blank until the static page went).
        if (!pending) {
          for (const e of live?.querySelectorAll('[fill^="url(#"]') ?? []) {
            const target = document.getElementById(e.getAttribute('fill').slice(5, -1));
            if (!live.contains(target)) (r.foreign ??= new Set()).add(e.getAttribute('fill'));
          }
        }
        // Where the title and the map are: the static page's last, and the live page's first.
        const at = (sel) => { const b = document.querySelector(sel)?.getBoundingClientRect(); return b && [b.left, b.top, b.width, b.height].map(Math.round).join(','); };
        const place = pending ? `h1 ${at('#app > .page h1')} map ${at('#app > .page .map svg')}` : `h1 ${at('#live h1')} map ${at('#live .map svg')}`;
        if (pending) r.staticPlace = place;
        else r.livePlace ??= place;
        if (pending || r.frames.length < 3) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      new MutationObserver((ms) => {
        // One call per task at most, so no frame is painted between its records: changes made in
        // the task that showed the live page were never seen otherwise.
        const wasShown = r.shown;
        for (const m of ms) {
          // The record that shows the live page (its map drawn, or the static page removed).
          const showing = m.type === 'attributes' && ((m.attributeName === 'data-drawn' && m.target.matches('#live .map'))
            || (m.target.id === 'live' && /\bpending\b/.test(m.oldValue || '')));
          if (showing && !r.shown) {
            r.shown = true;
            r.chartsAtReveal = !!document.querySelector('#live .time-chart .chart-layer svg');
          }
          // Seen redrawn: changed once shown; at another width, or (on a window too short for the
          // whole map) at the measured height in place of a guessed one.
          if (m.type === 'attributes' && wasShown && m.attributeName === 'd' && m.target.matches('#live [data-region]')) r.redrawn++;
          if (m.type === 'attributes' && wasShown && m.attributeName === 'width' && m.target.matches('#live .map > svg')) r.widened++;
          for (const n of m.addedNodes) {
            if (n.nodeType === 1 && n.closest('#live')) for (const e of [n, ...n.querySelectorAll('[data-region]')]) if (e.matches('[data-region]')) r.live.add(e);
          }
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['d', 'class', 'data-drawn', 'width'] });
    });
    await page.goto(server.url + query);
    await page.waitForSelector('#live:not(.pending) [data-region]', { timeout: 30000 });
    await page.waitForTimeout(500);
    const { frames, redrawn, widened, added, regions, chartsAtReveal, staticPlace, livePlace, foreign } = await page.evaluate(() => ({
      frames: window.__load.frames, redrawn: window.__load.redrawn, widened: window.__load.widened, added: window.__load.live.size,
      regions: document.querySelectorAll('#live [data-region]').length, chartsAtReveal: window.__load.chartsAtReveal,
      staticPlace: window.__load.staticPlace, livePlace: window.__load.livePlace, foreign: [...(window.__load.foreign ?? [])],
    }));
    assert.deepEqual(foreign, [], `${query}: fills refer to the live page's own paint servers`);
    // The default view in either language: the static page is laid out as the live one (the
    // loading bar over the window's foot, the buttons' room kept, the map at the column's width
    // and at the height the live map takes: for the English page 1200 × 900 is too short for the
    // whole map), so that the title and the map stay in place when one replaces the other.
    if (query.startsWith('?lang=')) assert.equal(livePlace, staticPlace, `${query}: title and map (left, top, width, height) stay in place`);
    const n = query.includes('counties') ? 88 : 9;
    assert.equal(regions, n, query);
    // Every frame from the first whole map on (the parser may show part of the static one) shows a
    // whole map: the static one, then the live one.
    const from = frames.indexOf('static:9');
    assert.deepEqual(frames.slice(from), ['static:9', `live:${n}`], `${query}: ${frames.join(' → ')}`);
    assert.equal(added, n, `${query}: each live region is made once`);
    assert.equal(widened, 0, `${query}: shown at its own width from the first frame`);
    // Drawn only once its room is measured: never redrawn, even where the window limits its
    // height (the English page at 1200 × 900, whose height was once corrected a few frames late).
    assert.equal(redrawn, 0, `${query}: ${redrawn} paths seen redrawn`);
    // The charts' drawings come after the map is shown, not before it (they wait a frame).
    assert.equal(chartsAtReveal, false, `${query}: the charts are drawn after the live page is shown`);
    // The hand-over's `:has()` rules (a cost at every later change of the page) are gone.
    const handover = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => /data-drawn/.test(r.selectorText || '')).length);
    assert.equal(handover, 0, `${query}: the hand-over's rules are removed`);
    await context.close();
  }
});

test('on laptops and phones the static page holds the live page’s layout: the map’s height and what is under it', async () => {
  // Windows too short for the whole map (the live map takes the room left by the title above it and
  // the timeline under it), and phones, where the timeline stands between the map and the readout.
  for (const [width, height, locale] of [[1280, 800, 'zh-CN'], [1280, 800, 'en-GB'], [1366, 768, 'en-GB'], [360, 740, 'en-GB'], [390, 844, 'zh-CN']]) {
    const label = `${width} × ${height}, ${locale}`;
    const context = await browser.newContext({ viewport: { width, height }, locale });
    const page = await context.newPage();
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route(/\.wasm$/, async (route) => { await held; await route.continue().catch(() => {}); });
    await page.goto(server.url);
    // Where things are: the map (top, height) and, under it, the readout's date and the legend.
    const places = (scope) => page.evaluate((scope) => Object.fromEntries(['.map svg', '.readout-date', '.legend'].map((sel) => {
      const b = document.querySelector(`${scope} ${sel}`).getBoundingClientRect();
      return [sel, [Math.round(b.top), Math.round(b.height)].join(',')];
    })), scope);
    await page.waitForFunction(() => document.querySelector('#app > .page.static .map svg')?.style.maxHeight);
    const before = await places('#app > .page.static');
    // The static timeline is shown where the live one will be, dimmed, and does nothing.
    const timeline = await page.$eval('#app > .page.static .timeline', (t) => ({ inert: t.inert, opacity: getComputedStyle(t).opacity, shown: t.getBoundingClientRect().height > 0 }));
    assert.deepEqual(timeline, { inert: true, opacity: '0.45', shown: true }, label);
    release();
    await page.waitForSelector('#live:not(.pending) [data-region]', { timeout: 20000 });
    assert.deepEqual(await places('#live'), before, `${label}: nothing moves at the swap`);
    await context.close();
  }
});

test('while the app loads, the static page says so, and is dimmed when the link asks for another view', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.route(/\.wasm$/, () => {}); // the wasm never arrives: the static page is all there is
  await page.goto(`${server.url}?lang=en&date=2020-02-19`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.page [data-region]');
  assert.equal(await page.getAttribute('html', 'data-booting'), 'other');
  assert.match(await page.$eval('#app', (e) => getComputedStyle(e, '::before').content), /Loading the interactive map/);
  assert.equal(await page.$eval('#app > .page', (e) => getComputedStyle(e).opacity), '0.3', 'not read as 19 Feb');
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.page [data-region]');
  assert.equal(await page.$eval('#app > .page', (e) => getComputedStyle(e).opacity), '1', 'the default view is what it shows');
  // A wasm (or script) that fails to download: the static page says at once that it stands alone,
  // not "loading" for 30 s.
  for (const failing of [/\.wasm$/, /guizhou-map-[0-9a-f]+\.js$/]) {
    await page.unroute(/\.wasm$/);
    await page.route(failing, (r) => r.abort());
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.booting === 'failed', null, { timeout: 3000 });
    assert.match(await page.$eval('#app', (e) => getComputedStyle(e, '::before').content), /did not load; this is the static version/);
    assert.ok(!(await page.isVisible('#app > .page .timeline')), 'and has no timeline that would do nothing');
    await page.unroute(failing);
  }
  await context.close();
  // In a dark system's colours, as the app will show them (unless the link says dark=0).
  const night = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme: 'dark' });
  const dim = await night.newPage();
  await dim.route(/\.wasm$/, () => {});
  const bars = { 'rgb(18, 20, 23)': 'rgb(22, 50, 79)', 'rgba(0, 0, 0, 0)': 'rgb(232, 241, 251)' };
  for (const [query, background] of [['', 'rgb(18, 20, 23)'], ['?dark=0', 'rgba(0, 0, 0, 0)'], ['?dark=1', 'rgb(18, 20, 23)']]) {
    await dim.goto(server.url + query, { waitUntil: 'domcontentloaded' });
    await dim.waitForSelector('.page [data-region]');
    assert.equal(await dim.$eval('#app > .page', (e) => getComputedStyle(e).backgroundColor), background, `static page, ${query || 'no dark='}`);
    assert.equal(await dim.$eval('#app', (e) => getComputedStyle(e, '::before').backgroundColor), bars[background], `its loading bar, ${query || 'no dark='}`);
  }
  await night.close();
  // The live page replaces the static one, and the bar goes, once its map is drawn.
  const { page: live, context: c2 } = await open(browser, `${server.url}?lang=en&date=2020-02-19`);
  await live.waitForSelector('#live:not(.pending) [data-region]', { timeout: 20000 });
  assert.equal(await live.getAttribute('html', 'data-booting'), null);
  assert.deepEqual(await live.$$eval('#app > *', (es) => es.map((e) => e.id)), ['live'], 'the static page is gone');
  assert.equal(await live.$eval('#live > .page', (e) => getComputedStyle(e).opacity), '1');
  assert.equal(await live.$eval('#live', (e) => getComputedStyle(e).visibility), 'visible');
  assert.equal(await live.locator('#live [data-region]').count(), 9);
  await c2.close();
});

test('the static page speaks the language the app will speak, with the same map, and dims only for another view', async () => {
  let zhPaths = null;
  const cases = [['zh-CN', ''], ['en-GB', ''], ['fr-FR', ''], ['zh-CN', '?lang=en'], ['en-US', '?lang=zh'], ['en-US', '?lang=EN_gb&utm_source=news&dark=1']];
  for (const [locale, query] of cases) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route(/\.wasm$/, () => {}); // the static page alone
    await page.goto(server.url + query, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#app > .page [data-region]');
    const seen = await page.evaluate(() => ({
      lang: document.documentElement.lang, h1: document.querySelector('#app > .page h1').textContent,
      paths: [...document.querySelectorAll('#app > .page .map [d]')].map((e) => e.getAttribute('d')),
      refs: document.querySelectorAll('#app > .page [data-d]').length, pages: document.querySelectorAll('#app > .page').length,
      visibility: getComputedStyle(document.querySelector('#app > .page')).visibility,
      opacity: getComputedStyle(document.querySelector('#app > .page')).opacity,
    }));
    const label = `${locale} ${query || '(no query)'}`;
    zhPaths ??= seen.paths;
    // The English page borrows the Chinese page's path data (src/bin/prerender.rs): all of it.
    assert.equal(seen.paths.length, 10, `${label}: 9 regions and the outline`);
    assert.ok(seen.paths.every((d) => d && d.length > 64), `${label}: every path has its data`);
    assert.deepEqual(seen.paths, zhPaths, `${label}: the same map as the Chinese page`);
    assert.equal(seen.refs, 0, `${label}: no path reference left`);
    assert.equal(seen.pages, 1, label);
    assert.equal(seen.visibility, 'visible', label);
    assert.equal(seen.opacity, '1', `${label}: lang=, dark= and a tracking tag ask for no other view`);
    // The live page, once the wasm arrives, speaks the same language and has the same title.
    await page.unroute(/\.wasm$/);
    await page.goto(server.url + query);
    await page.waitForSelector('#live:not(.pending) [data-region]', { timeout: 20000 });
    const live = await page.evaluate(() => ({
      lang: document.documentElement.lang, h1: document.querySelector('#live h1').textContent, left: document.querySelectorAll('template').length,
    }));
    assert.equal(seen.lang.slice(0, 2), live.lang.slice(0, 2), `${label}: static ${seen.lang}, live ${live.lang}`);
    assert.equal(seen.h1, live.h1, label);
    assert.equal(live.left, 0, `${label}: the English page's template goes with the static page`);
    assert.deepEqual(errors, [], label);
    await context.close();
  }
});

test('on a phone the static page\'s labels are the live page\'s: the same text, size and place', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const labels = (scope) => page.$$eval(`${scope} .labels text`, (ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).map((t) => {
      const b = t.getBoundingClientRect();
      return { text: [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' '), x: b.x + b.width / 2, y: b.y + b.height / 2, h: b.height };
    }));
    await page.route(/\.wasm$/, () => {});
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#app > .page [data-region]');
    const before = await labels('#app > .page');
    await page.unroute(/\.wasm$/);
    await page.goto(server.url);
    await page.waitForSelector('#live:not(.pending) [data-region]', { timeout: 20000 });
    const after = await labels('#live');
    assert.equal(before.length, 9, `${locale}: one set of labels shows on the static page`);
    assert.deepEqual(before.map((l) => l.text), after.map((l) => l.text), `${locale}: the same names and values`);
    before.forEach((l, k) => {
      const m = after[k];
      const near = Math.abs(l.x - m.x) <= 2 && Math.abs(l.y - m.y) <= 2 && Math.abs(l.h - m.h) <= 1.5;
      assert.ok(near, `${locale}: ${l.text} at ${JSON.stringify(l)} on the static page, ${JSON.stringify(m)} live`);
    });
    await context.close();
  }
});

test('a region selected by the link shows its card by the region; dark borders are light', async () => {
  const { page, errors, context } = await ready(`${server.url}?lang=en&date=2020-02-19&region=520300`);
  const tip = await page.locator('.tooltip').boundingBox();
  const zunyi = await page.locator('[data-region="520300"]').boundingBox();
  const near = tip.x < zunyi.x + zunyi.width + 40 && tip.x + tip.width > zunyi.x - 40
    && tip.y < zunyi.y + zunyi.height + 40 && tip.y + tip.height > zunyi.y - 40;
  assert.ok(near, `the card ${JSON.stringify(tip)} is by Zunyi ${JSON.stringify(zunyi)}, not in a corner`);
  assert.equal(await page.$eval('.tooltip', (t) => getComputedStyle(t).backgroundColor), 'rgb(255, 255, 255)', 'opaque');
  await context.close();
  const dark = await ready(`${server.url}?dark=1`);
  const stroke = await dark.page.$eval('[data-region]', (r) => getComputedStyle(r).stroke);
  assert.match(stroke, /rgba\(236, 239, 241, 0\.6\)/, `light borders between dark regions (${stroke})`);
  assert.deepEqual([...errors, ...dark.errors], []);
  await dark.context.close();
});
