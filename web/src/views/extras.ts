// A generic rendering of any report section (used for the parts of newer
// sections that have no dedicated view): scalars as facts, arrays of objects
// as tables, nested objects as sub-sections.
import { h, table } from '../dom';

const label = (key: string) => key.replace(/_/g, ' ');

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function generic(value: unknown, depth = 0): Node {
  if (Array.isArray(value)) {
    if (value.length && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const keys = [...new Set(value.flatMap((v) => Object.keys(v as object)))];
      return h('div', { class: 'scroll' }, table(keys.map(label), value.map((v) => keys.map((k) => scalar((v as Record<string, unknown>)[k])))));
    }
    return document.createTextNode(value.map(scalar).join(', '));
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const simple = entries.filter(([, v]) => v === null || typeof v !== 'object');
    const nested = entries.filter(([, v]) => v !== null && typeof v === 'object');
    return h('div', null,
      simple.length ? h('div', { class: 'sdx-facts' }, simple.map(([k, v]) => h('div', { 'data-key': k },
        h('span', { class: 'label' }, label(k)), h('span', { class: 'value' }, scalar(v))))) : null,
      nested.map(([k, v]) => h('div', null, h(depth ? 'h4' : 'h3', null, label(k)), generic(v, depth + 1))));
  }
  return document.createTextNode(scalar(value));
}
