// The configuration the application ran with, searchable: Spark properties
// (the report's spark_properties when present, else the History Server's
// environment answer), then runtime, Hadoop and system properties.
import { h, section, table } from '../dom';
import type { ViewContext } from './context';

interface Environment {
  runtime?: Record<string, string>;
  sparkProperties?: [string, string][]; hadoopProperties?: [string, string][];
  systemProperties?: [string, string][]; metricsProperties?: [string, string][];
}

function pairsOf(value: unknown): [string, string][] | null {
  if (Array.isArray(value)) return value.filter((p) => Array.isArray(p)).map((p) => [String(p[0]), String(p[1])]);
  if (value && typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
  return null;
}

export async function configView({ app, client, base }: ViewContext): Promise<HTMLElement | null> {
  const env = base ? await client.restJson<Environment>(`${base}/environment`) : null;
  const groups: [string, [string, string][]][] = [];
  const spark = pairsOf(app.spark_properties) ?? env?.sparkProperties ?? null;
  if (spark) groups.push(['Spark', spark]);
  if (env?.runtime) groups.push(['Runtime', Object.entries(env.runtime)]);
  if (env?.hadoopProperties?.length) groups.push(['Hadoop', env.hadoopProperties]);
  if (env?.systemProperties?.length) groups.push(['System', env.systemProperties]);
  if (groups.length === 0) return null;
  const rows = groups.flatMap(([group, pairs]) => pairs.map(([k, v]) => [group, h('code', null, k), v]));
  const grid = table(['group', 'key', 'value'], rows, new Set(), { id: 'config-table' });
  const search = h('input', { type: 'search', id: 'config-search', placeholder: 'Search keys and values', 'aria-label': 'search the configuration' });
  const shown = h('span', { class: 'muted' });
  const filter = () => {
    const needle = search.value.trim().toLowerCase();
    let visible = 0;
    for (const row of Array.from(grid.tBodies[0].rows)) {
      const match = !needle || (row.textContent ?? '').toLowerCase().includes(needle);
      row.hidden = !match;
      if (match) ++visible;
    }
    shown.textContent = ` ${visible} of ${rows.length} shown`;
  };
  search.addEventListener('input', filter);
  filter();
  return section('config', 'Configuration', h('div', { class: 'search-row' }, search, shown), h('div', { class: 'scroll tall' }, grid));
}
