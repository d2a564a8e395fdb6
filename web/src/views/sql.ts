// SQL executions with their physical plan as a tree and each node's metrics
// (the History Server's /sql answer: nodes, and edges from child to parent).
import { h, section } from '../dom';
import { duration, restTime, time } from '../format';
import type { ViewContext } from './context';

interface PlanNode { nodeId: number; nodeName: string; wholeStageCodegenId?: number; metrics: { name: string; value: string }[] }
interface Execution {
  id: number; status: string; description: string; submissionTime?: string; duration: number;
  successJobIds: number[]; failedJobIds: number[]; runningJobIds: number[];
  nodes: PlanNode[]; edges: { fromId: number; toId: number }[];
}

const MAX_EXECUTIONS = 300;

function nodeItem(node: PlanNode, children: Map<number, number[]>, byId: Map<number, PlanNode>, seen: Set<number>): HTMLElement {
  seen.add(node.nodeId);
  const kids = (children.get(node.nodeId) ?? []).filter((id) => !seen.has(id)).map((id) => byId.get(id)!).filter(Boolean);
  return h('li', { 'data-node': node.nodeId },
    h('span', { class: 'plan-node' }, node.nodeName,
      node.wholeStageCodegenId !== undefined ? h('span', { class: 'muted' }, ` [codegen ${node.wholeStageCodegenId}]`) : null),
    node.metrics.length ? h('ul', { class: 'metrics' }, node.metrics.map((m) => h('li', null, h('span', { class: 'muted' }, `${m.name}: `), m.value))) : null,
    kids.length ? h('ul', { class: 'plan' }, kids.map((k) => nodeItem(k, children, byId, seen))) : null);
}

export function planTree(execution: Execution): HTMLElement {
  const byId = new Map(execution.nodes.map((n) => [n.nodeId, n]));
  const children = new Map<number, number[]>();
  const hasParent = new Set<number>();
  const inEdge = new Set<number>();
  for (const edge of execution.edges) {
    (children.get(edge.toId) ?? children.set(edge.toId, []).get(edge.toId)!).push(edge.fromId);
    hasParent.add(edge.fromId);
    inEdge.add(edge.fromId).add(edge.toId);
  }
  const seen = new Set<number>();
  const roots = execution.nodes.filter((n) => !hasParent.has(n.nodeId) && (inEdge.has(n.nodeId) || !/^WholeStageCodegen/.test(n.nodeName)));
  const clusters = execution.nodes.filter((n) => !inEdge.has(n.nodeId) && /^WholeStageCodegen/.test(n.nodeName));
  return h('div', { class: 'plan-tree' },
    h('ul', { class: 'plan' }, roots.map((r) => nodeItem(r, children, byId, seen))),
    clusters.length ? h('div', null, h('h4', null, 'Whole-stage codegen'),
      h('ul', { class: 'metrics' }, clusters.map((c) => h('li', null, c.nodeName, ': ', c.metrics.map((m) => `${m.name} ${m.value}`).join('; '))))) : null);
}

export async function sqlView({ client, base }: ViewContext): Promise<HTMLElement | null> {
  if (!base) return null;
  const executions = await client.restJson<Execution[]>(`${base}/sql?details=true&planDescription=false&length=${MAX_EXECUTIONS}`);
  if (!executions || executions.length === 0) return null;
  const items = executions.map((e) => {
    const details = h('details', { class: 'sql-execution', id: `sql-${e.id}`, 'data-sql': e.id },
      h('summary', null, h('strong', null, `query ${e.id}`), ` ${e.status.toLowerCase()} · ${duration(e.duration)} · ${time(restTime(e.submissionTime))} · `,
        h('span', { class: 'muted' }, e.description),
        e.failedJobIds.length ? h('span', { class: 'sdx-delta-worse' }, ` · failed jobs ${e.failedJobIds.join(', ')}`) : null));
    details.addEventListener('toggle', () => {
      if (details.open && details.children.length === 1) {
        details.append(h('p', { class: 'muted small' }, `jobs: ${[...e.successJobIds, ...e.failedJobIds, ...e.runningJobIds].join(', ') || 'none'}`), planTree(e));
      }
    }, { once: false });
    return details;
  });
  return section('sql', 'SQL executions', items,
    executions.length >= MAX_EXECUTIONS ? h('p', { class: 'muted' }, `The first ${MAX_EXECUTIONS} executions are listed.`) : null);
}
