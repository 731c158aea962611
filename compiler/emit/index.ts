/**
 * The emitter: IR → a self-contained matcher module (runtime/abi.ts
 * MatcherModule) as TypeScript or CommonJS JavaScript. Same IR, same bytes.
 */
import type { IR } from '../../runtime/ir';
import { emitTypeScript, header } from './module';
import { toCommonJs } from './transpile';

export interface EmitOptions {
  format: 'js' | 'ts';
}

export function emitModule(ir: IR, options: EmitOptions): string {
  if (options.format === 'ts') return emitTypeScript(ir);
  // The TypeScript printer's own layout (4-space indent) is kept: re-formatting doubled the emit time.
  return header(ir) + toCommonJs(emitTypeScript(ir, true));
}
