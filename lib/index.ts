/**
 * sctrace as a library: what the `sctrace` command does, as typed functions
 * (the command is built on them). Load a rule set, check a log or a program
 * and get per-call verdicts and the report, combine reports.
 *
 *     import { loadRuleSet, checkLog } from 'sctrace';
 *     const rules = loadRuleSet({ matchers: 'asterinas' });
 *     const check = checkLog(rules, { file: 'app.log' });
 *     for await (const v of check) if (v.type === 'call' && !v.supported) console.log(v.text);
 *     const report = await check.report();
 *
 * See the README's "Library" section.
 */
export { loadRuleSet, type RuleSet, type RuleSetSource } from './rule-set';
export { checkLog, checkProgram, type CheckOptions, type LogCheck, type LogSource, type ProgramCheck, type Verdict } from './check';
export { combineReports, COMBINE_FORMATS, type CombineFormat, type CombineOptions, type ReportInput } from './combine';
export { OUTPUT_FORMATS, type OutputFormat } from '../runtime/report/output-formats';
export { CliFailure as SctraceError } from '../cli/failure';
export { UsageError } from '../cli/sctrace-options';
export { ModuleLoadError } from '../runtime/load-module';
export { ABI_VERSION, type MatcherModule, type MatcherTarget } from '../runtime/abi';
export { COMPILER_VERSION as VERSION } from '../compiler/version';
export type { JsonDocument, JsonGap, JsonReasonGroup, JsonCoverageRule, JsonRuleRef } from '../runtime/report/json-document';
export type { JsonlCall, JsonlUnreadable, JsonlNotice } from '../runtime/report/jsonl-record';
export type { RuleSet as RuleSetDescription } from '../runtime/report/rule-set';
export type { CombinedReport } from '../combine/analyze';
