// Findings, most severe and largest saving first as the core orders them:
// the evidence, the explanation, and what to change (copyable --conf lines).
import { h, section, table } from '../dom';
import { duration, evidence, percent } from '../format';
import type { Finding } from '../report';
import type { ViewContext } from './context';

function copyButton(text: string) {
  const button = h('button', { type: 'button', class: 'copy' }, 'Copy');
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text).then(() => { button.textContent = 'Copied'; }, () => { button.textContent = 'Select and copy'; });
  });
  return button;
}

function entityText(f: Finding): string {
  const { kind, id, name } = f.entity;
  return [kind, id, name ? `(${name})` : ''].filter(Boolean).join(' ');
}

function findingCard(f: Finding, index: number): HTMLElement {
  const confs = f.recommendation.map((r) => r.conf_line).filter((c): c is string => !!c);
  const stageLink = f.entity.kind === 'stage' && f.entity.id ? h('a', { href: `#stage=${f.entity.id}` }, `stage ${f.entity.id}`) : null;
  return h('article', {
    class: `sdx-card sdx-finding ${f.severity}`, id: `finding-${index}`,
    'data-rule-id': f.rule_id, 'data-severity': f.severity, 'data-saving-ms': f.impact.saving_ms,
  },
  h('h3', null, h('span', { class: `sdx-badge ${f.severity}` }, f.severity), ' ',
    h('code', null, f.rule_id), ' ', h('span', { class: 'muted' }, entityText(f)),
    h('a', { class: 'anchor', href: `#finding=${index}`, title: 'link to this finding' }, '#')),
  h('p', { class: 'saving' }, `Estimated saving: ${duration(f.impact.saving_ms)} (${percent(f.impact.saving_share)} of the run)`,
    f.impact.saving_core_ms ? `, ${duration(f.impact.saving_core_ms)} of core time` : '',
    ` · confidence ${f.confidence}`, stageLink ? ' · ' : '', stageLink),
  h('p', { class: 'explanation' }, f.explanation),
  h('div', { class: 'recommendations' }, f.recommendation.map((r) => h('div', { class: 'recommendation' },
    h('p', null, r.text),
    r.conf_line ? h('div', { class: 'conf-row' }, h('code', { class: 'sdx-conf' }, r.conf_line), copyButton(r.conf_line)) : null))),
  confs.length > 1 ? h('div', { class: 'conf-row' }, h('span', { class: 'muted' }, 'All settings: '), copyButton(confs.join(' '))) : null,
  h('details', null, h('summary', null, 'Evidence'),
    table(['evidence', 'value'], f.evidence.map((e) => [e.key, evidence(e.value, e.unit)]), new Set([1]))),
  h('p', { class: 'muted small' }, `How the saving was estimated: ${f.impact.estimate}`));
}

export function findingsView({ app }: ViewContext): HTMLElement {
  const findings = app.findings ?? [];
  const children: (Node | null)[] = [];
  if (findings.length === 0) children.push(h('p', { class: 'muted' }, 'No findings: every rule that could run found nothing to fix.'));
  children.push(...findings.map(findingCard));
  if (app.checks_passed?.length) {
    children.push(h('details', null, h('summary', null, `${app.checks_passed.length} checks passed`),
      h('p', null, app.checks_passed.map((id) => h('code', { class: 'check' }, id)))));
  }
  if (app.checks_not_run?.length) {
    children.push(h('details', null, h('summary', null, `${app.checks_not_run.length} checks not run`),
      table(['rule', 'why not'], app.checks_not_run.map((c) => [h('code', null, c.rule_id), c.reason]))));
  }
  return section('findings', findings.length ? 'Fix these first' : 'Findings', ...children);
}
