/**
 * Short, printable renderings of decoded argument values, for messages.
 * Values stay latin1 (one char per byte); long text is cut so that one
 * explanation stays one readable line.
 */
import type { Value } from '../abi';

const MAX_TEXT = 60;

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text;
}

/** `3`, `O_RDONLY|O_CLOEXEC`, `"/etc/passwd"`, `{...}`, `[...]`. */
export function valueText(value: Value): string {
  switch (value.kind) {
    case 'int':
      return value.text;
    case 'flags':
      return cut(value.parts.join('|'));
    case 'str':
      return `"${cut(value.text)}"`;
    case 'struct':
      return value.fields.length === 0 ? '{}' : '{...}';
    case 'array':
      return value.items.length === 0 ? '[]' : '[...]';
    case 'other':
      return cut(value.text);
  }
}

/** What kind of thing a value is, in words: `a string`, `a struct`. */
export function valueKindName(value: Value): string {
  switch (value.kind) {
    case 'int':
      return 'integer';
    case 'flags':
      return 'flag set';
    case 'str':
      return 'string';
    case 'struct':
      return 'struct';
    case 'array':
      return 'array';
    case 'other':
      return 'opaque value';
  }
}

/** `NULL` is accepted wherever a struct or array pattern stands. */
export function isNull(value: Value): boolean {
  return value.kind === 'flags' && value.parts.length === 1 && value.parts[0] === 'NULL';
}

/** The integer zero, however strace printed it (`0`, `0x0`). Zero matches every flag set. */
export function isZero(value: Value): boolean {
  return value.kind === 'int' && /^-?(?:0x0+|0+)$/i.test(value.text);
}

/** A numeric flag part (`0x40`, `0644`, `-1`) needs `<INTEGER>`; a symbolic one needs its name. */
export function isNumericPart(part: string): boolean {
  return /^[-0-9]/.test(part);
}
