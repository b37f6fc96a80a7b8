import { BrowserModule } from './browser-module';

/**
 * DOM helpers every view uses. Everything is built with createElement and text nodes, never innerHTML, so a
 * customer's words or a theme name can never become markup.
 */
export const DOM_MODULE: BrowserModule = {
  file: 'dom.js',
  source: String.raw`
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.setAttribute('class', v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
}

export function section(title, ...children) {
  return el('section', { class: 'card' }, el('h2', null, title), ...children);
}

export function note(text, kind) {
  return el('p', { class: 'note ' + (kind || '') }, text);
}

/** columns: [{ title, cell: (row) => Node|string, num?: true }]; onRow makes rows clickable (and keyboard-focusable). */
export function table(columns, rows, options) {
  const opts = options || {};
  if (rows.length === 0) return note(opts.empty || 'Nothing to show for these filters.', 'empty');
  return el('table', { class: opts.class || '' },
    el('thead', null, el('tr', null, columns.map((c) => el('th', { class: c.num ? 'num' : '' }, c.title)))),
    el('tbody', null, rows.map((r) => {
      const tr = el('tr', opts.onRow ? { tabindex: '0', class: 'clickable', 'data-key': opts.key ? opts.key(r) : undefined } : null,
        columns.map((c) => el('td', { class: c.num ? 'num' : '' }, c.cell(r))));
      if (opts.onRow) {
        tr.addEventListener('click', () => opts.onRow(r, tr));
        tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') opts.onRow(r, tr); });
      }
      return tr;
    })));
}

export const fmt = {
  num: (n, digits) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 1 : digits })),
  signed: (n, digits) => (n === null || n === undefined ? '–' : (n > 0 ? '+' : n < 0 ? '−' : '') + fmt.num(Math.abs(n), digits)),
  pct: (x) => (x === null || x === undefined ? '–' : Math.round(x * 100) + '%'),
  money: (n) => Number(n).toLocaleString('en-US', { maximumFractionDigits: 0 }),
  day: (d) => String(d).slice(0, 10),
  time: (d) => String(d).slice(0, 16).replace('T', ' '),
};

/**
 * A line chart that reads as a trend: y axis with labelled ticks, dates along x, one dot per bucket (its value
 * and responses on hover), gaps where a bucket has no answers, and a caption with the latest value and the change.
 * points: [{ at, value, n }]
 */
export function lineChart(spec) {
  const pts = spec.points.filter((p) => p.value !== null && p.value !== undefined);
  const box = el('figure', { class: 'chart', 'data-metric': spec.id });
  box.append(el('figcaption', null, el('strong', null, spec.title), spec.help ? el('span', { class: 'muted' }, ' · ' + spec.help) : null));
  if (pts.length === 0) { box.append(note('No answers in this range.', 'empty')); return box; }
  const w = 560, h = 170, left = 44, right = 28, top = 10, bottom = 26;
  const lo = spec.min, hi = spec.max;
  const times = spec.points.map((p) => new Date(p.at).getTime());
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const x = (t) => left + (t1 === t0 ? (w - left - right) / 2 : ((t - t0) * (w - left - right)) / (t1 - t0));
  const y = (v) => top + ((hi - v) * (h - top - bottom)) / (hi - lo);
  const chart = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': spec.title + ' trend', class: 'trend' });
  for (const tick of [lo, (lo + hi) / 2, hi]) {
    chart.append(svg('line', { x1: left, x2: w - right, y1: y(tick), y2: y(tick), class: tick === 0 ? 'axis zero' : 'axis' }));
    chart.append(svg('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick' }, fmt.num(tick)));
  }
  const labelled = times.length <= 3 ? times : [t0, times[Math.floor(times.length / 2)], t1];
  for (const t of labelled) chart.append(svg('text', { x: x(t), y: h - 6, 'text-anchor': 'middle', class: 'tick' }, spec.bucket === 'hour' ? fmt.time(new Date(t).toISOString()).slice(5) : fmt.day(new Date(t).toISOString()).slice(5)));
  // Break the line where a bucket has no value instead of drawing across the gap.
  let d = '', pen = 'M';
  for (const p of spec.points) {
    if (p.value === null || p.value === undefined) { pen = 'M'; continue; }
    d += pen + x(new Date(p.at).getTime()).toFixed(1) + ' ' + y(p.value).toFixed(1) + ' ';
    pen = 'L';
  }
  chart.append(svg('path', { d: d, class: 'line' }));
  for (const p of pts) {
    chart.append(svg('circle', { cx: x(new Date(p.at).getTime()), cy: y(p.value), r: 3, class: 'dot' },
      svg('title', null, fmt.time(p.at) + ': ' + fmt.num(p.value, 2) + (p.n !== undefined ? ' (' + p.n + ' answers)' : ''))));
  }
  box.append(chart);
  const first = pts[0], last = pts[pts.length - 1];
  box.append(el('p', { class: 'caption' },
    'Latest ', el('strong', { class: 'latest' }, fmt.num(last.value, 1)),
    last.n !== undefined ? ' (' + last.n + ' answers, ' + fmt.day(last.at) + ')' : '',
    pts.length > 1 ? ' · ' + fmt.signed(last.value - first.value, 1) + ' since ' + fmt.day(first.at) : ' · one bucket only: widen the range for a trend'));
  return box;
}

/** Verbatims: the redacted text as stored, with where and when it was said and a link to correct its reading. */
export function verbatimList(items, emptyText) {
  if (items.length === 0) return note(emptyText || 'No verbatims with words for these filters.', 'empty');
  return el('ul', { class: 'verbatims' }, items.map((v) => el('li', { class: 'verbatim ' + v.sentiment, 'data-id': v.feedbackEventId },
    el('blockquote', null, v.text),
    el('div', { class: 'meta' },
      fmt.time(v.occurredAt), ' · ', v.touchpoint, ' · ', v.channel, v.language ? ' · ' + v.language : '', ' · ',
      el('span', { class: 'sentiment' }, v.sentiment), v.nps !== null && v.nps !== undefined ? ' · NPS ' + v.nps : '',
      v.themes && v.themes.length ? ' · ' + v.themes.join(', ') : '', ' · ',
      el('a', { href: '#/corrections/' + v.feedbackEventId, class: 'correct-link' }, 'Correct this reading')))));
}
`,
};
