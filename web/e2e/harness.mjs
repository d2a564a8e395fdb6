// A small harness for the browser tests: a static server for dist/ under a
// sub-path, Debian's Chromium through playwright-core, a request log, the
// native CLI, and assertions that name what differed. No test runner.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';

export const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(WEB, '..');
export const SUB_PATH = '/some/sub/path/';

export class AssertionError extends Error {}

export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

/** Deep equality; on a difference, names the first differing path. */
export function assertEqual(actual, expected, what) {
  if (isDeepStrictEqual(actual, expected)) return;
  const path = firstDifference(actual, expected, '');
  throw new AssertionError(`${what}: differs at ${path.where || '(root)'}: page ${JSON.stringify(path.a)?.slice(0, 300)} vs CLI ${JSON.stringify(path.b)?.slice(0, 300)}`);
}

function firstDifference(a, b, where) {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!isDeepStrictEqual(a[key], b[key])) return firstDifference(a[key], b[key], `${where}/${key}`);
    }
  }
  return { where, a, b };
}

/** Starts scripts/serve.mjs on a free port; resolves to {url, stop}. */
export function startServer(dist) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(WEB, 'scripts', 'serve.mjs'), dist, '--port', '0', '--base', SUB_PATH],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
      const match = output.match(/serving (\S+)/);
      if (match) resolvePromise({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`the static server exited with ${code}: ${output}`)));
  });
}

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'sparkdx-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** Runs the native CLI; returns stdout (exit 0 or 4 expected: a report was printed). */
export function cli(binary, args, cwd) {
  const run = spawnSync(binary, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 4) throw new Error(`sparkdx ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

export function artefactDir() {
  const dir = process.env.SPARKDX_E2E_ARTEFACTS ?? join(REPO, 'build-web-artifacts', 'e2e');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Chromium processes started by this node process (renderers, GPU, ...). */
export function descendantProcesses() {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch { /* the process ended */ }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) if (!mine.has(pid) && mine.has(ppid)) { mine.add(pid); grew = true; }
  }
  mine.delete(process.pid);
  return [...mine];
}

/** Peak resident set (VmHWM, bytes) of this run's Chromium renderer processes: the tab and its worker live there. */
export function rendererPeakRss() {
  let peak = 0;
  for (const pid of descendantProcesses()) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer')) continue;
      const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
      if (match) peak = Math.max(peak, Number(match[1]) * 1024);
    } catch { /* the process ended */ }
  }
  return peak;
}
