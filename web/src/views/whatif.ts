// Cost and what-if (the report's `cost` and `simulation` sections, docs/report.md;
// feature-detected: older reports have neither). The executor-count scenarios
// are charted (predicted wall clock with its low-high band, and core hours);
// every scenario is listed; everything else is shown generically.
import { h, section, table } from '../dom';
import { bytes, duration } from '../format';
import { Chart, chartBox, cssVar } from './charts';
import type { ViewContext } from './context';
import { generic } from './extras';

/* eslint-disable @typescript-eslint/no-explicit-any */
const usd = (v: unknown) => (typeof v === 'number' ? `$${v.toFixed(2)}` : '-');
const fixed = (v: unknown, digits = 2) => (typeof v === 'number' ? v.toFixed(digits) : '-');

function fact(label: string, value: string, key: string) {
  return h('div', { 'data-key': key }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}

function costPart(cost: any): HTMLElement {
  const total = cost.total;
  const waste = cost.waste;
  return h('div', { id: 'cost' },
    h('h3', null, 'Cost'),
    h('div', { class: 'sdx-facts' },
      fact('Total', total ? usd(total.usd) : '-', 'total_usd'),
      waste ? fact('Waste', `${usd(waste.usd)}${typeof waste.share_of_total === 'number' ? ` (${(100 * waste.share_of_total).toFixed(1)}%)` : ''}`, 'waste_usd') : null,
      cost.resource_use ? fact('Core hours', fixed(cost.resource_use.core_hours), 'core_hours') : null,
      cost.resource_use ? fact('Executor hours', fixed(cost.resource_use.executor_hours), 'executor_hours') : null),
    total?.basis ? h('p', { class: 'muted small' }, total.basis) : null,
    cost.reason ? h('p', { class: 'muted' }, `Not priced: ${cost.reason}.`) : null,
    waste?.by_cause?.length ? table(['waste', 'slot time', 'USD'],
      waste.by_cause.map((c: any) => [c.label ?? c.cause, duration(c.slot_ms), usd(c.usd)]), new Set([1, 2])) : null,
    h('details', null, h('summary', null, 'All cost figures'), generic(cost, 1)));
}

function simulationPart(sim: any): HTMLElement {
  const scenarios: any[] = Array.isArray(sim.scenarios) ? sim.scenarios : [];
  const byExecutors = scenarios.filter((s) => s.kind === 'executor_count' && typeof s.wall_clock_ms === 'number')
    .sort((a, b) => a.executors - b.executors);
  let chart: HTMLElement | null = null;
  if (byExecutors.length > 1) {
    const { box, canvas } = chartBox(260);
    const minutes = (ms: number) => ms / 60000;
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: byExecutors.map((s) => String(s.executors)),
        datasets: [
          { label: 'predicted wall clock (min)', data: byExecutors.map((s) => minutes(s.wall_clock_ms)), borderColor: cssVar('--sdx-accent'), yAxisID: 'y' },
          { label: 'low', data: byExecutors.map((s) => minutes(s.low_ms ?? s.wall_clock_ms)), borderColor: 'rgba(36,87,166,0.25)', borderDash: [4, 4], pointRadius: 0, yAxisID: 'y' },
          { label: 'high', data: byExecutors.map((s) => minutes(s.high_ms ?? s.wall_clock_ms)), borderColor: 'rgba(36,87,166,0.25)', borderDash: [4, 4], pointRadius: 0, yAxisID: 'y' },
          { label: 'core hours', data: byExecutors.map((s) => s.core_hours), borderColor: cssVar('--sdx-part-gc'), yAxisID: 'y1' },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: 'executors' } },
          y: { min: 0, title: { display: true, text: 'wall clock (min)' } },
          y1: { min: 0, position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'core hours' } },
        },
      },
    });
    chart = box;
  }
  const rows = scenarios.map((s) => [
    s.name ?? s.kind, s.executors ?? '-', s.executor_cores ?? '-', bytes(s.executor_memory_bytes ?? null),
    s.finished === false ? 'did not finish' : duration(s.wall_clock_ms),
    typeof s.low_ms === 'number' ? `${duration(s.low_ms)} – ${duration(s.high_ms)}` : '-',
    fixed(s.core_hours), usd(s.cost_usd)]);
  return h('div', { id: 'simulation' },
    h('h3', null, 'What if'),
    h('div', { class: 'sdx-facts' },
      fact('Observed', duration(sim.observed_wall_clock_ms), 'observed_wall_clock_ms'),
      fact('Replayed', duration(sim.replayed_wall_clock_ms), 'replayed_wall_clock_ms'),
      fact('Replay error', typeof sim.self_check_error_pct === 'number' ? `${sim.self_check_error_pct}%` : '-', 'self_check_error_pct'),
      sim.knee ? fact('Knee', `${sim.knee.executors} executors`, 'knee') : null),
    sim.valid === false ? h('p', { class: 'sdx-delta-worse' }, 'The replay did not reproduce the run closely enough; treat the scenarios as rough.') : null,
    sim.knee?.reason ? h('p', { class: 'muted' }, sim.knee.reason) : null,
    (sim.warnings ?? []).map((w: any) => h('p', { class: 'muted small' }, `Note: ${w.message}`)),
    chart,
    rows.length ? h('div', { class: 'scroll' }, table(['scenario', 'executors', 'cores', 'memory', 'wall clock', 'range', 'core hours', 'cost'],
      rows, new Set([1, 2, 4, 6, 7]), { id: 'scenarios-table' })) : null,
    h('details', null, h('summary', null, 'All simulation figures'), generic(sim, 1)));
}

export function whatifView({ app, report }: ViewContext): HTMLElement | null {
  const simulation = app.simulation ?? report.simulation;
  const cost = app.cost ?? report.cost;
  if (!simulation && !cost) return null;
  return section('whatif', 'Cost and what-if',
    cost && typeof cost === 'object' ? costPart(cost) : null,
    simulation && typeof simulation === 'object' && simulation.simulated !== false ? simulationPart(simulation)
      : simulation ? h('p', { class: 'muted' }, `No what-if: ${simulation.reason ?? 'the run could not be replayed'}.`) : null);
}
