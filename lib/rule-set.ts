/**
 * Loading a rule set, for the library and the `sctrace` command alike: a
 * shipped set's name, an installed rule-set package, a matcher module file,
 * or SCML paths compiled through the cache (cli/matchers.ts does the work).
 */
import type { MatcherModule } from '../runtime/abi';
import { describeRuleSet, type RuleSet as RuleSetDescription } from '../runtime/report/rule-set';
import type { TextSink } from '../runtime/report/reporter';
import { obtainMatcher } from '../cli/matchers';

/** Where the rules come from: what `--matchers` takes, or what the SCML operands take. */
export type RuleSetSource =
  /** A shipped set's name (`asterinas`), an installed package (`@myos/sctrace-rules`) or a module path (`./myos.js`). */
  | { matchers: string }
  /** SCML files, folders or globs, compiled (or found in the cache; `noCache` compiles afresh and stores nothing). */
  | { scml: readonly string[]; noCache?: boolean };

export interface RuleSet {
  /** The matcher module (runtime/abi.ts): `match(call)` gives the id of the first rule a call matches, or -1. */
  readonly module: MatcherModule;
  /** What reports say about it: label, OS, version, source, counts, id. */
  readonly description: RuleSetDescription;
  /** The compiler's warnings, as `path:line:column: warning: ...` lines ('' for none or a precompiled module). */
  readonly warnings: string;
}

/**
 * Loads a rule set. Throws CliFailure (bad rules, an unreadable module) or
 * UsageError (no rule set of that name), with a message for people.
 * `warnings`: where compiler warnings go as they appear (sctrace: stderr).
 */
export function loadRuleSet(source: RuleSetSource, warnings?: TextSink): RuleSet {
  let text = '';
  const sink: TextSink = warnings ?? { color: false, write: (t) => void (text += t), flush() {} };
  const module =
    'matchers' in source
      ? obtainMatcher({ matchers: source.matchers, scml: [], noCache: false }, sink)
      : obtainMatcher({ matchers: null, scml: [...source.scml], noCache: source.noCache === true }, sink);
  return { module, description: describeRuleSet(module.ir, module.target ?? null), warnings: text };
}
