import * as ts from 'typescript';
import { DashboardView } from './browser-module';
import { DASHBOARD_VIEWS, dashboardModules, SERVES_RESTRICTED_KEYS } from './registry';

/** Syntax errors TypeScript's parser finds in a browser module (parsed as JavaScript). */
function syntaxErrors(file: string, source: string): string[] {
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS) as ts.SourceFile & { parseDiagnostics: ts.Diagnostic[] };
  return parsed.parseDiagnostics.map((d) => `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('dashboard front-end modules', () => {
  const modules = dashboardModules();

  it('serves the frame, the helpers, the registry and one file per view', () => {
    expect([...modules.keys()]).toEqual(['app.js', 'dom.js', 'views.js', ...DASHBOARD_VIEWS.map((v) => `view-${v.id}.js`)]);
    expect(DASHBOARD_VIEWS.map((v) => v.id)).toEqual(['overview', 'drivers', 'themes', 'emerging', 'cases', 'accounts', 'goals', 'actions', 'operations', 'corrections']);
  });

  it('parses every module as JavaScript, each view with a default render export', () => {
    expect([...modules].flatMap(([file, source]) => syntaxErrors(file, source))).toEqual([]);
    for (const v of DASHBOARD_VIEWS) expect(v.source).toMatch(/export default async function render\(root, ctx\)/);
  });

  it('keeps sources free of backticks and dollar-braces, which String.raw would mangle', () => {
    for (const [file, source] of modules) expect({ file, bad: /[`]|\$\{/.test(source) }).toEqual({ file, bad: false });
  });

  it('adds a view with one registry entry: its route, navigation title and file follow', () => {
    const goals: DashboardView = { id: 'goals-extra', title: 'Goals', source: 'export default async function render(root, ctx) { root.textContent = "goals"; }\n' };
    const withGoals = dashboardModules([...DASHBOARD_VIEWS, goals]);
    expect(withGoals.get('view-goals-extra.js')).toBe(goals.source);
    expect(withGoals.get('views.js')).toContain('{"id":"goals-extra","title":"Goals","serves":[]}');
  });

  it("tells the browser which department keys each view serves; a view not declared is for whole-tenant keys only", () => {
    const served = Object.fromEntries(DASHBOARD_VIEWS.map((v) => [v.id, SERVES_RESTRICTED_KEYS[v.id] ?? []]));
    expect(served).toEqual({ overview: ['touchpoints'], drivers: ['touchpoints'], themes: ['touchpoints'], emerging: ['touchpoints'], cases: ['touchpoints', 'accounts'], accounts: ['accounts'], goals: [], actions: [], operations: [], corrections: [] });
    expect(modules.get('views.js')).toContain('{"id":"accounts","title":"Accounts","serves":["accounts"]}');
  });
});
