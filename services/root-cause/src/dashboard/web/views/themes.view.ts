import { DashboardView } from '../browser-module';

/** Themes: everything customers talk about in scope, with the verbatims behind each, by sentiment. */
export const THEMES_VIEW: DashboardView = {
  id: 'themes',
  title: 'Themes & verbatims',
  source: String.raw`
import { el, fmt, section, table, verbatimList } from './dom.js';

export default async function render(root, ctx) {
  const answer = await ctx.api('/v1/explore/themes?' + ctx.query());
  const detail = el('div', { id: 'theme-verbatims' });
  root.append(section('Themes customers mention',
    el('p', { class: 'note' }, answer.total + ' items in scope. Click a theme to read what customers wrote about it (redacted as stored: e-mails, phone and card numbers removed).'),
    table([
      { title: 'Theme', cell: (t) => el('span', { class: 'theme-label', title: t.theme }, t.label) },
      { title: 'Mentions', num: true, cell: (t) => t.mentions },
      { title: 'Negative', num: true, cell: (t) => fmt.pct(t.mentions ? t.negative / t.mentions : null) },
      { title: 'Mean sentiment', num: true, cell: (t) => fmt.signed(t.sentimentMean, 2) },
      { title: 'NPS answers', num: true, cell: (t) => t.npsCount },
    ], answer.items, { empty: 'No themes mentioned in this range and these filters.', key: (t) => t.theme, onRow: (t, tr) => show(ctx, t, tr, detail, '') }),
  ), detail);
  if (answer.items.length === 0) {
    detail.append(section('Latest verbatims', verbatimList((await ctx.api('/v1/explore/verbatims?' + ctx.query({ limit: 10 }))).items)));
  } else {
    await show(ctx, answer.items[0], root.querySelector('tbody tr'), detail, '');
  }
}

async function show(ctx, t, tr, detail, sentiment) {
  for (const row of tr.parentNode.children) row.classList.toggle('selected', row === tr);
  const answer = await ctx.api('/v1/explore/verbatims?' + ctx.query({ theme: t.theme, sentiment: sentiment || undefined, limit: 20 }));
  const pick = (value, label) => el('button', { type: 'button', class: value === sentiment ? 'active' : '', onclick: () => show(ctx, t, tr, detail, value) }, label);
  detail.replaceChildren(section('What customers said about ' + t.label,
    el('div', { class: 'inline' }, 'Show: ', pick('', 'all'), ' ', pick('negative', 'negative'), ' ', pick('neutral', 'neutral'), ' ', pick('positive', 'positive')),
    verbatimList(answer.items)));
}
`,
};
