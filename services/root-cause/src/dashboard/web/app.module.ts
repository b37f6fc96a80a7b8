import { BrowserModule } from './browser-module';

/**
 * The dashboard's frame: sign-in (the key lives in sessionStorage, so it ends with the tab), the filter bar,
 * the hash router and the API client. Views get a `ctx`:
 *   ctx.api(path, { method, body })  JSON from a same-origin endpoint with the key; throws ApiError with a readable message
 *   ctx.query(extra)                 the current filters as a query string (from, to, touchpoint, channel, segment, language);
 *                                    extra adds parameters, and a key set to undefined drops that filter
 *   ctx.filters.bucket               hour, day or week: what gives the chosen range a readable number of points
 *   ctx.filters                      the same filters as an object
 *   ctx.params                       the route's parameters: '#/cases/<caseId>' gives ['<caseId>']
 *   ctx.navigate(hash)               go to another route
 *   ctx.config.sentimentUrl          where corrections are sent
 */
export const APP_MODULE: BrowserModule = {
  file: 'app.js',
  source: String.raw`
import { el, note } from './dom.js';
import { VIEWS } from './views.js';

const $ = (id) => document.getElementById(id);
const KEY = 'loops-key';
const FILTERS = 'loops-filters';
const config = { sentimentUrl: document.querySelector('meta[name="loops-sentiment-url"]').content };

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

/** The API's own words, with what the analyst can do about it. */
function explain(status, body, path) {
  const said = Array.isArray(body.errors) && body.errors.length
    ? body.errors.map((e) => e.field + ': ' + (e.messages || []).join('; ')).join(' | ')
    : Array.isArray(body.message) ? body.message.join('; ') : (body.message || '');
  if (status === 401) return 'This API key was refused (401: ' + (said || 'not valid') + '). Check that you pasted the whole apiKey value, or ask for a new key.';
  if (status === 403) return 'This API key cannot do that (403: ' + said + '). Ask an admin for a key with the scopes reports:read and cases:write.';
  return path + ' answered ' + status + (said ? ': ' + said : '');
}

async function api(path, opts) {
  const o = opts || {};
  const headers = { authorization: 'Bearer ' + (sessionStorage.getItem(KEY) || '') };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(o.base ? o.base + path : path, { method: o.method || 'GET', headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  } catch (e) {
    throw new ApiError(0, 'Could not reach ' + (o.base || 'the server') + ' (' + e.message + ').');
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, explain(res.status, body, path));
  return body;
}

// ---- filters -------------------------------------------------------------------------------------------
const RANGES = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 };
const DIMENSIONS = ['touchpoint', 'channel', 'segment', 'language'];

function loadFilters() {
  try { return Object.assign({ range: '30d' }, JSON.parse(sessionStorage.getItem(FILTERS) || '{}')); } catch { return { range: '30d' }; }
}
let filters = loadFilters();

/** The filters as the API takes them: a window, a bucket that gives a readable number of points, and dimensions. */
function apiFilters() {
  let to = new Date(), from;
  if (filters.range === 'custom' && filters.from && filters.to) {
    from = new Date(filters.from + 'T00:00:00Z');
    to = new Date(new Date(filters.to + 'T00:00:00Z').getTime() + 86400000);
  } else {
    from = new Date(to.getTime() - (RANGES[filters.range] || 30) * 86400000);
  }
  const days = (to - from) / 86400000;
  const out = { from: from.toISOString(), to: to.toISOString(), bucket: days <= 2 ? 'hour' : days <= 45 ? 'day' : 'week' };
  for (const d of DIMENSIONS) if (filters[d]) out[d] = filters[d];
  return out;
}

/** Window and dimensions (not the bucket, which only trends take); extra values override, undefined drops one. */
function query(extra) {
  const all = Object.assign(apiFilters(), { bucket: undefined }, extra || {});
  for (const k of Object.keys(all)) if (all[k] === undefined || all[k] === null || all[k] === '') delete all[k];
  return new URLSearchParams(all).toString();
}

function fillFilterBar(options) {
  $('f-range').value = filters.range;
  $('f-from').value = filters.from || '';
  $('f-to').value = filters.to || '';
  $('custom-range').hidden = filters.range !== 'custom';
  for (const d of DIMENSIONS) {
    const select = $('f-' + d);
    const values = (options && options[d + 's']) || [];
    const current = filters[d] || '';
    select.replaceChildren(el('option', { value: '' }, 'All ' + d + 's'),
      ...[...new Set(current ? [current, ...values] : values)].map((v) => el('option', { value: v }, v)));
    select.value = current;
  }
}

function readFilterBar() {
  filters = { range: $('f-range').value, from: $('f-from').value || undefined, to: $('f-to').value || undefined };
  for (const d of DIMENSIONS) if ($('f-' + d).value) filters[d] = $('f-' + d).value;
  sessionStorage.setItem(FILTERS, JSON.stringify(filters));
  $('custom-range').hidden = filters.range !== 'custom';
}

// ---- session -------------------------------------------------------------------------------------------
function showError(message) { $('error').textContent = message || ''; }

function showSignedIn(who) {
  document.body.classList.toggle('signed-in', Boolean(who));
  $('who').textContent = who ? 'Tenant ' + who.tenantId + ' · key ' + who.integrationId : '';
}

/** Checks the key with one cheap call before showing anything: a wrong key gets its error, and no view. */
async function signIn() {
  try {
    const f = apiFilters();
    const options = await api('/v1/explore/filters?' + new URLSearchParams({ from: f.from, to: f.to }).toString());
    showSignedIn(options.principal);
    fillFilterBar(options);
    showError('');
    return true;
  } catch (e) {
    sessionStorage.removeItem(KEY);
    showSignedIn(null);
    showError(e.message);
    $('key').focus();
    return false;
  }
}

// ---- router --------------------------------------------------------------------------------------------
let renderCount = 0;

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const view = VIEWS.find((v) => v.id === parts[0]) || VIEWS[0];
  return { view, params: view.id === parts[0] ? parts.slice(1) : [] };
}

async function render() {
  const { view, params } = parseRoute();
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === view.id);
  if (!sessionStorage.getItem(KEY)) return;
  const mine = ++renderCount;
  const root = el('div', { class: 'view', id: 'view-' + view.id, 'data-loading': 'true' });
  $('view').replaceChildren(root);
  document.title = view.title + ' · Loops';
  const ctx = { api, query, filters: apiFilters(), params, navigate: (hash) => { location.hash = hash; }, config, isCurrent: () => mine === renderCount };
  try {
    const module = await import('./view-' + view.id + '.js');
    await module.default(root, ctx);
    if (mine === renderCount) showError('');
  } catch (e) {
    if (mine !== renderCount) return;
    showError(e.message);
    root.append(note(e.message, 'bad'));
    if (e.status === 401) { sessionStorage.removeItem(KEY); showSignedIn(null); }
  } finally {
    root.removeAttribute('data-loading');
    root.setAttribute('data-ready', 'true');
  }
}

function buildNav() {
  $('nav').replaceChildren(...VIEWS.map((v) => el('a', { href: '#/' + v.id, 'data-view': v.id }, v.title)));
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('key').value.trim();
  if (!key) { showError('Paste an API key first: make one with "api-keys create --scopes reports:read,cases:write" (see the README).'); return; }
  sessionStorage.setItem(KEY, key);
  $('key').value = '';
  if (await signIn()) await render();
});
$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  showSignedIn(null);
  $('view').replaceChildren();
});
$('filters').addEventListener('change', () => { readFilterBar(); render(); });
window.addEventListener('hashchange', render);

buildNav();
fillFilterBar(null);
if (sessionStorage.getItem(KEY)) { signIn().then((ok) => ok && render()); } else { parseRoute(); render(); }
`,
};
