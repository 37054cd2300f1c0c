// End-to-end: the timeline for presenters and sharing (keys, URL state, events, presenter mode,
// reduced motion), in real headless Chromium, read through the stable hooks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, open, currentDate, expectDate, DIST, ARTIFACTS, settledSearch } from './browser.mjs';

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root: DIST, mount: '/embed/map/' });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(query = '', options = {}) {
  const o = await open(browser, server.url + query, { locale: 'en-GB', ...options });
  await o.page.waitForSelector('[data-region]', { timeout: 20000 });
  return o;
}

const search = settledSearch;

test('every timeline key moves the date as specified, with focus anywhere', async () => {
  const { page, errors, context } = await ready();
  await page.click('h1');
  const expect = [
    ['Home', '2020-02-10'], ['End', '2020-03-01'], ['PageUp', '2020-02-29'], ['PageUp', '2020-02-28'],
    ['PageDown', '2020-02-29'], ['ArrowLeft', '2020-02-28'], ['ArrowRight', '2020-02-29'],
    ['BracketLeft', '2020-02-26'], ['BracketLeft', '2020-02-20'], ['BracketLeft', '2020-02-19'], ['BracketRight', '2020-02-20'],
    ['Home', '2020-02-10'], ['BracketLeft', '2020-02-10'], ['BracketRight', '2020-02-18'],
  ];
  for (const [key, date] of expect) {
    await page.keyboard.press(key);
    await expectDate(page, date, `after ${key}`);
    assert.equal(await page.getAttribute('input[type=range]', 'aria-valuetext'), date);
  }
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'true', 'Space plays');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'false', 'Space pauses');
  // PageDown must not scroll the page: the clicker's key is ours.
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  // Keys typed into the date field are not timeline keys.
  await page.focus('input[type=date]');
  await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-18');
  assert.deepEqual(errors, []);
  await context.close();
});

test('scrolled down to the text below the figure, the page keys scroll the page and leave the date alone', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19', { viewport: { width: 1280, height: 800 } });
  // A reader reading on under the charts: the map and the charts are just above the window.
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.charts').getBoundingClientRect().bottom + window.scrollY + 10));
  await page.click('.facts h2', { position: { x: 5, y: 5 } });
  const y0 = await page.evaluate(() => window.scrollY);
  const charts = await page.evaluate(() => document.querySelector('.charts').getBoundingClientRect().bottom);
  assert.ok(charts < 0, `the charts are above the window (${charts})`);
  await page.keyboard.press('PageDown');
  await page.waitForFunction((y) => window.scrollY > y, y0);
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  await page.waitForFunction(() => Math.ceil(window.scrollY + innerHeight) >= document.documentElement.scrollHeight);
  // Chromium drops a scroll key pressed in the last frames of the previous key's smooth scroll.
  await page.waitForTimeout(400);
  await expectDate(page, '2020-02-19', 'the keys scrolled the page, not the dates');
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'false', 'Space did not play');
  assert.match(page.url(), /date=2020-02-19/);
  // Back at the top, with the map in view, the same keys are the timeline's again.
  await page.keyboard.press('Home');
  await page.waitForFunction(() => window.scrollY === 0);
  await expectDate(page, '2020-02-19');
  await page.keyboard.press('PageDown');
  await expectDate(page, '2020-02-20', 'PageDown steps with the map in view');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a URL with date and region opens in that state; changes update the URL; back restores', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19&region=520300');
  await expectDate(page, '2020-02-19');
  assert.equal(await page.getAttribute('[data-region="520300"]', 'data-selected'), 'true');
  assert.equal(await page.locator('[data-selected]').count(), 1);
  assert.match(await page.locator('.tooltip').innerText(), /Zunyi/);
  await page.click('h1');
  await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-18');
  assert.equal(await search(page), '?date=2020-02-18&region=520300');
  await page.click('[data-region="520100"]');
  assert.equal(await search(page), '?date=2020-02-18&region=520100');
  await page.goBack();
  await page.waitForFunction(() => location.search === '?date=2020-02-18&region=520300');
  assert.equal(await page.getAttribute('[data-region="520300"]', 'data-selected'), 'true');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate === '2020-02-19');
  assert.deepEqual(errors, []);
  await context.close();
});

test('back to an entry written in another form keeps the forward history', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19&utm_source=news');
  await page.click('h1');
  await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-18');
  assert.equal(await settledSearch(page), '?date=2020-02-18');
  const length = await page.evaluate(() => history.length);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate === '2020-02-19');
  // The restored state's URL (without the unknown parameter) replaces that entry, not pushes one.
  assert.equal(await settledSearch(page), '?date=2020-02-19');
  assert.equal(await page.evaluate(() => history.length), length);
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate === '2020-02-18');
  assert.deepEqual(errors, []);
  await context.close();
});

test('unknown and malformed parameters get a visible notice and break nothing', async () => {
  const { page, errors, context } = await ready('?date=2020-02-30&foo=bar&region=999999&speed=fast&lang=en');
  const notice = await page.locator('.notices').innerText();
  assert.match(notice, /foo: unknown parameter, ignored/);
  assert.match(notice, /date: “2020-02-30” is not a date YYYY-MM-DD, ignored/);
  assert.match(notice, /speed/);
  assert.match(notice, /region: no region “999999” in the data, ignored/);
  await expectDate(page, '2020-03-01');
  assert.equal(await page.locator('[data-region]').count(), 9);
  await page.click('.notices .dismiss');
  assert.equal(await page.locator('.notices').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('presenter mode hides the chrome, b blacks out, Esc leaves', async () => {
  const { page, errors, context } = await ready('?present=1&date=2020-02-19');
  assert.ok(!(await page.isVisible('.masthead')), 'title hidden');
  assert.ok(!(await page.isVisible('.facts')), 'facts hidden');
  assert.ok(!(await page.isVisible('.timeline')), 'controls hidden');
  assert.ok(await page.isVisible('.present-date'));
  assert.equal(await page.locator('.present-date').innerText(), '19 Feb 2020');
  assert.match(await page.locator('.present-title').innerText(), /Guizhou/, 'what is shown, above the date');
  assert.match(await page.locator('.present-total').innerText(), /Province total\s+62\.3\s%/);
  assert.ok(await page.isVisible('.legend'));
  assert.ok(await page.isVisible('.event-caption'), 'the day’s event caption shows');
  const size = await page.$eval('.present-date', (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 40, `date readable from the back of a hall (${size}px)`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'present.png') });
  // What stands beside the big date stays put while the dates change (the date and the total keep
  // their widest forms' widths): from 19 Feb to 1 Mar (the shortest date) and to 10 Feb, 100 %, 30.4 %.
  const beside = () => page.evaluate(() => ['.present-total', '.present-badge'].map((q) => Math.round(document.querySelector(q).getBoundingClientRect().left)).join());
  const place = await beside();
  for (const [key, date] of [['End', '2020-03-01'], ['Home', '2020-02-10']]) {
    await page.keyboard.press(key);
    await expectDate(page, date);
    assert.equal(await beside(), place, `the total and the badge stay in place on ${date}`);
  }
  assert.equal(await page.locator('.present-date').innerText(), '10 Feb 2020', 'the reserved widths are not read');
  // The × that leaves is in the corner beside the title, not on a row of its own above the map.
  const [exit, big] = await Promise.all(['.present-exit', '.present-date'].map((q) => page.locator(q).boundingBox()));
  assert.ok(exit.y + exit.height <= big.y + 8, `the × (${Math.round(exit.y)}–${Math.round(exit.y + exit.height)}) above the date's row (${Math.round(big.y)})`);
  await page.goto(`${page.url().split('?')[0]}?present=1&date=2020-02-19`);
  await page.waitForSelector('.present-date');
  await page.keyboard.press('PageDown');
  await expectDate(page, '2020-02-20', 'the clicker steps');
  await page.keyboard.press('b');
  assert.ok(await page.isVisible('.blackout'), 'b blacks out');
  await page.keyboard.press('.');
  assert.equal(await page.locator('.blackout').count(), 0, '. brings it back');
  await page.keyboard.press('b');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.blackout').count(), 0, 'Esc lifts the blackout first');
  await page.keyboard.press('Escape');
  assert.ok(await page.isVisible('.masthead'), 'then leaves presenter mode');
  assert.ok(!(await search(page)).includes('present'));
  await page.click('button.present-toggle');
  assert.ok(await page.isVisible('.present-date'), 'the button enters presenter mode');
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement, null, { timeout: 3000 });
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null, null, { timeout: 3000 });
  assert.ok(await page.isVisible('.present-date'), 'f toggles full screen, and stays in presenter mode');
  assert.deepEqual(errors, []);
  await context.close();
  // A region named in the presenter's link is outlined, and its card waits for the pointer: it
  // would cover its neighbours' values on the projected map. Pointed at, the card is stage-sized.
  const linked = await ready('?present=1&date=2020-02-19&region=520300');
  assert.equal(await linked.page.getAttribute('[data-region="520300"]', 'data-selected'), 'true');
  assert.equal(await linked.page.locator('.selected-outline').count(), 1);
  assert.equal(await linked.page.locator('.tooltip').count(), 0, 'no card over the map on opening');
  await linked.page.hover('[data-region="520300"]');
  const card = await linked.page.locator('.tooltip').evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
  assert.ok(card >= 17, `the card on stage is ${card} px`);
  // A region clicked on stage has focus; Space still plays and pauses, and Esc leaves with focus
  // back on the Present button.
  await linked.page.click('[data-region="520100"]');
  assert.equal(await linked.page.evaluate(() => document.activeElement.dataset.region), '520100');
  await linked.page.keyboard.press(' ');
  await linked.page.waitForSelector('button.play[aria-pressed="true"]', { state: 'attached' });
  await linked.page.keyboard.press(' ');
  await linked.page.waitForSelector('button.play[aria-pressed="false"]', { state: 'attached' });
  assert.equal(await linked.page.getAttribute('[data-region="520100"]', 'data-selected'), 'true', 'Space left the selection alone');
  await linked.page.keyboard.press('Escape');
  await linked.page.waitForSelector('.present-toggle');
  assert.match(await linked.page.evaluate(() => document.activeElement.className), /present-toggle/);
  assert.deepEqual(linked.errors, []);
  await linked.context.close();
});

test('presenter mode fits a 720p projector, names the base date when comparing, and keeps the clicker on the dates', async () => {
  for (const [lang, query] of [['en', '&lang=en'], ['zh', '&lang=zh']]) {
    const { page, errors, context } = await ready(`?present=1&date=2020-02-18${query}`, { viewport: { width: 1280, height: 720 } });
    await page.waitForTimeout(300); // the map's room is measured after the first render at this size
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 720, `${lang}: nothing below the fold (${height}px)`);
    for (const sel of ['.present-date', '.map svg', '.legend', '.event-caption']) {
      const box = await page.locator(sel).first().boundingBox();
      assert.ok(box && box.y + box.height <= 720, `${lang}: ${sel} on screen`);
    }
    const label = await page.$eval('.labels text', (e) => parseFloat(e.getAttribute('font-size')));
    assert.ok(label >= 16, `${lang}: labels large enough for a room (${label}px)`);
    // That the numbers are illustrative is not small print beside them, and the card is stage-sized.
    const [badge, total] = await page.evaluate(() => ['.present-badge', '.present-total'].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)));
    assert.ok(badge >= 18 && badge >= 0.55 * total, `${lang}: the illustrative badge ${badge}px beside a ${total}px total`);
    const badgeBox = await page.locator('.present-badge').boundingBox();
    assert.ok(badgeBox.y + badgeBox.height <= 720, `${lang}: the badge on screen`);
    await page.hover('[data-region="520300"]');
    const card = await page.$eval('.tooltip', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(card >= 17.6, `${lang}: the card at ${card}px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  // A 1080p screen: the badge and the card grow with the stage.
  {
    const { page, context } = await ready('?present=1&date=2020-02-19&lang=en', { viewport: { width: 1920, height: 1080 } });
    await page.hover('[data-region="520300"]');
    const [badge, card] = await page.evaluate(() => ['.present-badge', '.tooltip'].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)));
    assert.ok(badge >= 24 && card >= 22, `1080p: badge ${badge}px, card ${card}px`);
    await context.close();
  }
  // A phone held upright: the map across the screen, the legend and the facts under it.
  const phone = await ready('?present=1&date=2020-02-19&lang=en', { viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
  const [svgW, docW] = await phone.page.evaluate(() => [document.querySelector('.map svg').getBoundingClientRect().width, document.documentElement.scrollWidth]);
  assert.ok(svgW > 300 && docW <= 375, `phone: map ${svgW}px wide, page ${docW}px`);
  const cap = await phone.page.locator('.event-caption').boundingBox();
  assert.ok(cap.width > 300, `phone: the facts run across the screen (${cap.width}px)`);
  await phone.context.close();
  const { page, errors, context } = await ready('?present=1&date=2020-02-26&compare=2020-02-10', { viewport: { width: 1280, height: 720 } });
  assert.match(await page.locator('.present-total').innerText(), /Change since 10 Feb 2020\s+\+69\.6\s+pp/, 'the base date and the total\'s change');
  // A presenter clicks a region to point at it, then steps on with a clicker that sends arrows.
  await page.click('[data-region="520300"]');
  await page.keyboard.press('ArrowRight');
  await expectDate(page, '2020-02-27', 'an arrow on a clicked region steps the date in presenter mode');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.region), '520300', 'and does not move the focus');
  await page.keyboard.press('PageUp');
  await expectDate(page, '2020-02-26');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a focused data table scrolls with the arrow and End keys instead of changing the date', async () => {
  const { page, errors, context } = await ready('?date=2020-02-19');
  await page.locator('.time-chart details.chart-table > summary').click();
  const table = page.locator('.table-scroll').first();
  await table.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expectDate(page, '2020-02-19', 'the date stays');
  // Keyboard scrolling is animated: wait for it.
  await table.evaluate((e) => new Promise((done, fail) => {
    const t0 = performance.now();
    (function poll() { if (e.scrollLeft > 0) done(); else if (performance.now() - t0 > 3000) fail(new Error(`not scrolled: ${e.scrollWidth} wide in ${e.clientWidth}`)); else requestAnimationFrame(poll); })();
  }));
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await expectDate(page, '2020-02-20', 'elsewhere the arrow is the timeline\'s');
  assert.deepEqual(errors, []);
  await context.close();
});

test('from= and to= bound the keys and playback', async () => {
  const { page, context } = await ready('?from=2020-02-15&to=2020-02-20');
  await expectDate(page, '2020-02-20');
  await page.click('h1');
  await page.keyboard.press('Home');
  await expectDate(page, '2020-02-15');
  await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-15');
  await page.keyboard.press('End');
  await expectDate(page, '2020-02-20');
  await page.keyboard.press('ArrowRight');
  await expectDate(page, '2020-02-20');
  await context.close();
});

test('playback pauses on an event for the dwell, then goes on; history is replaced, not pushed', async () => {
  const { page, errors, context } = await ready('?date=2020-02-16&speed=4&dwell=1.5');
  const historyBefore = await page.evaluate(() => history.length);
  await page.evaluate(() => {
    window.__changes = [];
    const el = document.querySelector('[data-current-date]');
    new MutationObserver(() => window.__changes.push([el.dataset.currentDate, performance.now()]))
      .observe(el, { attributes: true, attributeFilter: ['data-current-date'] });
  });
  await page.click('button.play');
  await page.waitForFunction(() => window.__changes.some(([d]) => d === '2020-02-19'), null, { timeout: 8000 });
  await page.click('button.play');
  const changes = await page.evaluate(() => window.__changes);
  const at = (d) => changes.find((c) => c[0] === d)[1];
  assert.deepEqual(changes.map((c) => c[0]).slice(0, 3), ['2020-02-17', '2020-02-18', '2020-02-19'], 'no date skipped');
  const plain = at('2020-02-18') - at('2020-02-17');
  const held = at('2020-02-19') - at('2020-02-18');
  assert.ok(plain > 150 && plain < 600, `an ordinary date lasts ~250 ms at 4/s (${plain})`);
  assert.ok(held >= 1600 && held < 2600, `the event date 18 Feb is held 1.5 s longer (${held})`);
  const historyAfter = await page.evaluate(() => history.length);
  assert.ok(historyAfter - historyBefore <= 1, `playback replaced history entries (${historyBefore} → ${historyAfter})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('loop goes round; a hidden page stops playing', async () => {
  const { page, context } = await ready('?from=2020-02-27&speed=8&loop=1');
  assert.ok(await page.isChecked('.loop input'));
  await page.keyboard.press('Home');
  await page.click('button.play');
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate === '2020-03-01');
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate === '2020-02-27', null, { timeout: 3000 });
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'true', 'still playing after wrapping');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction(() => document.querySelector('button.play').getAttribute('aria-pressed') === 'false');
  await context.close();
});

test('with reduced motion nothing plays by itself, but play still works', async () => {
  const { page, context } = await ready('?play=1&date=2020-02-10&speed=4', { reducedMotion: 'reduce' });
  await page.waitForTimeout(1200);
  await expectDate(page, '2020-02-10', 'no autoplay');
  assert.equal(await page.getAttribute('button.play', 'aria-pressed'), 'false');
  const transition = (p) => p.$eval('[data-region]', (e) => getComputedStyle(e).transitionDuration);
  await page.click('button.play');
  await page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate !== '2020-02-10');
  assert.equal(await transition(page), '0s', 'colour changes are not animated, even in playback');
  await context.close();
  // Without the preference, play=1 autoplays, and playback fades the colours, the date where it
  // stops included; a reader's step does not.
  // The listener is in place before the page's own scripts run: playback starts by itself.
  const normal = await open(browser, 'about:blank', { locale: 'en-GB' });
  await normal.page.addInitScript(() => {
    window.__fades = [];
    document.addEventListener('transitionrun', (e) => {
      if (e.target.matches('[data-region]')) window.__fades.push(document.querySelector('[data-current-date]').dataset.currentDate);
    });
  });
  await normal.page.goto(`${server.url}?play=1&date=2020-02-12&to=2020-02-14&speed=4`);
  await normal.page.waitForSelector('[data-region]');
  await normal.page.waitForFunction(() => document.querySelector('[data-current-date]').dataset.currentDate !== '2020-02-12', null, { timeout: 3000 });
  assert.equal(await transition(normal.page), '0.25s', 'playback fades');
  await normal.page.waitForFunction(() => document.querySelector('button.play').getAttribute('aria-pressed') === 'false', null, { timeout: 3000 });
  await expectDate(normal.page, '2020-02-14', 'playback stops at to=');
  await normal.page.waitForTimeout(100);
  const fades = await normal.page.evaluate(() => window.__fades);
  assert.ok(fades.includes('2020-02-13'), `playback fades (fades seen on: ${fades})`);
  assert.ok(fades.includes('2020-02-14'), `the date where playback stops fades in too (fades seen on: ${fades})`);
  await normal.page.evaluate(() => { window.__fades = []; });
  await normal.page.click('h1');
  await normal.page.keyboard.press('ArrowLeft');
  await expectDate(normal.page, '2020-02-13');
  assert.equal(await transition(normal.page), '0s', 'a reader\'s step changes colour at once');
  await normal.page.waitForTimeout(100);
  assert.deepEqual(await normal.page.evaluate(() => window.__fades), [], 'without a fade');
  await normal.context.close();
});

test('the date field takes a date, and refuses a bad one with a message', async () => {
  const { page, context } = await ready();
  await page.fill('input[type=date]', '2020-04-01');
  assert.match(await page.locator('.date-message').innerText(), /No data for 1 Apr 2020: the data cover 10 Feb 2020 to 1 Mar 2020/);
  await expectDate(page, '2020-03-01', 'nothing changed');
  await page.fill('input[type=date]', '2020-02-15');
  await expectDate(page, '2020-02-15');
  assert.equal(await page.locator('.date-message').innerText(), '');
  await context.close();
});

test('events are marked on the timeline; hovering or focusing one shows its text and source', async () => {
  const { page, context } = await ready();
  assert.equal(await page.locator('.event-mark').count(), 5, 'five dates with reported facts');
  await page.hover('.event-mark[data-event-index="9"]');
  const pop = page.locator('.event-pop');
  assert.match(await pop.innerText(), /more than 60\s%/);
  assert.equal(await pop.locator('a').getAttribute('href'), 'https://gz.cnipai.com/news/detail/257165.html');
  await page.mouse.move(2, 2);
  await page.focus('.event-mark[data-event-index="16"]');
  assert.match(await page.locator('.event-pop').innerText(), /4113/);
  await page.keyboard.press('Enter');
  await expectDate(page, '2020-02-26', 'activating a mark goes to its date');
  assert.match(await page.locator('.event-caption').innerText(), /4113/);
  // Keyboard: from a mark, Tab goes into its own pop-up (close button, then source link) before
  // the next mark; Escape closes the pop-up and nothing else.
  await page.focus('.event-mark[data-event-index="8"]');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'dismiss');
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement.closest('.event-pop')?.innerText ?? ''), /every industrial enterprise/);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'A', 'the 18 Feb source link, reachable');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.eventIndex), '8', 'focus goes back to the mark');
  assert.equal(await page.locator('.event-pop').count(), 0, 'Escape closes the pop-up');
  await expectDate(page, '2020-02-26', 'and leaves the date alone');
  // The marks are one tab stop: the arrows move between them (showing each one's fact) and leave
  // the date alone; Tab goes from a mark through its pop-up to the next control, past the others.
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.eventIndex), '9');
  assert.match(await page.locator('.event-pop').innerText(), /more than 60\s%/);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.eventIndex), '16');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.eventIndex), '0');
  await expectDate(page, '2020-02-26', 'moving between the marks leaves the date alone');
  assert.deepEqual(await page.$$eval('.event-mark', (ms) => ms.map((m) => m.tabIndex)), [0, -1, -1, -1, -1], 'one tab stop, on the mark last focused');
  await page.focus('input[type=range]');
  const stops = [];
  for (let k = 0; k < 8; k++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => { const e = document.activeElement; return e.dataset.eventIndex ? `mark ${e.dataset.eventIndex}` : e.closest('.event-pop') ? `pop ${e.tagName}` : e.type || e.tagName; });
    stops.push(at);
    if (at === 'date') break;
  }
  assert.deepEqual(stops, ['mark 0', 'pop BUTTON', 'pop A', 'date'], 'from the slider: one mark, its pop-up, then the date field');
  await context.close();
});

test('on a phone a tap on a fact mark opens its own date, next to a mark one day later', async () => {
  // 18 and 19 Feb both have facts: on a 390 px track their marks are 17 px apart, and the second's
  // 44 px target once lay over the first's centre (a tap on 18 Feb opened 19 Feb).
  const { page, errors, context } = await open(browser, `${server.url}?lang=en&date=2020-02-12`, {
    viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true,
  });
  const marks = await page.$$eval('.event-mark', (ms) => ms.map((m) => {
    m.scrollIntoView({ block: 'center' });
    const b = m.getBoundingClientRect();
    return { i: m.dataset.eventIndex, hit: document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)?.closest('.event-mark')?.dataset.eventIndex };
  }));
  assert.deepEqual(marks.map((m) => m.hit), marks.map((m) => m.i), 'each mark is what lies at its centre');
  for (const [i, date] of [[8, '2020-02-18'], [9, '2020-02-19']]) {
    await page.locator(`.event-mark[data-event-index="${i}"]`).tap();
    await expectDate(page, date, `the mark of ${date}`);
  }
  // Where there is room, the target is still the 44 px a finger needs.
  assert.equal(await page.$eval('.event-mark[data-event-index="16"]', (m) => getComputedStyle(m, '::after').width), '44px');
  // A tap opens no pop-up: the date's facts show right under the timeline, where a pop-up covered them.
  await page.locator('.event-mark[data-event-index="16"]').tap();
  await expectDate(page, '2020-02-26');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('.event-pop').count(), 0, 'no pop-up after a tap');
  assert.match(await page.locator('.event-caption').innerText(), /4113/, 'the fact under the timeline');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a fact mark’s pop-up opens above the slider, inside the window and the track, on a laptop and a phone', async () => {
  for (const [width, height] of [[1280, 800], [1440, 900], [390, 844], [360, 740]]) {
    const { page, errors, context } = await open(browser, `${server.url}?lang=en&date=2020-02-19`, { viewport: { width, height } });
    for (const i of [0, 8, 16]) {
      // By the keyboard, as a phone's reader with a keyboard or a laptop's would.
      await page.focus(`.event-mark[data-event-index="${i}"]`);
      await page.locator('.event-pop').waitFor();
      const m = await page.evaluate(() => {
        const r = (s) => document.querySelector(s).getBoundingClientRect();
        const [pop, slider, track] = [r('.event-pop'), r('.date-slider'), r('.timeline-track')];
        return { pop: [pop.left, pop.right, pop.top, pop.bottom].map(Math.round), slider: Math.round(slider.top), track: [track.left, track.right].map(Math.round), sw: document.documentElement.scrollWidth, iw: innerWidth, ih: innerHeight };
      });
      const what = `${width}×${height}, mark ${i}: ${JSON.stringify(m)}`;
      assert.ok(m.pop[0] >= m.track[0] - 1 && m.pop[1] <= m.track[1] + 1, `${what}: within the track`);
      assert.ok(m.pop[3] <= m.slider && m.pop[2] >= 0 && m.pop[3] <= m.ih, `${what}: above the slider, in the window`);
      assert.equal(m.sw, m.iw, `${what}: the page does not widen`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('presenter mode with a long fact (2021, English) still ends at the fold: the facts scroll in their column', async () => {
  const { page, errors, context } = await ready('?present=1&dataset=2021&lang=en', { viewport: { width: 1280, height: 720 } });
  await page.waitForTimeout(300);
  assert.ok(await page.evaluate(() => document.documentElement.scrollHeight) <= 720);
  const side = await page.locator('.side').evaluate((e) => [e.scrollHeight > e.clientHeight, getComputedStyle(e).overflowY]);
  assert.deepEqual(side, [true, 'auto'], 'the column scrolls');
  assert.deepEqual(errors, []);
  await context.close();
});
