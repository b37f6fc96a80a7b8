// The CX analyst dashboard's shell: header with sign-in, filter bar, navigation and the view container. The
// behaviour lives in the ES modules under /dashboard/app/ (web/registry.ts lists them). The page holds no tenant
// data: it asks for an API key (kept in sessionStorage, so it ends with the tab) and every view reads the
// tenant-scoped API with it. The sentiment service's public URL is handed to the corrections view in a meta tag.
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function dashboardPage(sentimentUrl: string): string {
  return DASHBOARD_PAGE.replace('__SENTIMENT_URL__', attr(sentimentUrl));
}

const DASHBOARD_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Loops · Voice of the Customer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="loops-sentiment-url" content="__SENTIMENT_URL__">
<style>
  * { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1d232b; font-size: 14px; }
  header { background: #1d3557; color: #fff; padding: 10px 24px; display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0; }
  #who { opacity: .85; }
  #login { display: flex; gap: 8px; margin-left: auto; }
  #login input { padding: 5px 8px; min-width: 300px; }
  #logout { margin-left: auto; display: none; }
  body.signed-in #login { display: none; }
  body.signed-in #logout { display: inline-block; }
  body:not(.signed-in) #filters, body:not(.signed-in) #nav { display: none; }
  #welcome { display: none; max-width: 760px; margin: 24px auto; background: #fff; padding: 16px 24px; border-radius: 8px; }
  body:not(.signed-in) #welcome { display: block; }
  #welcome pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f6f8; padding: 8px; }
  body:not(.signed-in) #view { display: none; }
  #filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; padding: 8px 24px; background: #e9edf3; }
  #filters label { font-size: 12px; color: #4b5563; display: flex; flex-direction: column; gap: 2px; }
  #filters select, #filters input { padding: 3px 6px; }
  #nav { display: flex; gap: 4px; padding: 0 24px; background: #fff; border-bottom: 1px solid #dde1e6; }
  #nav a { padding: 10px 14px; color: #1d3557; text-decoration: none; border-bottom: 3px solid transparent; }
  #nav a.active { border-bottom-color: #1d3557; font-weight: 600; }
  #error { color: #b42318; padding: 0 24px; margin: 8px 0; font-weight: 600; }
  #error:empty { display: none; }
  #view { padding: 8px 24px 32px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
  section.card { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 16px; }
  h2 { font-size: 16px; margin: 4px 0 10px; }
  h3 { font-size: 14px; margin: 12px 0 6px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e6e8eb; vertical-align: top; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  table.facts { width: auto; min-width: 480px; }
  tr.clickable { cursor: pointer; }
  tr.clickable:hover, tr.selected { background: #eef3fb; }
  .note { color: #4b5563; margin: 6px 0; }
  .empty { font-style: italic; }
  .bad { color: #b42318; font-weight: 600; }
  .good { color: #067647; font-weight: 600; }
  .muted { color: #6b7280; font-weight: normal; }
  .badge { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #fef0c7; color: #93370d; margin-left: 6px; }
  .badge.p1 { background: #fee4e2; color: #b42318; }
  figure.chart { margin: 0; }
  figure.chart figcaption { margin-bottom: 4px; }
  svg.trend { width: 100%; height: auto; max-height: 240px; }
  svg .axis { stroke: #e5e7eb; } svg .axis.zero { stroke: #9ca3af; }
  svg .tick { font-size: 10px; fill: #6b7280; }
  svg .line { fill: none; stroke: #1d3557; stroke-width: 2; } svg .dot { fill: #1d3557; }
  .caption { margin: 2px 0 0; color: #374151; }
  ul.verbatims { list-style: none; padding: 0; margin: 0; }
  li.verbatim { border-left: 3px solid #9ca3af; padding: 4px 10px; margin: 6px 0; background: #fafafa; }
  li.verbatim.negative { border-left-color: #d92d20; } li.verbatim.positive { border-left-color: #12b76a; }
  li.verbatim blockquote { margin: 0 0 4px; white-space: pre-wrap; }
  li.verbatim .meta { font-size: 12px; color: #6b7280; }
  body.department-key .correct-link { display: none; }
  form.stack { display: grid; grid-template-columns: 180px 1fr; gap: 8px; max-width: 720px; align-items: center; }
  form.inline { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin: 6px 0; }
  pre.result { white-space: pre-wrap; background: #f5f6f8; padding: 8px; font-size: 12px; }
</style>
</head>
<body>
<header>
  <h1>Loops · Voice of the Customer</h1>
  <span id="who"></span>
  <form id="login"><input id="key" type="password" placeholder="Paste your API key" aria-label="API key" autocomplete="off"><button type="submit" id="sign-in">Sign in</button></form>
  <button type="button" id="logout">Sign out</button>
</header>
<form id="filters" aria-label="Filters">
  <label>Time range<select id="f-range"><option value="24h">Last 24 hours</option><option value="7d">Last 7 days</option><option value="30d">Last 30 days</option><option value="90d">Last 90 days</option><option value="custom">Custom dates</option></select></label>
  <span id="custom-range" hidden><label>From<input id="f-from" type="date"></label> <label>To<input id="f-to" type="date"></label></span>
  <label>Touchpoint<select id="f-touchpoint"></select></label>
  <label>Channel<select id="f-channel"></select></label>
  <label>Segment<select id="f-segment"></select></label>
  <label>Language<select id="f-language"></select></label>
</form>
<nav id="nav"></nav>
<p id="error" role="alert"></p>
<div id="welcome">
  <h2>Sign in with an API key</h2>
  <p>The dashboard shows one tenant's feedback: the tenant of the key you paste above. Ask an admin for a key with the
  scopes <code>reports:read</code> (reports) and <code>cases:write</code> (case actions), or make one on the server:</p>
  <pre>node dist/services/ingestion/src/cli/api-keys.js create --tenant &lt;tenant&gt; --integration dashboard --scopes reports:read,cases:write</pre>
  <p>Paste the <code>apiKey</code> value it prints. The key is kept for this browser tab only and forgotten when you close it.</p>
  <p>A department's key shows only its part of the tenant: add <code>--touchpoints checkout</code> for a touchpoint owner
  (their trends, drivers, verbatims and cases) or <code>--accounts acme,globex</code> for an account manager (their accounts).</p>
</div>
<main id="view"></main>
<script type="module" src="/dashboard/app/app.js"></script>
</body>
</html>
`;
