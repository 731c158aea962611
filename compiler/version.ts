/** The compiler's version, written into every generated module's header. Kept equal to package.json (tested). */
export const COMPILER_VERSION = '0.1.0';
