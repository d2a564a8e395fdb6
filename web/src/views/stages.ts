// Stage attempts with their task distributions (taskSummary quantiles: min,
// p25, median, p75, max), where skew shows as a long whisker. Quantiles are
// fetched for the stages with the most task time, and for any stage opened
// or deep-linked (#stage=<id>.<attempt>).
import { h, section, table } from '../dom';
import { bytes, count, duration } from '../format';
import type { ViewContext } from './context';
import { generic } from './extras';
import type { RestStage } from './timeline';

interface TaskSummary {
  quantiles: number[]; duration: number[]; executorRunTime: number[]; jvmGcTime: number[];
  memoryBytesSpilled: number[]; diskBytesSpilled: number[];
  inputMetrics?: { bytesRead: number[] }; shuffleReadMetrics?: { readBytes: number[] };
  shuffleWriteMetrics?: { writeBytes: number[] };
}

const QUANTILES = '0,0.25,0.5,0.75,1.0';
const EAGER_SUMMARIES = 30;
const MAX_ROWS = 1000;

/** A box plot of [min, p25, median, p75, max], scaled to `scale`. */
function boxPlot(q: number[], scale: number): HTMLElement {
  const x = (v: number) => `${scale > 0 ? (100 * v) / scale : 0}%`;
  return h('div', { class: 'boxplot', title: q.map((v) => duration(v)).join(' / ') },
    h('span', { class: 'whisker', style: `left:${x(q[0])};width:calc(${x(q[4])} - ${x(q[0])})` }),
    h('span', { class: 'box', style: `left:${x(q[1])};width:calc(${x(q[3])} - ${x(q[1])})` }),
    h('span', { class: 'median', style: `left:${x(q[2])}` }));
}

function summaryTable(s: TaskSummary): HTMLElement {
  const rows: [string, number[] | undefined, (v: number) => string][] = [
    ['task duration', s.duration, duration], ['executor run time', s.executorRunTime, duration],
    ['GC time', s.jvmGcTime, duration], ['input read', s.inputMetrics?.bytesRead, bytes],
    ['shuffle read', s.shuffleReadMetrics?.readBytes, bytes], ['shuffle write', s.shuffleWriteMetrics?.writeBytes, bytes],
    ['spill (memory)', s.memoryBytesSpilled, bytes], ['spill (disk)', s.diskBytesSpilled, bytes],
  ];
  return table(['metric', 'min', '25th', 'median', '75th', 'max'],
    rows.filter(([, v]) => v).map(([name, v, f]) => [name, ...v!.map(f)]), new Set([1, 2, 3, 4, 5]));
}

export async function stagesView({ app, client, base }: ViewContext): Promise<HTMLElement | null> {
  const stages = base ? await client.restJson<RestStage[]>(`${base}/stages`) : null;
  if (!base || !stages) {
    // No REST answer (a log without an application id): the report's own per-stage summaries, when it has them.
    return app.stage_summaries?.length ? section('stages', 'Stages', generic(app.stage_summaries)) : null;
  }
  const ordered = [...stages].sort((a, b) => a.stageId - b.stageId || a.attemptId - b.attemptId).slice(0, MAX_ROWS);
  const scale = Math.max(1, ...ordered.map((s) => s.executorRunTime));
  const heavy = new Set([...ordered].sort((a, b) => b.executorRunTime - a.executorRunTime).slice(0, EAGER_SUMMARIES)
    .map((s) => `${s.stageId}.${s.attemptId}`));

  const tbody = h('tbody');
  for (const stage of ordered) {
    const key = `${stage.stageId}.${stage.attemptId}`;
    const distribution = h('td', { class: 'distribution' });
    const skew = h('td', { class: 'num' });
    const details = h('tr', { class: 'stage-details', hidden: true }, h('td', { colspan: 10 }));
    let loaded: Promise<TaskSummary | null> | null = null;
    const load = () => {
      loaded ??= client.restJson<TaskSummary>(`${base}/stages/${stage.stageId}/${stage.attemptId}/taskSummary?quantiles=${QUANTILES}`)
        .then((summary) => {
          if (summary) {
            const run = summary.executorRunTime;
            distribution.replaceChildren(boxPlot(run, Math.max(...run, 1)));
            skew.textContent = run[2] > 0 ? `${(run[4] / run[2]).toFixed(1)}x` : '-';
            details.firstElementChild!.replaceChildren(h('strong', null, `Stage ${key}: ${stage.name}`), summaryTable(summary));
          }
          return summary;
        });
      return loaded;
    };
    const row = h('tr', { id: `stage-${stage.stageId}-${stage.attemptId}`, 'data-stage': key, class: `stage-row ${stage.status.toLowerCase()}` },
      h('td', null, h('a', { href: `#stage=${key}` }, key)),
      h('td', { class: 'name', title: stage.name }, stage.name),
      h('td', null, stage.status.toLowerCase()),
      h('td', { class: 'num' }, count(stage.numTasks), stage.numFailedTasks ? h('span', { class: 'sdx-delta-worse' }, ` (${stage.numFailedTasks} failed)`) : null),
      h('td', { class: 'num' }, h('div', { class: 'share-bar', style: `width:${(100 * stage.executorRunTime) / scale}%` }), duration(stage.executorRunTime)),
      h('td', { class: 'num' }, bytes(stage.inputBytes)),
      h('td', { class: 'num' }, bytes(stage.shuffleReadBytes)),
      h('td', { class: 'num' }, bytes(stage.memoryBytesSpilled + stage.diskBytesSpilled)),
      distribution, skew);
    row.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).tagName === 'A') return;
      details.hidden = !details.hidden;
      if (!details.hidden) void load();
    });
    (row as HTMLElement & { sdxOpen?: () => Promise<unknown> }).sdxOpen = () => { details.hidden = false; return load(); };
    tbody.append(row, details);
    if (heavy.has(key)) void load();
  }
  const tableElement = h('table', { class: 'sdx-table stages' },
    h('thead', null, h('tr', null, ['stage', 'name', 'status', 'tasks', 'task time', 'input', 'shuffle read', 'spill', 'task run time: min · 25-75% · max', 'max / median']
      .map((t, i) => h('th', { class: i >= 3 && i !== 8 ? 'num' : null }, t)))),
    tbody);
  return section('stages', 'Stages and their task distributions',
    h('p', { class: 'muted small' }, `Distributions load for the ${EAGER_SUMMARIES} stages with the most task time; click any other row.`),
    h('div', { class: 'scroll' }, tableElement),
    stages.length > MAX_ROWS ? h('p', { class: 'muted' }, `The first ${MAX_ROWS} of ${stages.length} stage attempts are listed.`) : null);
}
