// The input panel: every file read (codec, bytes, status, error), the line
// accounting (lines = events + blank + malformed) and the issues found.
import { h, section, table } from '../dom';
import { bytes, count } from '../format';
import type { ViewContext } from './context';

export function inputView({ report }: ViewContext): HTMLElement {
  const a = report.accounting;
  const accounting = h('div', { class: 'sdx-facts', id: 'accounting' },
    (['lines', 'events', 'blank_lines', 'malformed_lines', 'unknown_events'] as const).map((key) =>
      h('div', { 'data-accounting': key, 'data-value': a[key] },
        h('span', { class: 'label' }, key.replace('_', ' ')), h('span', { class: 'value' }, count(a[key])))));
  const inputs = table(['file', 'codec', 'read', 'decoded', 'lines', 'events', 'status'],
    report.inputs.map((i) => [h('code', null, i.name), i.codec ?? 'unrecognised', bytes(i.bytes_read), bytes(i.bytes_decoded),
      count(i.lines), count(i.events),
      h('span', { class: `status ${i.status}` }, i.status, i.error ? h('div', { class: 'error-text' }, i.error) : null)]),
    new Set([2, 3, 4, 5]), { id: 'inputs-table' });
  const kinds = Object.entries(report.issue_counts);
  const issues = report.issues.length
    ? table(['severity', 'kind', 'input', 'line', 'byte', 'message'],
      report.issues.slice(0, 300).map((i) => [h('span', { class: `sdx-badge ${i.severity === 'error' ? 'critical' : i.severity}` }, i.severity),
        i.kind, i.input, i.line ?? '', i.byte_offset ?? '',
        h('div', null, i.message, i.excerpt ? h('pre', { class: 'excerpt' }, i.excerpt) : null)]),
      new Set([3, 4]), { id: 'issues-table' })
    : h('p', { class: 'muted' }, 'No issues.');
  const byType = Object.entries(a.events_by_type);
  return section('input', 'Input',
    accounting,
    h('div', { class: 'scroll' }, inputs),
    h('h3', null, `Issues${kinds.length ? ': ' + kinds.map(([k, n]) => `${k} ${count(n)}`).join(', ') : ''}`),
    h('div', { class: 'scroll' }, issues),
    report.issues_not_listed ? h('p', { class: 'muted' }, `${count(report.issues_not_listed)} more issues were counted but not listed.`) : null,
    h('details', null, h('summary', null, `Events by type (${byType.length} types)`),
      table(['event', 'count'], byType.map(([k, n]) => [k, count(n)]), new Set([1]))));
}
