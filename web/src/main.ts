// The page: intake -> worker -> report views. The main thread handles File
// handles and the finished report only; the worker reads and analyses.
import '../../core/src/report/report.css';
import './page.css';
import { SparkdxClient } from './client';
import { h } from './dom';
import { bytes, duration, rate } from './format';
import { exportReport } from './export';
import { fromDrop, fromInput, fromSample, samples, type Intake } from './intake';
import { detectProxy, fetchApplication, fetchDatabricksCluster, listApplications, type ProxySource } from './remote';
import type { Finished, Progress } from './protocol';
import { restBase, type Report } from './report';
import { views } from './views/index';
import { inputView } from './views/input';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const body = document.body;
const drop = $('drop'), progressBox = $('progress'), progressBar = $<HTMLProgressElement>('progress-bar');
const progressText = $('progress-text'), messages = $('messages'), reportBox = $('report');
const fileInput = $<HTMLInputElement>('file'), folderInput = $<HTMLInputElement>('folder');
const sampleSelect = $<HTMLSelectElement>('sample');

let client = new SparkdxClient();

/** Progress updates of the current run (time, bytes): the e2e tests read them. */
const progressLog: { t: number; bytesDone: number; bytesTotal: number }[] = [];
(window as unknown as { sparkdxProgressLog: typeof progressLog }).sparkdxProgressLog = progressLog;

interface Current { label: string; report: Report; reportJson: string; finished: Finished }
let current: Current | null = null;
let renderedApp = -1;
let busy = false;
let generation = 0;   // bumped by every run and render; a stale render stops appending

function setState(state: string) { body.dataset.state = state; }

function message(kind: 'error' | 'warning' | 'info', title: string, ...lines: (string | Node)[]) {
  messages.append(h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('strong', null, title), lines.map((line) => h('div', null, line))));
}

function showProgress(p: Progress) {
  progressLog.push({ t: performance.now(), bytesDone: p.bytesDone, bytesTotal: p.bytesTotal });
  progressBar.max = Math.max(1, p.bytesTotal);
  progressBar.value = p.bytesDone;
  const eta = p.etaSec === null ? '' : ` · ${duration(p.etaSec * 1000)} left`;
  progressText.textContent = `${bytes(p.bytesDone)} of ${bytes(p.bytesTotal)} · ${rate(p.mbPerSec)}${eta} · ${p.events.toLocaleString('en-US')} events`;
  progressText.dataset.bytesDone = String(p.bytesDone);
}

async function run(intake: Intake) {
  if (busy) return;
  if (intake.files.length === 0) { message('warning', 'Nothing to analyse', 'The drop held no files.'); return; }
  busy = true;
  ++generation;
  body.classList.add('busy');
  messages.replaceChildren();
  reportBox.hidden = true;
  reportBox.replaceChildren();
  current = null;
  progressLog.length = 0;
  progressBox.hidden = false;
  progressBar.value = 0;
  progressText.textContent = `Reading ${intake.label}...`;
  setState('running');
  const outcome = await client.analyze(intake.label, intake.files, showProgress);
  busy = false;
  body.classList.remove('busy');
  progressBox.hidden = true;
  if (outcome.kind === 'cancelled') {
    message('info', 'Analysis cancelled', `${intake.label} was not analysed; drop it again to start over.`);
    setState('cancelled');
    return;
  }
  if (outcome.kind === 'failed') {
    message('error', `sparkdx could not analyse ${intake.label}`, outcome.message,
      'Please report this with the file if you can share it; the CLI (sparkdx analyze) shows the same problem.');
    setState('failed');
    client.dispose();
    client = new SparkdxClient();
    return;
  }
  const { finished } = outcome;
  const report = JSON.parse(finished.reportJson) as Report;
  current = { label: intake.label, report, reportJson: finished.reportJson, finished };
  body.dataset.progressMessages = String(finished.progressMessages);
  body.dataset.wasmMemoryBytes = String(finished.wasmMemoryBytes);
  const mbPerSec = finished.elapsedMs > 0 ? finished.bytesTotal / 1e6 / (finished.elapsedMs / 1000) : 0;
  const failed = report.inputs.filter((i) => i.status !== 'ok');
  for (const input of failed) {
    message(input.status === 'error' ? 'error' : 'warning',
      input.status === 'error' ? `${input.name} could not be read` : `${input.name} was read only in part`,
      input.error ?? 'no further detail',
      report.applications.length ? 'The report below covers everything read before the problem.' : '');
  }
  message('info', `Analysed ${intake.label}`, `${bytes(finished.bytesTotal)} in ${duration(finished.elapsedMs)} (${rate(mbPerSec)}), on this machine.`);
  await render(appFromHash());
  if (busy) return;   // another run started while the views were rendering
  await applyHash();
  setState('done');
}

function parseHash(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of location.hash.replace(/^#/, '').split('&')) {
    const [key, value] = part.split('=');
    if (key) out[decodeURIComponent(key)] = decodeURIComponent(value ?? '');
  }
  return out;
}

function appFromHash(): number {
  const index = Number(parseHash().app ?? 0);
  return current && index >= 0 && index < current.report.applications.length ? index : 0;
}

async function render(appIndex: number) {
  if (!current) return;
  const { report, reportJson, label } = current;
  const mine = ++generation;
  renderedApp = appIndex;
  reportBox.replaceChildren();
  reportBox.hidden = false;
  const toolbar = h('div', { class: 'report-toolbar sdx-card' });
  if (report.applications.length > 1) {
    const select = h('select', { id: 'app-select', 'aria-label': 'application' },
      report.applications.map((a, i) => h('option', { value: i, selected: i === appIndex }, `${a.id ?? a.log}${a.name ? ` (${a.name})` : ''}`)));
    select.addEventListener('change', () => { location.hash = `app=${select.value}`; });
    toolbar.append(h('label', null, 'Application ', select));
  }
  const exportButton = (format: 'json' | 'markdown' | 'html', text: string) => {
    const button = h('button', { type: 'button', id: `export-${format}` }, text);
    button.addEventListener('click', () => {
      exportReport(client, reportJson, label, format, reportBox).catch((e) => message('error', 'Export failed', String(e)));
    });
    return button;
  };
  toolbar.append(h('span', { class: 'exports' }, 'Export: ', exportButton('json', 'JSON'), exportButton('markdown', 'Markdown'), exportButton('html', 'HTML (offline)')));
  const nav = h('nav', { class: 'views-nav' });
  toolbar.append(nav);
  reportBox.append(toolbar);

  const app = report.applications[appIndex];
  if (!app) {
    reportBox.append(inputView({ report, app: undefined as never, appIndex, client, base: null }));
    nav.append(h('a', { href: '#view=input' }, 'Input'));
    return;
  }
  const context = { report, app, appIndex, client, base: restBase(app) };
  for (const { id, label: navLabel, view } of views) {
    try {
      const element = await view(context);
      if (mine !== generation) return;
      if (!element) continue;
      reportBox.append(element);
      nav.append(h('a', { href: `#view=${id}` }, navLabel));
    } catch (error) {
      if (mine !== generation) return;
      reportBox.append(h('section', { class: 'sdx-card view', id }, h('h2', null, navLabel), h('p', { class: 'error-text' }, `This view failed: ${String(error)}`)));
    }
  }
}

/** Deep links: #finding=<index or rule id>, #stage=<id>.<attempt>, #view=<id>, with optional app=<index>. */
async function applyHash() {
  if (!current) return;
  const hash = parseHash();
  const appIndex = appFromHash();
  if (appIndex !== renderedApp) { setState('running'); await render(appIndex); setState('done'); }
  document.querySelectorAll('.target').forEach((e) => e.classList.remove('target'));
  let target: HTMLElement | null = null;
  if (hash.finding !== undefined) {
    target = document.getElementById(`finding-${hash.finding}`) ?? document.querySelector(`[data-rule-id="${CSS.escape(hash.finding)}"]`);
  } else if (hash.stage !== undefined) {
    const [stage, attempt = '0'] = hash.stage.split('.');
    target = document.getElementById(`stage-${stage}-${attempt}`);
    await (target as (HTMLElement & { sdxOpen?: () => Promise<unknown> }) | null)?.sdxOpen?.();
  } else if (hash.view !== undefined) {
    target = document.getElementById(hash.view);
  }
  if (target) {
    target.classList.add('target');
    target.scrollIntoView({ block: 'start' });
  } else if (hash.finding !== undefined || hash.stage !== undefined) {
    message('warning', 'Link target not found', `This report has no ${hash.finding !== undefined ? `finding ${hash.finding}` : `stage ${hash.stage}`}.`);
  }
}
window.addEventListener('hashchange', () => void applyHash());

// --- intake wiring

for (const sample of samples) {
  sampleSelect.append(h('option', { value: sample.url }, `${sample.group === 'demo' ? 'demo: ' : ''}${sample.name.replace(/\.zstd$/, '')}`));
}
$('try-sample').addEventListener('click', () => {
  const sample = samples.find((s) => s.url === sampleSelect.value) ?? samples[0];
  if (sample) fromSample(sample).then(run, (e) => message('error', 'The sample could not be loaded', String(e)));
});
fileInput.addEventListener('change', () => { if (fileInput.files?.length) void run(fromInput(fileInput.files)); fileInput.value = ''; });
folderInput.addEventListener('change', () => { if (folderInput.files?.length) void run(fromInput(folderInput.files)); folderInput.value = ''; });
$('cancel').addEventListener('click', () => client.cancel());

for (const target of [document.documentElement]) {
  target.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  target.addEventListener('dragleave', (event) => { if (event.target === drop || event.target === document.documentElement) drop.classList.remove('over'); });
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer) fromDrop(event.dataTransfer).then(run, (e) => message('error', 'The drop could not be read', String(e)));
  });
}

client.ready.then(
  // Only a page still loading becomes idle: a load through the proxy may already be running.
  (version) => { $('version').textContent = version; if (body.dataset.state === 'loading') setState('idle'); },
  (error) => { message('error', 'sparkdx could not start', String(error)); setState('failed'); },
);

// --- the proxy's sources (only when `sparkdx proxy` serves the page)
void detectProxy().then((info) => {
  if (!info || info.sources.length === 0) return;
  const panel = $('remote'), sourceSelect = $<HTMLSelectElement>('remote-source');
  const appSelect = $<HTMLSelectElement>('remote-app'), clusterInput = $<HTMLInputElement>('remote-cluster');
  const listButton = $<HTMLButtonElement>('remote-list'), loadButton = $<HTMLButtonElement>('remote-load');
  const status = $('remote-status');
  for (const source of info.sources) sourceSelect.append(h('option', { value: source.name }, `${source.name} (${source.kind})`));
  const selected = (): ProxySource => info.sources.find((s) => s.name === sourceSelect.value) ?? info.sources[0];
  const arrange = () => {
    const databricks = selected().kind === 'databricks';
    listButton.hidden = databricks;
    clusterInput.hidden = !databricks;
    appSelect.hidden = databricks || appSelect.options.length === 0;
    loadButton.disabled = databricks ? clusterInput.value.trim() === '' : appSelect.options.length === 0;
  };
  sourceSelect.addEventListener('change', () => { appSelect.replaceChildren(); arrange(); });
  clusterInput.addEventListener('input', arrange);
  listButton.addEventListener('click', async () => {
    status.textContent = 'Listing...';
    try {
      const applications = await listApplications(selected().name);
      appSelect.replaceChildren(...applications.map((a) => h('option', { value: a.id }, `${a.id} ${a.name ? `(${a.name})` : ''}`)));
      status.textContent = `${applications.length} application(s)`;
    } catch (error) {
      status.textContent = '';
      message('error', `Could not list the applications of ${selected().name}`, String((error as Error).message ?? error));
    }
    arrange();
  });
  loadButton.addEventListener('click', async () => {
    const source = selected();
    status.textContent = 'Downloading through the proxy...';
    try {
      const intake = source.kind === 'databricks'
        ? await fetchDatabricksCluster(source.name, clusterInput.value.trim())
        : await fetchApplication(source.name, appSelect.value);
      status.textContent = '';
      await run(intake);
    } catch (error) {
      status.textContent = '';
      message('error', `Could not load from ${source.name}`, String((error as Error).message ?? error));
    }
  });
  arrange();
  panel.hidden = false;
  body.dataset.proxy = info.proxy;
});
