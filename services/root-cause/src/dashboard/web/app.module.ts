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
 *   ctx.me                           who is signed in (GET /v1/me): tenantId, integrationId, scopes, view
 *
 * Department keys (restricted to touchpoints, themes or accounts) see only the views that serve them
 * (registry.ts SERVES_RESTRICTED_KEYS), land on their own page, and have the touchpoint filter fixed to theirs.
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
  const fixed = keyValues('touchpoints');
  const explorable = !me || canUse({ serves: ['touchpoints'] });
  $('f-range').value = filters.range;
  $('f-from').value = filters.from || '';
  $('f-to').value = filters.to || '';
  $('custom-range').hidden = filters.range !== 'custom';
  for (const d of DIMENSIONS) {
    const select = $('f-' + d);
    // An account manager's key reads no per-touchpoint figures: only the time range applies to its pages.
    select.parentNode.style.display = explorable ? '' : 'none';
    if (d === 'touchpoint' && fixed) {
      // A touchpoint owner's key: their touchpoint(s) only, no "All touchpoints"; fixed when there is one.
      select.replaceChildren(...fixed.map((v) => el('option', { value: v }, v)));
      select.value = filters.touchpoint;
      select.disabled = fixed.length === 1;
      continue;
    }
    select.disabled = false;
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

// ---- who is signed in, and the views their key can use --------------------------------------------------
let me = null;
const DIMENSION_WORDS = { touchpoints: ['touchpoint', 'touchpoints'], themes: ['theme', 'themes'], accounts: ['account', 'accounts'] };

/** The key's values on one dimension (e.g. its touchpoints), or null when it is not restricted there. */
function keyValues(dimension) {
  const list = me && me.view ? me.view[dimension] : null;
  return list && list.length ? list : null;
}
function restrictedOn() { return Object.keys(DIMENSION_WORDS).filter((d) => keyValues(d)); }
/** A view serves a key when it narrows by every dimension the key is restricted on. */
function canUse(view) { return restrictedOn().every((d) => view.serves.includes(d)); }
function visibleViews() { return me ? VIEWS.filter(canUse) : VIEWS; }
/** Where a key lands: an account manager on Accounts, everyone else on the first view they can use. */
function landingView() {
  const views = visibleViews();
  return (keyValues('accounts') && views.find((v) => v.id === 'accounts')) || views[0];
}

/** "sees touchpoint checkout", "sees accounts acme, globex", "sees the whole tenant". */
function describeView() {
  const parts = restrictedOn().map((d) => DIMENSION_WORDS[d][keyValues(d).length === 1 ? 0 : 1] + ' ' + keyValues(d).join(', '));
  return 'sees ' + (parts.length ? parts.join(' and ') : 'the whole tenant');
}
/** The key's integration id as a name: "checkout-team" reads "Checkout team". */
function keyName(id) {
  const words = String(id).replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function showSignedIn(who) {
  me = who;
  document.body.classList.toggle('signed-in', Boolean(who));
  // Corrections retrain the whole tenant's analyzer: a department's key has no such page, so no links to it.
  document.body.classList.toggle('department-key', restrictedOn().length > 0);
  $('who').textContent = who ? keyName(who.integrationId) + ' — ' + describeView() + ' · tenant ' + who.tenantId : '';
  buildNav();
}

/**
 * Asks /v1/me who the key is before showing anything: a wrong key gets its error and no view. A key that can read
 * the per-touchpoint figures then fills the filter bar (a touchpoint owner's filter fixed to their touchpoint).
 */
async function signIn() {
  try {
    const who = await api('/v1/me');
    showSignedIn(who);
    const fixed = keyValues('touchpoints');
    if (fixed && !fixed.includes(filters.touchpoint)) {
      filters.touchpoint = fixed[0];
      sessionStorage.setItem(FILTERS, JSON.stringify(filters));
    }
    let options = null;
    if (canUse({ serves: ['touchpoints'] })) {
      const f = apiFilters();
      options = await api('/v1/explore/filters?' + new URLSearchParams({ from: f.from, to: f.to }).toString());
    }
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

/** The route's view among those the key can use; any other route (or none) goes to the key's landing view. */
function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const asked = visibleViews().find((v) => v.id === parts[0]);
  const view = asked || landingView();
  if (me && view && !asked) history.replaceState(null, '', '#/' + view.id);
  return { view, params: asked ? parts.slice(1) : [] };
}

async function render() {
  const { view, params } = parseRoute();
  if (!sessionStorage.getItem(KEY)) return;
  if (!view) {
    $('view').replaceChildren(note('This key ' + describeView() + ': no dashboard page narrows to that view yet. Its figures are in the reports API (/v1/reports/drivers, /v1/reports/metrics).', 'empty'));
    return;
  }
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === view.id);
  const mine = ++renderCount;
  const root = el('div', { class: 'view', id: 'view-' + view.id, 'data-loading': 'true' });
  $('view').replaceChildren(root);
  document.title = view.title + ' · Loops';
  const ctx = { api, query, filters: apiFilters(), params, navigate: (hash) => { location.hash = hash; }, config, me, isCurrent: () => mine === renderCount };
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
  $('nav').replaceChildren(...visibleViews().map((v) => el('a', { href: '#/' + v.id, 'data-view': v.id }, v.title)));
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
  // A department key's fixed touchpoint was not a choice: the next key in this tab starts without it.
  if (keyValues('touchpoints')) {
    delete filters.touchpoint;
    sessionStorage.setItem(FILTERS, JSON.stringify(filters));
  }
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
