// Jobs and stages on one timeline (History Server answers), seconds since the
// application started; a stage's bar links to its row in the stages view.
import { h, section } from '../dom';
import { restTime } from '../format';
import { Chart, chartBox, cssVar } from './charts';
import type { ViewContext } from './context';

interface RestJob { jobId: number; name: string; submissionTime?: string; completionTime?: string; status: string; stageIds: number[] }
export interface RestStage {
  stageId: number; attemptId: number; name: string; status: string; numTasks: number;
  numCompleteTasks: number; numFailedTasks: number; numKilledTasks: number;
  submissionTime?: string; firstTaskLaunchedTime?: string; completionTime?: string;
  executorRunTime: number; jvmGcTime: number; inputBytes: number; outputBytes: number;
  shuffleReadBytes: number; shuffleWriteBytes: number; memoryBytesSpilled: number; diskBytesSpilled: number;
}

const MAX_BARS = 400;

export async function timelineView({ app, client, base }: ViewContext): Promise<HTMLElement | null> {
  if (!base || app.start_ms === null) return null;
  const [jobs, stages] = await Promise.all([
    client.restJson<RestJob[]>(`${base}/jobs`), client.restJson<RestStage[]>(`${base}/stages`)]);
  if (!jobs || !stages) return null;
  const origin = app.start_ms;
  const end = app.end_ms ?? origin;
  const rows: { label: string; from: number; to: number; kind: 'job' | 'stage'; key: string; failed: boolean }[] = [];
  for (const job of [...jobs].sort((a, b) => a.jobId - b.jobId)) {
    const from = restTime(job.submissionTime);
    if (from === null) continue;
    rows.push({ label: `job ${job.jobId}`, from, to: restTime(job.completionTime) ?? end, kind: 'job', key: String(job.jobId), failed: job.status === 'FAILED' });
    for (const stage of stages.filter((s) => job.stageIds.includes(s.stageId)).sort((a, b) => a.stageId - b.stageId || a.attemptId - b.attemptId)) {
      const sFrom = restTime(stage.submissionTime);
      if (sFrom === null) continue;
      rows.push({ label: `  stage ${stage.stageId}.${stage.attemptId}`, from: sFrom, to: restTime(stage.completionTime) ?? end, kind: 'stage', key: `${stage.stageId}.${stage.attemptId}`, failed: stage.status === 'FAILED' });
    }
  }
  if (rows.length === 0) return section('timeline', 'Jobs and stages', h('p', { class: 'muted' }, 'No job ran.'));
  const shown = rows.slice(0, MAX_BARS);
  const { box, canvas } = chartBox(Math.min(60 + shown.length * 14, 2400));
  const jobColour = cssVar('--sdx-accent'), stageColour = cssVar('--sdx-part-compute'), failColour = cssVar('--sdx-critical');
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: shown.map((r) => r.label),
      datasets: [{
        label: 'seconds since the application started',
        data: shown.map((r) => [(r.from - origin) / 1000, Math.max(r.to, r.from) / 1000 - origin / 1000] as [number, number]),
        backgroundColor: shown.map((r) => (r.failed ? failColour : r.kind === 'job' ? jobColour : stageColour)),
        barPercentage: 0.9, categoryPercentage: 1,
      }],
    },
    options: {
      indexAxis: 'y', responsive: true, maintainAspectRatio: false,
      scales: { x: { min: 0, title: { display: true, text: 'seconds since the application started' } }, y: { ticks: { autoSkip: false, font: { size: 10 } } } },
      plugins: { legend: { display: false } },
      onClick: (_event, elements) => {
        const row = elements.length ? shown[elements[0].index] : null;
        if (row?.kind === 'stage') location.hash = `stage=${row.key}`;
      },
    },
  });
  void chart;
  return section('timeline', 'Jobs and stages over time', box,
    rows.length > MAX_BARS ? h('p', { class: 'muted' }, `The first ${MAX_BARS} of ${rows.length} bars are shown.`) : null,
    h('p', { class: 'muted small' }, 'Jobs in blue, their stages in green, failed ones in red. Click a stage to see its tasks.'));
}
