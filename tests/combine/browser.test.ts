/**
 * The HTML page in a real browser: Debian's Chromium, headless, driven by
 * playwright-core (which never downloads a browser of its own). Checks what
 * a person sees: the tables' rows, the order after clicking (or pressing
 * Enter on) a column header, the chart, no console errors, an untrusted
 * label shown as text and not run; and that a phone-width page does not
 * scroll sideways. Screenshots at desktop and phone width are saved in
 * test-output/screenshots/ (ignored by git) for people to look at.
 *
 * Without Chromium the test is skipped with a note; under CI=true it runs
 * and fails, so CI cannot pass without a browser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ASTERINAS, appLogs, appReport, REPO, sctrace, tempDir } from './helpers';

const CHROMIUM = process.env.SCTRACE_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO, 'test-output', 'screenshots');
const haveBrowser = fs.existsSync(CHROMIUM);
const mustRun = process.env.CI === 'true';
if (!haveBrowser && !mustRun) {
  console.warn(`SKIPPED: the HTML page's browser test needs Chromium at ${CHROMIUM} (apt-get install chromium); CI=true makes it required.`);
}
const browserTest = haveBrowser || mustRun ? test : test.skip;

const dir = tempDir('sctrace-combine-browser-');
const cache = path.join(dir, 'cache');
let context: BrowserContext | null = null;

afterAll(async () => {
  await context?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function browser(): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: CI must install it (.ci/run does)`);
  // The network is closed: nothing in the browser may try to reach it.
  context ??= await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return context;
}

/** Opens a page file; collects console errors, page errors and dialogs (an alert would be injected code). */
async function open(file: string, width: number, height: number): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser()).newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.setViewportSize({ width, height });
  await page.goto(pathToFileURL(file).href);
  return { page, problems };
}

const cellTexts = (page: Page, table: string, column: number): Promise<string[]> =>
  // (No DOM types here: the tests compile for Node; the callback runs in the page.)
  page.$$eval(`#${table} tbody tr`, (rows, c) => rows.map((r) => (r as unknown as { cells: { textContent: string | null }[] }).cells[c].textContent ?? ''), column);

/**
 * Every element matching `selector` (there are `count`) is shown, with its
 * value, inside a 390 px wide viewport and inside its own table's box: no
 * sideways scrolling, of the page or of a table region, is needed to read it.
 */
async function expectWithinWidth(page: Page, selector: string, count: number): Promise<void> {
  const boxes = await page.$$eval(selector, (cells) =>
    cells.map((cell) => {
      const c = cell as unknown as { getBoundingClientRect(): { left: number; right: number; width: number; height: number }; textContent: string | null; closest(s: string): { getBoundingClientRect(): { left: number; right: number } } | null };
      const r = c.getBoundingClientRect();
      const region = c.closest('.scroll')?.getBoundingClientRect() ?? r;
      return { left: r.left, right: r.right, width: r.width, height: r.height, regionLeft: region.left, regionRight: region.right, text: c.textContent ?? '' };
    }),
  );
  expect(boxes).toHaveLength(count);
  for (const b of boxes) {
    expect(b.width).toBeGreaterThan(0);
    expect(b.height).toBeGreaterThan(0);
    expect(b.left).toBeGreaterThanOrEqual(0);
    expect(b.right).toBeLessThanOrEqual(390);
    expect(b.left).toBeGreaterThanOrEqual(b.regionLeft);
    expect(b.right).toBeLessThanOrEqual(b.regionRight);
    expect(b.text.trim()).not.toBe('');
  }
}

interface Combined {
  apps: { label: string }[];
  gaps: { title: string; apps: number; calls: number }[];
  plan: unknown[];
}

browserTest(
  'the combined page of the test logs: rows, sorting by click and keyboard, chart, no console errors, screenshots',
  async () => {
    const reports = path.join(dir, 'reports');
    fs.mkdirSync(reports);
    for (const log of appLogs()) {
      // Run from the repository with a relative rules path, so rule files read as a user sees them.
      const r = sctrace([path.relative(REPO, ASTERINAS), '--format', 'json', '--input', log], cache, REPO);
      expect(r.status).toBe(0);
      fs.writeFileSync(path.join(reports, `${path.basename(log, '.log')}.json`), r.out);
    }
    const data = JSON.parse(sctrace(['combine', reports, '--format', 'json'], cache).out) as Combined;
    const file = path.join(dir, 'combined.html');
    expect(sctrace(['combine', reports, '--format', 'html', '-o', file], cache).status).toBe(0);

    const { page, problems } = await open(file, 1280, 900);
    // What the tables show, row by row.
    expect(await cellTexts(page, 'gaps', 1)).toEqual(data.gaps.map((g) => g.title));
    expect((await cellTexts(page, 'gaps', 3)).map(Number)).toEqual(data.gaps.map((g) => g.apps));
    expect(await cellTexts(page, 'apps', 0)).toEqual(data.apps.map((a) => a.label));
    expect(await page.locator('#plan tbody tr').count()).toBe(data.plan.length);
    expect(await page.locator('#apps tbody tr', { hasText: 'blocked' }).count()).toBeGreaterThan(0);
    // The chart: one bar per top gap, each with its count written out.
    const bars = Math.min(10, data.gaps.length);
    expect(await page.locator('svg.chart rect').count()).toBe(bars);
    expect(await page.locator('svg.chart text.value').allTextContents()).toEqual(
      data.gaps.slice(0, bars).map((g) => `${g.apps} app${g.apps === 1 ? '' : 's'}`),
    );

    // Sorting: a click on "Calls" sorts ascending, a second click descending; aria-sort follows.
    const callsHeader = page.locator('#gaps thead th', { hasText: 'Calls' });
    const calls = data.gaps.map((g) => g.calls);
    await callsHeader.getByRole('button').click();
    expect(await callsHeader.getAttribute('aria-sort')).toBe('ascending');
    expect((await cellTexts(page, 'gaps', 4)).map(Number)).toEqual([...calls].sort((a, b) => a - b));
    await callsHeader.getByRole('button').click();
    expect(await callsHeader.getAttribute('aria-sort')).toBe('descending');
    expect((await cellTexts(page, 'gaps', 4)).map(Number)).toEqual([...calls].sort((a, b) => b - a));
    expect(await page.locator('#gaps thead th[aria-sort]').count()).toBe(1);
    // The keyboard: Enter on the "App" header's button (reached by Tab) sorts the apps by name, descending.
    const appHeader = page.locator('#apps thead th', { hasText: 'App' }).first();
    await appHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await appHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await cellTexts(page, 'apps', 0)).toEqual(data.apps.map((a) => a.label).sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
    await page.keyboard.press('Enter');
    expect(await cellTexts(page, 'apps', 0)).toEqual(data.apps.map((a) => a.label).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    // Back to the first order for the screenshot.
    await page.locator('#gaps thead th', { hasText: '#' }).getByRole('button').click();

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'combined-desktop.png'), fullPage: true });
    // Phone width: rows become cards; the page does not scroll sideways, and what matters is in view.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    await expectWithinWidth(page, '#gaps tbody td[data-label="Apps blocked"]', data.gaps.length);
    await expectWithinWidth(page, '#gaps tbody td[data-label="Rule to edit"]', data.gaps.length);
    await expectWithinWidth(page, '#apps tbody td[data-label="Status"]', data.apps.length);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'combined-phone.png'), fullPage: true });
    await page.locator('#gaps').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'combined-phone-gaps.png') });
    expect(problems).toEqual([]);
    await page.close();
  },
  180_000,
);

browserTest(
  "one app's page (sctrace --html): the chart counts calls per gap, and the phone layout shows every value",
  async () => {
    const log = appLogs().find((l) => path.basename(l) === 'python3_subprocess.log') ?? appLogs()[0];
    const file = path.join(dir, 'one-app.html');
    const json = sctrace([path.relative(REPO, ASTERINAS), '--format', 'json', '--input', log, '--html', file], cache, REPO);
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.out) as { label: string; blockers: { calls: number }[] };
    const { page, problems } = await open(file, 1280, 900);
    expect(await page.locator('h1').textContent()).toBe(`The gaps to close for ${doc.label}`);
    expect(await page.locator('footer').textContent()).toMatch(/Made by sctrace\.$/);
    expect(await page.locator('footer').textContent()).not.toContain('combine');
    // Bars say calls, largest first: not "1 app" on every bar.
    const calls = doc.blockers.map((b) => b.calls).sort((a, b) => b - a).slice(0, 10);
    expect(await page.locator('svg.chart text.value').allTextContents()).toEqual(calls.map((n) => `${n} call${n === 1 ? '' : 's'}`));
    expect(await page.getByText('Select a column header').count()).toBe(1);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'one-app-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    await expectWithinWidth(page, '#gaps tbody td[data-label="Apps blocked"]', doc.blockers.length);
    await expectWithinWidth(page, '#gaps tbody td[data-label="Rule to edit"]', doc.blockers.length);
    await expectWithinWidth(page, '#apps tbody td[data-label="Status"]', 1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'one-app-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  },
  120_000,
);

browserTest(
  'a label with <script> is shown as text, and nothing runs',
  async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const report = path.join(dir, 'evil.json');
    fs.writeFileSync(
      report,
      appReport(evil, [
        { syscall: 'open', kind: 'flag-not-allowed', path: 'flags', value: 'O_<b>X</b>', calls: 1, rules: [{ file: 'a.scml', line: 1, calls: 1 }], example: { line: 1, text: `open("${evil}") = 3` } },
      ]),
    );
    const file = path.join(dir, 'evil.html');
    expect(sctrace(['combine', report, '--format', 'html', '-o', file], cache).status).toBe(0);
    const { page, problems } = await open(file, 1024, 768);
    expect(await cellTexts(page, 'apps', 0)).toEqual([evil]);
    expect(await page.locator('#gaps tbody td.example code').textContent()).toBe(`open("${evil}") = 3`);
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  },
  120_000,
);
