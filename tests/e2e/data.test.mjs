// End-to-end: bringing your own data — the shipped datasets, files chosen or dropped, files at
// URLs, the validation report for every file of the bad-file catalogue, hostile strings, a county
// map and China's 375 prefectures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch, open, currentDate, expectDate, DIST, ARTIFACTS, settledSearch } from './browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BAD = path.resolve(HERE, '../bad-files');
const FIXTURES = path.resolve(HERE, '../fixtures');
const CATALOGUE = JSON.parse(fs.readFileSync(path.join(BAD, 'catalogue.json'), 'utf8'));
let browser, server;

before(async () => {
  browser = await launch();
  const file = (p, type) => (req, res) => res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' }).end(fs.readFileSync(p));
  server = await serve({
    root: DIST,
    mount: '/map/',
    extra: {
      '/fixtures/china.geojson': file(path.join(FIXTURES, 'china-prefectures.geojson'), 'application/geo+json'),
      // The same, trickled over 3 s: a download long enough for its progress to show (the live
      // page replaces the static one for it only after a second).
      '/fixtures/china-slow.geojson': (req, res) => {
        const body = fs.readFileSync(path.join(FIXTURES, 'china-prefectures.geojson'));
        res.writeHead(200, { 'content-type': 'application/geo+json', 'content-length': String(body.length) });
        const parts = 10;
        let k = 0;
        const timer = setInterval(() => {
          res.write(body.subarray(Math.floor((k * body.length) / parts), Math.floor(((k + 1) * body.length) / parts)));
          if (++k === parts) { clearInterval(timer); res.end(); }
        }, 300);
        res.on('close', () => clearInterval(timer));
      },
      '/fixtures/mine.csv': (req, res) => res.writeHead(200, { 'content-type': 'text/csv' })
        .end('date,name,rate\n2020-02-18,贵阳,55\n2020-02-19,贵阳市,61\n2020-02-19,黔东南州,>60\n2020-02-19,Zunyi,57.5\n'),
      '/fixtures/broken.csv': (req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(''),
      // 12 MiB, with its length announced: over the 10 MiB limit before a byte is read.
      '/fixtures/huge.csv': (req, res) => {
        const line = Buffer.from('2020-02-19,520100,61\n');
        const n = Math.ceil((12 * 1048576) / line.length);
        res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(n * line.length) });
        let k = 0;
        const pump = () => { while (k < n) { k++; if (!res.write(line)) return res.once('drain', pump); } res.end(); };
        res.on('error', () => {});
        pump();
      },
    },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(query = '', options = {}) {
  const o = await open(browser, server.url + query, { locale: 'en-GB', ...options });
  await o.page.waitForSelector('[data-region]', { timeout: 20000 });
  await o.page.waitForSelector('.data-panel');
  return o;
}

/** The report's issues as {severity, file, place, message}. */
function report(page) {
  return page.$$eval('.report .issue', (lis) => lis.map((li) => ({
    severity: [...li.classList].find((c) => ['error', 'warning', 'info'].includes(c)),
    file: li.querySelector('.issue-file')?.textContent ?? '',
    place: li.querySelector('.issue-place')?.textContent ?? '',
    message: li.querySelector('.issue-message')?.textContent ?? '',
  })));
}

test('every file of the bad-file catalogue gets its exact message; rejected files leave the data on screen', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19');
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  for (const entry of CATALOGUE) {
    const expected = entry.browser ?? entry;
    // Start each file from the shipped data (a new page generation: the panel is rebuilt).
    const generation = Number(await page.getAttribute('.page', 'data-generation'));
    await page.selectOption('.dataset-select', '2020');
    await page.waitForFunction((g) => Number(document.querySelector('.page').dataset.generation) > g, generation);
    if (process.env.DEBUG_E2E) console.log('loading', entry.file);
    await page.setInputFiles('.file-input', path.join(BAD, entry.file));
    await page.waitForSelector('.report .issue');
    await page.waitForFunction((f) => [...document.querySelectorAll('.report .issue-file')].some((e) => e.textContent === f), entry.file);
    const issues = await report(page);
    const hit = issues.find((i) => i.severity === expected.severity && i.file === entry.file && i.place === expected.place && i.message === expected.message);
    assert.ok(hit, `${entry.file}: expected ${expected.severity} “${expected.place}” “${expected.message}”, got ${JSON.stringify(issues, null, 1)}`);
    if (expected.severity === 'error') {
      assert.match(await page.locator('.report h3').innerText(), /previous data stay on screen/);
      assert.equal(await page.locator('[data-region]').count(), 9, `${entry.file}: the map is still there`);
    }
  }
  assert.deepEqual(dialogs, [], 'no markup from a file ever ran');
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile strings from a file are shown as text', async () => {
  const { page, context } = await ready();
  let dialog = false;
  page.on('dialog', (d) => { dialog = true; d.dismiss(); });
  const csv = 'date,code,name,rate\n2020-02-19,520100,<img src=x onerror=alert(1)>,61\n';
  await page.setInputFiles('.file-input', { name: '<b>evil</b>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('.report');
  await page.hover('[data-region="520100"]');
  const tip = await page.locator('.tooltip').innerText();
  assert.match(tip, /From the loaded file: <b>evil<\/b>\.csv/, 'file names appear verbatim');
  assert.equal(await page.locator('.tooltip b, .report b, img[src=x]').count(), 0, 'no element was made from file text');
  assert.equal(dialog, false);
  // A file of one region: the summary counts the map's nine and says eight have no data; the
  // file has no reported facts, so there is no heading over an empty list.
  assert.match(await page.locator('.map-summary').innerText(), /of 9 regions above .*; no data for 8/);
  assert.equal(await page.locator('.facts .fact-list').count(), 0);
  assert.doesNotMatch(await page.locator('.facts').innerText(), /What was reported/);
  await context.close();
});

test('the 2021 reported snapshot: selectable, lower bounds hatched, tooltips say “more than”', async () => {
  const { page, errors, context } = await ready();
  await page.selectOption('.dataset-select', '2021');
  await page.waitForFunction(() => document.querySelector('[data-current-date]')?.dataset.currentDate === '2021-02-20');
  assert.match(await settledSearch(page), /dataset=2021/);
  assert.equal(await page.locator('[data-illustrative]').count(), 0, 'reported figures carry no illustrative badge');
  assert.equal(await page.locator('[data-lower-bound]').count(), 6, 'six prefectures known only as a lower bound');
  // One date: no slider, play, speed or compare to offer, and no course over time to chart.
  assert.equal(await page.locator('.timeline .play, .timeline-options').count(), 0);
  assert.ok(!(await page.isVisible('input[type=range]')), 'no slider shown');
  assert.equal(await page.getAttribute('input[type=range]', 'aria-valuetext'), '2021-02-20', 'the stable hook holds');
  assert.equal(await page.getAttribute('.timeline.single-date', 'data-date'), '2021-02-20');
  assert.ok(!(await page.isVisible('.timeline.single-date')), 'no timeline row repeating the date shown above');
  assert.equal(await page.locator('.time-chart').count(), 0);
  assert.equal(await page.locator('.ranking-chart').count(), 1);
  assert.ok(await page.isVisible('.legend-bound'));
  await page.hover('[data-region="520500"]');
  assert.match(await page.locator('.tooltip').innerText(), /more than 60\s%/);
  // "More than 60 %" counts as above 60 %; the three known only as "more than 50 %" are not called
  // the lowest: they may lie anywhere above 50 %.
  assert.match(await page.locator('.map-summary').innerText(), /6 of 9 regions above 60\s%; highest reported figure Qianxinan \(94\.8\s%\); Anshun, Tongren and Zunyi reported only as more than 50\s%/);
  assert.match(await page.locator('.tooltip').innerText(), /Reported figure/);
  await page.hover('[data-region="522300"]');
  assert.match(await page.locator('.tooltip').innerText(), /94\.8\s%/);
  // The ranking's table gives the ranks the figures allow: a "more than" may stand anywhere above its bound.
  await page.click('.ranking-chart summary');
  await page.waitForSelector('.ranking-chart table');
  const ranks = Object.fromEntries(await page.$$eval('.ranking-chart tbody tr', (trs) => trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent])));
  assert.equal(ranks.Qianxinan, '1–7', JSON.stringify(ranks));
  assert.equal(ranks.Bijie, '1–9');
  assert.match(await page.locator('.readout-total').innerText(), /66\.5\s%/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dataset-2021.png'), fullPage: true });
  // The link reopens it.
  const again = await ready('?dataset=2021');
  await again.page.waitForFunction(() => document.querySelector('[data-current-date]')?.dataset.currentDate === '2021-02-20');
  await again.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the county map: 88 counties drawn and coloured, steps still fast', async () => {
  const { page, errors, context } = await ready('?dataset=counties&date=2020-02-19');
  await page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 88);
  const fills = await page.$$eval('[data-region]', (els) => els.map((e) => e.getAttribute('fill')));
  assert.ok(fills.every((f) => /^#[0-9a-f]{6}$/.test(f) && f !== '#d4d4d4'), 'every county has a value');
  assert.ok(await page.isVisible('[data-illustrative]'));
  assert.match(await page.locator('[data-illustrative]').innerText(), /The county values are not reported figures/, 'the badge names the level shown');
  await page.hover('[data-region="520102"]');
  assert.match(await page.locator('.tooltip').innerText(), /南明区\s+Nanming/, 'the county has its English name beside the Chinese');
  // English names are found by the search, and name the bars of the ranking.
  await page.fill('.region-search input', 'Sandu');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-region="522732"]', 'data-selected'), 'true', '三都水族自治县 is Sandu');
  // A beginning two counties share: both named, and the last search's card goes with its answer.
  await page.fill('.region-search input', 'Xing');
  await page.locator('.region-search input').press('Enter');
  assert.match(await page.locator('.search-message').innerText(), /^2 regions begin with “Xing”: Xingyi, Xingren\./);
  assert.equal(await page.locator('.tooltip').count(), 0, 'no card left from the search before');
  assert.equal(await page.locator('[data-selected="true"]').count(), 0, 'nor its selection');
  assert.equal(await page.getAttribute('.region-search input', 'placeholder'), 'e.g. 南明区 or Nanming', 'the example is a county');
  assert.match(await page.locator('.ranking-chart').innerText(), /Weng'an/);
  await page.click('h1');
  await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-18');
  await page.screenshot({ path: path.join(ARTIFACTS, 'counties.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('files at URLs: data and boundaries load, match by name, show progress, and stay in the link', async () => {
  const origin = server.url.replace(/\/map\/$/, '');
  // Over a throttled network, so that the wasm (825 kB uncompressed here) takes long enough to
  // arrive that "the data started before it had arrived" says something: on an idle loopback the
  // wasm can be complete within 50 ms, before the page's script has even run.
  const { page, errors, context } = await open(browser, 'about:blank', { locale: 'en-GB' });
  const throttle = await context.newCDPSession(page);
  await throttle.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: 1024 * 1024, uploadThroughput: 512 * 1024 });
  await page.goto(`${server.url}?data=${encodeURIComponent(`${origin}/fixtures/mine.csv`)}`);
  await page.waitForSelector('[data-region]', { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('[data-current-date]')?.dataset.currentDate === '2020-02-19');
  assert.equal(await page.getAttribute('[data-region="520100"]', 'data-region'), '520100');
  const issues = await report(page);
  assert.ok(issues.some((i) => i.message.startsWith('map regions without data: 520200 Liupanshui')), JSON.stringify(issues));
  assert.ok(issues.some((i) => i.message === '“贵阳市” and “贵阳” are the same region (520100); merged'), '贵阳 (18 Feb) and 贵阳市 (19 Feb) are one series');
  assert.equal(await page.locator('[data-lower-bound="522600"]').count(), 1, '黔东南州 “>60” is a lower bound on 黔东南苗族侗族自治州');
  await page.click('h1');
  await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-18');
  assert.match(await settledSearch(page), /data=http/, 'the data stay in the link');
  // Downloaded once, and started by index.html's preload hint, not after the wasm had loaded.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, by: e.initiatorType, start: e.startTime, end: e.responseEnd })));
  const mine = fetched.filter((e) => e.name.endsWith('/fixtures/mine.csv'));
  const wasm = fetched.find((e) => e.name.endsWith('.wasm'));
  assert.equal(mine.length, 1, JSON.stringify(fetched));
  assert.equal(mine[0].by, 'link', 'requested by the preload link');
  assert.ok(mine[0].start < wasm.end, `started (${mine[0].start} ms) before the wasm had arrived (${wasm.end} ms)`);
  assert.ok(wasm.end - wasm.start > 300, `the throttle held the wasm back (${wasm.end - wasm.start} ms), so the order above means something`);
  await context.close();

  // China's 375 prefectures, trickled over 3 s: while the static page stays, the loading bar says
  // the map is coming; after a second the live page shows the download's progress; then the map
  // draws and responds.
  const slow = await open(browser, server.url, { locale: 'en-GB' });
  await slow.page.goto(`${server.url}?geo=${encodeURIComponent(`${origin}/fixtures/china-slow.geojson`)}`);
  await slow.page.waitForSelector('.load-progress', { timeout: 20000 });
  assert.match(await slow.page.locator('.load-progress').innerText(), /china-slow\.geojson — \d+ kB \/ \d+ kB/);
  assert.equal(await slow.page.locator('#app > :not(#live)').count(), 0, 'in place of the static page');
  await slow.page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 375, null, { timeout: 60000 });
  const t0 = Date.now();
  await slow.page.click('h1');
  await slow.page.keyboard.press('ArrowLeft');
  await expectDate(slow.page, '2020-02-29');
  assert.ok(Date.now() - t0 < 2000, `a date step on 375 regions answers quickly (${Date.now() - t0} ms)`);
  const gz = await report(slow.page);
  assert.ok(gz.some((i) => /map regions without data: .*\(366 in all\)/.test(i.message)), JSON.stringify(gz.slice(0, 3)));
  await slow.page.screenshot({ path: path.join(ARTIFACTS, 'china.png') });
  await slow.context.close();

  // A broken file at a URL: the shipped data show, with the report.
  const broken = await ready(`?data=${encodeURIComponent(`${origin}/fixtures/broken.csv`)}`);
  assert.equal(await broken.page.locator('[data-region]').count(), 9);
  assert.ok((await report(broken.page)).some((i) => i.message === 'the file is empty'));
  // ... and says so at the top, not only in the data section far below.
  const alert = broken.page.locator('.link-failed[role=alert]');
  assert.match(await alert.innerText(), /could not be loaded[^]*broken\.csv — the file is empty/);
  assert.ok((await alert.boundingBox()).y < 100, 'above the title');
  await broken.context.close();
  // An embed has no data section: the same alert is its only word on it.
  const embedded = await open(browser, `${server.url}?embed=1&data=${encodeURIComponent(`${origin}/fixtures/nothere.csv`)}`, { locale: 'en-GB' });
  await embedded.page.waitForSelector('.link-failed', { timeout: 20000 });
  assert.equal(await embedded.page.locator('[data-region]').count(), 9);
  assert.match(await embedded.page.locator('.link-failed').innerText(), /could not be loaded[^]*nothere\.csv/);
  await embedded.context.close();
  // A file over the limit at a URL: stopped, and the message says why, not "network error".
  const huge = await open(browser, `${server.url}?lang=en&data=${encodeURIComponent(`${origin}/fixtures/huge.csv`)}`, { locale: 'en-GB' });
  await huge.page.waitForSelector('.link-failed', { timeout: 20000 });
  assert.match(await huge.page.locator('.link-failed').innerText(), /huge\.csv — the file is 12\.0 MB, more than the 10 MB limit; the download was stopped/);
  await huge.context.close();
  assert.deepEqual(errors, []);
});

test('a data URL the app refuses is not fetched by the preload hint either; the defaults are', async () => {
  const origin = server.url.replace(/\/map\/$/, '');
  const host = origin.replace(/^http:\/\//, '');
  const refused = [
    [`${origin}/fixtures/mi\nne.csv`, `${origin}/fixtures/mine.csv?${'x'.repeat(2000)}`], // a control character; over 2000 bytes
    [`http:${host}/fixtures/mine.csv`, `\ufeff${origin}/fixtures/mine.csv`], // a scheme without `//`; a byte-order mark first
  ];
  for (const [data, geo] of refused) {
    const { page, errors, context } = await ready(`?data=${encodeURIComponent(data)}&geo=${encodeURIComponent(geo)}&lang=en`);
    const notice = await page.locator('.notices').innerText();
    assert.match(notice, /data: .* ignored/);
    assert.match(notice, /geo: .* ignored/);
    assert.equal(await page.locator('[data-region]').count(), 9, 'the shipped map and data');
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, by: e.initiatorType })));
    assert.deepEqual(fetched.filter((e) => e.name.includes('/fixtures/')), [], `neither refused URL was requested (${JSON.stringify([data, geo]).slice(0, 120)})`);
    const defaults = fetched.filter((e) => /resumption-2020\.json|guizhou-prefectures\.bnd\.json/.test(e.name));
    assert.deepEqual(defaults.map((e) => e.by), ['link', 'link'], `the defaults came from the hints: ${JSON.stringify(fetched)}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  // A shipped dataset named in the link: its own files are the ones hinted, and nothing else.
  const counties = await ready('?dataset=counties&lang=en');
  await counties.page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 88);
  const got = await counties.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/static\/(data|geo)\//.test(e.name)).map((e) => [e.name.replace(/.*\/static\//, ''), e.initiatorType]));
  assert.deepEqual(got.sort(), [['data/resumption-2020-counties.json', 'link'], ['geo/guizhou-counties.bnd.json', 'link']]);
  await counties.context.close();
  // Accepted as the app accepts it: trimmed of white space (here a no-break space), then fetched once.
  const { page, context } = await ready(`?data=${encodeURIComponent(`\u00a0${origin}/fixtures/mine.csv `)}&lang=en`);
  await page.waitForFunction(() => document.querySelector('[data-current-date]')?.dataset.currentDate === '2020-02-19');
  const mine = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/fixtures/')).map((e) => [e.name, e.initiatorType]));
  assert.deepEqual(mine, [[`${origin}/fixtures/mine.csv`, 'link']], 'requested once, by the hint, and used by the app');
  await context.close();
});

test('a file that loads without a remark says so, with its name and what is now on screen', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19');
  await page.setInputFiles('.file-input', path.resolve(HERE, '../../static/data/resumption-2021.json'));
  await page.waitForFunction(() => document.querySelector('[data-current-date]')?.dataset.currentDate === '2021-02-20');
  assert.equal(await page.locator('.report h3').innerText(), 'Loaded');
  const issues = await report(page);
  assert.deepEqual(issues.map((i) => [i.severity, i.file, i.message]), [['info', 'resumption-2021.json', 'shown: 9 regions on the map, 1 date (2021-02-20)']]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dropping files onto the panel loads them', async () => {
  const { page, context } = await ready();
  const geo = fs.readFileSync(path.resolve(HERE, '../../static/geo/guizhou-counties.geojson'), 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'counties.geojson', { type: 'application/geo+json' }));
    const zone = document.querySelector('.drop-zone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, geo);
  await page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 88);
  const issues = await report(page);
  assert.ok(issues.some((i) => i.message.startsWith('regions in the data that the map lacks')), 'prefecture data on county boundaries: reported');
  // Dropped beside the zone, a file does not open in the tab in place of the page.
  const kept = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'stray.csv', { type: 'text/csv' }));
    const target = document.querySelector('h1');
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    target.dispatchEvent(over);
    target.dispatchEvent(drop);
    return [over.defaultPrevented, drop.defaultPrevented];
  });
  assert.deepEqual(kept, [true, true], 'the browser does not navigate to the file');
  await context.close();
});

test('back and forward across a change of dataset show the data their URL names', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19&lang=en');
  await page.selectOption('.dataset-select', 'counties');
  await page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 88, null, { timeout: 20000 });
  await expectDate(page, '2020-02-19', 'the counties share the date: it is kept');
  await page.click('h1');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => /dataset=counties/.test(location.search) && /date=/.test(location.search));
  await page.waitForTimeout(800); // the URL of the step is written when the date settles
  await page.goBack();
  await page.goBack();
  await page.waitForFunction(() => location.search === '?date=2020-02-19&lang=en' || location.search === '?date=2020-02-19');
  await page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 9, null, { timeout: 20000 });
  await expectDate(page, '2020-02-19');
  await page.goForward();
  await page.waitForFunction(() => document.querySelectorAll('[data-region]').length === 88, null, { timeout: 20000 });
  assert.deepEqual(errors.filter((e) => !/preload/.test(e)), []);
  await context.close();
});

test('back or forward while the page loads its data: the page shows the entry it lands on', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${server.url}?lang=en`);
  await page.waitForSelector('#live:not(.pending) [data-region]', { timeout: 20000 });
  // An entry of this page for 12 Feb, then back to the first one.
  await page.evaluate(() => { history.pushState(null, '', '?lang=en&date=2020-02-12'); history.back(); });
  await page.waitForFunction(() => location.search === '?lang=en');
  // Reloaded, with the dataset held back: forward happens while the app waits for its data, before
  // it listens for history changes.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/resumption-2020\.json$/, async (route) => { await held; await route.continue().catch(() => {}); });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.documentElement.getAttribute('data-booting') !== null);
  await page.evaluate(() => history.forward());
  await page.waitForFunction(() => location.search === '?lang=en&date=2020-02-12');
  release();
  await page.waitForSelector('#live:not(.pending) [data-region]', { timeout: 20000 });
  await expectDate(page, '2020-02-12', 'the entry forward names 12 Feb');
  await context.close();
});

test('back and forward among the dates of a loaded file keep the file on screen', async () => {
  const { page, errors, context } = await ready('?lang=en&date=2020-02-19');
  const csv = 'date,name,rate\n2020-02-18,贵阳,55\n2020-02-19,贵阳,61\n2020-02-20,贵阳,70\n';
  await page.setInputFiles('.file-input', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('.page[data-generation="1"]');
  // No link carries a file from the disk: the embed code says it shows the shipped data.
  await page.click('button.embed-toggle');
  assert.match(await page.locator('.embed-warning').innerText(), /embeds the shipped data, not your file/);
  await page.click('button.embed-toggle');
  await page.click('h1');
  await page.keyboard.press('Home');
  await expectDate(page, '2020-02-18');
  await page.waitForTimeout(800); // the step's URL is written when the date settles
  await page.keyboard.press('ArrowRight');
  await expectDate(page, '2020-02-19');
  await page.waitForTimeout(800);
  await page.goBack();
  await expectDate(page, '2020-02-18', 'Back restores the date');
  assert.equal(await page.getAttribute('.page', 'data-generation'), '1', 'in place: the file is still on screen');
  // Back past the file's first entry, to the shipped data's: the page shows those.
  await page.goBack();
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('.page')?.dataset.generation === '0', null, { timeout: 20000 });
  assert.equal(await page.locator('[data-region]').count(), 9);
  // A drop that fails on a page opened without a data link says nothing about a link.
  await page.setInputFiles('.file-input', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await page.waitForSelector('.report.has-errors');
  assert.equal(await page.locator('.link-failed').count(), 0, 'no false "the link could not be loaded"');
  assert.deepEqual(errors.filter((e) => !/preload/.test(e)), []);
  await context.close();
});
