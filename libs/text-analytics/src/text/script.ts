/** Writing-system detection by Unicode ranges: cheap, exact for scripts that map to one language. */

export type Script = 'latin' | 'thai' | 'hangul' | 'kana' | 'han' | 'cyrillic' | 'arabic' | 'devanagari' | 'greek' | 'hebrew' | 'other';

export function scriptOf(code: number): Script | undefined {
  if (code < 0x41) return undefined;
  if (code <= 0x24f) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code >= 0xc0 ? 'latin' : undefined;
  if (code >= 0x0e00 && code <= 0x0e7f) return 'thai';
  if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) return 'hangul';
  if (code >= 0x3040 && code <= 0x30ff) return 'kana';
  if (code >= 0x4e00 && code <= 0x9fff) return 'han';
  if (code >= 0x0400 && code <= 0x04ff) return 'cyrillic';
  if (code >= 0x0600 && code <= 0x06ff) return 'arabic';
  if (code >= 0x0900 && code <= 0x097f) return 'devanagari';
  if (code >= 0x0370 && code <= 0x03ff) return 'greek';
  if (code >= 0x0590 && code <= 0x05ff) return 'hebrew';
  if (code >= 0x1e00 && code <= 0x1eff) return 'latin'; // Vietnamese etc.
  return undefined;
}

export interface ScriptCounts {
  counts: Partial<Record<Script, number>>;
  letters: number;
}

/** Counts letters per script over the first `limit` characters (enough to decide, bounded cost). */
export function countScripts(text: string, limit = 400): ScriptCounts {
  const counts: Partial<Record<Script, number>> = {};
  let letters = 0;
  const end = Math.min(text.length, limit);
  for (let i = 0; i < end; i++) {
    const script = scriptOf(text.charCodeAt(i));
    if (script === undefined) continue;
    counts[script] = (counts[script] ?? 0) + 1;
    letters++;
  }
  return { counts, letters };
}

export function isThaiChar(code: number): boolean {
  return code >= 0x0e00 && code <= 0x0e7f;
}

export function containsScript(text: string, script: Script): boolean {
  for (let i = 0; i < text.length; i++) if (scriptOf(text.charCodeAt(i)) === script) return true;
  return false;
}
