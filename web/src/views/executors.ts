// Executors, removed ones included (the History Server's allexecutors).
import { h, section, table } from '../dom';
import { bytes, count, duration, restTime, time } from '../format';
import type { ViewContext } from './context';

interface Executor {
  id: string; hostPort: string; isActive: boolean; totalCores: number; maxTasks: number;
  failedTasks: number; completedTasks: number; totalTasks: number; totalDuration: number; totalGCTime: number;
  totalInputBytes: number; totalShuffleRead: number; totalShuffleWrite: number; maxMemory: number;
  addTime?: string; removeTime?: string; removeReason?: string;
  peakMemoryMetrics?: Record<string, number>;
}

export async function executorsView({ client, base }: ViewContext): Promise<HTMLElement | null> {
  if (!base) return null;
  const executors = await client.restJson<Executor[]>(`${base}/allexecutors`);
  if (!executors) return null;
  const rows = executors.map((e) => [
    e.id, e.hostPort, e.totalCores, count(e.completedTasks),
    e.failedTasks ? h('span', { class: 'sdx-delta-worse' }, count(e.failedTasks)) : '0',
    duration(e.totalDuration), e.totalDuration > 0 ? `${((100 * e.totalGCTime) / e.totalDuration).toFixed(1)}%` : '-',
    bytes(e.totalInputBytes), bytes(e.totalShuffleRead), bytes(e.totalShuffleWrite),
    bytes(e.peakMemoryMetrics?.JVMHeapMemory ?? null),
    time(restTime(e.addTime)), e.removeTime ? `${time(restTime(e.removeTime))}${e.removeReason ? ` (${e.removeReason})` : ''}` : '',
  ]);
  return section('executors', `Executors (${executors.length})`, h('div', { class: 'scroll' },
    table(['id', 'host', 'cores', 'tasks', 'failed', 'task time', 'GC', 'input', 'shuffle read', 'shuffle write', 'peak heap', 'added', 'removed'],
      rows, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]), { id: 'executors-table' })));
}
