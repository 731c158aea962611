/**
 * The emitter: IR → a self-contained matcher module (runtime/abi.ts
 * MatcherModule) as TypeScript or CommonJS JavaScript. Same IR, same bytes.
 */
import type { MatcherTarget } from '../../runtime/abi';
import type { IR } from '../../runtime/ir';
import { emitMatcher } from './module';

export interface EmitOptions {
  format: 'js' | 'ts';
  /** What the module is built for (`scmlc --os ...`); exported as `target` when given. */
  target?: MatcherTarget | null;
}

export function emitModule(ir: IR, options: EmitOptions): string {
  return emitMatcher(ir, options.target ?? null, options.format);
}
