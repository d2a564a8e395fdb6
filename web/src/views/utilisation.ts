// Executor utilisation over time: task slots alive vs busy (the breakdown's
// slots_over_time: 200 averages over the run).
import { section, h } from '../dom';
import { percent } from '../format';
import { Chart, chartBox, cssVar } from './charts';
import type { ViewContext } from './context';

export function utilisationView({ app }: ViewContext): HTMLElement | null {
  const slots = app.breakdown?.slots_over_time;
  if (!slots || slots.alive.length === 0) return null;
  const labels = slots.alive.map((_, i) => ((i * slots.interval_ms + (slots.start_ms - (app.start_ms ?? slots.start_ms))) / 1000).toFixed(0));
  const { box, canvas } = chartBox(260);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'slots alive', data: slots.alive, borderColor: cssVar('--sdx-part-idle_slots', '#999'), backgroundColor: 'rgba(150,160,170,0.25)', fill: true, pointRadius: 0, stepped: true },
        { label: 'slots busy', data: slots.busy, borderColor: cssVar('--sdx-part-compute'), backgroundColor: 'rgba(76,154,91,0.35)', fill: true, pointRadius: 0, stepped: true },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
      scales: { x: { title: { display: true, text: 'seconds since the application started' }, ticks: { maxTicksLimit: 12 } }, y: { min: 0, title: { display: true, text: 'task slots' } } },
    },
  });
  return section('utilisation', 'Executor utilisation', box,
    h('p', { class: 'muted small' }, `Core efficiency (busy / held): ${percent(app.breakdown?.core_efficiency)}.`));
}
