/** Words for reports, so every report counts the same way. */

/** `1 call`, `2 calls`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
