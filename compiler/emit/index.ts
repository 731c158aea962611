/**
 * The emitter: IR → a self-contained matcher module (runtime/abi.ts
 * MatcherModule) as TypeScript or CommonJS JavaScript. Same IR, same bytes.
 */
import type { IR } from '../../runtime/ir';
import { emitTypeScript, formatJavaScript, header } from './module';
import { toCommonJs } from './transpile';

export interface EmitOptions {
  format: 'js' | 'ts';
}

export function emitModule(ir: IR, options: EmitOptions): string {
  if (options.format === 'ts') return emitTypeScript(ir);
  return header(ir) + formatJavaScript(toCommonJs(emitTypeScript(ir, false)));
}
