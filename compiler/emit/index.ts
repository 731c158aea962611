/**
 * The emitter: IR → a self-contained matcher module (runtime/abi.ts
 * MatcherModule) as TypeScript or CommonJS JavaScript. Same IR, same bytes.
 */
import type { MatcherTarget } from '../../runtime/abi';
import type { IR } from '../../runtime/ir';
import { emitTypeScript, header } from './module';
import { toCommonJs } from './transpile';

export interface EmitOptions {
  format: 'js' | 'ts';
  /** What the module is built for (`scmlc --os ...`); exported as `target` when given. */
  target?: MatcherTarget | null;
}

export function emitModule(ir: IR, options: EmitOptions): string {
  const target = options.target ?? null;
  if (options.format === 'ts') return emitTypeScript(ir, target);
  // The TypeScript printer's own layout (4-space indent) is kept: re-formatting doubled the emit time.
  return header(ir, target) + toCommonJs(emitTypeScript(ir, target, true));
}
