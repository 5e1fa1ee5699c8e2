import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; tests never download a browser of their own. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, reproducible headless Chromium on a container without a GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Launches one headless Chromium; a test file shares it across its tests. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser context whose waits have no clock of their own: a Playwright wait (for a URL, an
 * element, a state) lasts until the state arrives, and only the test's timeout (vitest.e2e.config.ts)
 * bounds it. A loaded machine then makes a test slower, not red.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(0);
  return context;
}

/** The WCAG levels axe checks: A and AA up to WCAG 2.2. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** A compact account of axe violations for failure messages: rule, impact, and where. */
export interface AxeFinding {
  rule: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe with the WCAG tags on the page and returns its violations and the ids of rules that passed. */
export async function runAxe(page: Page): Promise<{ violations: AxeFinding[]; passed: string[] }> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return {
    violations: results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
    passed: results.passes.map((p) => p.id),
  };
}

/** Problems a reader's browser would report while loading a page. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
}

/** The first problem each watched page reports (see watchPage and unlessBroken). */
const firstProblems = new WeakMap<Page, Promise<string>>();

/**
 * Waits for `state` unless the page reports a problem first (a console error, a CSP violation, a
 * failed request): then it fails at once, naming the problem, instead of waiting for a state a
 * broken page never reaches until the test times out.
 */
export async function unlessBroken<T>(page: Page, state: Promise<T>): Promise<T> {
  const problem = firstProblems.get(page);
  if (!problem) return state;
  return Promise.race([
    state,
    problem.then((p) => {
      throw new Error(`the page reported a problem while the test waited: ${p}`);
    }),
  ]);
}

/** How the page reports a Content-Security-Policy violation to the console (see watchPage). */
export const POLICY_VIOLATION = 'Content-Security-Policy violation:';

/**
 * Records console errors, uncaught exceptions and failed requests (network failures and HTTP
 * errors) on `page`. `expectedStatus` lets a test accept the 404 of the document it asked for.
 * Content-Security-Policy violations count as console errors: Chromium logs an enforced policy's
 * "Refused to …" itself, and every `securitypolicyviolation` event (report-only policies and
 * violations Chromium does not log included) is logged as an error by a script that runs before
 * the page's own. Call it before the page navigates.
 */
export async function watchPage(page: Page, expectedStatus?: { url: string; status: number }): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [] };
  let signal: (problem: string) => void = () => {};
  firstProblems.set(
    page,
    new Promise((resolve) => {
      signal = resolve;
    }),
  );
  const record = (list: string[], problem: string) => {
    list.push(problem);
    signal(problem);
  };
  await page.addInitScript((prefix) => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => console.error(`${prefix} ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
      { capture: true },
    );
  }, POLICY_VIOLATION);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every HTTP error as a console error, the expected 404 document included.
    const expected =
      expectedStatus && msg.location().url === expectedStatus.url && msg.text().includes(`status of ${expectedStatus.status}`);
    if (!expected) record(problems.consoleErrors, `${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => record(problems.consoleErrors, `uncaught: ${error.message}`));
  page.on('requestfailed', (request) => record(problems.failedRequests, `${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    const expected = expectedStatus && response.url() === expectedStatus.url && response.status() === expectedStatus.status;
    if (response.status() >= 400 && !expected) record(problems.failedRequests, `${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

/** Sideways overflow at the current viewport: how many CSS pixels too wide, and the widest culprits. */
export function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''}`,
      )
      .slice(0, 5);
    return { overflow: root.scrollWidth - limit, culprits };
  });
}
