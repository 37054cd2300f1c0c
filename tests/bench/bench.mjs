// The browser benchmark: figures, not pass/fail. Run through scripts/bench.sh (which builds dist/
// first); docs/BENCHMARK.md explains every figure and its caveats.
//
//   node tests/bench/bench.mjs [--quick] [--runs N] [--steps N] [--play-runs N] [--soak-minutes M]
//     [--workload all|both|default,stress,reference] [--load-timeout S] [--out DIR]
//
// Three workloads: (a) the default page as shipped; (b) a stress workload of the 88 counties × 365
// days, loaded through the `data=` / `geo=` URL parameters from the same server (same origin, so
// no CORS); (r) the issue's lean hand-written reference (tests/bench/reference/: D3 v7, SVG paths)
// on (a)'s files, the bar the app is compared with. Each is served with on-the-fly gzip by the
// end-to-end tests' server, and driven in Debian's headless Chromium with the end-to-end tests'
// launch flags.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from '../e2e/server.mjs';
import { launch, DIST } from '../e2e/browser.mjs';
import { loadProbe, dateSteps, chartSteps, playFrames, countDateChanges } from './probes.mjs';
import { writeStressDataset, STRESS_FIRST_DATE } from './stress-data.mjs';
import { summary, single, table } from './stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');

// ---- options ----------------------------------------------------------------------------------

const DEFAULTS = { runs: 7, steps: 300, playRuns: 5, soakMinutes: 10, workload: 'all', loadTimeout: 30, out: path.join(HERE, 'results') };
// `both` is what it was before the reference existed ((a) and (b)), so older command lines still
// measure what they did; `all` adds (r). Otherwise a comma-separated list of workloads.
const WORKLOAD_SETS = { all: ['default', 'stress', 'reference'], both: ['default', 'stress'] };
const QUICK = { runs: 5, steps: 200, playRuns: 2, soakMinutes: 1 };

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  const given = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const number = (min) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < min) throw new Error(`${a}: expected a number ≥ ${min}`);
      return n;
    };
    switch (a) {
      case '--quick': o.quick = true; break;
      case '--runs': given.runs = Math.round(number(1)); break;
      case '--steps': given.steps = Math.round(number(1)); break;
      case '--play-runs': given.playRuns = Math.round(number(0)); break;
      case '--soak-minutes': given.soakMinutes = number(0); break;
      case '--load-timeout': given.loadTimeout = number(1); break;
      case '--workload': given.workload = value(); break;
      case '--out': given.out = path.resolve(value()); break;
      case '--no-build': break; // handled by scripts/bench.sh
      case '-h': case '--help':
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(3, 5).join('\n'));
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${a} (see docs/BENCHMARK.md)`);
    }
  }
  // --quick sets small counts; explicit options still win, so `--quick --soak-minutes 0` works.
  Object.assign(o, o.quick ? QUICK : {}, given);
  o.workloads = WORKLOAD_SETS[o.workload] || o.workload.split(',').map((w) => w.trim());
  if (o.workloads.some((w) => !WORKLOAD_SETS.all.includes(w))) {
    throw new Error('--workload: all, both, or a comma-separated list of default, stress, reference');
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (...a) => console.error('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Fast 3G as the issue defines it: ~150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
// (CDP wants bytes per second; `latency` is added to every request's time to headers.)
const FAST_3G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8, connectionType: 'cellular3g' };
const SLOW_CPU = 4;
const PLAY_DATES = 30;
const PLAY_SPEED = 10;
/** Steps at a reader's pace for the charts' figure (after the tight run of steps). */
const CHART_STEPS = 30;

// ---- the files and the server -------------------------------------------------------------------

// A private copy of dist/: the machine is shared, and a `trunk build` by someone else mid-run
// would swap the hashed file names under the page (404s) or mix two builds in one figure.
if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: build first (scripts/bench.sh does)`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'guizhou-bench-'));
// Removed when the process ends, however it ends (the report reads the files' sizes until then).
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const SITE = path.join(tmp, 'dist');
/** The files index.html needs (hashed names); a copy taken mid-build would lack some. */
const missingAssets = () => {
  const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:href|from|module_or_path:)\s*=?\s*['"]\.\/([^'"]+\.(?:js|wasm|css))['"]/g)].map((m) => m[1]);
  return refs.filter((r) => !fs.existsSync(path.join(SITE, r)));
};
for (let attempt = 1; ; attempt++) {
  fs.rmSync(SITE, { recursive: true, force: true });
  fs.cpSync(DIST, SITE, { recursive: true, filter: (src) => !src.includes(`${path.sep}.stage`) });
  const missing = missingAssets();
  if (missing.length === 0) break;
  if (attempt === 3) throw new Error(`dist/ is incomplete (a build in progress?): missing ${missing.join(', ')}`);
  await sleep(5000);
}

const indexHtml = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
// The prerendered map's region count: "first static paint" waits for all of them (a smaller
// count would be a map the parser has only half inserted). Counted in the Chinese page, before the
// English one's template: one page is in the document at a time.
const englishAt = indexHtml.lastIndexOf('<template id="static-en">');
const staticRegions = ((englishAt < 0 ? indexHtml : indexHtml.slice(0, englishAt)).match(/data-region="/g) || []).length;
const defaultData = JSON.parse(fs.readFileSync(path.join(SITE, 'static/data/resumption-2020.json'), 'utf8'));
const defaultRegions = JSON.parse(fs.readFileSync(path.join(SITE, 'static/geo/guizhou-prefectures.geojson'), 'utf8')).features.length;

// The counties' boundaries as the build ships them; the repository's copy if this dist/ predates them.
const countiesInDist = path.join(SITE, 'static/geo/guizhou-counties.geojson');
const countiesFile = fs.existsSync(countiesInDist) ? countiesInDist : path.join(REPO, 'static/geo/guizhou-counties.geojson');
const stress = writeStressDataset(countiesFile, tmp);

// The reference page's folder: the page as committed, D3's UMD bundle as npm installed it, and
// (a)'s dataset and boundaries from the copy of dist/ under the same relative paths, so (r) draws
// exactly (a)'s data. Its own folder and server: the page must be `/` as the app's is, and what
// it fetches is counted apart from (a)'s.
const REFERENCE_FILES = ['static/data/resumption-2020.json', 'static/geo/guizhou-prefectures.geojson'];
const REF_SITE = path.join(tmp, 'reference');
if (opts.workloads.includes('reference')) {
  const d3 = path.join(REPO, 'node_modules/d3/dist/d3.min.js');
  if (!fs.existsSync(d3)) throw new Error(`${d3} is missing: run \`npm ci\` (d3 is a devDependency for the reference page)`);
  fs.cpSync(path.join(HERE, 'reference'), REF_SITE, { recursive: true });
  fs.copyFileSync(d3, path.join(REF_SITE, 'd3.min.js'));
  for (const f of REFERENCE_FILES) {
    fs.mkdirSync(path.dirname(path.join(REF_SITE, f)), { recursive: true });
    fs.copyFileSync(path.join(SITE, f), path.join(REF_SITE, f));
  }
}

/**
 * A server for dist/ (or another `root`; gzip on the fly, as the end-to-end tests serve it).
 * `extraFiles` are further URL paths answered the same way (gzip when asked, no caching) and
 * counted in the same byte map. Returns the server, its origin, and `fileFor` (URL path -> file
 * on disk, for raw sizes).
 */
async function host({ root = SITE, extraFiles = {} } = {}) {
  let server;
  const handler = (file, type) => (req, res) => {
    let body = fs.readFileSync(file);
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 9 });
      headers['content-encoding'] = 'gzip';
    }
    const p = new URL(req.url, 'http://127.0.0.1').pathname;
    server.bytes.set(p, (server.bytes.get(p) || 0) + body.length);
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(body);
  };
  const TYPE = { '.json': 'application/json; charset=utf-8', '.geojson': 'application/geo+json; charset=utf-8' };
  const extra = Object.fromEntries(Object.entries(extraFiles).map(([u, f]) => [u, handler(f, TYPE[path.extname(f)])]));
  server = await serve({ root, gzip: true, extra });
  const fileFor = (urlPath) => {
    if (extraFiles[urlPath]) return extraFiles[urlPath];
    let rel = decodeURIComponent(urlPath.slice(1));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const f = path.join(root, rel);
    return fs.existsSync(f) ? f : null;
  };
  return { server, origin: `http://127.0.0.1:${server.port}`, fileFor };
}

const KIND = { '.wasm': 'code', '.js': 'code', '.css': 'code', '.html': 'code', '.json': 'data', '.geojson': 'data' };

// ---- the workloads ------------------------------------------------------------------------------

const stressName = path.basename(stress.file);
const main = await host({
  extraFiles: {
    [`/bench-stress/${stressName}`]: stress.file,
    // The counties come from dist/ when the build ships them, else from here.
    ...(countiesFile !== countiesInDist ? { '/bench-stress/guizhou-counties.geojson': countiesFile } : {}),
  },
});
const reference = opts.workloads.includes('reference') ? await host({ root: REF_SITE }) : null;
const countiesUrl = `${main.origin}${countiesFile === countiesInDist ? '/static/geo/guizhou-counties.geojson' : '/bench-stress/guizhou-counties.geojson'}`;

const WORKLOADS = {
  default: {
    name: 'a',
    title: `(a) default: ${defaultRegions} prefectures × ${defaultData.dates.length} dates`,
    host: main,
    query: '',
    expected: defaultRegions,
    staticExpected: staticRegions,
    firstDate: defaultData.dates[0],
  },
  stress: {
    name: 'b',
    title: `(b) stress: ${stress.regions} counties × ${stress.dates} dates (synthetic)`,
    host: main,
    query: `data=${encodeURIComponent(`${main.origin}/bench-stress/${stressName}`)}&geo=${encodeURIComponent(countiesUrl)}`,
    expected: stress.regions,
    staticExpected: staticRegions,
    firstDate: STRESS_FIRST_DATE,
  },
  reference: {
    name: 'r',
    title: `(r) reference: D3 v7, ${defaultRegions} prefectures × ${defaultData.dates.length} dates`,
    host: reference,
    query: '',
    expected: defaultRegions,
    // No prerendered map: the load probe must never take the live map for a static one, so no
    // count of regions qualifies (a number: init script arguments go through JSON, Infinity does not).
    staticExpected: Number.MAX_SAFE_INTEGER,
    firstDate: defaultData.dates[0],
  },
};
const pageUrl = (w, more = '') => {
  const q = [w.query, more].filter(Boolean).join('&');
  return `${w.host.origin}/${q ? `?${q}` : ''}`;
};

// ---- the browser --------------------------------------------------------------------------------

const browser = await launch();
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await browser.close().catch(() => {});
  await main.server.close().catch(() => {});
  await reference?.server.close().catch(() => {});
}
process.on('SIGINT', () => cleanup().then(() => process.exit(130)));

/**
 * A fresh context and page (fresh cache, so every load is a first visit), with the load probe
 * installed and the CPU / network conditions applied through CDP before navigation.
 */
async function newPage(w, { cpu = 1, network = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.addInitScript(loadProbe, { expected: w.expected, staticExpected: w.staticExpected });
  return { context, page, cdp, errors };
}

/**
 * Navigates and waits until the live map shows the workload's regions, or the timeout passes, or
 * the live app is up with another map and the page has been quiet for `graceMs` (the app
 * ignored the stress URL parameters: waiting longer will not help). Quiet, not just "up": an app
 * may show its default map first and swap in the requested one when that has loaded.
 * Returns the probe's record plus what the page said if it never got there.
 */
async function loadAndWait(p, url, timeoutMs, graceMs = 3000) {
  await p.page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let b;
  for (;;) {
    // Polled from Node every 100 ms: one tiny evaluate, far cheaper than Playwright's rAF polling.
    b = await p.page.evaluate(() => (window.__bench ? { ...window.__bench, now: performance.now() } : null)).catch(() => null);
    if (b && b.liveFrame !== null && (b.staticFrame !== null || b.staticDom === null)) break;
    if (b && b.liveDom === null && b.liveSeenAt !== null && b.now - b.liveSeenAt > graceMs && b.now - b.lastMutation > graceMs) break;
    if (Date.now() > deadline) break;
    await sleep(100);
  }
  if (!b || b.liveFrame === null) {
    b = b || {};
    b.failed = b.liveSeenAt ? `the live app showed ${b.liveRegions} regions, not ${p.expected ?? '?'}` : `no live map within ${timeoutMs / 1000} s`;
    // The page's notices name ignored URL parameters: the likeliest reason a stress map is missing.
    const texts = await p.page.locator('.notices').allInnerTexts().catch(() => []);
    b.notices = texts.join('\n').split('\n').map((t) => t.trim()).filter((t) => t && t !== '×');
  }
  return b;
}

/** Forces a full GC, then reads the JS heap (CDP) and the wasm linear memory's size. */
async function memory(p) {
  await p.cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await p.cdp.send('Runtime.getHeapUsage');
  const wasm = await p.page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
  return { jsHeap: usedSize, wasm };
}

/** Bytes the workload's server sent since the last clear, by kind, with each file's raw size. */
function bytesSnapshot({ server, fileFor }) {
  const files = [...server.bytes].map(([p, gz]) => {
    const f = fileFor(p);
    return { path: p, kind: KIND[path.extname(f || p)] || 'other', gzip: gz, raw: f ? fs.statSync(f).size : null };
  });
  const sum = (kind, key) => files.filter((f) => f.kind === kind).reduce((s, f) => s + (f[key] || 0), 0);
  return { files, codeRaw: sum('code', 'raw'), codeGzip: sum('code', 'gzip'), dataRaw: sum('data', 'raw'), dataGzip: sum('data', 'gzip') };
}

// ---- the measurements ---------------------------------------------------------------------------

async function loadRuns(w, key, conditions, runs, timeoutMs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    w.host.server.bytes.clear();
    const p = await newPage(w, conditions);
    p.expected = w.expected;
    const b = await loadAndWait(p, pageUrl(w), timeoutMs, conditions.cpu > 1 ? 8000 : 3000);
    const run = {
      wasmStarted: b.wasmStarted ?? null, staticDom: b.staticDom ?? null, staticFrame: b.staticFrame ?? null,
      liveDom: b.liveDom ?? null, liveFrame: b.liveFrame ?? null, liveRegions: b.liveRegions ?? 0,
      failed: b.failed, notices: b.notices, errors: p.errors,
    };
    if (!run.failed) {
      run.bytes = bytesSnapshot(w.host);
      if (key === 'desktop') {
        await sleep(1000); // let late work (charts at their measured size) finish: "after load" means settled
        run.memory = await memory(p);
      }
    }
    await p.context.close();
    log(`${w.name} load ${key} ${i + 1}/${runs}:`, run.failed
      ? `FAILED — ${run.failed}${run.notices?.length ? ` (page notices: ${run.notices.join('; ')})` : ''}`
      : `${run.staticFrame !== null ? `static ${run.staticFrame.toFixed(0)} ms, ` : ''}live ${run.liveFrame.toFixed(0)} ms`);
    out.push(run);
    // A workload that cannot show its map will not start showing it on the next run.
    if (run.failed && i === 0) break;
  }
  return out;
}

async function stepRuns(w, cpu) {
  const out = {};
  for (const method of ['slider', 'key']) {
    const p = await newPage(w);
    p.expected = w.expected;
    const b = await loadAndWait(p, pageUrl(w), opts.loadTimeout * 1000);
    if (b.failed) { await p.context.close(); out[method] = { failed: b.failed }; continue; }
    await sleep(1000);
    // Throttled after loading, so only the steps run at the slow CPU (and loading stays quick).
    if (cpu > 1) await p.cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const r = await p.page.evaluate(dateSteps, { method, count: opts.steps, timeoutMs: 2000 * cpu });
    // Then steps at a reader's pace: how far the charts trail the map.
    if (method === 'key') r.charts = await p.page.evaluate(chartSteps, { count: CHART_STEPS, restMs: 150, timeoutMs: 2000 * cpu });
    r.errors = p.errors;
    await p.context.close();
    const s = summary(r.steps.map((x) => x.frame));
    log(`${w.name} steps ${method} cpu×${cpu}: ${r.steps.length} steps, frame median ${s?.median.toFixed(1)} ms, p95 ${s?.p95.toFixed(1)} ms` +
      `${r.timeouts ? `, ${r.timeouts} timed out` : ''}`);
    out[method] = r;
  }
  return out;
}

async function playRuns(w) {
  const out = [];
  for (let i = 0; i < opts.playRuns; i++) {
    const p = await newPage(w);
    p.expected = w.expected;
    // loop=1 so the default's 21 dates can give 30 changes; dwell=0 so the holds on dates with a
    // reported fact (2 s by default) do not stretch the run: they are pauses, not frames.
    const b = await loadAndWait(p, pageUrl(w, `date=${w.firstDate}&speed=${PLAY_SPEED}&loop=1&dwell=0`), opts.loadTimeout * 1000);
    if (b.failed) { await p.context.close(); out.push({ failed: b.failed }); break; }
    await sleep(1000);
    const r = await p.page.evaluate(playFrames, { dates: PLAY_DATES, timeoutMs: (PLAY_DATES / PLAY_SPEED) * 1000 * 4 + 5000 });
    await p.context.close();
    const intervals = r.stamps.slice(1).map((t, k) => t - r.stamps[k]);
    const med = summary(intervals)?.median ?? null;
    const run = {
      changes: r.changes, elapsed: r.elapsed, frames: r.stamps.length, medianInterval: med,
      dropped: med ? intervals.filter((x) => x > 1.5 * med).length : null,
      longest: intervals.length ? Math.max(...intervals) : null,
      errors: p.errors,
    };
    log(`${w.name} play ${i + 1}/${opts.playRuns}: ${run.changes} dates in ${run.elapsed.toFixed(0)} ms, ${run.frames} frames ` +
      `(median ${med?.toFixed(1)} ms), ${run.dropped} long, longest ${run.longest?.toFixed(1)} ms`);
    out.push(run);
  }
  return out;
}

async function soak(w) {
  const p = await newPage(w);
  p.expected = w.expected;
  // dwell=0 as in the playback runs: the default data's 2 s holds on dates with a reported fact
  // would otherwise make most of the soak a pause (about 2 date changes a second instead of 10).
  const b = await loadAndWait(p, pageUrl(w, `speed=${PLAY_SPEED}&loop=1&dwell=0`), opts.loadTimeout * 1000);
  if (b.failed) { await p.context.close(); return { failed: b.failed }; }
  await sleep(2000);
  const start = await memory(p);
  await p.page.evaluate(countDateChanges);
  await p.page.click('button.play');
  const total = opts.soakMinutes * 60_000;
  const every = Math.min(30_000, Math.max(5_000, total / 10));
  const samples = [{ t: 0, ...start }];
  const t0 = Date.now();
  while (Date.now() - t0 < total) {
    await sleep(Math.min(every, total - (Date.now() - t0)));
    samples.push({ t: (Date.now() - t0) / 1000, ...(await memory(p)) });
  }
  const dates = await p.page.evaluate(() => window.__dateChanges);
  const playing = await p.page.getAttribute('button.play', 'aria-pressed');
  await p.context.close();
  const end = samples[samples.length - 1];
  const mib = (x) => (x === null ? '–' : (x / 1048576).toFixed(2)); // the reference has no wasm memory
  log(`${w.name} soak ${opts.soakMinutes} min: ${dates} date changes; JS heap ${mib(start.jsHeap)} → ${mib(end.jsHeap)} MiB, ` +
    `wasm ${mib(start.wasm)} → ${mib(end.wasm)} MiB`);
  return { minutes: opts.soakMinutes, dateChanges: dates, stillPlaying: playing === 'true', samples, errors: p.errors };
}

async function runWorkload(w) {
  log(`${w.title}: ${pageUrl(w)}`);
  const r = { title: w.title, url: pageUrl(w), expected: w.expected };
  r.loadDesktop = await loadRuns(w, 'desktop', {}, opts.runs, opts.loadTimeout * 1000);
  if (r.loadDesktop[0].failed) {
    r.unavailable = r.loadDesktop[0].failed;
    r.notices = r.loadDesktop[0].notices;
    log(`${w.name}: skipping the rest of this workload: ${r.unavailable}`);
    return r;
  }
  r.loadSlow = await loadRuns(w, 'slow', { cpu: SLOW_CPU, network: FAST_3G }, opts.runs, opts.loadTimeout * 3000);
  r.stepsDesktop = await stepRuns(w, 1);
  r.stepsSlow = await stepRuns(w, SLOW_CPU);
  r.play = await playRuns(w);
  if (opts.soakMinutes > 0) r.soak = await soak(w);
  return r;
}

// ---- run ------------------------------------------------------------------------------------------

const started = new Date();
// Read before the runs: the commit that was built (by scripts/bench.sh just before), not the one
// that happens to be checked out when a long run ends.
const git = (() => {
  try { return execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return null; }
})();
const changed = (...paths) => {
  try { return execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--', ...paths], { encoding: 'utf8' }).trim() !== ''; } catch { return null; }
};
const dirty = changed('src', 'static', 'index.html', 'Cargo.toml');
// The reference's own figures move if its page or D3's version does.
const referenceDirty = changed('tests/bench/reference', 'package-lock.json');
const machine = {
  cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  loadavgStart: os.loadavg(), node: process.version, chromium: browser.version(),
};
const results = {};
try {
  // In the order a, b, r whatever the order given, so runs are alike from one command line to the next.
  for (const key of WORKLOAD_SETS.all) {
    if (opts.workloads.includes(key)) results[key] = await runWorkload(WORKLOADS[key]);
  }
} finally {
  machine.loadavgEnd = os.loadavg();
  await cleanup();
}

// ---- figures ----------------------------------------------------------------------------------------

const ok = (runs) => (runs || []).filter((r) => !r.failed);
const pick = (runs, f) => ok(runs).map(f);

/** The stress workload's data bytes from the files, for when the app never fetched them. */
function stressBytesFromFiles() {
  // The outline, if this build still ships it as its own file (builds differ).
  const files = [stress.file, countiesFile, path.join(SITE, 'static/geo/guizhou-province.geojson')].filter((f) => fs.existsSync(f));
  const raw = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  const gz = files.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
  return { dataRaw: raw, dataGzip: gz };
}

function figuresOf(r) {
  if (!r) return {};
  const f = {};
  const bytes = ok(r.loadDesktop)[0]?.bytes;
  if (bytes) Object.assign(f, { codeRaw: single(bytes.codeRaw), codeGzip: single(bytes.codeGzip), dataRaw: single(bytes.dataRaw), dataGzip: single(bytes.dataGzip) });
  f.wasmStarted = summary(pick(r.loadDesktop, (x) => x.wasmStarted));
  f.staticDesktop = summary(pick(r.loadDesktop, (x) => x.staticFrame));
  f.liveDesktop = summary(pick(r.loadDesktop, (x) => x.liveFrame));
  f.staticSlow = summary(pick(r.loadSlow, (x) => x.staticFrame));
  f.liveSlow = summary(pick(r.loadSlow, (x) => x.liveFrame));
  for (const [cond, runs] of [['Desktop', r.stepsDesktop], ['Slow', r.stepsSlow]]) {
    for (const method of ['slider', 'key']) {
      const steps = runs?.[method]?.steps || [];
      f[`${method}Dom${cond}`] = summary(steps.map((x) => x.dom));
      f[`${method}Frame${cond}`] = summary(steps.map((x) => x.frame));
    }
    f[`chartsDom${cond}`] = summary((runs?.key?.charts?.steps || []).map((x) => x.dom));
    f[`charts${cond}`] = summary((runs?.key?.charts?.steps || []).map((x) => x.frame));
  }
  f.dropped = summary(pick(r.play, (x) => x.dropped));
  f.longest = summary(pick(r.play, (x) => x.longest));
  f.frameInterval = summary(pick(r.play, (x) => x.medianInterval));
  f.heapLoad = summary(pick(r.loadDesktop, (x) => x.memory?.jsHeap));
  f.wasmLoad = summary(pick(r.loadDesktop, (x) => x.memory?.wasm));
  if (r.soak && !r.soak.failed) {
    const s = r.soak.samples;
    const last = s[s.length - 1];
    f.heapSoak = single(last.jsHeap);
    f.heapSamples = summary(s.slice(1).map((x) => x.jsHeap));
    // Growth from the first sample during playback, not from the paused page: starting to play
    // allocates once (frame callbacks, playback state), and that step is not a leak.
    f.heapGrowth = single(last.jsHeap - s[1].jsHeap);
    f.wasmSoak = single(last.wasm);
    f.wasmSamples = summary(s.slice(1).map((x) => x.wasm));
    f.wasmGrowth = single(last.wasm === null ? null : last.wasm - s[1].wasm); // no wasm in (r): none, not 0
  }
  return f;
}

const A = figuresOf(results.default);
const B = figuresOf(results.stress);
const R = figuresOf(results.reference);
const FIGURES = { default: A, stress: B, reference: R };
if (results.stress && !B.dataGzip) {
  const est = stressBytesFromFiles();
  B.dataRaw = single(est.dataRaw);
  B.dataGzip = single(est.dataGzip);
  B.bytesFromFiles = true;
}
const soakMin = opts.soakMinutes;
const noteFor = (k) => (!results[k] ? 'not run' : results[k].unavailable ? 'not measured' : '');

const ROWS = [
  { section: 'bytes transferred (one load; gzip = what the server sent)' },
  { key: 'codeRaw', label: 'code (wasm+JS+CSS+HTML), raw', unit: 'kB' },
  { key: 'codeGzip', label: 'code, gzip', unit: 'kB', budgetA: '≤ 110', budgetB: '≤ 110' },
  { key: 'dataRaw', label: 'data (json+geojson), raw', unit: 'kB' },
  { key: 'dataGzip', label: 'data, gzip', unit: 'kB', budgetA: '≤ 25', budgetB: '≤ 110' },
  { section: `load: navigation start → frame presented (runs per condition: ${opts.runs})` },
  { key: 'wasmStarted', label: 'wasm started (TrunkApplicationStarted), desktop', unit: 'ms' },
  { key: 'staticDesktop', label: 'first static paint (prerendered map), desktop', unit: 'ms' },
  { key: 'liveDesktop', label: 'first interactive map, desktop', unit: 'ms', budgetA: 'median ≤ 350', budgetB: 'median ≤ 600' },
  { key: 'staticSlow', label: 'first static paint, 4× CPU + Fast 3G', unit: 'ms' },
  { key: 'liveSlow', label: 'first interactive map, 4× CPU + Fast 3G', unit: 'ms', budgetA: 'median ≤ 3000', budgetB: 'median ≤ 3300' },
  { section: `date step → new fills (per method: ${opts.steps} steps, bouncing within the range)` },
  { key: 'sliderDomDesktop', label: 'slider → DOM updated, desktop', unit: 'ms' },
  { key: 'sliderFrameDesktop', label: 'slider → frame presented, desktop', unit: 'ms', budgetA: 'p95 ≤ 17', budgetB: 'p95 ≤ 17' },
  { key: 'keyDomDesktop', label: 'key → DOM updated, desktop', unit: 'ms' },
  { key: 'keyFrameDesktop', label: 'key → frame presented, desktop', unit: 'ms', budgetA: 'p95 ≤ 17', budgetB: 'p95 ≤ 17' },
  { key: 'sliderDomSlow', label: 'slider → DOM updated, 4× CPU', unit: 'ms' },
  { key: 'sliderFrameSlow', label: 'slider → frame presented, 4× CPU', unit: 'ms', budgetA: 'p95 ≤ 34', budgetB: 'p95 ≤ 40' },
  { key: 'keyDomSlow', label: 'key → DOM updated, 4× CPU', unit: 'ms' },
  { key: 'keyFrameSlow', label: 'key → frame presented, 4× CPU', unit: 'ms', budgetA: 'p95 ≤ 34', budgetB: 'p95 ≤ 40' },
  { section: `charts: key → charts show the date, presented (${CHART_STEPS} steps, 150 ms apart; they trail the map by a frame)` },
  { key: 'chartsDomDesktop', label: 'key → charts DOM updated, desktop', unit: 'ms' },
  { key: 'chartsDesktop', label: 'key → charts frame presented, desktop', unit: 'ms' },
  { key: 'chartsDomSlow', label: 'key → charts DOM updated, 4× CPU', unit: 'ms' },
  { key: 'chartsSlow', label: 'key → charts frame presented, 4× CPU', unit: 'ms' },
  { section: `playback: ${PLAY_DATES} dates at ${PLAY_SPEED}/s, desktop (runs: ${opts.playRuns})` },
  { key: 'dropped', label: 'frames dropped (interval > 1.5 × median)', unit: 'n', budgetA: '0', budgetB: '0' },
  { key: 'longest', label: 'longest frame interval', unit: 'ms' },
  { key: 'frameInterval', label: 'median frame interval', unit: 'ms' },
  { section: `memory (after a forced GC; soak: ${soakMin} min of looping playback at ${PLAY_SPEED}/s)` },
  { key: 'heapLoad', label: 'JS heap after load', unit: 'MiB' },
  { key: 'wasmLoad', label: 'wasm memory after load', unit: 'MiB' },
  { key: 'heapSoak', label: `JS heap after ${soakMin} min playback`, unit: 'MiB' },
  { key: 'heapSamples', label: 'JS heap, samples during playback', unit: 'MiB' },
  { key: 'heapGrowth', label: 'JS heap growth, first → last playback sample', unit: 'KiB', noRatio: true, budgetA: 'none beyond noise', budgetB: 'none beyond noise' },
  { key: 'wasmSoak', label: `wasm memory after ${soakMin} min playback`, unit: 'MiB' },
  { key: 'wasmSamples', label: 'wasm memory, samples during playback', unit: 'MiB' },
  { key: 'wasmGrowth', label: 'wasm memory growth, first → last playback sample', unit: 'KiB', noRatio: true, budgetA: 'none beyond noise', budgetB: 'none beyond noise' },
];
const rows = ROWS.map((r) => (r.section ? r : {
  ...r, a: A[r.key] || null, b: B[r.key] || null, r: R[r.key] || null,
  note: { a: results.default ? '' : 'not run', b: noteFor('stress'), r: noteFor('reference') },
}));
// (r) has no budget column: the issue's budgets are the app's, and the reference is the bar they
// are read against. a/r: how many times the reference's figure the app's is.
const { text, md } = table(rows, {
  parts: [{ column: 'a', budget: 'budgetA' }, { column: 'b', budget: 'budgetB' }, { ratio: ['b', 'a'] }, { column: 'r' }, { ratio: ['a', 'r'] }],
});

// ---- report -----------------------------------------------------------------------------------------

const notes = [];
for (const k of WORKLOAD_SETS.all) if (results[k]) notes.push(`${WORKLOADS[k].title}`);
if (results.stress?.unavailable) {
  notes.push(`(b) NOT MEASURED beyond bytes: ${results.stress.unavailable}` +
    `${results.stress.notices?.length ? `; the page said: ${results.stress.notices.join('; ')}` : ''}.` +
    ' The app must load `?data=<url>&geo=<url>` for this workload.');
}
if (results.reference?.unavailable) {
  // The reference page is ours: not showing its map is a bug in it, and the page's errors say which.
  const errs = results.reference.loadDesktop[0].errors || [];
  notes.push(`(r) NOT MEASURED: ${results.reference.unavailable}${errs.length ? `; the page said: ${errs[0]}` : ''}.`);
}
if (B.bytesFromFiles) notes.push('(b) data bytes are from the files (stress dataset + counties [+ province outline], gzip -9), not from what the page fetched.');
for (const k of WORKLOAD_SETS.all) {
  const r = results[k];
  if (!r) continue;
  const errs = [...ok(r.loadDesktop), ...ok(r.loadSlow), ...ok(r.play)].flatMap((x) => x.errors || [])
    .concat(['slider', 'key'].flatMap((m) => [...(r.stepsDesktop?.[m]?.errors || []), ...(r.stepsSlow?.[m]?.errors || [])]));
  if (errs.length) notes.push(`${WORKLOADS[k].name}: ${errs.length} console errors, first: ${errs[0]}`);
  const bytes = ok(r.loadDesktop)[0]?.bytes;
  if (bytes) {
    notes.push(`${WORKLOADS[k].name}: files fetched (gzip bytes): ${bytes.files.map((f) => `${f.path.replace(/^\/$/, '/ (index.html)')} ${f.gzip}`).join(', ')}`);
  }
  const noFill = [];
  for (const [cond, runs] of [['desktop', r.stepsDesktop], ['4× CPU', r.stepsSlow]]) {
    for (const m of ['slider', 'key']) {
      const x = runs?.[m];
      if (x?.timeouts) notes.push(`${WORKLOADS[k].name}: ${x.timeouts} ${m} steps (${cond}) never changed the date within the timeout`);
      if (x?.steps?.length) noFill.push(`${x.steps.filter((st) => !st.fillsChanged).length}/${x.steps.length} ${m} (${cond})`);
    }
    const c = runs?.key?.charts;
    if (c?.timeouts) notes.push(`${WORKLOADS[k].name}: ${c.timeouts} of ${CHART_STEPS} paced steps (${cond}): the charts never showed the date within the timeout`);
  }
  // Not an error: on some dates every region has the same colour as the day before (the
  // default data is 100 % everywhere from 26 Feb). Those steps still re-render the date.
  if (noFill.some((x) => !x.startsWith('0/'))) notes.push(`${WORKLOADS[k].name}: steps that changed the date but no fill: ${noFill.join(', ')}`);
  const short = ok(r.play).filter((x) => x.changes < PLAY_DATES);
  if (short.length) notes.push(`${WORKLOADS[k].name}: ${short.length} playback runs saw fewer than ${PLAY_DATES} date changes`);
  if (r.soak && !r.soak.failed) notes.push(`${WORKLOADS[k].name}: soak showed ${r.soak.dateChanges} date changes in ${soakMin} min (still playing: ${r.soak.stillPlaying})`);
}
notes.push(`machine: ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadavgStart.map((x) => x.toFixed(2)).join(' ')} at start, ` +
  `${machine.loadavgEnd.map((x) => x.toFixed(2)).join(' ')} at end; Chromium ${machine.chromium}, node ${machine.node}`);

const stamp = started.toISOString().replace(/[:.]/g, '-');
const header = `Browser benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${opts.quick ? ' (--quick)' : ''}: figures, not pass/fail; budgets from the issue beside them`;
console.log(`\n${header}\n`);
console.log(text.join('\n'));
console.log('');
for (const n of notes) console.log(`- ${n}`);

fs.mkdirSync(opts.out, { recursive: true });
const json = {
  format: 'guizhou-map-bench/1', started: started.toISOString(), finished: new Date().toISOString(),
  git: { commit: git, sourceChanged: dirty, referenceChanged: referenceDirty }, options: opts, machine,
  conditions: { desktop: 'no throttling, 1200×900', slow: { cpuSlowdown: SLOW_CPU, network: FAST_3G } },
  workloads: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { ...r, figures: FIGURES[k] }])),
  table: rows.filter((r) => !r.section).map(({ key, label, unit, a, b, r, budgetA, budgetB }) => ({ key, label, unit, a, b, r, budgetA, budgetB })),
  notes,
};
const jsonFile = path.join(opts.out, `${stamp}.json`);
fs.writeFileSync(jsonFile, `${JSON.stringify(json, null, 1)}\n`);
fs.writeFileSync(path.join(opts.out, 'latest.json'), `${JSON.stringify(json, null, 1)}\n`);
fs.writeFileSync(path.join(opts.out, 'latest.md'), `${header}\n\n${md.join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), jsonFile)}, latest.json and latest.md (Markdown table) in ${path.relative(process.cwd(), opts.out) || '.'}`);
