/**
 * The constant pool: module-level constants and helper functions, each
 * emitted once and shared by content (two identical struct predicates, or two
 * sites with the same flag names, become one declaration).
 */
import { Code, Name, NameScope } from '../codegen/code';

export interface PooledConst {
  /** Comment line above the declaration (already escaped). */
  comment?: Code;
  name: Name;
  type: Code;
  initializer: Code;
}

export interface PooledFunction {
  name: Name;
  /** Comment lines above the function (already escaped). */
  comments: Code[];
  param: Name;
  paramType: Code;
  returnType: Code;
  body: Code[];
}

export class ConstantPool {
  readonly consts: PooledConst[] = [];
  readonly functions: PooledFunction[] = [];
  private readonly byKey = new Map<string, Name>();

  constructor(readonly names: NameScope) {}

  /** A constant with this type and initializer; the same content gives the same name. */
  constant(prefix: string, type: Code, initializer: Code, comment?: Code): Name {
    const key = `const\u0000${type}\u0000${initializer}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const name = this.names.name(prefix);
    this.byKey.set(key, name);
    this.consts.push({ name, type, initializer, comment });
    return name;
  }

  /**
   * A function whose body is built from its own parameter name; the same
   * signature and body give the same name (comments are not part of the key).
   */
  fn(prefix: string, param: Name, paramType: Code, returnType: Code, body: Code[], comments: Code[] = []): Name {
    const key = `fn\u0000${prefix}\u0000${param}: ${paramType}\u0000${returnType}\u0000${body.join('\n')}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const name = this.names.name(prefix);
    this.byKey.set(key, name);
    this.functions.push({ name, comments, param, paramType, returnType, body });
    return name;
  }
}
