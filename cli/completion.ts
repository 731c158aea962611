/**
 * `sctrace completion bash|zsh|fish`: shell completion for sctrace (and its
 * `combine`) and scmlc, made from the commands' own option tables, so a new
 * option completes without editing this file. Option values complete by
 * kind: formats, shipped rule sets' names, files; after `--`, commands.
 */
import { SPEC as COMBINE_SPEC } from './combine';
import { SPEC as SCMLC_SPEC } from './scmlc';
import { SPEC as SCTRACE_SPEC } from './sctrace-options';
import { OUTPUT_FORMAT_NAMES } from '../runtime/report/output-formats';
import { COMBINE_FORMATS } from '../lib/combine';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

type Spec = Record<string, unknown>;

/** An option's spellings and whether it takes a value. */
interface Option {
  long: string;
  short: string | null;
  value: boolean;
}

function optionsOf(spec: Spec): Option[] {
  const longs = Object.keys(spec).filter((k) => k.startsWith('--'));
  return longs.map((long) => {
    const short = Object.keys(spec).find((k) => /^-[^-]$/.test(k) && spec[k] === long) ?? null;
    const type = spec[long];
    return { long, short, value: type !== Boolean };
  });
}

function words(options: Option[]): string {
  return options.flatMap((o) => (o.short === null ? [o.long] : [o.short, o.long])).join(' ');
}

/** Options whose value is a fixed word list; the others with a value take a file (or nothing: --jobs, --label, --name, --os...). */
const NO_FILE = ['--jobs', '--label', '--name', '--os', '--os-version', '--source'];

function bash(shipped: string[]): string {
  const sctrace = optionsOf(SCTRACE_SPEC);
  const combine = optionsOf(COMBINE_SPEC);
  const scmlc = optionsOf(SCMLC_SPEC);
  const withValue = (opts: Option[]) => words(opts.filter((o) => o.value)).split(' ').join('|');
  return `# bash completion for sctrace and scmlc. Load it with:
#   eval "$(sctrace completion bash)"      (in ~/.bashrc)
_sctrace() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} i
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ \${COMP_WORDS[i]} == -- ]]; then
      # The traced program and its own arguments.
      if ((i == COMP_CWORD - 1)); then COMPREPLY=($(compgen -c -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      return
    fi
  done
  if [[ \${COMP_WORDS[1]} == completion ]]; then
    COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur"))
    return
  fi
  if [[ \${COMP_WORDS[1]} == combine ]]; then
    case $prev in
      --format) COMPREPLY=($(compgen -W "${Object.keys(COMBINE_FORMATS).join(' ')}" -- "$cur")); return ;;
      ${withValue(combine)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words(combine)}" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
    return
  fi
  case $prev in
    --format) COMPREPLY=($(compgen -W "${OUTPUT_FORMAT_NAMES.join(' ')}" -- "$cur")); return ;;
    -m|--matchers) COMPREPLY=($(compgen -W "${shipped.join(' ')}" -- "$cur") $(compgen -f -- "$cur")); return ;;
    ${words(sctrace.filter((o) => o.value && NO_FILE.includes(o.long))).split(' ').join('|')}) return ;;
    ${withValue(sctrace.filter((o) => !NO_FILE.includes(o.long) && o.long !== '--format' && o.long !== '--matchers'))}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${words(sctrace)} --" -- "$cur"))
  elif ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "combine completion" -- "$cur") $(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
_scmlc() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  COMPREPLY=()
  case $prev in
    ${words(scmlc.filter((o) => o.value && NO_FILE.includes(o.long))).split(' ').join('|')}) return ;;
    ${withValue(scmlc.filter((o) => !NO_FILE.includes(o.long)))}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words(scmlc)}" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -o filenames -F _sctrace sctrace
complete -o filenames -F _scmlc scmlc
`;
}

function zsh(shipped: string[]): string {
  // zsh runs the bash functions through its bash-completion layer: one definition of what completes.
  return `# zsh completion for sctrace and scmlc. Load it with:
#   eval "$(sctrace completion zsh)"       (in ~/.zshrc, after compinit)
autoload -U +X bashcompinit && bashcompinit
${bash(shipped).split('\n').slice(2).join('\n')}`;
}

function fish(shipped: string[]): string {
  const lines = ['# fish completion for sctrace and scmlc. Load it with:', '#   sctrace completion fish > ~/.config/fish/completions/sctrace.fish', '#   (and the same file as scmlc.fish for scmlc)'];
  const notCombine = "'not __fish_seen_subcommand_from combine completion'";
  lines.push(`complete -c sctrace -n '__fish_use_subcommand' -a 'combine completion'`);
  lines.push(`complete -c sctrace -n '__fish_seen_subcommand_from completion' -f -a '${SHELLS.join(' ')}'`);
  const line = (cmd: string, o: Option, cond: string | null, values: string | null): string => {
    let text = `complete -c ${cmd}`;
    if (cond !== null) text += ` -n ${cond}`;
    text += ` -l ${o.long.slice(2)}`;
    if (o.short !== null) text += ` -s ${o.short.slice(1)}`;
    if (o.value) text += values === null ? (NO_FILE.includes(o.long) ? ' -x' : ' -r -F') : ` -x -a '${values}'`;
    return text;
  };
  for (const o of optionsOf(SCTRACE_SPEC)) {
    const values = o.long === '--format' ? OUTPUT_FORMAT_NAMES.join(' ') : o.long === '--matchers' ? `${shipped.join(' ')} (__fish_complete_path)` : null;
    lines.push(line('sctrace', o, notCombine, values));
  }
  for (const o of optionsOf(COMBINE_SPEC)) {
    lines.push(line('sctrace', o, "'__fish_seen_subcommand_from combine'", o.long === '--format' ? Object.keys(COMBINE_FORMATS).join(' ') : null));
  }
  for (const o of optionsOf(SCMLC_SPEC)) lines.push(line('scmlc', o, null, null));
  return lines.join('\n') + '\n';
}

/** The completion script for `shell`; `shipped`: the shipped rule sets' names. */
export function completionScript(shell: Shell, shipped: string[]): string {
  return shell === 'bash' ? bash(shipped) : shell === 'zsh' ? zsh(shipped) : fish(shipped);
}
