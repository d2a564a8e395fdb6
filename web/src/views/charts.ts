// Chart.js with every component registered once, animations off (charts are
// drawn once per analysis), colours from the shared stylesheet's variables.
import { Chart, registerables } from 'chart.js';

Chart.register(...registerables);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

export { Chart };

/** The value of a CSS variable of the shared stylesheet (e.g. --sdx-part-gc). */
export function cssVar(name: string, fallback = '#888'): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** A canvas in a sized box (Chart.js needs a positioned parent to be responsive). */
export function chartBox(height: number): { box: HTMLDivElement; canvas: HTMLCanvasElement } {
  const box = document.createElement('div');
  box.className = 'chart-box';
  box.style.height = `${height}px`;
  const canvas = document.createElement('canvas');
  box.appendChild(canvas);
  return { box, canvas };
}
