// Summaries and the printed table. Figures only: budgets are shown beside them, never enforced.

/** Median, p95 (nearest rank: with few runs it is the largest, which is the honest reading), min, max. */
export function summary(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const rank = (q) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
  const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { n: v.length, median, p95: rank(0.95), min: v[0], max: v[v.length - 1] };
}

/** A single measurement (bytes, one soak) as a summary, so every row prints the same way. */
export const single = (x) => (typeof x === 'number' ? { n: 1, median: x, p95: x, min: x, max: x } : null);

const UNITS = {
  ms: (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1)),
  kB: (x) => (x / 1000).toFixed(1), // kB = 1000 bytes, as in the budgets
  MiB: (x) => (x / 1048576).toFixed(2),
  KiB: (x) => (x / 1024).toFixed(0), // memory growth: one wasm page is 64 KiB

  n: (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1)),
};

export function fmt(x, unit) {
  return typeof x === 'number' && Number.isFinite(x) ? UNITS[unit](x) : '–';
}

/**
 * rows: [{ label, unit, a, b, r, budgetA, budgetB, note: { a, b, r }, noRatio }] where a/b/r are
 * summaries (or null) and a note replaces a missing summary ("not run"); noRatio for
 * differences, whose ratio means nothing (0 KiB vs 0 KiB).
 * parts: the columns after figure and unit, in order: `{ column: 'a', budget: 'budgetA' }` (median,
 * p95, min–max, n, and a budget column if `budget` names one) or `{ ratio: ['b', 'a'] }` (b's
 * median ÷ a's, headed "b/a"). Returns the lines of a fixed-width text table and of a Markdown
 * table with the same content.
 */
export function table(rows, { parts }) {
  const cells = (s, unit, note) => (s
    ? [fmt(s.median, unit), s.n > 1 ? fmt(s.p95, unit) : '', s.n > 1 ? `${fmt(s.min, unit)}–${fmt(s.max, unit)}` : '', String(s.n)]
    : [note || '–', '', '', '']);
  const ratio = (r, [num, den]) => {
    const x = r[num];
    const y = r[den];
    if (r.noRatio || !x || !y || !y.median) return '';
    if (x.median === 0 && y.median === 0) return '';
    return `×${(x.median / y.median).toFixed(2)}`;
  };
  const head = ['figure', 'unit'];
  const right = new Set();
  const mark = (h) => { right.add(head.length); head.push(h); };
  for (const p of parts) {
    if (p.ratio) { mark(p.ratio.join('/')); continue; }
    [`${p.column}: median`, 'p95', 'min–max', 'n'].forEach(mark);
    if (p.budget) head.push('budget');
  }
  const body = rows.map((r) => {
    if (r.section) return [r.section];
    const c = [r.label, r.unit === 'n' ? '' : r.unit];
    for (const p of parts) {
      if (p.ratio) { c.push(ratio(r, p.ratio)); continue; }
      c.push(...cells(r[p.column], r.unit, r.note?.[p.column]));
      if (p.budget) c.push(r[p.budget] || '');
    }
    return c;
  });

  const widths = head.map((h, i) => Math.max(h.length, ...body.filter((c) => c.length > 1).map((c) => String(c[i]).length)));
  const line = (c) => c.map((x, i) => (right.has(i) ? String(x).padStart(widths[i]) : String(x).padEnd(widths[i]))).join('  ').trimEnd();
  const text = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const c of body) text.push(c.length === 1 ? `· ${c[0]}` : line(c));

  const md = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (right.has(i) ? '---:' : '---')).join('|')}|`];
  for (const c of body) md.push(c.length === 1 ? `| **${c[0]}** |${' |'.repeat(head.length - 1)}` : `| ${c.join(' | ')} |`);
  return { text, md };
}
