// Summary: what ran, for how long, and where its wall clock went (the
// breakdown's parts sum to the run; docs/diagnosis.md).
import { h, section, table } from '../dom';
import { count, duration, percent, time } from '../format';
import type { ViewContext } from './context';

function fact(label: string, value: string, key: string, raw?: unknown) {
  return h('div', { 'data-fact': key, 'data-value': raw === undefined ? value : JSON.stringify(raw) },
    h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}

export function summaryView({ app }: ViewContext): HTMLElement {
  const status = app.completed ? 'completed' : app.in_progress ? 'in progress' : 'no end event';
  const facts = h('div', { class: 'sdx-facts' },
    fact('Application', app.id ?? '(unknown)', 'id', app.id),
    fact('Name', app.name ?? '-', 'name', app.name),
    fact('Duration', duration(app.duration_ms), 'duration_ms', app.duration_ms),
    fact('Started', time(app.start_ms), 'start_ms', app.start_ms),
    fact('Status', status, 'completed', app.completed),
    fact('Spark', app.spark_version ?? '-', 'spark_version', app.spark_version),
    fact('User', app.user ?? '-', 'user', app.user),
    fact('Jobs', count(app.jobs), 'jobs', app.jobs),
    fact('Stages', count(app.stages), 'stages', app.stages),
    fact('Tasks', count(app.tasks), 'tasks', app.tasks),
    fact('Executors', count(app.executors), 'executors', app.executors),
    fact('SQL', count(app.sql_executions), 'sql_executions', app.sql_executions));

  const children: (Node | null)[] = [facts];
  const breakdown = app.breakdown;
  if (breakdown) {
    const visible = breakdown.parts.filter((p) => p.ms > 0);
    const bar = h('div', { class: 'sdx-bar', role: 'img', 'aria-label': 'wall-clock breakdown' },
      visible.map((p) => h('span', {
        style: `width:${(p.share * 100).toFixed(3)}%;background:var(--sdx-part-${p.part})`,
        title: `${p.label}: ${duration(p.ms)} (${percent(p.share)})`,
      })));
    const legend = h('div', { class: 'sdx-legend' },
      visible.map((p) => h('span', null, h('i', { style: `background:var(--sdx-part-${p.part})` }), `${p.label} ${percent(p.share)}`)));
    const rows = breakdown.parts.map((p) => [
      h('span', null, h('i', { class: 'swatch', style: `background:var(--sdx-part-${p.part})` }), p.label),
      duration(p.ms),
      h('span', { 'data-part': p.part, 'data-share': p.share, 'data-ms': p.ms }, percent(p.share)),
    ]);
    children.push(
      h('h3', null, `Where the ${duration(breakdown.wall_clock_ms)} went`),
      bar, legend,
      h('div', { class: 'sdx-facts' },
        fact('Core time held', duration(breakdown.core_time_held_ms), 'core_time_held_ms', breakdown.core_time_held_ms),
        fact('Core time busy', duration(breakdown.core_time_busy_ms), 'core_time_busy_ms', breakdown.core_time_busy_ms),
        fact('Core efficiency', percent(breakdown.core_efficiency), 'core_efficiency', breakdown.core_efficiency),
        fact('Gaps with no task (≥ 1 s)', count(breakdown.no_task_gaps_count), 'no_task_gaps_count', breakdown.no_task_gaps_count)),
      h('details', null, h('summary', null, 'Breakdown table'),
        table(['part', 'time', 'share'], rows, new Set([1, 2]), { id: 'breakdown-table' })));
  }
  return section('summary', app.name ? `${app.name}` : 'Summary', ...children);
}
