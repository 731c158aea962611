/**
 * Writes IR patterns and rules back as SCML text. Everything is inlined,
 * because named rules are visible only in their own file; what SCML cannot
 * inline (a struct with several alternatives, a flag set or built-in as an
 * array element) becomes a named rule defined in the suggestion file itself.
 */
import type { Param, Pattern, StructAlternative } from '../../ir';

export class ScmlWriter {
  /** Named definitions this file needs, in the order they were made. */
  readonly definitions: string[] = [];
  private structCount = 0;
  private flagsCount = 0;

  pattern(pattern: Pattern): string {
    switch (pattern.kind) {
      case 'any':
        throw new Error('an unconstrained pattern is written as a bare name');
      case 'flags': {
        const parts = [...pattern.names];
        if (pattern.integer) parts.push('<INTEGER>');
        // A set with no names takes only zero; `0` says the same in SCML.
        return parts.length === 0 ? '0' : parts.join(' | ');
      }
      case 'integer':
        return '<INTEGER>';
      case 'path':
        return '<PATH>';
      case 'struct': {
        if (pattern.alternatives.length === 1) return this.struct(pattern.alternatives[0]);
        const name = `suggested_struct_${++this.structCount}`;
        for (const alt of pattern.alternatives) this.definitions.push(`struct ${name} = ${this.struct(alt)};`);
        return `<${name}>`;
      }
      case 'array':
        return `[ ${pattern.elements.map((e) => this.element(e)).join(', ')} ]`;
    }
  }

  /** `name` or `name = pattern`, for a parameter or a struct field. */
  binding(name: string, pattern: Pattern): string {
    return pattern.kind === 'any' ? name : `${name} = ${this.pattern(pattern)}`;
  }

  rule(syscall: string, params: Param[], variadic: boolean): string {
    const parts = params.map((p) => this.binding(p.name, p.pattern));
    if (variadic) parts.push('..');
    const flat = `${syscall}(${parts.join(', ')});`;
    if (flat.length <= 100) return flat;
    return `${syscall}(\n${parts.map((p) => `    ${p}`).join(',\n')}\n);`;
  }

  private struct(alt: StructAlternative): string {
    const parts = alt.fields.map((f) => this.binding(f.name, f.pattern));
    if (alt.open) parts.push('..');
    return `{ ${parts.join(', ')} }`;
  }

  /** Array elements must be `<name>`, a struct or an array. */
  private element(pattern: Pattern): string {
    switch (pattern.kind) {
      case 'struct':
      case 'array':
      case 'integer':
      case 'path':
        return this.pattern(pattern);
      case 'flags': {
        const name = `suggested_flags_${++this.flagsCount}`;
        this.definitions.push(`${name} = ${this.pattern(pattern)};`);
        return `<${name}>`;
      }
      case 'any':
        throw new Error('an array element cannot be unconstrained');
    }
  }
}

/** Line text fit for a `//` comment: printable ASCII only, cut to a readable length. */
export function commentText(text: string, max = 160): string {
  // strace pads results with runs of spaces; one is enough in a comment.
  const clean = text.replace(/[^\x20-\x7e]/g, '?').replace(/ {2,}/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}
