#!/usr/bin/env node
// A tiny static file server for the built page (dist/): 127.0.0.1 only, no
// dependencies, correct MIME types for .wasm and .mjs. Used by `make demo`
// and the e2e tests.
//
//   node scripts/serve.mjs <dir> [--port N] [--base /sub/path/]
//
// --port 0 picks a free port. --base serves the directory under a sub-path
// (to check that dist/ works there). Prints "serving <url>" once listening.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const port = Number(option('--port', '8080'));
let base = option('--base', '/');
if (!base.startsWith('/')) base = '/' + base;
if (!base.endsWith('/')) base += '/';
const root = resolve(args[0] ?? 'dist');

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400).end('bad path');
    return;
  }
  if (pathname === base.slice(0, -1)) {
    response.writeHead(301, { Location: base }).end();
    return;
  }
  if (!pathname.startsWith(base) || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404).end('not found');
    return;
  }
  let file = normalize(join(root, pathname.slice(base.length)));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end('forbidden');
    return;
  }
  let stat;
  try {
    stat = statSync(file);
    if (stat.isDirectory()) {
      file = join(file, 'index.html');
      stat = statSync(file);
    }
  } catch {
    response.writeHead(404).end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
});

// A busy fixed port (another demo running) falls back to a free one.
server.on('error', (error) => {
  if (error.code === 'EADDRINUSE' && port !== 0) {
    console.error(`port ${port} is busy; picking a free one`);
    server.listen(0, '127.0.0.1');
  } else {
    console.error(`serve: ${error.message}`);
    process.exit(1);
  }
});
server.on('listening', () => {
  const address = server.address();
  console.log(`serving http://127.0.0.1:${address.port}${base}`);
});
server.listen(port, '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
