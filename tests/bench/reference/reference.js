// The benchmark's reference page (see index.html): the "lean hand-written reference",
// D3 v7 drawing one SVG <path> per prefecture, for tests/bench/bench.mjs to measure beside the
// app with the same probes. Not part of the product. It has exactly the hooks the probes use —
// input[type=range], [data-current-date], [data-region] paths with a `fill` attribute,
// ArrowLeft/ArrowRight on the document, button.play with aria-pressed — and nothing more: no
// charts, tooltips, legend, URL writing or notices.
'use strict';

const params = new URLSearchParams(location.search);
// The URL parameters the benchmark opens: date, speed (dates per second; 0.1–30 and 1 by
// default, as in the app) and loop. `dwell` is ignored: this page has no events to hold on.
const speed = Math.min(30, Math.max(0.1, Number(params.get('speed')) || 1));
const loop = params.get('loop') === '1';

const color = d3.scaleSequential(d3.interpolateYlGnBu).domain([0, 100]);
const MISSING = '#bbb';

/** A value as the dataset stores it (static/data/README.md): a rate, {rate}, {more_than}, {resumed, due} or null. */
function rate(v) {
  if (typeof v === 'number') return v;
  if (v == null) return null;
  if (typeof v.rate === 'number') return v.rate;
  if (typeof v.more_than === 'number') return v.more_than; // a lower bound: shown at the bound
  if (v.due > 0) return (100 * v.resumed) / v.due;
  return null;
}

Promise.all([d3.json('static/data/resumption-2020.json'), d3.json('static/geo/guizhou-prefectures.geojson')]).then(([data, geo]) => {
  const dates = data.dates;
  const last = dates.length - 1;
  // D3 takes a polygon's exterior ring to run clockwise; RFC 7946 GeoJSON (this file) runs it
  // anticlockwise, which D3 reads as the whole globe minus the prefecture. Turn those around.
  for (const f of geo.features) {
    if (d3.geoArea(f) > 2 * Math.PI) {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const polygon of polygons) for (const ring of polygon) ring.reverse();
    }
  }
  // Every fill, by feature and date index, computed once: a date step only looks them up.
  const fillOf = (v) => (rate(v) == null ? MISSING : color(rate(v)));
  const byCode = new Map(data.regions.map((r) => [r.code, r.values.map(fillOf)]));
  const codeOf = (f) => String(f.properties?.adcode ?? f.id);
  const fills = geo.features.map((f) => byCode.get(codeOf(f)) || []);

  const svg = d3.select('#map');
  const [, , width, height] = svg.attr('viewBox').split(' ').map(Number);
  const projection = d3.geoConicEqualArea().parallels([25, 29]).rotate([-106.8, 0]).fitSize([width, height], geo);
  const paths = svg.selectAll('path').data(geo.features).join('path')
    .attr('data-region', codeOf)
    .attr('d', d3.geoPath(projection));

  const controls = d3.select('#controls');
  const play = controls.append('button').attr('type', 'button').attr('class', 'play').attr('aria-pressed', 'false').text('Play');
  const slider = controls.append('input').attr('type', 'range').attr('min', 0).attr('max', last).attr('step', 1).attr('aria-label', 'Date');
  const label = controls.append('span');

  let index = -1;
  // A date step changes the fills and the date text, nothing else (the fills first, so the
  // probes' "DOM updated", seen on data-current-date, includes them).
  function show(i) {
    index = Math.max(0, Math.min(last, i));
    paths.attr('fill', (_, k) => fills[k][index] ?? MISSING);
    slider.property('value', index);
    label.attr('data-current-date', dates[index]).text(dates[index]);
  }
  const start = dates.indexOf(params.get('date'));
  show(start >= 0 ? start : last);

  slider.on('input', (e) => show(Number(e.target.value)));
  d3.select(document).on('keydown', (e) => {
    if (e.target === slider.node()) return; // the focused slider moves itself and fires `input`
    if (e.key === 'ArrowRight') show(index + 1);
    else if (e.key === 'ArrowLeft') show(index - 1);
    else return;
    e.preventDefault();
  });

  // Playback as the app's rules have it: a date every 1000 / speed ms; the last date stops it
  // unless looping; pressing play at the last date starts again from the first.
  let timer = null;
  function pause() {
    if (timer) timer.stop();
    timer = null;
    play.attr('aria-pressed', 'false').text('Play');
  }
  play.on('click', () => {
    if (timer) return pause();
    if (index === last && !loop) show(0);
    play.attr('aria-pressed', 'true').text('Pause');
    timer = d3.interval(() => {
      show(index === last ? 0 : index + 1);
      if (index === last && !loop) pause();
    }, 1000 / speed);
  });
});
