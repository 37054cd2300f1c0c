// A static file server for the built dist/, for end-to-end tests and the benchmark.
// Serves `root` under `mount` (e.g. "/news/2020/guizhou-map/") on 127.0.0.1, with correct MIME
// types (application/wasm matters), optional gzip, and nothing else: no SPA fallback, so a missing
// file is a real 404 as on a static host.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts a server. Options: root (directory), mount (URL prefix ending in '/'), gzip (bool),
 * port (0 = any free port), extra ({ '/path': (req, res) => … } handlers checked first),
 * hide (set of file paths relative to root to answer 404 for, to simulate a host that lost a file),
 * override ({ 'relative/path': 'replacement body' }).
 * Resolves to { url, port, close, bytes } where bytes counts body bytes sent per request path.
 */
export function serve({ root, mount = '/', gzip = false, port = 0, extra = {}, hide = new Set(), override = {} }) {
  const bytes = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (extra[url.pathname]) return extra[url.pathname](req, res);
    if (!url.pathname.startsWith(mount)) { res.writeHead(404).end('not found'); return; }
    let rel = decodeURIComponent(url.pathname.slice(mount.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root) + path.sep) || hide.has(rel)) { res.writeHead(404).end('not found'); return; }
    let body;
    if (Object.hasOwn(override, rel)) body = Buffer.from(override[rel]);
    else {
      try { body = fs.readFileSync(file); } catch { res.writeHead(404).end('not found'); return; }
    }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 9 });
      headers['content-encoding'] = 'gzip';
    }
    bytes.set(url.pathname, (bytes.get(url.pathname) || 0) + body.length);
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const p = server.address().port;
      resolve({ url: `http://127.0.0.1:${p}${mount}`, port: p, bytes, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// `node tests/e2e/server.mjs [dir] [port] [mount]` serves a directory by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', port = '8080', mount = '/'] = process.argv.slice(2);
  serve({ root, port: Number(port), mount, gzip: true }).then((s) => console.log(`serving ${root} at ${s.url}`));
}
