// report.html in a real browser (Debian's headless Chromium through playwright-core): for a
// certified and a not-certified run, the verdict is visible first, the not-certified page draws the
// timeline of a lost report (sent, delivered, mottatt, the fault, the read-back that does not find
// it), the page logs no console error and makes no network request, and it prints on A4.
// Screenshots and the printed PDF are kept in test-artifacts/ (gitignored).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../testing/tiers.ts';
import { REPORT_FILES } from './report-files.ts';
import { type ReportFixture, reportFixtures } from './report-test-fixtures.ts';

const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let root = '';
let profile = '';
let certified: ReportFixture;
let notCertified: ReportFixture;
let context: BrowserContext;

beforeAll(async () => {
  ({ root, certified, notCertified } = await reportFixtures());
  profile = await mkdtemp(join(tmpdir(), 'ackproof-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1100, height: 900 } });
  await mkdir(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
  await rm(root, { recursive: true, force: true });
});

interface Opened {
  readonly page: Page;
  readonly consoleErrors: string[];
  /** Every request but the page's own file. */
  readonly requests: string[];
}

async function open(fixture: ReportFixture): Promise<Opened> {
  const page = await context.newPage();
  const url = pathToFileURL(join(fixture.folder, REPORT_FILES.html)).href;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, consoleErrors, requests };
}

describe('report.html in headless Chromium', () => {
  test('certified: the verdict is the first thing on the page, in plain words; no errors, no requests', async () => {
    const { page, consoleErrors, requests } = await open(certified);
    const verdict = page.locator('#verdict');
    await expect(verdict.isVisible()).resolves.toBe(true);
    await expect(verdict.innerText()).resolves.toContain('CERTIFIED');
    await expect(verdict.innerText()).resolves.toContain('did not lose any report it had acknowledged');
    // Nothing above the verdict: it is the page's first element and starts at the top.
    const box = await verdict.boundingBox();
    expect(box?.y).toBeLessThan(100);
    await expect(page.locator('#failures').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-certified.png'), fullPage: true });
    expect({ consoleErrors, requests }).toEqual({ consoleErrors: [], requests: [] });
    await page.close();
  });

  test('not certified: the verdict names the lost reports; the timeline of a lost report is drawn from its history', async () => {
    const { page, consoleErrors, requests } = await open(notCertified);
    const lost = notCertified.certification.scenarios[0]?.result.check.reports.lost ?? [];
    expect(lost.length).toBeGreaterThan(0);
    const verdict = page.locator('#verdict');
    await expect(verdict.innerText()).resolves.toContain('NOT CERTIFIED');
    await expect(verdict.innerText()).resolves.toContain(`This receiver can lose a report it has acknowledged: ${lost.length} report`);

    const timeline = page.locator(`ol.timeline[data-report="${lost[0] ?? ''}"]`);
    await expect(timeline.isVisible()).resolves.toBe(true);
    const steps = await timeline.locator('li').allInnerTexts();
    const first = (pattern: RegExp): number => steps.findIndex((step) => pattern.test(step));
    // sent → delivered → mottatt → … → the read-back that does not find it, in that order, with the fault in the story.
    const order = [first(/Sent over Fiks IO/), first(/Delivered to the receiver/), first(/Receipt mottatt/), first(/does NOT hold this report/)];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps.some((step) => /Fault storage-outage/.test(step))).toBe(true);
    await expect(page.locator('#failure-storage-outage pre code').first().innerText()).resolves.toContain('npx ackproof certify --adapter faulty:receipt-before-commit --scenario storage-outage');

    await page.screenshot({ path: join(ARTIFACTS, 'report-not-certified.png'), fullPage: true });
    const pdf = await page.pdf({ path: join(ARTIFACTS, 'report-not-certified.pdf'), preferCSSPageSize: true });
    // A4 as the page's @page rule asks: 595 × 842 points (Skia writes 594.96 × 841.92).
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    expect({ consoleErrors, requests }).toEqual({ consoleErrors: [], requests: [] });
    await page.close();
  });

  test('a receiver\'s text cannot become markup: an injected tag is shown as text, not run', async () => {
    const { reportHtml } = await import('./html/report-html.ts');
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const report = { ...certified.written.report, summary: '<img src=x onerror="console.error(1)"><script>console.error(2)</script>' };
    await page.setContent(reportHtml(report, certified.certification));
    await expect(page.locator('#verdict h1').innerText()).resolves.toBe(report.summary);
    await expect(page.locator('#verdict img, #verdict script').count()).resolves.toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
