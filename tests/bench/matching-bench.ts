/**
 * Matching bench, in process and without output: where the whole CLI's time
 * goes. The Asterinas rules are compiled here (not through the cache), then
 * the reader feeds (a) a sink that only counts the arguments of each call
 * that has rules (the least a matcher must do: the arity check needs the
 * depth-aware split of the argument list), (b) the compiled matcher,
 * (c) the matcher as sctrace judges with it: each call's kernel view, and
 * verdicts remembered by the text of the positions the rules read
 * (runtime/match/kernel-call.ts matcherFor).
 */
import * as fs from 'fs';
import { compile, discoverScml } from '../../compiler/index';
import type { MatcherModule } from '../../runtime/abi';
import { loadMatcherModuleFromText } from '../../runtime/load-module';
import { matcherFor } from '../../runtime/match/kernel-call';
import { readFileSync } from '../../runtime/reader/index';
import type { CallRecord, ReaderSink } from '../../runtime/record';
import type { Corpus } from './corpus';
import { ASTERINAS_RULES } from '../fixtures/paths';
import { best, line } from './report';
import type { BenchSection } from './section';

const RULES = ASTERINAS_RULES;

function asterinasModule(): MatcherModule {
  const inputs = discoverScml([RULES]).files.map((p) => ({ path: p, bytes: fs.readFileSync(p) }));
  const { code } = compile(inputs, { format: 'js' });
  if (code === null) throw new Error('the Asterinas rules did not compile');
  return loadMatcherModuleFromText(code, '<asterinas>');
}

function sink(call: (r: CallRecord) => number): ReaderSink & { seen: number } {
  return {
    seen: 0,
    call(r: CallRecord) { this.seen += call(r); },
    unreadable() {},
    notice() {},
  };
}

export const matchingBench: BenchSection = {
  name: 'matching in process (Asterinas rules, no output)',
  run(corpus: Corpus, runs: number, limit: number): void {
    const { path: file, bytes, lines } = corpus;
    const m = asterinasModule();
    const check = (what: string, got: number): void => {
      if (got !== lines) throw new Error(`${what}: counted ${got} lines, expected ${lines}`);
    };
    const arity = best(Math.max(1, runs - 2), () =>
      check('arity', readFileSync(file, sink((r) => (m.hasRules(r.name) ? r.argCount() : 0))).lines));
    const match = best(Math.max(1, runs - 2), () => check('match', readFileSync(file, sink((r) => m.match(r))).lines));
    // A fresh memo each run: every run pays for its misses.
    const judged = best(Math.max(1, runs - 2), () => {
      const matcher = matcherFor(m, false);
      check('judged', readFileSync(file, sink((r) => matcher.match(r))).lines);
    });
    console.log(line('reader + split the arguments of ruled calls', arity, bytes, lines, limit));
    console.log(line('reader + matcher (no output)', match, bytes, lines, limit));
    console.log(line('reader + kernel view + verdict memo + matcher, as sctrace judges (no output)', judged, bytes, lines, limit));
  },
};
