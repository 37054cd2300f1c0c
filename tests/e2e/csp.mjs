// The Content-Security-Policy the app runs under, computed for a built dist/: the inline scripts
// (index.html's early start of the data downloads, Trunk's wasm loader) are allowed by their
// SHA-256 hashes; nothing else inline runs.
// `node tests/e2e/csp.mjs [dist]` prints the header (see README, "Content-Security-Policy").
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function cspFor(dist, { connect = [] } = {}) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
    "style-src 'self'",
    // Components position tooltips and markers with style attributes.
    "style-src-attr 'unsafe-inline'",
    // data: for the empty favicon; blob: for PNG export (the SVG is drawn through an image).
    "img-src 'self' data: blob:",
    // Add the hosts readers may load data from with data= / geo= (or https: for any).
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Content-Security-Policy: ${cspFor(process.argv[2] || 'dist')}`);
}
