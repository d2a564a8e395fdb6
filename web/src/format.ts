// Number formatting for the views. Durations and sizes follow the CLI's text
// report style (1 min 08 s, 1.6 GiB) so the page reads like the report.

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), sec = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h} h ${pad(m)} min` : `${m} min ${pad(sec)} s`;
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n, unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) { value /= 1024; ++unit; }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export const count = (n: number | null | undefined) =>
  n === null || n === undefined ? '-' : n.toLocaleString('en-US');

export const percent = (share: number | null | undefined, digits = 1) =>
  share === null || share === undefined ? '-' : `${(share * 100).toFixed(digits)}%`;

export const time = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '-' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

/** The History Server's time strings ("2024-06-12T06:00:57.295GMT") as epoch ms. */
export function restTime(text: string | undefined | null): number | null {
  if (!text) return null;
  const ms = Date.parse(text.replace(/GMT$/, 'Z'));
  return Number.isNaN(ms) ? null : ms;
}

/** One evidence value with its unit, as the report's text renderer words it. */
export function evidence(value: unknown, unit: string): string {
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'ms': return duration(value);
    case 'bytes': return bytes(value);
    case 'count': return count(value);
    case 'fraction': return percent(value);
    case 'ratio': return `${value}x`;
    default: return `${value} ${unit}`;
  }
}

export const rate = (mbPerSec: number) => `${mbPerSec < 10 ? mbPerSec.toFixed(1) : mbPerSec.toFixed(0)} MB/s`;
