/**
 * Done-when test of `sctrace combine`: the JSON reports of the test logs
 * (Asterinas rules), combined, give a priority table equal to an independent
 * count made here from the per-call verdicts of `--format jsonl` (which apps
 * and calls run into each gap), and a plan whose cumulative counts follow
 * from those sets. The text and Markdown outputs show the same numbers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASTERINAS, appLogs, sctrace, tempDir } from './helpers';

const dir = tempDir('sctrace-combine-logs-');
const cache = path.join(dir, 'cache');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Verdict {
  type: string;
  syscall: string;
  supported: boolean;
  reason: { kind: string; path: string; values: string[] } | null;
}

/** Gap keys of one unsupported call, spelled out here rather than borrowed from the product. */
function keysOf(call: Verdict): string[] {
  const reason = call.reason!;
  const where = reason.path.split(/\[[0-9]+\]/).join('[]');
  switch (reason.kind) {
    case 'no-rule':
    case 'integer-not-allowed':
    case 'field-count':
      return [`${call.syscall}:${reason.kind}:${where}:`];
    default:
      return Array.from(new Set(reason.values), (v) => `${call.syscall}:${reason.kind}:${where}:${v}`);
  }
}

const apps = appLogs().map((log) => path.basename(log, '.log'));
/** gap key -> app -> calls, from the per-call verdicts. */
const counted = new Map<string, Map<string, number>>();
const gapsOfApp = new Map<string, Set<string>>();

beforeAll(() => {
  for (const log of appLogs()) {
    const app = path.basename(log, '.log');
    const json = sctrace([ASTERINAS, '--format', 'json', '--input', log], cache);
    expect(json.status).toBe(0);
    fs.writeFileSync(path.join(dir, `${app}.json`), json.out);
    const jsonl = sctrace([ASTERINAS, '--format', 'jsonl', '--input', log], cache);
    expect(jsonl.status).toBe(0);
    gapsOfApp.set(app, new Set());
    for (const line of jsonl.out.split('\n')) {
      if (line === '') continue;
      const v = JSON.parse(line) as Verdict;
      if (v.type !== 'call' || v.supported) continue;
      for (const key of keysOf(v)) {
        const perApp = counted.get(key) ?? new Map<string, number>();
        perApp.set(app, (perApp.get(app) ?? 0) + 1);
        counted.set(key, perApp);
        gapsOfApp.get(app)!.add(key);
      }
    }
  }
});

interface Combined {
  totals: { apps: number; supportedApps: number; blockedApps: number; gaps: number };
  apps: { label: string; blocked: boolean; gaps: { id: string }[] }[];
  gaps: { id: string; apps: number; calls: number; rules: { file: string; line: number }[]; example: { app: string; text: string } }[];
  plan: { step: number; gap: string; unblocks: string[]; supportedApps: number }[];
}

function combined(): Combined {
  const r = sctrace(['combine', dir, '--format', 'json'], cache);
  expect(r.err).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.out) as Combined;
}

test('the priority table equals the count from per-call verdicts: apps blocked and calls per gap', () => {
  const result = combined();
  expect(result.totals.apps).toBe(apps.length);
  expect(result.apps.map((a) => a.label)).toEqual([...apps].sort());
  const table = new Map(result.gaps.map((g) => [g.id, { apps: g.apps, calls: g.calls }]));
  const expected = new Map(
    [...counted].map(([key, perApp]) => [key, { apps: perApp.size, calls: [...perApp.values()].reduce((a, b) => a + b, 0) }]),
  );
  expect(table).toEqual(expected);
  expect(counted.size).toBeGreaterThan(5);
  // Most apps blocked first.
  const order = result.gaps.map((g) => g.apps);
  expect(order).toEqual([...order].sort((a, b) => b - a));
  // Every gap names an example line of an app that has it, and a rule unless the syscall has none.
  for (const g of result.gaps) {
    expect(counted.get(g.id)!.has(g.example.app)).toBe(true);
    expect(g.rules.length === 0).toBe(g.id.includes(':no-rule:'));
  }
});

test('the plan: every gap once, cumulative supported apps follow from each app\'s gap set, greedy first step', () => {
  const result = combined();
  expect(result.plan.map((s) => s.gap).sort()).toEqual([...counted.keys()].sort());
  const closed = new Set<string>();
  const blocked = [...gapsOfApp].filter(([, gaps]) => gaps.size > 0).length;
  expect(result.totals.blockedApps).toBe(blocked);
  for (const step of result.plan) {
    closed.add(step.gap);
    const running = apps.filter((app) => [...gapsOfApp.get(app)!].every((g) => closed.has(g)));
    expect(step.supportedApps).toBe(running.length);
  }
  expect(result.plan[result.plan.length - 1].supportedApps).toBe(apps.length);
  // Greedy: no step could have made more apps run at once than the one chosen.
  const done = new Set<string>();
  for (const step of result.plan) {
    const best = Math.max(
      ...result.plan
        .filter((s) => !done.has(s.gap))
        .map((s) => apps.filter((app) => { const gaps = [...gapsOfApp.get(app)!]; return gaps.some((g) => !done.has(g)) && gaps.every((g) => done.has(g) || g === s.gap); }).length),
    );
    expect(step.unblocks.length).toBe(best);
    done.add(step.gap);
  }
});

test('text and Markdown show the same apps-blocked numbers as the JSON', () => {
  const result = combined();
  const md = sctrace(['combine', dir, '--format', 'md'], cache);
  expect(md.status).toBe(0);
  const rows = md.out.split('\n').filter((l) => /^\| \d+ \| `/.test(l));
  // Priority table rows (# | Gap | Kind | Apps blocked | Calls | ...) come first; the plan's rows follow.
  const priority = rows.slice(0, result.gaps.length).map((l) => l.split(' | ').map((c) => c.replace(/^\| /, '')));
  expect(priority.map((cells) => Number(cells[3]))).toEqual(result.gaps.map((g) => g.apps));
  expect(priority.map((cells) => Number(cells[4]))).toEqual(result.gaps.map((g) => g.calls));
  const text = sctrace(['combine', dir], cache);
  expect(text.status).toBe(0);
  expect(text.out).toContain(`Totals: ${apps.length} apps, ${result.totals.supportedApps} fully supported, ${result.totals.blockedApps} blocked;`);
  for (const g of result.gaps) expect(text.out).toContain(`e.g. ${g.example.app}:`);
});
