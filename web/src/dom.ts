// A tiny element builder: h('div', {class: 'x'}, child, 'text'). Text always
// goes through text nodes, so nothing from a log is ever parsed as HTML.
type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
      else if (key === 'style' && typeof value === 'string') element.style.cssText = value;
      else element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id, class: 'sdx-card view' }, h('h2', null, title), ...children);
}

/** A table with optional numeric columns (right-aligned). */
export function table(headers: string[], rows: Child[][], numeric: Set<number> = new Set(), attrs: Attrs | null = null): HTMLTableElement {
  return h('table', { class: 'sdx-table', ...attrs },
    h('thead', null, h('tr', null, headers.map((title, i) => h('th', numeric.has(i) ? { class: 'num' } : null, title)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((cell, i) => h('td', numeric.has(i) ? { class: 'num' } : null, cell))))));
}
