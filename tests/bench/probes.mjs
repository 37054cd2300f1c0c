// Functions that run inside the page. Playwright serialises each one with Function.toString, so
// each must be self-contained: no imports, no closures over this module.
//
// Every time is `performance.now()` in the page, whose zero is the navigation's start: the
// figures do not include Playwright's or CDP's round trips.
//
// "Presented" throughout means: the DOM change happened, then the next requestAnimationFrame
// callback ran (the frame that includes the change is being produced), then a setTimeout(0)
// queued from it ran (that frame's rendering work — style, layout, paint — is done and the
// main thread is free again). It is the closest a page can get to "the reader sees it" without
// a GPU trace, and it is measured the same way for loads and for date steps.

/**
 * Init script (before any of the page's scripts): watches the document from its first byte and
 * records in `window.__bench` when the map is first complete, twice:
 *  - `static`: the first frame in which at least `staticExpected` `[data-region]` elements exist
 *    and all have a fill: the prerendered, no-JavaScript map inside dist/index.html
 *    (`staticExpected` is counted from that file; a smaller count would be a half-parsed map), in
 *    the reader's language (not while `html.static-en` hides the Chinese page: see index.html);
 *  - `live`: the first frame in which the live app is up (`input[type=range]` exists; the
 *    prerendered page has none) and shown (not inside a `#live.pending` whose map is not drawn:
 *    the app mounts there, unseen, and shows in the static page's place once its map is drawn),
 *    and exactly `expected` regions are shown, all filled.
 * Also captures the wasm memory from trunk's `TrunkApplicationStarted` event.
 */
export function loadProbe({ expected, staticExpected }) {
  const b = (window.__bench = {
    expected, staticExpected, wasmStarted: null, staticDom: null, staticFrame: null, staticRegions: 0,
    liveDom: null, liveFrame: null, liveRegions: 0, liveSeenAt: null, lastMutation: 0,
  });
  addEventListener('TrunkApplicationStarted', (e) => {
    b.wasmStarted = performance.now();
    window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory;
  });
  const presented = (key) => requestAnimationFrame(() => setTimeout(() => { b[key] = performance.now(); }, 0));
  let observer = null;
  const check = () => {
    b.lastMutation = performance.now();
    // The app mounts beside the static page, unseen (`#live.pending`), and shows in its place from
    // the frame after its map is drawn (CSS `:has(.map[data-drawn])`, before a script removes the
    // static page): until then, its regions are not on screen, and the static ones are.
    const live = document.getElementById('live');
    const pending = live?.classList.contains('pending') && !live.matches(':has(.map[data-drawn])');
    const all = (scope) => [...scope.querySelectorAll('[data-region]')];
    const isFilled = (rs) => rs.length > 0 && rs.every((r) => r.getAttribute('fill'));
    // For a reader the app will speak English to, the Chinese static page is unseen until
    // index.html's script has put the English one in its place (`html.static-en`).
    const unseen = document.documentElement.classList.contains('static-en');
    const shown = unseen ? [] : all(document).filter((r) => !(pending && live.contains(r)));
    if (b.staticDom === null && isFilled(shown) && shown.length >= staticExpected) {
      b.staticDom = performance.now();
      b.staticRegions = shown.length;
      presented('staticFrame');
    }
    const regions = pending ? [] : all(live ?? document);
    const filled = isFilled(regions);
    if (document.querySelector('input[type=range]') && !pending) {
      // Remembered so that a live app showing the wrong map (e.g. the stress URL parameters are
      // not implemented yet) can be told apart from one that is still loading.
      if (b.liveSeenAt === null) b.liveSeenAt = performance.now();
      b.liveRegions = regions.length;
      if (filled && regions.length === expected && b.liveDom === null) {
        b.liveDom = performance.now();
        presented('liveFrame');
        observer.disconnect(); // nothing more to watch: keep the rest of the page unobserved
      }
    }
  };
  observer = new MutationObserver(check);
  // Observing the Document itself (not documentElement, which may not exist yet) sees every node
  // the HTML parser inserts, including the prerendered map.
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['fill', 'class', 'data-drawn'] });
}

/**
 * Steps the date `count` times, back and forth within the slider's range, by `method`
 * ('slider': set the range input's value and dispatch `input`; 'key': dispatch keydown
 * ArrowRight/ArrowLeft on document.body, which bubbles to the app's document listener).
 * For each step: ms from just before dispatch until `data-current-date` changed ("dom"), and
 * until that change was presented ("frame"); whether any region's fill changed.
 */
export async function dateSteps({ method, count, timeoutMs }) {
  const input = document.querySelector('input[type=range]');
  const min = Number(input.min);
  const max = Number(input.max);
  const shownDate = () => document.querySelector('[data-current-date]')?.getAttribute('data-current-date');
  const fills = () => Array.from(document.querySelectorAll('[data-region]'), (e) => e.getAttribute('fill')).join();
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const steps = [];
  let dir = 1;
  let timeouts = 0;
  await nextFrame(); // start from a quiet main thread
  for (let i = 0; i < count; i++) {
    const index = Number(input.value);
    if (index + dir > max || index + dir < min) dir = -dir; // bounce at the ends
    const before = shownDate();
    const fillsBefore = fills();
    // The attribute may change on the element or the element may be replaced: watch the subtree.
    let observer;
    const changed = new Promise((resolve) => {
      observer = new MutationObserver(() => { if (shownDate() !== before) resolve(performance.now()); });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-current-date'] });
    });
    const timeout = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs));
    const t0 = performance.now();
    if (method === 'slider') {
      input.value = String(index + dir);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: dir > 0 ? 'ArrowRight' : 'ArrowLeft', bubbles: true, cancelable: true }));
    }
    const tDom = await Promise.race([changed, timeout]);
    observer.disconnect();
    if (tDom === null) {
      timeouts++;
      await nextFrame();
      continue;
    }
    await nextFrame();
    const tFrame = performance.now();
    steps.push({ dom: tDom - t0, frame: tFrame - t0, fillsChanged: fills() !== fillsBefore });
  }
  return { steps, timeouts, range: [min, max] };
}

/**
 * Clicks play and records every requestAnimationFrame timestamp until the shown date has
 * changed `dates` times (or `timeoutMs` passed). Returns the timestamps and the number of date
 * changes seen; the caller computes the intervals.
 */
export async function playFrames({ dates, timeoutMs }) {
  const shownDate = () => document.querySelector('[data-current-date]')?.getAttribute('data-current-date');
  const stamps = [];
  const changesAt = [];
  let last = shownDate();
  let running = true;
  let done;
  const finished = new Promise((r) => { done = r; });
  const observer = new MutationObserver(() => {
    const d = shownDate();
    if (d !== last) {
      last = d;
      changesAt.push(performance.now());
      if (changesAt.length >= dates) done();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-current-date'] });
  const frame = (ts) => { stamps.push(ts); if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const t0 = performance.now();
  document.querySelector('button.play').click();
  await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
  running = false;
  observer.disconnect();
  document.querySelector('button.play[aria-pressed="true"]')?.click(); // pause: leave the page quiet
  return { stamps, changes: changesAt.length, elapsed: performance.now() - t0, firstChange: changesAt[0] - t0 };
}

/** Counts date changes from now on (for the soak: proof that playback kept going). */
export function countDateChanges() {
  const shownDate = () => document.querySelector('[data-current-date]')?.getAttribute('data-current-date');
  let last = shownDate();
  window.__dateChanges = 0;
  new MutationObserver(() => {
    const d = shownDate();
    if (d !== last) { last = d; window.__dateChanges++; }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-current-date'] });
}

/**
 * Steps the date `count` times by key press at a reader's pace: after each step, waits until the
 * charts show the new date (`data-date` on `.charts`, which trails the map by a frame, see
 * `core::trailing`) and that frame was presented, then rests `restMs`. Returns, per step, ms from
 * dispatch until the charts' DOM showed the date ("dom") and until the next presented frame
 * ("frame"). The charts change inside an animation frame callback, so they are drawn in that
 * very frame and "frame" counts up to one frame more than the reader waits; "dom" is the start of
 * the frame that shows them. `null` when the page has no such charts (the reference).
 */
export async function chartSteps({ count, restMs, timeoutMs }) {
  const charts = () => document.querySelector('.charts[data-date]');
  if (!charts()) return null;
  const input = document.querySelector('input[type=range]');
  const min = Number(input.min);
  const max = Number(input.max);
  const shownDate = () => document.querySelector('[data-current-date]')?.getAttribute('data-current-date');
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const steps = [];
  let dir = 1;
  let timeouts = 0;
  await nextFrame();
  for (let i = 0; i < count; i++) {
    const index = Number(input.value);
    if (index + dir > max || index + dir < min) dir = -dir;
    const before = shownDate();
    let observer;
    let timer;
    const caughtUp = new Promise((resolve) => {
      const check = () => {
        const d = shownDate();
        if (d !== before && charts()?.dataset.date === d) resolve(performance.now());
      };
      observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-date', 'data-current-date'] });
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const t0 = performance.now();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: dir > 0 ? 'ArrowRight' : 'ArrowLeft', bubbles: true, cancelable: true }));
    const tDom = await caughtUp;
    observer.disconnect();
    clearTimeout(timer);
    if (tDom === null) { timeouts++; continue; }
    await nextFrame();
    steps.push({ dom: tDom - t0, frame: performance.now() - t0 });
    await new Promise((r) => setTimeout(r, restMs));
  }
  return { steps, timeouts };
}
