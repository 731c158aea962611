/**
 * Warn about flag names that can never match, from strace's own name tables
 * (linux/strace-names.ts, linux/argument-tables.ts):
 * - a name strace prints in no table at all (a misspelling, with the
 *   closest name strace prints for that argument, else anywhere);
 * - a name strace prints, but never for this argument (O_CLOEXEC in mmap's
 *   flags), naming the table it belongs to.
 * Only what is proven: numbers, NULL, names of arguments not mapped to a
 * table (second check) and names strace prints by another spelling
 * (IN_CLOSE, FUTEX_PRIVATE_FLAG) do not warn. The warning sits on the name
 * itself, inside a named bitflags rule when it comes from one.
 */
import type { FileNode, FlagNameNode, FlagPatternNode, ReferenceNode, StructPatternNode, SyscallRuleNode, ValuePatternNode } from './ast';
import type { DiagnosticBag } from './diagnostics';
import type { ResolvedRule } from './resolve';
import { closestName } from './suggest';
import { type ArgumentTable, acceptedNames, argumentTable, isOtherSpelling, mappedArguments, printedIndex } from '../linux/argument-tables';
import { namesLike, tablesWithName } from '../linux/strace-names';

/** Parts of a value that are not names strace prints from a table. */
const NOT_A_NAME = /^(-?\d\w*|NULL)$/;

/** The bitflags and struct definitions of one file, by name. */
interface FileScope {
  bitflags: Map<string, FlagPatternNode>;
  structs: Map<string, StructPatternNode[]>;
}

function scopeOf(file: FileNode): FileScope {
  const scope: FileScope = { bitflags: new Map(), structs: new Map() };
  for (const s of file.statements) {
    if (s.kind === 'bitflagsRule' && !scope.bitflags.has(s.name.name)) scope.bitflags.set(s.name.name, s.pattern);
    if (s.kind === 'structRule') scope.structs.set(s.name.name, [...(scope.structs.get(s.name.name) ?? []), s.pattern]);
  }
  return scope;
}

/** "open_mode_flags (as for open's flags, openat's flags, ...), uffd_flags": mapped tables first, with their arguments. */
function tablesText(tables: readonly string[]): string {
  const uses = (table: string) =>
    mappedArguments()
      .filter((a) => a.table.name.split('+').includes(table))
      .map((a) => `${a.syscall}'s ${[String(a.argIndex + 1), ...a.fieldPath].join('.')}`);
  const ordered = [...tables].sort((a, b) => Number(uses(b).length > 0) - Number(uses(a).length > 0));
  return ordered
    .map((t) => {
      const u = uses(t);
      return u.length === 0 ? t : `${t} (printed for ${u.slice(0, 3).join(', ')}${u.length > 3 ? ', ...' : ''})`;
    })
    .join(', ');
}

class FlagChecker {
  /** Name occurrences already warned about. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly scope: FileScope,
    private readonly diagnostics: DiagnosticBag,
  ) {}

  rule(node: SyscallRuleNode): void {
    node.params.forEach((param, i) => {
      if (param.pattern !== null) this.value(node.name.name, param.name.name, i, [], param.pattern, new Set());
    });
  }

  private value(syscall: string, param: string, arg: number, path: string[], node: ValuePatternNode | ReferenceNode, seen: Set<string>): void {
    switch (node.kind) {
      case 'flagPattern': {
        const names: FlagNameNode[] = [];
        this.flagNames(node, seen, names);
        const siblings = new Set(names.map((n) => n.name));
        for (const n of names) this.name(syscall, param, arg, path, n, siblings);
        // A lone reference may name a struct rule.
        const only = node.parts.length === 1 ? node.parts[0] : null;
        if (only?.kind === 'reference' && !this.scope.bitflags.has(only.name)) this.value(syscall, param, arg, path, only, seen);
        return;
      }
      case 'reference': {
        if (seen.has(node.name)) return; // a cycle, reported by resolve
        const inner = new Set(seen).add(node.name);
        const flags = this.scope.bitflags.get(node.name);
        if (flags !== undefined) return this.value(syscall, param, arg, path, flags, inner);
        for (const struct of this.scope.structs.get(node.name) ?? []) this.value(syscall, param, arg, path, struct, inner);
        return;
      }
      case 'structPattern':
        for (const field of node.fields) {
          if (field.pattern !== null) this.value(syscall, param, arg, [...path, field.name.name], field.pattern, seen);
        }
        return;
      case 'arrayPattern':
        for (const element of node.elements) this.value(syscall, param, arg, path, element, seen);
        return;
    }
  }

  /** The names of a flag union, through the bitflags rules it refers to (as resolve flattens them). */
  private flagNames(node: FlagPatternNode, seen: ReadonlySet<string>, out: FlagNameNode[]): void {
    for (const part of node.parts) {
      if (part.kind === 'flagName') out.push(part);
      else if (!seen.has(part.name)) {
        const flags = this.scope.bitflags.get(part.name);
        if (flags !== undefined) this.flagNames(flags, new Set(seen).add(part.name), out);
      }
    }
  }

  private name(syscall: string, param: string, arg: number, path: string[], node: FlagNameNode, siblings: ReadonlySet<string>): void {
    const { name, span } = node;
    if (NOT_A_NAME.test(name)) return;
    const printed = printedIndex(syscall, arg);
    const mapped = printed === undefined ? undefined : argumentTable(syscall, printed, path);
    const where = `${syscall}'s '${[param, ...path].join('.')}' (argument ${arg + 1})`;
    const elsewhere = tablesWithName(name);
    let message: string | null = null;
    const spelling = mapped?.otherSpellings.get(name);
    if (spelling !== undefined && spelling.length === 1) {
      // The same flag, printed by another name: wrong only when the rule lacks that name.
      if (!siblings.has(spelling[0])) {
        message = `strace prints this flag as '${spelling[0]}' for ${where}, never as '${name}', so this part never matches; did you mean '${spelling[0]}'?`;
      }
    } else if (mapped !== undefined && !acceptedNames(mapped).has(name)) {
      message =
        elsewhere.length === 0
          ? `strace never prints '${name}' (it is in none of strace's tables; it prints ${where} with ${tableText(mapped)})${this.hint(name, mapped)}`
          : `strace never prints '${name}' for ${where}, which it prints with ${tableText(mapped)}; '${name}' belongs to ${tablesText(elsewhere)}, so this part never matches`;
    } else if (mapped === undefined && elsewhere.length === 0 && !isOtherSpelling(name)) {
      message = `strace never prints '${name}' (it is in none of strace's tables)${this.hint(name, undefined)}`;
    }
    if (message === null) return;
    // Once per name occurrence (a bitflags rule may serve several arguments: the first says it).
    const key = `${span.source.name}:${span.start}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.warning(span.source, span.start, span.end, message, 'linux');
  }

  /** "; did you mean 'PROT_WRITE'?" from the argument's own names first, then from the names strace prints with the same prefix. */
  private hint(name: string, mapped: ArgumentTable | undefined): string {
    const near = (mapped === undefined ? null : closestName(name, acceptedNames(mapped))) ?? closestName(name, namesLike(name));
    return near === null ? '' : `; did you mean '${near}'?`;
  }
}

function tableText(mapped: ArgumentTable): string {
  return `${mapped.table.name.split('+').join(' and ')}, ${mapped.decoder}`;
}

export function checkFlags(files: readonly FileNode[], rules: readonly ResolvedRule[], diagnostics: DiagnosticBag): void {
  const checkers = new Map(files.map((f) => [f.source.name, new FlagChecker(scopeOf(f), diagnostics)]));
  for (const { node } of rules) checkers.get(node.span.source.name)?.rule(node);
}
