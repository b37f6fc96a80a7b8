import { DashboardView } from '../browser-module';

/**
 * Correcting a misread item (`#/corrections/<feedbackEventId>`, linked from every verbatim): the analyst's
 * sentiment and theme verdict goes to the sentiment service's corrections API, which retrains the tenant's adapter.
 */
export const CORRECTIONS_VIEW: DashboardView = {
  id: 'corrections',
  title: 'Corrections',
  source: String.raw`
import { el, note, section, verbatimList } from './dom.js';

const ids = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);

export default async function render(root, ctx) {
  const id = ctx.params[0] || '';
  const item = el('div', { id: 'correction-item' });
  const result = el('pre', { id: 'correction-result', class: 'result', role: 'status' });
  const input = (id_, attrs) => el('input', Object.assign({ id: id_ }, attrs || {}));
  const form = el('form', { id: 'correct', class: 'stack' },
    el('label', { for: 'c-id' }, 'Feedback event id'), input('c-id', { required: true, value: id, placeholder: 'from "Correct this reading" under a verbatim' }),
    el('label', { for: 'c-sentiment' }, 'Sentiment is really'), el('select', { id: 'c-sentiment' }, el('option', { value: '' }, 'unchanged'), ['negative', 'neutral', 'positive'].map((s) => el('option', { value: s }, s))),
    el('label', { for: 'c-added' }, 'Themes to add'), input('c-added', { placeholder: 'theme ids, comma-separated' }),
    el('label', { for: 'c-removed' }, 'Themes to remove'), input('c-removed', { placeholder: 'theme ids, comma-separated' }),
    el('label', { for: 'c-note' }, 'Note'), input('c-note', { placeholder: 'optional: why' }),
    el('label', { for: 'c-by' }, 'Your name'), input('c-by', { required: true, value: sessionStorage.getItem('loops-analyst') || '' }),
    el('span'), el('button', { type: 'submit' }, 'Send correction'));
  root.append(section('Correct a misread item',
    note('When Loops read an item wrong (sentiment or themes), say what it should be. The tenant\'s analyzer learns from it at once and reads later, similar feedback that way; other tenants are not affected.'),
    item, form, result));
  if (id) await showItem(ctx, id, item);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = (x) => root.querySelector('#' + x).value.trim();
    const body = { feedbackEventId: v('c-id'), correctedBy: v('c-by') };
    sessionStorage.setItem('loops-analyst', body.correctedBy);
    if (v('c-sentiment')) body.sentiment = v('c-sentiment');
    if (ids(v('c-added')).length) body.themesAdded = ids(v('c-added'));
    if (ids(v('c-removed')).length) body.themesRemoved = ids(v('c-removed'));
    if (v('c-note')) body.note = v('c-note');
    try {
      const answer = await ctx.api('/v1/corrections', { method: 'POST', body: body, base: ctx.config.sentimentUrl });
      result.className = 'result good';
      result.textContent = 'Recorded. This tenant is now analysed with ' + (answer.adapter ? answer.adapter.analyzerVersion : '-') + '.\n' + JSON.stringify(answer.correction, null, 2);
    } catch (e) {
      result.className = 'result bad';
      result.textContent = e.message;
    }
  });
}

async function showItem(ctx, id, box) {
  const found = await ctx.api('/v1/explore/verbatims?' + new URLSearchParams({ feedbackEventId: id, from: '2000-01-01T00:00:00Z', to: new Date(Date.now() + 86400000).toISOString() }).toString());
  box.replaceChildren(el('h3', null, 'The item as Loops read it'), verbatimList(found.items, 'No words stored for this item; you can still correct it by id.'));
}
`,
};
