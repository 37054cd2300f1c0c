// End-to-end: the app under the Content-Security-Policy the README documents — it loads, draws,
// plays, exports a PNG, and the browser reports no violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { serve } from './server.mjs';
import { launch, open, expectDate, DIST } from './browser.mjs';
import { cspFor } from './csp.mjs';

test('the app runs under the documented Content-Security-Policy without a violation', async () => {
  const browser = await launch();
  const inner = await serve({ root: DIST, mount: '/' });
  const policy = cspFor(DIST);
  // A thin proxy that adds the header to every response.
  const proxy = http.createServer((req, res) => {
    http.get(`http://127.0.0.1:${inner.port}${req.url}`, (r) => {
      res.writeHead(r.statusCode, { ...r.headers, 'content-security-policy': policy });
      r.pipe(res);
    });
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${proxy.address().port}/`;
  const { page, errors, context } = await open(browser, `${url}?date=2020-02-19&lang=en`, { acceptDownloads: true });
  // Listen for violations from the very start of the page's life, then load it again.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.reload();
  await page.waitForSelector('.time-chart svg', { timeout: 20000 });
  assert.equal(await page.locator('[data-region]').count(), 9);
  await page.click('h1');
  await page.keyboard.press('ArrowLeft');
  await expectDate(page, '2020-02-18');
  await page.hover('[data-region="520300"]');
  await page.waitForSelector('.tooltip');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download-png')]);
  assert.match(download.suggestedFilename(), /\.png$/);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy|CSP/i.test(e)), []);
  await context.close();
  await browser.close();
  proxy.close();
  await inner.close();
});
