import { APP_MODULE } from './app.module';
import type { RestrictionDimension } from '@loops/auth';
import { BrowserModule, DashboardView } from './browser-module';
import { DOM_MODULE } from './dom.module';
import { ACCOUNTS_VIEW } from './views/accounts.view';
import { ACTIONS_VIEW } from './views/actions.view';
import { CASES_VIEW } from './views/cases.view';
import { CORRECTIONS_VIEW } from './views/corrections.view';
import { DRIVERS_VIEW } from './views/drivers.view';
import { EMERGING_VIEW } from './views/emerging.view';
import { GOALS_VIEW } from './views/goals.view';
import { OPERATIONS_VIEW } from './views/operations.view';
import { OVERVIEW_VIEW } from './views/overview.view';
import { THEMES_VIEW } from './views/themes.view';

/**
 * The dashboard's views, in navigation order; the first is the landing page.
 *
 * To add a view: write `views/<name>.view.ts` exporting a DashboardView (copy the shape of drivers.view.ts:
 * an id, a title and the source of an ES module whose default export is `async function render(root, ctx)`),
 * then add it to this array. Nothing else changes: the router, the navigation and the file served at
 * `/dashboard/app/view-<id>.js` come from this entry, and `#/<id>/<param>` deep links work at once.
 */
export const DASHBOARD_VIEWS: DashboardView[] = [OVERVIEW_VIEW, DRIVERS_VIEW, THEMES_VIEW, EMERGING_VIEW, CASES_VIEW, ACCOUNTS_VIEW, GOALS_VIEW, ACTIONS_VIEW, OPERATIONS_VIEW, CORRECTIONS_VIEW];

/**
 * Which department keys (keys restricted to touchpoints, themes or accounts) each view can serve: the dimensions
 * every endpoint it reads declares with @ServesRestrictedKeys. The dashboard hides a view from a key restricted on a
 * dimension the view does not list, so a department sees its own pages rather than 403s. A view missing here is
 * shown to whole-tenant keys only.
 */
export const SERVES_RESTRICTED_KEYS: Record<string, RestrictionDimension[]> = {
  overview: ['touchpoints'],
  drivers: ['touchpoints'],
  themes: ['touchpoints'],
  emerging: ['touchpoints'],
  cases: ['touchpoints', 'accounts'],
  accounts: ['accounts'],
};

/** `views.js`: the registry as the browser sees it (ids, titles, department keys served; each view's code loads when it is opened). */
function viewsModule(views: DashboardView[]): BrowserModule {
  const entries = views.map(({ id, title }) => ({ id, title, serves: SERVES_RESTRICTED_KEYS[id] ?? [] }));
  return { file: 'views.js', source: `export const VIEWS = ${JSON.stringify(entries)};\n` };
}

/** Every file served under /dashboard/app/, by name. */
export function dashboardModules(views: DashboardView[] = DASHBOARD_VIEWS): Map<string, string> {
  const files: BrowserModule[] = [APP_MODULE, DOM_MODULE, viewsModule(views), ...views.map((v) => ({ file: `view-${v.id}.js`, source: v.source }))];
  return new Map(files.map((f) => [f.file, f.source]));
}
