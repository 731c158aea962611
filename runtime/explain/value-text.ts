/**
 * Short, printable renderings of decoded argument values, for messages.
 * Values stay latin1 (one char per byte); long text is cut so that one
 * explanation stays one readable line.
 */
import type { Value } from '../abi';
// The interpreter's own readings of NULL, zero and numeric parts, so that both agree.
import { isNull, isNumericPart, isZero as isZeroText } from '../match/predicates';

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

export { isNull, isNumericPart };

/** The integer zero, however strace printed it (`0`, `0x0`). Zero matches every flag set. */
export function isZero(value: Value): boolean {
  return value.kind === 'int' && isZeroText(value.text);
}
