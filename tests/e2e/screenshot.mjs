// Takes the README's screenshot of the real page (docs/screenshot.png): Chinese, 19 Feb 2020,
// the tooltip over Zunyi. Run after `trunk build --release`: `node tests/e2e/screenshot.mjs`.
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, open, DIST } from './browser.mjs';

const out = path.resolve(DIST, '../docs/screenshot.png');
const server = await serve({ root: DIST });
const browser = await launch();
const { page, context } = await open(browser, server.url, { viewport: { width: 1100, height: 860 }, locale: 'zh-CN', deviceScaleFactor: 1 });
await page.waitForSelector('[data-region]');
await page.focus('input[type=range]');
for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowLeft');
await page.hover('[data-region="520300"]');
await page.waitForSelector('.tooltip');
await page.screenshot({ path: out });
console.log(`wrote ${out}`);
await context.close();
await browser.close();
await server.close();
