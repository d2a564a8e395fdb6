// The parts of the report JSON (docs/report.md) the views read. Fields the
// core is still gaining (stage_summaries, spark_properties, simulation, cost)
// are optional and feature-detected.
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Part { part: string; label: string; ms: number; share: number }
export interface Evidence { key: string; value: unknown; unit: string }
export interface Recommendation { text: string; config_key: string | null; config_value: string | null; conf_line: string | null }
export interface Finding {
  rule_id: string; severity: string; category: string;
  entity: { kind: string; id: string | null; name: string | null };
  cause: string | null; evidence: Evidence[]; explanation: string; recommendation: Recommendation[];
  impact: { saving_ms: number; saving_share: number; saving_core_ms: number; estimate: string };
  confidence: string;
}
export interface Breakdown {
  wall_clock_ms: number; end_observed: boolean; parts: Part[];
  core_time_held_ms: number; core_time_busy_ms: number; core_efficiency: number | null;
  no_task_gaps_count: number;
  slots_over_time: { start_ms: number; interval_ms: number; alive: number[]; busy: number[] };
  critical_paths: { job_id: number; stage_ids: number[]; stage_span_ms: number }[];
}
export interface Application {
  log: string; layout: string; files: string[]; in_progress: boolean;
  id: string | null; name: string | null; attempt_id: string | null; user: string | null;
  spark_version: string | null; start_ms: number | null; end_ms: number | null; duration_ms: number | null;
  completed: boolean; jobs: number; stages: number; stage_attempts: number; tasks: number;
  executors: number; sql_executions: number;
  open_at_end: { jobs: number; stage_attempts: number; tasks: number };
  totals?: Record<string, number>;
  breakdown?: Breakdown;
  findings?: Finding[];
  checks_passed?: string[];
  checks_not_run?: { rule_id: string; reason: string }[];
  stage_summaries?: any[];
  spark_properties?: any;
  simulation?: any;
  cost?: any;
  [key: string]: unknown;
}
export interface InputEntry {
  name: string; codec: string | null; bytes_read: number; bytes_decoded: number;
  status: string; error: string | null; lines: number; events: number; application: number | null;
}
export interface Issue {
  kind: string; severity: string; input: string; line: number | null; byte_offset: number | null;
  message: string; excerpt: string | null;
}
export interface Report {
  schema_version: number; generator: string; inputs: InputEntry[];
  accounting: { lines: number; events: number; blank_lines: number; malformed_lines: number; unknown_events: number; events_by_type: Record<string, number> };
  issue_counts: Record<string, number>; issues: Issue[]; issues_not_listed: number;
  applications: Application[];
  simulation?: any; cost?: any;
  [key: string]: unknown;
}

/** The REST base path of an application: applications/<id>[/<attempt>]. */
export function restBase(app: Application): string | null {
  if (!app.id) return null;
  return `applications/${encodeURIComponent(app.id)}` + (app.attempt_id ? `/${encodeURIComponent(app.attempt_id)}` : '');
}
