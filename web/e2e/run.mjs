#!/usr/bin/env node
// End-to-end tests of the built page (dist/) in Debian's Chromium: the report
// a user sees and exports must be the report the native CLI prints.
//
//   node e2e/run.mjs --cli <path to native sparkdx> [--gen <path to gen_eventlog>] [--only name,...]
//
// dist/ is served under a sub-path (SUB_PATH) by scripts/serve.mjs, so every
// test also checks that the page works from a static host under a sub-path.
// Every request of every page is recorded and must stay on the page's origin.
// Screenshots go to build-web-artifacts/e2e/ (or $SPARKDX_E2E_ARTEFACTS).
// The large-file test generates a plain log of $SPARKDX_E2E_BIG_BYTES (default
// 2G) with gen_eventlog into the temp directory and deletes it afterwards;
// without --gen it is skipped with a message.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { REPO, WEB, assert, assertEqual, artefactDir, cli, launchBrowser, rendererPeakRss, startServer } from './harness.mjs';

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const CLI = option('--cli') && resolve(option('--cli'));
const GEN = option('--gen') && resolve(option('--gen'));
const ONLY = option('--only')?.split(',');
const DIST = join(WEB, 'dist');
if (!CLI || !existsSync(CLI)) { console.error('e2e: --cli <native sparkdx> is required'); process.exit(2); }
if (!existsSync(join(DIST, 'index.html'))) { console.error('e2e: web/dist is missing; run `npm run build` in web/ first'); process.exit(2); }

const sample = (...parts) => join(REPO, 'samples', ...parts);
const ARTEFACTS = artefactDir();
const server = await startServer(DIST);
const origin = new URL(server.url).origin;
const browser = await launchBrowser();
const requests = [];
browser.context.on('request', (request) => requests.push(request.url()));

// ------------------------------------------------------------------ helpers

async function openPage(hash = '') {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(server.url + hash);
  await page.waitForSelector('body[data-state="idle"]', { timeout: 30_000 });
  page.problems = problems;
  return page;
}

async function waitForEnd(page, timeout = 60_000) {
  await page.waitForSelector('body:not([data-state="running"]):not([data-state="idle"]):not([data-state="loading"])', { timeout });
  return page.evaluate(() => document.body.dataset.state);
}

async function analyzeFiles(page, files, timeout) {
  await page.setInputFiles('#file', files);
  return waitForEnd(page, timeout);
}

/** A drop of files made in the page, as a user's drag-and-drop delivers them. */
async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: basename(f), base64: readFileSync(f).toString('base64') }));
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const { name, base64 } of items) {
      const raw = atob(base64);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; ++i) bytes[i] = raw.charCodeAt(i);
      transfer.items.add(new File([bytes], name));
    }
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
  return waitForEnd(page);
}

async function download(page, buttonId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#${buttonId}`)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

/** What the page shows, read from the DOM. */
function shown(page) {
  return page.evaluate(() => {
    const data = (selector, attribute) => document.querySelector(selector)?.getAttribute(attribute) ?? null;
    return {
      id: JSON.parse(data('[data-fact="id"]', 'data-value') ?? 'null'),
      duration_ms: JSON.parse(data('[data-fact="duration_ms"]', 'data-value') ?? 'null'),
      parts: [...document.querySelectorAll('[data-part]')].map((e) => ({ part: e.dataset.part, ms: Number(e.dataset.ms), share: Number(e.dataset.share), text: e.textContent })),
      findings: [...document.querySelectorAll('article[data-rule-id]')].map((e) => ({ rule_id: e.dataset.ruleId, severity: e.dataset.severity, saving_ms: Number(e.dataset.savingMs) })),
      accounting: Object.fromEntries([...document.querySelectorAll('[data-accounting]')].map((e) => [e.dataset.accounting, Number(e.dataset.value)])),
      inputs: [...document.querySelectorAll('#inputs-table tbody tr')].map((r) => r.cells[0].textContent),
      messages: [...document.querySelectorAll('#messages .message')].map((m) => ({ kind: m.className.replace('message ', ''), text: m.textContent })),
    };
  });
}

const percent = (share) => `${(share * 100).toFixed(1)}%`;

/** The page's numbers and findings equal the CLI report's (first application). */
function assertShownEqualsCli(view, report, what) {
  const app = report.applications[0];
  assertEqual(view.id, app.id, `${what}: application id`);
  assertEqual(view.duration_ms, app.duration_ms, `${what}: duration`);
  assertEqual(view.parts, app.breakdown.parts.map((p) => ({ part: p.part, ms: p.ms, share: p.share, text: percent(p.share) })), `${what}: breakdown`);
  assertEqual(view.findings, app.findings.map((f) => ({ rule_id: f.rule_id, severity: f.severity, saving_ms: f.impact.saving_ms })), `${what}: findings`);
  const { lines, events, blank_lines, malformed_lines, unknown_events } = report.accounting;
  assertEqual(view.accounting, { lines, events, blank_lines, malformed_lines, unknown_events }, `${what}: accounting`);
  assertEqual(view.inputs, report.inputs.map((i) => i.name), `${what}: inputs`);
}

/** `sparkdx analyze --format <format> <name>` run where the file lies, so names match the page's. */
const cliReport = (file, format = 'json') => cli(CLI, ['analyze', '--format', format, basename(file)], dirname(file));

async function checkFile(page, file, what) {
  const view = await shown(page);
  const report = JSON.parse(cliReport(file));
  assertShownEqualsCli(view, report, what);
  const exported = await download(page, 'export-json');
  assertEqual(JSON.parse(exported.text), report, `${what}: exported JSON`);
  return { view, report, exported };
}

function assertNoProblems(page) {
  assert(page.problems.length === 0, `console errors: ${page.problems.join(' | ')}`);
}

// ------------------------------------------------------------------ tests

const tests = [];
const test = (name, body) => tests.push({ name, body });

test('plain log: page and JSON export equal the CLI', async () => {
  const page = await openPage();
  const file = sample('plain', 'app-20250301130000-0008');
  assertEqual(await analyzeFiles(page, file), 'done', 'state');
  await checkFile(page, file, 'plain');
  await screenshot(page, 'plain');
  assertNoProblems(page);
  await page.close();
});

test('zstd log: page, JSON, Markdown and HTML exports', async () => {
  const page = await openPage();
  const file = sample('diagnosis', 'task_skew_shuffle_key.zstd');
  assertEqual(await analyzeFiles(page, file), 'done', 'state');
  const { exported, report } = await checkFile(page, file, 'zstd');
  assertEqual(exported.text.trimEnd(), cliReport(file).trimEnd(), 'JSON export text vs CLI stdout');
  const markdown = await download(page, 'export-markdown');
  assertEqual(markdown.text, cliReport(file, 'markdown'), 'Markdown export vs CLI --format markdown');
  const html = await download(page, 'export-html');
  assert(/^<!doctype html>/i.test(html.text), 'HTML export is an HTML document');
  assert(!/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html.text), 'HTML export loads nothing from elsewhere');
  assert(html.text.includes(report.applications[0].id), 'HTML export names the application');
  assert(report.applications[0].findings.every((f) => html.text.includes(f.rule_id)), 'HTML export lists every finding');
  // The core renders the HTML when the build has it (else the page's snapshot): then it is the CLI's.
  const cliHtml = spawnSync(CLI, ['analyze', '--format', 'html', basename(file)], { cwd: dirname(file), encoding: 'utf8' });
  if (cliHtml.status === 0 && !html.text.includes('sparkdx web page snapshot')) assertEqual(html.text, cliHtml.stdout, 'HTML export vs CLI --format html');
  await screenshot(page, 'zstd');
  assertNoProblems(page);
  await page.close();
});

test('broken file: the error and the partial report are shown', async () => {
  const page = await openPage();
  const file = sample('broken', 'app-20250301160000-0013-truncated.zstd');
  assertEqual(await analyzeFiles(page, file), 'done', 'state');
  const { view, report } = await checkFile(page, file, 'broken');
  const broken = report.inputs.find((i) => i.status !== 'ok');
  assert(broken && broken.error, 'the CLI reports the file as not ok');
  assert(view.messages.some((m) => m.kind !== 'info' && m.text.includes(broken.error)), `the page shows "${broken.error}"`);
  assert(report.applications.length > 0 && view.id === report.applications[0].id, 'the partial report is shown');
  await screenshot(page, 'broken');
  await page.close();
});

test('folder (rolling directory) via the folder picker', async () => {
  const page = await openPage();
  const folder = sample('rolling', 'eventlog_v2_app-20250301140000-0009');
  await page.setInputFiles('#folder', folder);
  assertEqual(await waitForEnd(page), 'done', 'state');
  const view = await shown(page);
  const report = JSON.parse(cli(CLI, ['analyze', '--format', 'json', basename(folder)], dirname(folder)));
  assertShownEqualsCli(view, report, 'rolling');
  assertEqual(JSON.parse((await download(page, 'export-json')).text), report, 'rolling: exported JSON');
  await screenshot(page, 'rolling');
  await page.close();
});

test('History Server zip, dropped', async () => {
  const page = await openPage();
  const file = sample('zip', 'eventLogs-application_1740830400000_0011.zip');
  assertEqual(await dropFiles(page, [file]), 'done', 'state');
  await checkFile(page, file, 'zip');
  await screenshot(page, 'zip');
  await page.close();
});

test('try a sample', async () => {
  const page = await openPage();
  await page.selectOption('#sample', { index: 0 });
  await page.click('#try-sample');
  assertEqual(await waitForEnd(page), 'done', 'state');
  const report = JSON.parse(cliReport(sample('demo', 'app-20250301120000-0007.zstd')));
  assertShownEqualsCli(await shown(page), report, 'demo sample');
  await page.close();
});

test('deep links to a finding and to a stage', async () => {
  const file = sample('diagnosis', 'task_skew_shuffle_key.zstd');
  const report = JSON.parse(cliReport(file));
  const skew = report.applications[0].findings.find((f) => f.entity.kind === 'stage');
  assert(skew, 'the sample has a stage finding');
  // A link opened before the log is dropped applies once the report is there.
  const page = await openPage(`#stage=${skew.entity.id}`);
  assertEqual(await analyzeFiles(page, file), 'done', 'state');
  const [stage, attempt] = skew.entity.id.split('.');
  const row = page.locator(`#stage-${stage}-${attempt}`);
  assert(await row.evaluate((e) => e.classList.contains('target')), 'the stage row is the link target');
  await page.waitForSelector(`#stage-${stage}-${attempt} + tr.stage-details:not([hidden]) table`, { timeout: 10_000 });
  const medianShown = await page.locator(`#stage-${stage}-${attempt} + tr.stage-details table tbody tr`).nth(1).evaluate((r) => r.cells[3].textContent);
  const runTime = JSON.parse(cli(CLI, ['rest', basename(file), `applications/${report.applications[0].id}/stages/${stage}/${attempt}/taskSummary?quantiles=0,0.25,0.5,0.75,1.0`], dirname(file))).executorRunTime;
  assert(medianShown === `${(runTime[2] / 1000).toFixed(1)} s`, `stage median ${medianShown} vs REST ${runTime[2]} ms`);
  await screenshot(page, 'deep-link-stage');
  const index = report.applications[0].findings.indexOf(skew);
  await page.evaluate((i) => { location.hash = `finding=${i}`; }, index);
  await page.waitForSelector(`#finding-${index}.target`, { timeout: 5_000 });
  assertEqual(await page.locator(`#finding-${index}`).getAttribute('data-rule-id'), skew.rule_id, 'linked finding');
  // A link names a finding by its rule id too.
  await page.evaluate((id) => { location.hash = `finding=${id}`; }, skew.rule_id);
  await page.waitForSelector(`[data-rule-id="${skew.rule_id}"].target`, { timeout: 5_000 });
  await screenshot(page, 'deep-link-finding');
  assertNoProblems(page);
  await page.close();
});

test('views: timeline, utilisation, SQL plan, executors, configuration search', async () => {
  const page = await openPage();
  const file = sample('diagnosis', 'broadcast_candidate.zstd');
  assertEqual(await analyzeFiles(page, file), 'done', 'state');
  const report = JSON.parse(cliReport(file));
  const id = report.applications[0].id;
  for (const section of ['summary', 'findings', 'timeline', 'utilisation', 'stages', 'sql', 'executors', 'config', 'input']) {
    assert(await page.locator(`section#${section}`).count() === 1, `section ${section} is shown`);
  }
  assert(await page.locator('#timeline canvas').count() === 1 && await page.locator('#utilisation canvas').count() === 1, 'charts drawn');
  const executors = JSON.parse(cli(CLI, ['rest', basename(file), `applications/${id}/allexecutors`], dirname(file)));
  assertEqual(await page.locator('#executors-table tbody tr').count(), executors.length, 'executor rows');
  const sql = JSON.parse(cli(CLI, ['rest', basename(file), `applications/${id}/sql?details=true&planDescription=false`], dirname(file)));
  assertEqual(await page.locator('details.sql-execution').count(), sql.length, 'SQL executions');
  await page.locator('details.sql-execution summary').first().click();
  // The tree is drawn when the execution is opened: wait for it before counting.
  await page.locator('details.sql-execution').first().locator('[data-node]').first().waitFor({ timeout: 30_000 });
  const nodesShown = await page.locator('details.sql-execution').first().locator('[data-node]').count();
  const inEdges = new Set(sql[0].edges.flatMap((e) => [e.fromId, e.toId]));
  assertEqual(nodesShown, sql[0].nodes.filter((n) => inEdges.has(n.nodeId) || !/^WholeStageCodegen/.test(n.nodeName)).length, 'plan tree nodes');
  const simulation = report.applications[0].simulation;
  if (simulation?.scenarios) {  // the what-if section, when the core writes one
    assertEqual(await page.locator('#scenarios-table tbody tr').count(), simulation.scenarios.length, 'what-if scenarios');
  }
  await page.fill('#config-search', 'spark.executor.memory');
  const visible = await page.locator('#config-table tbody tr:not([hidden])').count();
  assert(visible >= 1 && visible < await page.locator('#config-table tbody tr').count(), 'the configuration search filters');
  await screenshot(page, 'views');
  assertNoProblems(page);
  await page.close();
});

test('large file: cancel, then a full run with bounded memory and progress throughout', async () => {
  if (!GEN || !existsSync(GEN)) { console.log('    skipped: no --gen <gen_eventlog>'); return; }
  const size = process.env.SPARKDX_E2E_BIG_BYTES ?? '2G';
  const big = join(tmpdir(), `sparkdx-e2e-big-${process.pid}`);
  try {
    let t = Date.now();
    const gen = spawnSync(GEN, ['--bytes', size, '--out', big, '--quiet'], { stdio: 'inherit' });
    assert(gen.status === 0, `gen_eventlog exited ${gen.status}`);
    const bytes = statSync(big).size;
    console.log(`    generated ${(bytes / 1e9).toFixed(2)} GB in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const page = await openPage();
    // Cancel: stop after the first progress update.
    await page.setInputFiles('#file', big);
    await page.waitForFunction(() => Number(document.getElementById('progress-text').dataset.bytesDone ?? 0) > 0, null, { timeout: 60_000 });
    await page.click('#cancel');
    assertEqual(await waitForEnd(page), 'cancelled', 'state after cancel');
    // The full run, sampling the main thread's JS heap meanwhile.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let heapPeak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { metrics } = await cdp.send('Performance.getMetrics');
        heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const started = Date.now();
    await page.setInputFiles('#file', big);
    const state = await waitForEnd(page, 600_000);
    const seconds = (Date.now() - started) / 1000;
    sampling = false;
    await sampler;
    assertEqual(state, 'done', 'state');
    const log = await page.evaluate(() => window.sparkdxProgressLog);
    const wasm = Number(await page.evaluate(() => document.body.dataset.wasmMemoryBytes));
    const rss = rendererPeakRss();
    // Progress arrived throughout: every tenth of the file saw an update.
    const tenths = new Set(log.map((p) => Math.min(9, Math.floor((10 * p.bytesDone) / bytes))));
    assertEqual(tenths.size, 10, `progress updates in every tenth of the file (${log.length} updates)`);
    assert(log.every((p, i) => i === 0 || p.bytesDone >= log[i - 1].bytesDone), 'progress never goes back');
    assertEqual(log[log.length - 1].bytesDone, bytes, 'progress ends at the file size');
    t = Date.now();
    const report = JSON.parse(cliReport(big));
    console.log(`    the native CLI took ${((Date.now() - t) / 1000).toFixed(1)} s for the same file`);
    assertShownEqualsCli(await shown(page), report, 'large');
    console.log(`    ${(bytes / 1e9).toFixed(2)} GB in ${seconds.toFixed(1)} s (${(bytes / 1e6 / seconds).toFixed(0)} MB/s), ${log.length} progress updates;` +
      ` peak memory: renderer VmHWM ${(rss / 2 ** 20).toFixed(0)} MiB, worker WASM memory ${(wasm / 2 ** 20).toFixed(0)} MiB,` +
      ` main-thread JSHeapUsedSize ${(heapPeak / 2 ** 20).toFixed(1)} MiB`);
    // Bounded: the tab holds the task store and a few 4 MiB pieces, never the log. A fixed
    // ceiling (the renderer itself takes ~150 MiB) well below the default 2 GB log.
    const RSS_CEILING = 768 * 2 ** 20;
    assert(rss < RSS_CEILING, `renderer peak ${rss} bytes is above ${RSS_CEILING} (log: ${bytes} bytes)`);
    assert(wasm < 512 * 2 ** 20, `the worker's WebAssembly memory (${wasm} bytes) stays small`);
    assert(heapPeak < 64 * 2 ** 20, `the main thread never held the log (JS heap peak ${heapPeak})`);
    await screenshot(page, 'large');
    await page.close();
  } finally {
    rmSync(big, { force: true });
  }
});

test('zero egress: every request stayed on the origin', async () => {
  assert(requests.length > 0, 'requests were recorded');
  assert(requests.some((u) => u.endsWith('.wasm')), 'the WebAssembly core request was recorded');
  const away = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assertEqual(away, [], 'requests that left the origin');
  assert(requests.every((u) => !u.startsWith(origin + '/') || new URL(u).pathname.startsWith('/some/sub/path/')), 'every asset came from under the sub-path');
  console.log(`    ${requests.length} requests, all to ${origin}`);
});

test('through sparkdx proxy: a History Server application, credentials kept in the proxy', async () => {
  // A History Server fake behind basic auth, serving the History Server zip sample as an application's logs.
  const zip = sample('zip', 'eventLogs-application_1740830400000_0011.zip');
  const appId = 'application_1740830400000_0011';
  const upstreamRequests = [];
  const upstream = createServer((request, response) => {
    upstreamRequests.push(request.url);
    if (request.headers.authorization !== `Basic ${Buffer.from('alice:s3cret').toString('base64')}`) {
      response.writeHead(401).end('login required');
      return;
    }
    if (request.url.startsWith('/api/v1/applications?') || request.url === '/api/v1/applications') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify([{ id: appId, name: 'daily rollup', attempts: [{ completed: true, duration: 1, sparkUser: 'etl' }] }]));
    } else if (request.url === `/api/v1/applications/${appId}/logs`) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      response.end(readFileSync(zip));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((ok) => upstream.listen(0, '127.0.0.1', ok));
  try {
    await withProxy([{ name: 'prod', kind: 'history-server', url: `http://127.0.0.1:${upstream.address().port}`,
      basic_auth_env: 'SPARKDX_E2E_SHS_AUTH' }], { SPARKDX_E2E_SHS_AUTH: 'alice:s3cret' }, async (page, proxyOrigin, seen) => {
      await page.click('#remote-list');
      await page.waitForSelector('#remote-app:not([hidden])', { timeout: 30_000 });
      assertEqual(await page.$eval('#remote-app', (s) => s.value), 'application_1740830400000_0011', 'the listed application');
      await page.click('#remote-load');
      assertEqual(await waitForEnd(page), 'done', 'state');
      // The page analysed the zip under the name a History Server download has: the CLI's report for that file.
      await checkFile(page, zip, 'proxy');
      await screenshot(page, 'proxy');
      assert(!seen.some((u) => u.includes('s3cret')) && !(await page.content()).includes('s3cret'), 'the credential never reached the page');
      assert(upstreamRequests.includes(`/api/v1/applications/${appId}/logs`), 'the proxy fetched the logs upstream');
    });
  } finally {
    upstream.close();
  }
});

test('through sparkdx proxy: an EMR cluster, through its persistent application UI', async () => {
  // An EMR fake: the JSON API (signed requests are checked against botocore in tests/fetch; here the
  // page's path is under test), the presigned URL that sets a session cookie, and the History Server
  // under /shs that wants that cookie.
  const zip = sample('zip', 'eventLogs-application_1740830400000_0011.zip');
  const appId = 'application_1740830400000_0011';
  let signed = 0;
  const upstream = createServer((request, response) => {
    const json = (status, body) => response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
    if (request.method === 'POST') {
      if ((request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=AKIDE2E/')) signed += 1;
      const action = (request.headers['x-amz-target'] ?? '').split('.').pop();
      const port = upstream.address().port;
      if (action === 'DescribeCluster') json(200, { Cluster: { Id: 'j-E2E', ClusterArn: 'arn:aws:elasticmapreduce:us-east-1:1:cluster/j-E2E' } });
      else if (action === 'CreatePersistentAppUI') json(200, { PersistentAppUIId: 'p-e2e' });
      else if (action === 'DescribePersistentAppUI') json(200, { PersistentAppUI: { PersistentAppUIStatus: 'ATTACHED' } });
      else if (action === 'GetPersistentAppUIPresignedURL') json(200, { PresignedURLReady: true, PresignedURL: `http://127.0.0.1:${port}/p-e2e/?authToken=t1` });
      else json(400, { __type: 'UnknownOperationException' });
    } else if (request.url === '/p-e2e/?authToken=t1') {
      response.writeHead(302, { 'Set-Cookie': 'emr_session=s1; Path=/; HttpOnly', Location: '/shs/' }).end();
    } else if (!(request.headers.cookie ?? '').includes('emr_session=s1')) {
      response.writeHead(403).end();
    } else if (request.url === '/shs/') {
      response.writeHead(200).end();
    } else if (request.url.startsWith('/shs/api/v1/applications?') || request.url === '/shs/api/v1/applications') {
      json(200, [{ id: appId, name: 'daily rollup', attempts: [{ completed: true, duration: 1, sparkUser: 'etl' }] }]);
    } else if (request.url === `/shs/api/v1/applications/${appId}/logs`) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(readFileSync(zip));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((ok) => upstream.listen(0, '127.0.0.1', ok));
  const secret = 'e2e-emr-secret-key';
  try {
    await withProxy([{ name: 'emr', kind: 'emr', cluster_id: 'j-E2E', region: 'us-east-1',
      endpoint: `http://127.0.0.1:${upstream.address().port}` }],
    { AWS_ACCESS_KEY_ID: 'AKIDE2E', AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_REGION: 'us-east-1' },
    async (page, proxyOrigin, seen) => {
      await page.click('#remote-list');
      await page.waitForSelector('#remote-app:not([hidden])', { timeout: 30_000 });
      await page.click('#remote-load');
      assertEqual(await waitForEnd(page), 'done', 'state');
      await checkFile(page, zip, 'proxy emr');
      assert(signed >= 4, `the proxy signed its EMR API calls (${signed} signed)`);
      assert(!seen.some((u) => u.includes(secret) || u.includes('authToken')) && !(await page.content()).includes(secret),
        'neither the AWS secret nor the presigned token reached the page');
    });
  } finally {
    upstream.close();
  }
});

test('through sparkdx proxy: a running Databricks cluster, its log rebuilt from the Spark UI', async () => {
  // A workspace fake: the cluster runs and delivers no logs; its driver proxy serves the Spark UI of
  // samples/databricks' application (answered by `sparkdx rest`), whose logs zip is empty, as a live UI's is.
  const cluster = '0301-150000-abcd1234';
  const folder = sample('databricks', cluster);
  const token = 'dapi-e2e';
  const live = `/driver-proxy-api/o/0/${cluster}/40001/api/v1/`;
  const upstream = createServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      response.writeHead(403, { 'Content-Type': 'application/json' }).end('{"error_code":"PERMISSION_DENIED"}');
    } else if (request.url.startsWith('/api/2.1/clusters/get?')) {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ cluster_id: cluster, state: 'RUNNING', spark_context_id: 1, cluster_log_conf: {} }));
    } else if (request.url.startsWith(live) && request.url.endsWith('/logs')) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.from([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]));
    } else if (request.url.startsWith(live)) {
      const answer = spawnSync(CLI, ['rest', folder, decodeURIComponent(request.url.slice(live.length))], { encoding: 'utf8' });
      response.writeHead(answer.status === 0 ? 200 : 404, { 'Content-Type': 'application/json' });
      response.end(answer.status === 0 ? answer.stdout : JSON.stringify({ message: answer.stderr }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((ok) => upstream.listen(0, '127.0.0.1', ok));
  try {
    await withProxy([{ name: 'dbx', kind: 'databricks', url: `http://127.0.0.1:${upstream.address().port}`,
      token_env: 'SPARKDX_E2E_DBX_TOKEN' }], { SPARKDX_E2E_DBX_TOKEN: token }, async (page, proxyOrigin, seen) => {
      await page.fill('#remote-cluster', cluster);
      await page.click('#remote-load');
      assertEqual(await waitForEnd(page), 'done', 'state');
      const view = await shown(page);
      const app = JSON.parse(cli(CLI, ['analyze', '--format', 'json', folder], REPO)).applications[0];
      assertEqual(view.id, app.id, 'databricks: application id');
      assertEqual(view.duration_ms, app.duration_ms, 'databricks: duration');
      assertEqual(view.parts, app.breakdown.parts.map((p) => ({ part: p.part, ms: p.ms, share: p.share, text: percent(p.share) })), 'databricks: breakdown');
      assertEqual(view.findings, app.findings.map((f) => ({ rule_id: f.rule_id, severity: f.severity, saving_ms: f.impact.saving_ms })), 'databricks: findings');
      assertEqual(view.inputs, [`eventLogs-${app.id}.json`], 'databricks: the rebuilt log, named as JSON lines');
      assert(seen.some((u) => u.endsWith(`/clusters/${cluster}/log`)), 'the page asked for the cluster UI log after the 409');
      assert(!seen.some((u) => u.includes(token)) && !(await page.content()).includes(token), 'the token never reached the page');
      await screenshot(page, 'proxy-databricks');
    });
  } finally {
    upstream.close();
  }
});

/** Starts `sparkdx proxy` with these sources serving the built page, opens it, waits for the remote panel,
 * runs `body(page, origin, requestedUrls)`, then checks no request left the proxy's origin. */
async function withProxy(sources, env, body) {
  const free = createServer();
  await new Promise((ok) => free.listen(0, '127.0.0.1', ok));
  const proxyPort = free.address().port;
  await new Promise((ok) => free.close(ok));
  const config = join(tmpdir(), `sparkdx-e2e-proxy-${process.pid}.json`);
  writeFileSync(config, JSON.stringify({ sources }));
  const proxy = spawn(CLI, ['proxy', '--config', config, '--port', String(proxyPort), '--web', DIST],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise((ok, fail) => {
      let out = '';
      proxy.stdout.on('data', (d) => { out += d; if (out.includes('serving')) ok(); });
      proxy.on('exit', (code) => fail(new Error(`sparkdx proxy exited with ${code}: ${out}`)));
    });
    const proxyOrigin = `http://127.0.0.1:${proxyPort}`;
    const page = await browser.context.newPage();
    const seen = [];
    page.on('request', (r) => seen.push(r.url()));
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.problems = problems;
    await page.goto(`${proxyOrigin}/`);
    await page.waitForSelector('#remote:not([hidden])', { timeout: 30_000 });
    // The remote panel can show before the analyzer has loaded; waitForEnd must not take "loading" for an end.
    await page.waitForSelector('body[data-state="idle"]', { timeout: 30_000 });
    await body(page, proxyOrigin, seen);
    assertEqual(seen.filter((u) => !u.startsWith(proxyOrigin + '/') && !u.startsWith('blob:') && !u.startsWith('data:')), [],
      'requests that left the proxy origin');
    // A 409 from the delivered-files route is the page's signal to ask the cluster's UI, not a problem.
    page.problems = problems.filter((p) => !p.includes('409'));
    assertNoProblems(page);
    await page.close();
  } finally {
    proxy.kill('SIGTERM');
    rmSync(config, { force: true });
  }
}

// ------------------------------------------------------------------ run

let failed = 0;
for (const { name, body } of tests) {
  if (ONLY && !ONLY.some((o) => name.includes(o))) continue;
  const started = Date.now();
  try {
    await body();
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    ++failed;
    console.log(`FAIL ${name}\n     ${error.stack ?? error}`);
  }
}
await browser.close();
server.stop();
console.log(`e2e: ${failed ? `${failed} failed` : 'all passed'}; screenshots in ${ARTEFACTS}`);
process.exit(failed ? 1 : 0);
