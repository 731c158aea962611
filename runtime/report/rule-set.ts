/**
 * What a run was checked against: the rule set, described once for every
 * report (the `ruleSet` of the JSON document and JSONL totals, the "Rules:"
 * line of --summary and --coverage). Built from the matcher module's IR and
 * its optional target stamp (runtime/abi.ts MatcherTarget).
 */
import { createHash } from 'node:crypto';
import type { MatcherTarget } from '../abi';
import type { IR, SourceFile } from '../ir';
import { plural } from './words';

export interface RuleSet {
  /** For people: `Asterinas commit 604948581`, `MyOS 1.2`, or the SCML files (`rules/asterinas (75 SCML files)`). */
  label: string;
  os: string | null;
  version: string | null;
  source: string | null;
  rules: number;
  syscalls: number;
  sources: SourceFile[];
  /**
   * sha256 (hex) of the sources' sha256 and path, one `<sha256>  <path>\n`
   * line each in module order (sha256sum's format): the same rules give the
   * same id whether they came from the cache, a module or SCML paths.
   */
  id: string;
}

/** Files listed by name up to this many; more are summed up by their common folder. */
const FILES_NAMED = 3;

export function describeRuleSet(ir: IR, target: MatcherTarget | null | undefined): RuleSet {
  const sources = ir.sources.map((s) => ({ path: s.path, sha256: s.sha256 }));
  return {
    label: target ? targetLabel(target) : filesLabel(sources.map((s) => s.path)),
    os: target?.os ?? null,
    version: target?.version ?? null,
    source: target?.source ?? null,
    rules: ir.rules.length,
    syscalls: ir.syscalls.length,
    sources,
    id: ruleSetId(sources),
  };
}

export function ruleSetId(sources: readonly SourceFile[]): string {
  const hash = createHash('sha256');
  for (const s of sources) hash.update(`${s.sha256}  ${s.path}\n`, 'utf8');
  return hash.digest('hex');
}

/** `Rules: Asterinas commit 604948581, 314 rules for 244 syscalls` (a line for stderr). */
export function ruleSetLine(set: RuleSet): string {
  return `Rules: ${set.label}, ${plural(set.rules, 'rule')} for ${plural(set.syscalls, 'syscall')}\n`;
}

/**
 * `MyOS 1.2`, or `Asterinas commit 604948581` when the version is a commit
 * (7 to 40 hex digits, no dot): a bare hash reads like a release number.
 */
export function targetLabel(target: MatcherTarget): string {
  if (target.version === null) return target.os;
  return /^[0-9a-f]{7,40}$/i.test(target.version) ? `${target.os} commit ${target.version}` : `${target.os} ${target.version}`;
}

/** Where a rule is, for people: its path and line, and a link to that line when the set names its source. */
export interface RulePlace {
  text: string;
  url: string | null;
}

/**
 * Rule locations for a rule set. A set stamped with its source URL (scmlc
 * --source) names each rule relative to the folder its files share (which
 * is what the URL points at: `memory-management/mmap_and_munmap.scml:18`,
 * not a path inside an installed package) and links to the line there.
 * Otherwise the path is as the module has it.
 */
export function rulePlace(set: Pick<RuleSet, 'source' | 'sources'>): (file: string, line: number) => RulePlace {
  if (set.source === null) return (file, line) => ({ text: `${file}:${line}`, url: null });
  // A report comes from anywhere: only a web address becomes a link (never javascript: or the like).
  const base = /^https?:\/\/[^\s"'<>()|\\]+$/.test(set.source) ? set.source.replace(/\/+$/, '') : null;
  const root = commonFolder(set.sources.map((s) => s.path));
  return (file, line) => {
    const relative = root !== '' && file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
    const url = base === null ? null : `${base}/${relative.split('/').map(encodeURIComponent).join('/')}#L${line}`;
    return { text: `${relative}:${line}`, url };
  };
}

/** `Rule files are in https://...` for the texts that name rules, when the set names its source. */
export function ruleSourceLine(set: RuleSet): string {
  return set.source === null ? '' : `Rule files are relative to ${set.source}\n`;
}

function filesLabel(paths: string[]): string {
  if (paths.length === 0) return 'no SCML files';
  if (paths.length <= FILES_NAMED) return paths.join(', ');
  const folder = commonFolder(paths);
  return folder === '' ? `${paths.length} SCML files` : `${folder} (${paths.length} SCML files)`;
}

/** The longest folder prefix (whole path segments) shared by all paths; '' when none. */
function commonFolder(paths: string[]): string {
  const split = paths.map((p) => p.split(/[\\/]/).slice(0, -1));
  const first = split[0];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  const folder = first.slice(0, n).join('/');
  // An absolute path's shared root alone says nothing.
  return folder === '' || folder === '.' ? '' : folder;
}
