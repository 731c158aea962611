/**
 * `--coverage`: how many calls each rule matched first, and the rules no
 * call matched, as text for stderr.
 */
import type { GapTally } from './gap-tally';

export function coverageText(tally: GapTally): string {
  const rules = tally.ir.rules;
  const used = rules.filter((r) => tally.ruleHits[r.id] > 0).sort((a, b) => tally.ruleHits[b.id] - tally.ruleHits[a.id] || a.id - b.id);
  const unused = rules.filter((r) => tally.ruleHits[r.id] === 0);
  let out = `\nRule coverage (calls matched first by each rule; ${used.length} of ${rules.length} rules used):\n`;
  for (const rule of used) {
    out += `  ${String(tally.ruleHits[rule.id]).padStart(7)}  ${rule.origin.file}:${rule.origin.line}  ${rule.syscall}\n`;
  }
  out += `Rules no call matched (${unused.length}):\n`;
  for (const rule of unused) out += `  ${rule.origin.file}:${rule.origin.line}  ${rule.syscall}\n`;
  return out;
}
