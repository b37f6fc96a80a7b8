/**
 * The dashboard's front-end is a handful of native ES modules that root-cause serves from memory at
 * `/dashboard/app/<file>`: no bundler and no build step beyond `tsc`, and the Docker image carries them in `dist/`
 * like the rest of the service. Each module's source is browser JavaScript kept in a String.raw literal, so
 * it must not contain a backtick or a dollar-brace (the check in `dashboard-modules.spec.ts` refuses both).
 */
export interface BrowserModule {
  /** File name under /dashboard/app/ (e.g. `dom.js`). */
  file: string;
  source: string;
}

/**
 * One dashboard view: a page behind a hash route `#/<id>` (or `#/<id>/<param>`), listed in the navigation in
 * registry order. Its module's default export is `async function render(root, ctx)`; see app.module.ts for ctx.
 */
export interface DashboardView {
  /** Route and file name: `#/<id>` is served from `/dashboard/app/view-<id>.js`. */
  id: string;
  /** The navigation label. */
  title: string;
  source: string;
}
