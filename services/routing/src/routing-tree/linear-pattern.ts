import { RE2JS } from 're2js';

/** Longest pattern a tree or silence may hold: RE2's cost is (pattern size × text length), so both are bounded. */
export const MAX_PATTERN_LENGTH = 1000;
/** RE2 program size cap (roughly the compiled automaton's instructions); stops `x{1000}{1000}`-style blow-ups. */
const MAX_PROGRAM_SIZE = 5000;

/**
 * A tenant-supplied regular expression matched in time linear in the text (RE2 semantics via re2js):
 * no backtracking, so `(a+)+` on a long text costs the same as `a+`. Constructs RE2 cannot run in linear
 * time (backreferences, lookaround) are refused when the tree is parsed. The whole value must match
 * (anchored), as before.
 */
export class LinearPattern {
  private constructor(
    readonly source: string,
    private readonly compiled: RE2JS,
  ) {}

  /** The compiled pattern, or the reason it is refused (said to the tenant with the matcher's path). */
  static compile(source: string): LinearPattern | { problem: string } {
    if (source.length > MAX_PATTERN_LENGTH) return { problem: `regular expression longer than ${MAX_PATTERN_LENGTH} characters` };
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(source);
    } catch (error) {
      return {
        problem: `not a linear-time regular expression (RE2 syntax: no backreferences or lookaround): ${(error as Error).message}`,
      };
    }
    if (compiled.programSize() > MAX_PROGRAM_SIZE) return { problem: `regular expression too complex (program size ${compiled.programSize()} > ${MAX_PROGRAM_SIZE})` };
    return new LinearPattern(source, compiled);
  }

  /** True when the whole text matches. */
  test(text: string): boolean {
    return this.compiled.testExact(text);
  }
}
