// The CX analyst dashboard: one static page. It asks for an API key (kept in sessionStorage only) and
// reads the tenant-scoped reporting API with it, so it shows exactly what that key may see. "Correct an analysis"
// sends an analyst's correction to the sentiment service (its public URL comes from SENTIMENT_PUBLIC_URL).
export function dashboardPage(sentimentUrl: string): string {
  return DASHBOARD_PAGE.replace('__SENTIMENT_URL__', JSON.stringify(sentimentUrl).replace(/</g, '\\u003c'));
}

const DASHBOARD_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Loops — Voice of the Customer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1d232b; }
  header { background: #1d3557; color: #fff; padding: 12px 24px; display: flex; align-items: center; gap: 16px; }
  header h1 { font-size: 20px; margin: 0; }
  main { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; padding: 16px 24px; }
  section { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  section.wide { grid-column: 1 / -1; }
  h2 { font-size: 16px; margin: 4px 0 12px; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e8eb; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .empty { color: #6b7280; font-style: italic; }
  .bad { color: #b42318; font-weight: 600; }
  form { display: flex; gap: 8px; margin-left: auto; }
  input { padding: 4px 8px; min-width: 280px; }
  #error { color: #b42318; padding: 0 24px; }
  #correct { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; }
  #correct input, #correct select { min-width: 0; flex: 1 1 160px; }
  #correction-result { white-space: pre-wrap; font-size: 13px; background: #f5f6f8; padding: 8px; margin: 8px 0 0; min-height: 1em; }
</style>
</head>
<body>
<header>
  <h1>Loops — Voice of the Customer</h1>
  <span id="tenant"></span>
  <form id="login"><input id="key" type="password" placeholder="API key" autocomplete="off"><button type="submit">Open</button></form>
</header>
<p id="error" role="alert"></p>
<main>
  <section class="wide"><h2>NPS trend</h2><div id="trend" class="empty">Enter an API key to load the dashboard.</div></section>
  <section><h2>Top root causes by NPS points</h2><div id="drivers"></div></section>
  <section><h2>Top root causes by revenue at risk</h2><div id="revenue"></div></section>
  <section><h2>Emerging issues</h2><div id="emerging"></div></section>
  <section><h2>Open cases past SLA</h2><div id="cases"></div></section>
  <section class="wide"><h2>Correct an analysis</h2>
    <form id="correct">
      <input id="c-id" placeholder="Feedback event id" required>
      <select id="c-sentiment" aria-label="Sentiment"><option value="">sentiment unchanged</option><option>negative</option><option>neutral</option><option>positive</option></select>
      <input id="c-added" placeholder="Themes to add (comma-separated ids)">
      <input id="c-removed" placeholder="Themes to remove (comma-separated ids)">
      <input id="c-note" placeholder="Note (optional)">
      <input id="c-by" placeholder="Your name" required>
      <button type="submit">Send correction</button>
    </form>
    <pre id="correction-result" role="status"></pre>
  </section>
</main>
<script>
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const money = (n) => Number(n).toLocaleString('en-US', { maximumFractionDigits: 0 });

async function api(path) {
  const res = await fetch(path, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('loops-key') } });
  if (!res.ok) throw new Error(path + ': ' + res.status + ' ' + ((await res.json().catch(() => ({}))).message || ''));
  return res.json();
}

function table(el, columns, rows, emptyText) {
  if (rows.length === 0) { el.className = 'empty'; el.textContent = emptyText; return; }
  el.className = '';
  el.innerHTML = '<table><thead><tr>' + columns.map((c) => '<th>' + esc(c[0]) + '</th>').join('') + '</tr></thead><tbody>' +
    rows.map((r) => '<tr>' + columns.map((c) => '<td class="' + (c[2] || '') + '">' + c[1](r) + '</td>').join('') + '</tr>').join('') + '</tbody></table>';
}

function trendChart(el, points) {
  const pts = points.filter((p) => p.nps !== null);
  if (pts.length === 0) { el.className = 'empty'; el.textContent = 'No NPS answers in the last 30 days.'; return; }
  el.className = '';
  const w = 900, h = 180, pad = 30;
  const x = (i) => pad + (pts.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (pts.length - 1));
  const y = (v) => pad + ((100 - v) * (h - 2 * pad)) / 200;
  const path = pts.map((p, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(p.nps).toFixed(1)).join(' ');
  el.innerHTML = '<svg role="img" aria-label="NPS trend" viewBox="0 0 ' + w + ' ' + h + '" width="100%" height="' + h + '">' +
    '<line x1="' + pad + '" x2="' + (w - pad) + '" y1="' + y(0) + '" y2="' + y(0) + '" stroke="#ccc"/>' +
    '<path d="' + path + '" fill="none" stroke="#1d3557" stroke-width="2"/>' +
    pts.map((p, i) => '<circle cx="' + x(i) + '" cy="' + y(p.nps) + '" r="3" fill="#1d3557"><title>' + esc(p.bucketStart.slice(0, 10)) + ': NPS ' + Math.round(p.nps) + '</title></circle>').join('') +
    '</svg><p>Latest NPS: <strong id="latest-nps">' + Math.round(pts[pts.length - 1].nps) + '</strong> (' + pts[pts.length - 1].npsResponses + ' responses on ' + esc(pts[pts.length - 1].bucketStart.slice(0, 10)) + ')</p>';
}

async function load() {
  $('error').textContent = '';
  try {
    const [metrics, drivers, revenue, emerging, cases] = await Promise.all([
      api('/v1/reports/metrics?bucket=day'),
      api('/v1/reports/drivers?limit=10'),
      api('/v1/reports/revenue-at-risk'),
      api('/v1/reports/emerging-issues?status=open'),
      api('/v1/reports/cases?pastSla=true'),
    ]);
    trendChart($('trend'), metrics.items);
    table($('drivers'), [['Theme', (d) => esc(d.theme)], ['NPS points', (d) => d.impact.toFixed(1), 'num'], ['Prevalence', (d) => Math.round(d.prevalence * 100) + '%', 'num'], ['95% interval', (d) => esc(d.ci95), 'num']],
      drivers.items, 'No themes in the window.');
    table($('revenue'), [['Theme', (r) => esc(r.key)], ['Revenue at risk', (r) => money(r.revenueAtRisk), 'num'], ['Customers', (r) => r.customers, 'num']],
      revenue.byTheme.slice(0, 10), 'No revenue at risk.');
    table($('emerging'), [['Touchpoint', (i) => esc(i.touchpoint)], ['Theme', (i) => esc(i.theme)], ['Negative', (i) => i.evidence.negative, 'num bad'], ['Baseline', (i) => i.evidence.baseline, 'num'], ['Since', (i) => esc(String(i.openedBucket).slice(0, 16))]],
      emerging.items, 'No emerging issues.');
    table($('cases'), [['Case', (c) => esc(c.caseId.slice(0, 8))], ['Priority', (c) => esc(c.priority)], ['Owner', (c) => esc(c.ownerTeam)], ['Due', (c) => '<span class="bad">' + esc(String(c.dueAt).slice(0, 16)) + '</span>']],
      cases.items, 'No open case is past its SLA.');
  } catch (e) {
    $('error').textContent = e.message;
  }
}

const SENTIMENT_URL = __SENTIMENT_URL__;
const ids = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
$('correct').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { feedbackEventId: $('c-id').value.trim(), correctedBy: $('c-by').value.trim() };
  if ($('c-sentiment').value) body.sentiment = $('c-sentiment').value;
  if (ids($('c-added').value).length) body.themesAdded = ids($('c-added').value);
  if (ids($('c-removed').value).length) body.themesRemoved = ids($('c-removed').value);
  if ($('c-note').value.trim()) body.note = $('c-note').value.trim();
  try {
    const res = await fetch(SENTIMENT_URL + '/v1/corrections', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + sessionStorage.getItem('loops-key'), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await res.json().catch(() => ({}));
    $('correction-result').textContent = res.status + ' ' + (res.ok
      ? 'recorded; this tenant is now analysed with ' + (answer.adapter ? answer.adapter.analyzerVersion : '-')
      : (answer.message || (answer.errors || []).map((e) => e.field + ': ' + e.messages.join('; ')).join(' | '))) + '\\n' + JSON.stringify(answer, null, 2);
  } catch (e) {
    $('correction-result').textContent = 'could not reach the sentiment service at ' + SENTIMENT_URL + ': ' + e.message;
  }
});

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('loops-key', $('key').value.trim());
  $('key').value = '';
  load();
});
if (sessionStorage.getItem('loops-key')) load();
</script>
</body>
</html>
`;
