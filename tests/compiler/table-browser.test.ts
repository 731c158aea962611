/**
 * The compatibility table's HTML page (scmlc --table html) for the Asterinas
 * rules in a real browser, as tests/combine/browser.test.ts does for the
 * report page: Debian's Chromium, headless, through playwright-core. Checks
 * the rows a person sees, sorting, no console errors, no sideways scrolling
 * at phone width; saves screenshots in test-output/screenshots/.
 * Without Chromium the test is skipped with a note; under CI=true it fails.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../../cli/scmlc';
import { analyze } from '../../compiler/analyze';
import { discoverScml } from '../../compiler/discover';
import { compatibilityTable } from '../../compiler/table/model';
import { REPO_ROOT } from '../fixtures/paths';

const CHROMIUM = process.env.SCTRACE_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots');
const mustRun = process.env.CI === 'true';
if (!fs.existsSync(CHROMIUM) && !mustRun) {
  console.warn(`SKIPPED: the compatibility table's browser test needs Chromium at ${CHROMIUM}; CI=true makes it required.`);
}
const browserTest = fs.existsSync(CHROMIUM) || mustRun ? test : test.skip;

browserTest(
  'the Asterinas compatibility table: a row per syscall, flags, sorting, no console errors, screenshots',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scmlc-table-browser-'));
    const file = path.join(dir, 'compat.html');
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: REPO_ROOT };
    expect(main(['rules/asterinas', '--table', 'html', '-o', file], io)).toBe(0);
    const found = discoverScml(['rules/asterinas'], REPO_ROOT);
    const ir = analyze(found.files.map((p) => ({ path: p, bytes: fs.readFileSync(path.join(REPO_ROOT, p)) }))).ir;
    const table = compatibilityTable(ir!);

    const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(pathToFileURL(file).href);

      const names = () => page.$$eval('#syscalls tbody tr', (rows) => rows.map((r) => (r as unknown as { cells: { textContent: string | null }[] }).cells[1].textContent ?? ''));
      expect(await names()).toEqual(table.rows.map((r) => r.syscall));
      const mmap = page.locator('#syscalls tbody tr', { has: page.locator('th', { hasText: /^mmap$/ }) });
      expect(await mmap.locator('td').nth(0).textContent()).toBe('9');
      expect(await mmap.locator('td').nth(1).textContent()).toBe('\u2713 yes');
      expect(await mmap.locator('td.flags').nth(0).textContent()).toContain('flags: MAP_SHARED, MAP_PRIVATE');
      expect(await mmap.locator('td.flags').nth(1).textContent()).toBe(
        'prot: PROT_SEM, PROT_GROWSDOWN, PROT_GROWSUPflags: MAP_DROPPABLE, MAP_ABOVE4G, MAP_DENYWRITE, MAP_EXECUTABLE, MAP_STACK, MAP_SYNC, MAP_UNINITIALIZED',
      );
      expect(await page.locator('#syscalls tbody td.blocked').count()).toBe(table.linux - table.supported);

      // Sorting by name, then back by number.
      const nameHeader = page.locator('#syscalls thead th', { hasText: 'System call' });
      await nameHeader.getByRole('button').click();
      expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
      expect(await names()).toEqual(table.rows.map((r) => r.syscall).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      await page.locator('#syscalls thead th', { hasText: '#' }).getByRole('button').click();
      expect(await names()).toEqual(table.rows.map((r) => r.syscall));

      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'compat-table-desktop.png') });
      await mmap.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'compat-table-mmap.png') });
      // Phone width: the page does not scroll sideways; the table scrolls in its own region.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'compat-table-phone.png') });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  180_000,
);
