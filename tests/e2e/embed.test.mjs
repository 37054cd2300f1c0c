// End-to-end: embedding in a host page, render flags, the no-JavaScript page, and every download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, open, DIST, ARTIFACTS } from './browser.mjs';

let browser, server;
const HOST = (src, extra = '') => `<!doctype html><html><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<style>body{font-family:serif;margin:0;padding:20px;background:rgb(250,240,230)} .col{width:var(--w,640px)}</style></head>
<body><div class="col"><p>Article text before.</p>
<iframe id="map" src="${src}" title="Guizhou map" width="100%" height="720" style="border:0;width:100%" sandbox="allow-scripts allow-same-origin" ${extra}></iframe>
<p>Article text after.</p></div>
<script>window.__heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'guizhou-map:height') window.__heights.push(e.data.height); });
window.__keysBefore = Object.keys(window);</script>
<script src="/app/embed.js"></script></body></html>`;

before(async () => {
  browser = await launch();
  server = await serve({
    root: DIST,
    mount: '/app/',
    extra: {
      '/host.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(HOST('/app/?embed=1&date=2020-02-19')),
      '/host-nosc.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(HOST('/app/?embed=1&date=2020-02-19').replace('<script src="/app/embed.js"></script>', '')),
      // A host that strips the script and keeps the height the Embed button wrote (?h=), in a ?w= px column.
      '/host-given.html': (req, res) => {
        const q = new URL(req.url, 'http://x').searchParams;
        const page = HOST(`/app/?embed=1&date=2020-02-19&lang=${q.get('lang')}`).replace('<script src="/app/embed.js"></script>', '')
          .replace('height="720"', `height="${Number(q.get('h'))}"`).replace('var(--w,640px)', `${Number(q.get('w'))}px`);
        res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      },
    },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const origin = () => server.url.replace(/\/app\/$/, '');

test('a host page embeds the map in a sandboxed iframe; the iframe sizes itself and leaks nothing', async () => {
  const { page, errors, context } = await open(browser, `${origin()}/host.html`);
  const frame = page.frameLocator('#map');
  await frame.locator('[data-region]').first().waitFor({ timeout: 20000 });
  assert.equal(await frame.locator('[data-region]').count(), 9, 'the map renders inside the sandbox');
  await page.waitForFunction(() => window.__heights.length > 0);
  await page.waitForFunction(() => Math.abs(document.getElementById('map').getBoundingClientRect().height - window.__heights.at(-1)) <= 1);
  const h1 = await page.$eval('#map', (f) => f.getBoundingClientRect().height);
  assert.ok(h1 > 300 && h1 !== 720, `resized to the content (${h1} px)`);
  // Once: the map asked the host as it started (hello), so its first layout was already the one
  // for a resized frame; the article below the map moves once, not twice.
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.__heights), [h1], 'one height posted during the load');
  // The app has no scrollbars of its own: its document is not taller than the iframe.
  const [scrollH, clientH] = await frame.locator('html').evaluate((html) => [html.scrollHeight, html.clientHeight]);
  assert.ok(scrollH <= clientH + 1, `document ${scrollH} px in an iframe of ${clientH} px`);
  // embed.js answered, so the map has its natural size (as wide as the column, not squeezed to fit).
  const [mapW, mapH] = await frame.locator('.map svg').evaluate((s) => [s.getBoundingClientRect().width, s.getBoundingClientRect().height]);
  assert.ok(mapH > 0.75 * mapW, `natural map height ${mapH} px for ${mapW} px`);
  // A narrow column makes the map shorter and the text longer: a new height is posted and applied.
  const posted = await page.evaluate(() => window.__heights.length);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.evaluate(() => document.querySelector('.col').style.setProperty('--w', '320px'));
  await page.waitForFunction((n) => window.__heights.length > n
    && Math.abs(document.getElementById('map').getBoundingClientRect().height - window.__heights.at(-1)) <= 1, posted);
  const h2 = await page.$eval('#map', (f) => f.getBoundingClientRect().height);
  // The map is shorter and the text longer (at 320 px the two can cancel out to the pixel, as they
  // do for this page): the iframe takes the new content's height, whatever it is.
  const mapH2 = await frame.locator('.map svg').evaluate((s) => s.getBoundingClientRect().height);
  assert.ok(mapH2 < mapH, `the map follows the width (${mapH} → ${mapH2} px)`);
  const content2 = await frame.locator('.page').evaluate((p) => Math.ceil(p.getBoundingClientRect().bottom + parseFloat(getComputedStyle(document.body).marginBottom || 0)));
  assert.ok(Math.abs(h2 - content2) <= 2, `the iframe (${h2} px, was ${h1}) is as tall as its content (${content2} px)`);
  const [scroll2, client2] = await frame.locator('html').evaluate((html) => [html.scrollHeight, html.clientHeight]);
  assert.ok(scroll2 <= client2 + 1, `still no scrolling inside (${scroll2} px in ${client2} px)`);
  // Nothing leaks into the host: its styles are untouched, one guard global at most.
  assert.equal(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor), 'rgb(250, 240, 230)');
  assert.equal(await page.$eval('body', (b) => getComputedStyle(b).fontFamily), 'serif');
  const added = await page.evaluate(() => Object.keys(window).filter((k) => !window.__keysBefore.includes(k) && k !== '__keysBefore' && k !== '__heights'));
  assert.deepEqual(added, ['__guizhouMapEmbed']);
  // Stepping the embedded map adds nothing to the host's history: Back leaves the article.
  const entries = await page.evaluate(() => history.length);
  for (let k = 0; k < 3; k++) await frame.locator('button.step-next').click();
  await frame.locator('[data-current-date="2020-02-22"]').waitFor({ state: 'attached' });
  await page.waitForTimeout(700); // the URL is written when the date settles
  assert.match(await frame.locator('html').evaluate(() => location.search), /date=2020-02-22/, 'the frame\'s URL follows');
  assert.equal(await page.evaluate(() => history.length), entries, 'no history entries for the host');
  for (let k = 0; k < 3; k++) await frame.locator('button.step-prev').click();
  await frame.locator('[data-current-date="2020-02-19"]').waitFor({ state: 'attached' });
  // Compact layout: title, map, legend, timeline, source line; no charts or long fact list.
  assert.ok(await frame.locator('h1').isVisible());
  assert.ok(await frame.locator('input[type=range]').isVisible());
  assert.ok(await frame.locator('.source-line').isVisible());
  // The embed has no method text: its badge does not point "below", its source line links to the
  // method on the full page, for the same view.
  assert.doesNotMatch(await frame.locator('[data-illustrative]').innerText(), /below|下方/);
  assert.equal(await frame.locator('.source-line a[href$="#about-the-data"]').getAttribute('href'), './?date=2020-02-19#about-the-data');
  assert.equal(await frame.locator('.source-line a[href^="http"]').count(), 3, 'each source links to where it was reported');
  assert.equal(await frame.locator('.charts').count(), 0);
  assert.equal(await frame.locator('.facts').count(), 0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-host.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
  // That link opens the full page at the method: the browser scrolls to it in the static page,
  // and the live page, whose charts stand above it, scrolls to it again.
  const full = await open(browser, `${server.url}?date=2020-02-19&lang=en#about-the-data`, { viewport: { width: 1280, height: 800 } });
  await full.page.waitForTimeout(300);
  // At the top of the window, or as high as the page's end lets it come.
  const { top, bottom } = await full.page.$eval('#about-the-data', (h) => ({
    top: Math.round(h.getBoundingClientRect().top),
    bottom: Math.round(document.documentElement.scrollHeight - scrollY - innerHeight),
  }));
  assert.ok(top >= 0 && (top < 40 || bottom <= 1), `"About the data" ${top} px down the window, ${bottom} px of page below it`);
  await full.context.close();
});

test('an embed from another origin below the article\'s fold takes its height before the reader scrolls to it', async () => {
  // A news site embeds from another host; the browser draws no frames for a cross-origin frame out
  // of view (so a resize observer never reports), and the iframe once kept its first height until
  // scrolled to, then grew under the reader's eyes.
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body style="margin:0">
<div style="height:3000px">Article</div>
<iframe id="map" src="${server.url}?embed=1" width="100%" height="720" style="border:0;width:375px" sandbox="allow-scripts allow-same-origin"></iframe>
<script src="${server.url}embed.js"></script></body></html>`;
  const host = await serve({ root: ARTIFACTS, mount: '/none/', extra: { '/article.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page) } });
  const { page: article, context } = await open(browser, host.url.replace(/\/none\/$/, '/article.html'), { viewport: { width: 800, height: 700 } });
  try {
    assert.notEqual(new URL(host.url).origin, new URL(server.url).origin, 'the map comes from another origin');
    const frame = article.frames().find((f) => f.url().startsWith(server.url));
    await frame.waitForSelector('#live:not(.pending) [data-region]', { state: 'attached', timeout: 20000 });
    // Out of view all along: the iframe takes the page's natural height (at 375 px, well over 720).
    await article.waitForFunction(() => document.getElementById('map').getBoundingClientRect().height > 760, null, { timeout: 5000 })
      .catch(() => {});
    const before = await article.$eval('#map', (f) => f.getBoundingClientRect());
    assert.ok(before.top > 700, `still below the fold (${before.top} px)`);
    const content = await frame.$eval('.page', (p) => Math.ceil(p.getBoundingClientRect().height));
    assert.ok(Math.abs(before.height - content) <= 2, `the iframe (${before.height} px) is as tall as its page (${content} px) before it is seen`);
    await article.$eval('#map', (f) => f.scrollIntoView());
    await article.waitForTimeout(600);
    assert.equal(await article.$eval('#map', (f) => f.getBoundingClientRect().height), before.height, 'and it does not grow once seen');
  } finally {
    await context.close();
    await host.close();
  }
});

test('a wide embed (900 px): the facts of a day show whole beside the map, and the iframe keeps one height', async () => {
  const { page, errors, context } = await open(browser, `${origin()}/host.html`, { viewport: { width: 960, height: 900 } });
  await page.evaluate(() => document.querySelector('.col').style.setProperty('--w', '900px'));
  const frame = page.frameLocator('#map');
  await frame.locator('[data-region]').first().waitFor({ timeout: 20000 });
  const settled = async () => {
    await page.waitForFunction(() => window.__heights.length > 0
      && Math.abs(document.getElementById('map').getBoundingClientRect().height - window.__heights.at(-1)) <= 1);
    await page.waitForTimeout(300);
    return Math.round(await page.$eval('#map', (f) => f.getBoundingClientRect().height));
  };
  assert.equal(await frame.locator('.side').evaluate((s) => getComputedStyle(s).display), 'flex', 'the side column beside the map');
  const heights = {};
  await frame.locator('input[type=range]').focus();
  for (const [key, date] of [['ArrowLeft', '2020-02-18'], ['ArrowLeft', '2020-02-17'], ['End', '2020-03-01'], ['Home', '2020-02-10']]) {
    await frame.locator('input[type=range]').press(key);
    await frame.locator(`[data-current-date="${date}"]`).waitFor({ state: 'attached' });
    heights[date] = await settled();
    if (date === '2020-02-18') {
      // Two facts, with their sources: more than three lines, and all of them in view.
      const [scroll, client] = await frame.locator('.event-caption').evaluate((c) => [c.scrollHeight, c.clientHeight]);
      assert.ok(scroll <= client + 1 && client > 100, `the caption shows its ${scroll} px whole (${client} px)`);
      assert.equal(await frame.locator('.event-caption a').count(), 2);
    }
  }
  assert.equal(new Set(Object.values(heights)).size, 1, `one iframe height at every date: ${JSON.stringify(heights)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a column narrower than 300 px (a sidebar): nothing runs past its edge, the date goes under the buttons', async () => {
  for (const [w, lang] of [[240, 'en'], [260, 'zh'], [280, 'zh']]) {
    const { page, errors, context } = await open(browser, `${server.url}?embed=1&lang=${lang}&date=2020-02-14`, { viewport: { width: w, height: 900 } });
    await page.waitForSelector('[data-region]', { timeout: 20000 });
    const m = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
      date: document.querySelector('.timeline-date').getBoundingClientRect().right,
      end: document.querySelector('.track-ends span:last-child').getBoundingClientRect().right,
    }));
    assert.ok(m.scroll <= m.client, `${w} px ${lang}: the page is ${m.scroll} px wide`);
    assert.ok(m.date <= w && m.end <= w, `${w} px ${lang}: the date ends at ${m.date}, the track's end label at ${m.end}`);
    assert.match(await page.locator('.timeline-date').innerText(), lang === 'en' ? /^14 Feb 2020$/ : /^2020年2月14日$/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a host page without the script: the whole map fits the fixed-height iframe, at every date and width', async () => {
  const { page, context, errors } = await open(browser, `${origin()}/host-nosc.html`);
  const frame = page.frameLocator('#map');
  await frame.locator('[data-region]').first().waitFor({ timeout: 20000 });
  assert.equal(await page.$eval('#map', (f) => f.getBoundingClientRect().height), 720);
  // Everything a reader needs is inside the 720 px, unscrolled: the document is no taller than
  // the iframe, and title, map, legend, slider, date and sources end above its bottom edge.
  const fits = async (what) => {
    await frame.locator('.map svg').evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const m = await frame.locator('html').evaluate((html) => {
      const bottom = (sel) => document.querySelector(sel)?.getBoundingClientRect().bottom ?? Infinity;
      return {
        scroll: html.scrollHeight, client: html.clientHeight,
        parts: Object.fromEntries(['h1', '.map svg', '.legend', 'input[type=range]', '.readout-total', '.source-line']
          .map((sel) => [sel, Math.round(bottom(sel))])),
        map: document.querySelector('.map svg').getAttribute('height'),
      };
    });
    assert.ok(m.scroll <= m.client + 1, `${what}: document ${m.scroll} px in ${m.client} px`);
    for (const [sel, b] of Object.entries(m.parts)) assert.ok(b <= m.client, `${what}: ${sel} ends at ${b} px, below ${m.client}`);
    return m;
  };
  // Opened on 19 Feb, a date with a reported fact (its caption shows).
  assert.ok(await frame.locator('.event-caption').isVisible(), 'the fact of 19 Feb is shown');
  const wide = await fits('640 px, 19 Feb');
  // 18 Feb has two facts, more than the caption's three lines: the rest scrolls inside it, and
  // the caption can be reached from the keyboard to scroll it.
  await frame.locator('input[type=range]').focus();
  await frame.locator('input[type=range]').press('ArrowLeft');
  await frame.locator('[data-current-date="2020-02-18"]').waitFor({ state: 'attached' });
  const cap = await frame.locator('.event-caption').evaluate((c) => [c.scrollHeight, c.clientHeight, getComputedStyle(c).overflowY, c.tabIndex]);
  assert.ok(cap[0] > cap[1] && cap[2] === 'auto' && cap[3] === 0, `the day's facts scroll inside the caption (${cap})`);
  // A shadow fixed to the box's bottom edge says there is more; covers that move with the text hide it at the end.
  const cue = await frame.locator('.event-caption').evaluate((c) => [getComputedStyle(c).backgroundImage, getComputedStyle(c).backgroundAttachment]);
  assert.ok((cue[0].match(/radial-gradient/g) || []).length === 2 && cue[1].startsWith('local, local, scroll, scroll'), `a scroll cue: ${cue}`);
  assert.equal(await frame.locator('.event-caption a').count(), 2, 'both sources are there to scroll to');
  await frame.locator('input[type=range]').press('ArrowRight');
  await frame.locator('[data-current-date="2020-02-19"]').waitFor({ state: 'attached' });
  // Other dates — no fact, a wider total ("100.0 %") — keep the page's height and the map's size.
  await frame.locator('input[type=range]').focus();
  for (const [key, date] of [['End', '2020-03-01'], ['Home', '2020-02-10']]) {
    await frame.locator('input[type=range]').press(key);
    await frame.locator(`[data-current-date="${date}"]`).waitFor({ state: 'attached' });
    const other = await fits(`640 px, ${date}`);
    assert.equal(other.map, wide.map, `a date step does not resize the map (${date})`);
  }
  // Compare mode's readout ("Change since 10 Feb 2020: +69.6 pp") is long: it wraps, and the
  // legend beside it keeps its ramp (it was crushed to 45 px).
  {
    const cmp = await open(browser, `${server.url}?embed=1&lang=en&date=2020-03-01&compare=2020-02-10`, { viewport: { width: 640, height: 720 } });
    await cmp.page.locator('.legend-diverging').waitFor();
    const legend = await cmp.page.locator('.legend').boundingBox();
    assert.ok(legend.width >= 220, `the compare legend is ${Math.round(legend.width)} px wide`);
    await cmp.context.close();
  }
  // A phone-width column cannot hold it all in 720 px with a readable map: the map keeps 220 px
  // and the frame scrolls, so nothing is out of reach.
  const wideWidth = Number(await frame.locator('.map svg').getAttribute('width'));
  await page.setViewportSize({ width: 360, height: 900 });
  await page.evaluate(() => document.querySelector('.col').style.setProperty('--w', '320px'));
  await frame.locator('.map svg').evaluate((s, w) => new Promise((r, j) => {
    const t0 = performance.now();
    const check = () => (Number(s.getAttribute('width')) < w ? r()
      : performance.now() - t0 > 5000 ? j(new Error('the map never narrowed')) : requestAnimationFrame(check));
    check();
  }), wideWidth);
  // And it settles: the map's size holds still over the next frames (no layout feedback loop).
  const sizes = await frame.locator('.map svg').evaluate((s) => new Promise((r) => {
    const seen = [];
    const tick = () => { seen.push(`${s.getAttribute('width')}x${s.getAttribute('height')}`); if (seen.length < 30) requestAnimationFrame(tick); else r(seen); };
    setTimeout(tick, 300);
  }));
  assert.equal(new Set(sizes).size, 1, `the map keeps one size: ${[...new Set(sizes)].join(', ')}`);
  const narrow = await frame.locator('html').evaluate((html) => {
    html.scrollTop = html.scrollHeight;
    return { top: html.scrollTop, max: html.scrollHeight - html.clientHeight, map: Number(document.querySelector('.map svg').getAttribute('height')),
      source: document.querySelector('.source-line').getBoundingClientRect().bottom, client: html.clientHeight };
  });
  assert.ok(narrow.map >= 220, `the map stays readable (${narrow.map} px)`);
  // The badge's short sentence there (two lines, not four), still saying the data are illustrative.
  assert.ok(await frame.locator('.badge .note-short').isVisible() && !(await frame.locator('.badge .note-long').isVisible()),
    'a phone-width embed has the short sentence');
  assert.match(await frame.locator('.badge').innerText(), /Illustrative data — .*not reported figures|示意数据.*并非报道数字/);
  assert.ok(narrow.max > 0 && narrow.top === narrow.max, `the frame scrolls (${narrow.top} of ${narrow.max} px)`);
  assert.ok(narrow.source <= narrow.client, 'scrolled to the end, the sources are in view');
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-fixed-height.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('render flags: dark, plain, static', async () => {
  const dark = await open(browser, `${server.url}?dark=1`);
  await dark.page.waitForSelector('[data-region]');
  assert.equal(await dark.page.$eval('html', (h) => h.classList.contains('theme-dark')), true);
  assert.equal(await dark.page.$eval('.page', (p) => getComputedStyle(p).backgroundColor), 'rgb(18, 20, 23)');
  await dark.context.close();
  const auto = await open(browser, `${server.url}?dark=auto`, { colorScheme: 'dark' });
  await auto.page.waitForSelector('[data-region]');
  assert.equal(await auto.page.$eval('html', (h) => h.classList.contains('theme-dark')), true, 'auto follows the OS');
  await auto.page.emulateMedia({ colorScheme: 'light' });
  await auto.page.waitForFunction(() => !document.documentElement.classList.contains('theme-dark'), null, { timeout: 3000 });
  assert.equal(await auto.page.$eval('.page', (p) => p.classList.contains('dark')), false, 'and its changes, live');
  await auto.context.close();
  const light = await open(browser, `${server.url}?dark=0`, { colorScheme: 'dark' });
  await light.page.waitForSelector('[data-region]');
  assert.equal(await light.page.$eval('html', (h) => h.classList.contains('theme-dark')), false, 'dark=0 wins over the OS');
  await light.context.close();
  const plain = await open(browser, `${server.url}?plain=1`);
  await plain.page.waitForSelector('[data-region]');
  assert.ok(!(await plain.page.isVisible('h1')), 'no title');
  assert.equal(await plain.page.locator('.facts').count(), 0, 'no sources section');
  assert.match(await plain.page.locator('.attribution').innerText(), /天地图/, 'the boundaries keep their credit');
  assert.ok(await plain.page.isVisible('[data-illustrative]'), 'the illustrative note stays');
  await plain.context.close();
  const stat = await open(browser, `${server.url}?static=1&date=2020-02-19`);
  await stat.page.waitForSelector('[data-region]');
  assert.equal(await stat.page.locator('input[type=range]').count(), 0, 'no controls');
  assert.equal(await stat.page.locator('.share').count(), 0);
  assert.equal(await stat.page.getAttribute('[data-current-date]', 'data-current-date'), '2020-02-19');
  await stat.page.keyboard.press('ArrowLeft');
  await stat.page.waitForTimeout(200);
  assert.equal(await stat.page.getAttribute('[data-current-date]', 'data-current-date'), '2020-02-19', 'keys do nothing');
  await stat.context.close();
});

test('without JavaScript the page shows the static map of the last date, the legend and the data table', async () => {
  const { page, context } = await open(browser, server.url, { javaScriptEnabled: false });
  assert.equal(await page.locator('[data-region]').count(), 9);
  const fills = await page.$$eval('[data-region]', (els) => els.map((e) => e.getAttribute('fill')));
  assert.ok(fills.every((f) => /^#[0-9a-f]{6}$/.test(f)), fills.join());
  assert.equal(await page.getAttribute('[data-current-date]', 'data-current-date'), '2020-03-01');
  assert.ok(await page.isVisible('.legend'));
  assert.equal(await page.locator('table.data-table tbody tr').count(), 10, '9 prefectures and the province total');
  assert.ok(await page.isVisible('[data-illustrative]'));
  assert.equal(await page.locator('.masthead-tools button:visible').count(), 0, 'no buttons that would do nothing');
  assert.equal(await page.locator('.timeline').count(), 1, 'the timeline that holds its room while the app loads…');
  assert.ok(!(await page.isVisible('.timeline')), '…is not there without JavaScript');
  assert.equal(await page.locator('.source-line').count(), 0, 'the sources once, under “About the data”');
  assert.ok(await page.isVisible('.facts .sources'));
  assert.match(await page.locator('noscript').first().innerText().catch(() => ''), /static|静态/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'nojs.png'), fullPage: true });
  await context.close();
});

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click(selector)]);
  const file = path.join(ARTIFACTS, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test('PNG, SVG and CSV downloads carry the view and the data', async () => {
  const { page, errors, context } = await open(browser, `${server.url}?date=2020-02-19&lang=en`, { acceptDownloads: true });
  await page.waitForSelector('.share');
  const png = await download(page, 'button.download-png');
  assert.match(path.basename(png), /guizhou-resumption-2020-02-19\.png/);
  const buf = fs.readFileSync(png);
  assert.equal(buf.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([buf.readUInt32BE(16), buf.readUInt32BE(20)], [2000, 1520], '2× pixel ratio');
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    let nonWhite = 0;
    for (let i = 0; i < d.length; i += 4 * 97) { seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`); if (d[i] + d[i + 1] + d[i + 2] < 740) nonWhite++; }
    return { distinct: seen.size, nonWhite };
  }, buf.toString('base64'));
  assert.ok(colours.distinct > 20 && colours.nonWhite > 2000, `not blank: ${JSON.stringify(colours)}`);

  const svgFile = await download(page, 'button.download-svg');
  const svg = fs.readFileSync(svgFile, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), regions: doc.querySelectorAll('[data-region]').length, text: doc.documentElement.textContent };
  }, svg);
  assert.equal(parsed.error, false, 'the SVG parses');
  assert.equal(parsed.regions, 9);
  assert.match(parsed.text, /19 Feb 2020/);
  assert.match(parsed.text, /Illustrative data/);
  assert.match(parsed.text, /Tianditu/);

  const csvFile = await download(page, 'button.download-csv');
  const csv = fs.readFileSync(csvFile, 'utf8');
  assert.ok(csv.startsWith('\ufeff'), 'UTF-8 with BOM');
  const rows = csv.trim().split('\r\n');
  assert.equal(rows.length, 1 + 21 * 10, 'every row, and the total for each date');
  assert.ok(rows.includes('2020-02-19,total,全省合计,Province total,62.34,exact,2564,4113,illustrative'));
  assert.ok(rows.some((r) => r.startsWith('2020-02-26,522700,黔南布依族苗族自治州,Qiannan,100.00,exact,')));
  assert.equal(path.basename(csvFile), 'guizhou-resumption-data.csv');
  assert.deepEqual(errors, []);
  await context.close();
  // The county map's files are named apart, lest they overwrite the prefectures' of the same date;
  // their English names are in the CSV.
  const counties = await open(browser, `${server.url}?dataset=counties&date=2020-02-19&lang=en`, { acceptDownloads: true });
  await counties.page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 88);
  const countyCsv = await download(counties.page, 'button.download-csv');
  assert.equal(path.basename(countyCsv), 'guizhou-resumption-county-data.csv');
  assert.ok(fs.readFileSync(countyCsv, 'utf8').includes(',522732,三都水族自治县,Sandu,'));
  assert.equal(path.basename(await download(counties.page, 'button.download-svg')), 'guizhou-resumption-county-2020-02-19.svg');
  assert.deepEqual(counties.errors, []);
  await counties.context.close();
});

test('where a site strips the script, the height the Embed button writes holds the whole embed, unscrolled, with a map of a good size', async () => {
  const { page, context } = await open(browser, `${server.url}?date=2020-02-19&lang=en`);
  await page.waitForSelector('.share');
  await page.click('button.embed-toggle');
  const height = Number((await page.inputValue('.embed-code')).match(/ height="(\d+)"/)[1]);
  await context.close();
  for (const lang of ['en', 'zh']) {
    for (const w of [320, 480, 640, 720]) {
      const host = await open(browser, `${origin()}/host-given.html?h=${height}&w=${w}&lang=${lang}`, { viewport: { width: w + 40, height: 1000 } });
      const frame = host.page.frameLocator('#map');
      await frame.locator('[data-region]').first().waitFor({ timeout: 20000 });
      await frame.locator('.map svg').evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
      const m = await frame.locator('html').evaluate((html) => ({
        scroll: html.scrollHeight, client: html.clientHeight,
        map: document.querySelector('.map svg').getBoundingClientRect().height,
        width: document.querySelector('.map svg').getBoundingClientRect().width,
      }));
      assert.ok(m.scroll <= m.client + 1, `${lang} ${w} px: the frame scrolls (${m.scroll} in ${m.client})`);
      // As tall as its width allows in a phone's column; in an article's, at least 400 px (266 px at the old 720).
      assert.ok(m.map >= Math.min(400, 0.7 * m.width), `${lang} ${w} px: a map ${Math.round(m.map)} px tall, ${Math.round(m.width)} wide`);
      await host.context.close();
    }
  }
});

test('the embed button shows the snippet for the current state, with a copy button', async () => {
  const { page, context } = await open(browser, `${server.url}?date=2020-02-19&region=520300&lang=en`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: origin() });
  await page.waitForSelector('.share');
  await page.click('button.embed-toggle');
  const code = await page.inputValue('.embed-code');
  // The language is fixed in the embed (the article's), even where the link leaves it to the browser.
  // Light, whatever the editor's system: a dark box in a light article only when the editor asks.
  assert.match(code, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/app\/\?date=2020-02-19&amp;region=520300&amp;lang=en&amp;embed=1&amp;dark=0"/);
  assert.match(code, /<script src="http:\/\/127\.0\.0\.1:\d+\/app\/embed\.js" async><\/script>/);
  assert.equal(await page.locator('.embed-warning').count(), 0, 'the shipped data: nothing to warn of');
  assert.match(code, /title="[^"]+ \(illustrative data\)"/, 'the iframe\'s title says what the values are');
  await page.click('button.copy-embed');
  await page.waitForFunction(() => document.querySelector('.share-status').textContent.length > 0);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await page.click('button.copy-link');
  await page.waitForFunction(() => document.querySelector('.share-status').textContent === 'Link copied');
  // The copied link fixes the language too: its receiver sees what its sender saw.
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /\/app\/\?date=2020-02-19&region=520300&lang=en$/);
  // Switched to dark (◐ goes system → dark → light), the snippet asks for dark.
  await page.click('button.dark-switch');
  await page.waitForFunction(() => /dark=1/.test(document.querySelector('.embed-code').value));
  assert.doesNotMatch(await page.inputValue('.embed-code'), /dark=0/);
  await context.close();
});

test('where the browser has a share sheet, Share… hands it the link to the current view; closing it is no error', async () => {
  const { page, errors, context } = await open(browser, 'about:blank');
  // Headless Chromium on Linux has no share sheet: this stands in for one, as a phone's would.
  await page.addInitScript(() => {
    window.__shared = [];
    window.__shareAnswer = 'ok';
    navigator.share = (data) => {
      window.__shared.push({ url: data.url, title: data.title });
      return window.__shareAnswer === 'ok' ? Promise.resolve()
        : Promise.reject(new DOMException(window.__shareAnswer === 'abort' ? 'Share canceled' : 'Permission denied', window.__shareAnswer === 'abort' ? 'AbortError' : 'NotAllowedError'));
    };
  });
  await page.goto(`${server.url}?date=2020-02-19&region=520300&lang=en`);
  await page.waitForSelector('.share');
  await page.click('button.native-share');
  await page.waitForFunction(() => window.__shared.length === 1);
  const [shared] = await page.evaluate(() => window.__shared);
  assert.match(shared.url, /\/app\/\?date=2020-02-19&region=520300&lang=(en|zh)$/, 'the link to this view, in its language');
  assert.match(shared.title, /Guizhou.* \(illustrative data\)$/, 'the shared title says the values are illustrative');
  await page.evaluate(() => { window.__shareAnswer = 'abort'; });
  await page.click('button.native-share');
  await page.waitForFunction(() => window.__shared.length === 2);
  await page.waitForTimeout(200);
  assert.equal(await page.locator('.share-status').textContent(), '', 'closing the sheet says nothing');
  await page.evaluate(() => { window.__shareAnswer = 'deny'; });
  await page.click('button.native-share');
  await page.waitForFunction(() => document.querySelector('.share-status').textContent.length > 0);
  assert.equal(await page.locator('.share-status').textContent(), 'Could not share: Permission denied');
  assert.deepEqual(errors, []);
  await context.close();
  // Without a share sheet there is no Share… button.
  const plain = await open(browser, `${server.url}?lang=en`);
  await plain.page.waitForSelector('.share');
  assert.equal(await plain.page.locator('button.native-share').count(), 0);
  await plain.context.close();
});

test('the animation export makes a WebM video of the window, with progress and cancel', async () => {
  const { page, errors, context } = await open(browser, `${server.url}?from=2020-02-20&to=2020-03-01&speed=4&lang=en`, { acceptDownloads: true });
  await page.waitForSelector('.share');
  // Cancel first: progress shows, cancel stops it, nothing is downloaded.
  await page.click('button.export-video');
  await page.waitForSelector('.video-progress progress');
  await page.click('button.video-cancel');
  await page.waitForFunction(() => !document.querySelector('.video-progress'));
  // Then the whole window: 10 dates at 4 a second ≈ 2.5 s.
  const file = await download(page, 'button.export-video');
  assert.match(path.basename(file), /guizhou-resumption-2020-02-20-2020-03-01\.webm/);
  const buf = fs.readFileSync(file);
  assert.ok(buf.length > 5000, `non-empty video (${buf.length} bytes)`);
  assert.equal(buf.readUInt32BE(0), 0x1a45dfa3, 'an EBML (WebM) file');
  const duration = await page.evaluate(async (b64) => {
    const v = document.createElement('video');
    v.src = `data:video/webm;base64,${b64}`;
    await new Promise((r) => { v.onloadedmetadata = r; });
    if (!isFinite(v.duration)) { // MediaRecorder files carry no duration: seek to the end to learn it
      v.currentTime = 1e6;
      await new Promise((r) => { v.ontimeupdate = r; });
    }
    return v.duration;
  }, buf.toString('base64'));
  assert.ok(duration > 1.8 && duration < 4.5, `about 2.5 s long (${duration})`);
  assert.deepEqual(errors, []);
  await context.close();
});
