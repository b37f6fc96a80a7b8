/** Injection token of the shared analyzer (the shipped one, or a module configured with ANALYZER_KIND=module). */
export const ANALYZER = Symbol('ANALYZER');
