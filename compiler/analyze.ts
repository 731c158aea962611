/**
 * analyze: bytes → source → tokens → AST → resolve → IR, with diagnostics.
 *
 * Every stage adds to one list of diagnostics; a stage runs on every file
 * before the result is judged, so one run reports every problem.
 */
import { createHash } from 'node:crypto';
import { IR_VERSION, type IR, type SourceFile, type SyscallEntry, type SyscallRule } from '../runtime/ir';
import type { FileNode } from './ast';
import { type Diagnostic, DiagnosticBag, sortDiagnostics } from './diagnostics';
import { parseSource } from './parser';
import { checkDuplicateRules } from './check-duplicate-rules';
import { checkFlags } from './check-flags';
import { checkLinux } from './check-linux';
import { resolveFiles } from './resolve';
import type { Source } from './source';

export interface CompilerInput {
  /** Path as given (used in messages, origins and the module header). */
  path: string;
  bytes: Uint8Array;
}

export interface AnalyzeResult {
  /** null when any error was reported. */
  ir: IR | null;
  /** Errors and warnings, by file (input order) then position. */
  diagnostics: Diagnostic[];
}

/** Decode SCML as UTF-8; invalid bytes are an error (pointing at the first one). */
function decode(input: CompilerInput, diagnostics: DiagnosticBag): Source | null {
  try {
    return { name: input.path, body: new TextDecoder('utf-8', { fatal: true }).decode(input.bytes) };
  } catch {
    const lossy: Source = { name: input.path, body: new TextDecoder('utf-8').decode(input.bytes) };
    const at = Math.max(0, lossy.body.indexOf('\uFFFD'));
    diagnostics.error(lossy, at, at + 1, 'the file is not valid UTF-8');
    return null;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function syscallIndex(rules: readonly SyscallRule[]): SyscallEntry[] {
  const byName = new Map<string, number[]>();
  for (const rule of rules) {
    const ids = byName.get(rule.syscall);
    if (ids === undefined) byName.set(rule.syscall, [rule.id]);
    else ids.push(rule.id);
  }
  return [...byName.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, rules: byName.get(name) ?? [] }));
}

/** Parse, resolve and check SCML files (in the order given) into the IR. */
export function analyze(inputs: readonly CompilerInput[]): AnalyzeResult {
  const bag = new DiagnosticBag();
  const files: FileNode[] = [];
  for (const input of inputs) {
    const source = decode(input, bag);
    if (source !== null) files.push(parseSource(source, bag));
  }
  const resolved = resolveFiles(files, bag);
  checkDuplicateRules(resolved, bag);
  // Only for rule sets without errors: a rule that does not compile is already reported.
  if (bag.errorCount === 0) {
    checkLinux(resolved, bag);
    checkFlags(files, resolved, bag);
  }
  const rules = resolved.map((r) => r.rule);
  const diagnostics = sortDiagnostics(
    bag.items,
    inputs.map((i) => i.path),
  );
  if (bag.errorCount > 0) return { ir: null, diagnostics };
  const sources: SourceFile[] = inputs.map((i) => ({ path: i.path, sha256: sha256(i.bytes) }));
  const ir: IR = { version: IR_VERSION, sources, rules, syscalls: syscallIndex(rules) };
  return { ir, diagnostics };
}

