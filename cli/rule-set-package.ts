/**
 * `scmlc --package DIR --name NAME --os OS ...`: a rule set as a
 * ready-to-publish npm package, which `sctrace --matchers NAME` finds once
 * installed (cli/rule-set-packages.ts reads the `sctrace` field written
 * here). The package holds the compiled module, the SCML it was compiled
 * from (its paths in the module are the paths in the package), a README
 * saying what it covers, and a LICENSE placeholder the team must fill.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ABI_VERSION, type MatcherTarget } from '../runtime/abi';
import { PACKAGE_FIELD } from './rule-set-packages';
import { writeAtomically } from './write-atomically';

export const PACKAGE_MODULE = 'matchers.js';
export const PACKAGE_RULES = 'rules';

export interface RuleSetPackage {
  dir: string;
  name: string;
  target: MatcherTarget;
  /** The SCML files, with their path inside the package (`rules/...`). */
  files: { path: string; bytes: Buffer }[];
  code: string;
  rules: number;
  syscalls: number;
  compiler: string;
}

/**
 * Where each SCML file goes in the package: `rules/` and its path relative
 * to the folder all the files share (`myos/rules/fs/open.scml` -> `rules/fs/open.scml`).
 */
export function packagePaths(files: readonly string[]): string[] {
  const dirs = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  let n = dirs[0]?.length ?? 0;
  for (const d of dirs) {
    let i = 0;
    while (i < n && i < d.length && d[i] === dirs[0][i]) i++;
    n = i;
  }
  const base = dirs[0]?.slice(0, n).join(path.sep) || path.sep;
  return files.map((f) => [PACKAGE_RULES, ...path.relative(base, path.resolve(f)).split(path.sep)].join('/'));
}

/** An npm version from the OS version: `1.2` -> `1.2.0`; a commit or other text -> `0.0.0-<text>`. */
export function packageVersion(osVersion: string | null): string {
  if (osVersion === null) return '0.0.0';
  if (/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(osVersion)) return osVersion;
  // A short number is a release (`3`, `1.2`); a long one is more likely a commit.
  if (/^\d{1,4}(?:\.\d+)?$/.test(osVersion)) return osVersion.split('.').concat(['0', '0']).slice(0, 3).join('.');
  const tag = osVersion.replace(/[^0-9A-Za-z-]+/g, '-').replace(/^-+|-+$/g, '');
  // A purely numeric prerelease part may not start with 0.
  return `0.0.0-${/^\d+$/.test(tag) ? `r${tag}` : tag || 'unknown'}`;
}

export function writeRuleSetPackage(pkg: RuleSetPackage): string[] {
  const { target } = pkg;
  const what = target.version === null ? target.os : `${target.os} ${target.version}`;
  const manifest = {
    name: pkg.name,
    version: packageVersion(target.version),
    description: `SCML rules for sctrace: the Linux system calls ${what} supports (${pkg.rules} rules for ${pkg.syscalls} syscalls)`,
    keywords: ['sctrace', 'sctrace-rules', 'scml', target.os],
    license: 'SEE LICENSE IN LICENSE',
    main: PACKAGE_MODULE,
    files: [PACKAGE_MODULE, PACKAGE_RULES, 'README.md', 'LICENSE'],
    [PACKAGE_FIELD]: { matchers: PACKAGE_MODULE, abi: ABI_VERSION, compiler: pkg.compiler, os: target.os, version: target.version, source: target.source },
  };
  const written: string[] = [];
  const put = (relative: string, text: string | Buffer): void => {
    const file = path.join(pkg.dir, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof text === 'string') writeAtomically(file, text);
    else writeFileSync(file, text);
    written.push(relative);
  };
  for (const f of pkg.files) put(f.path, f.bytes);
  put(PACKAGE_MODULE, pkg.code);
  put('package.json', JSON.stringify(manifest, null, 2) + '\n');
  put('README.md', readme(pkg, what));
  put('LICENSE', LICENSE_PLACEHOLDER);
  return written;
}

const LICENSE_PLACEHOLDER = `TO BE FILLED IN BY THE RULE SET'S AUTHORS BEFORE PUBLISHING.

State the licence under which these SCML rules and the matcher module
compiled from them may be used, e.g. the text of the MPL-2.0 or MIT
licence, and set "license" in package.json to match.
`;

function readme(pkg: RuleSetPackage, what: string): string {
  const source = pkg.target.source === null ? '' : `\nThe rules come from <${pkg.target.source}>.\n`;
  return `# ${pkg.name}

The Linux system calls that **${what}** supports, as SCML rules for
[sctrace](https://www.npmjs.com/package/sctrace): ${pkg.rules} rules for
${pkg.syscalls} syscalls, precompiled by ${pkg.compiler} (matcher ABI
${ABI_VERSION}).
${source}
## Use

\`\`\`sh
npm install ${pkg.name}            # beside sctrace, in a project or globally (-g)
sctrace --matchers ${pkg.name} --input app.log
sctrace --matchers ${pkg.name} -- ./app --its-args
\`\`\`

## Contents

- \`${PACKAGE_MODULE}\`: the compiled matcher module (what sctrace loads);
- \`${PACKAGE_RULES}/\`: the SCML it was compiled from (${pkg.files.length} files); reports
  name rules by these paths;
- \`package.json\`: \`"sctrace": { "matchers": "${PACKAGE_MODULE}", "abi": ${ABI_VERSION} }\` tells
  sctrace where the module is and which matcher ABI it needs.

Made with \`scmlc --package\`. Before publishing: fill in \`LICENSE\`, check the
version in \`package.json\`, and rebuild with a newer scmlc when sctrace's
matcher ABI changes.
`;
}
