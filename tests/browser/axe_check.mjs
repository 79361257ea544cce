// Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) on each URL given as an argument, in one
// headless Chromium, and prints {url: [violation, ...]} as JSON on stdout.
//
//   node tests/browser/axe_check.mjs http://127.0.0.1:8000/vi/ http://127.0.0.1:8000/en/
//
// Each page is checked at two widths: a desktop window (1280 CSS px) and 320 CSS px, the width
// WCAG 1.4.10 (Reflow) asks content to fit without sideways scrolling; some problems show only
// there (a table that scrolls sideways, a long address that widens the page). At 320 px the
// script also reports a page that scrolls sideways as the violation "reflow" (not an axe rule).
// Each violation says at which viewport it was found.
//
// An argument "submit:<URL>" is a refused form: the page's form is sent as it is (empty), and the
// page that answers is checked; its error summary must then have the focus (violation
// "error-summary-focus" otherwise).
//
// It always exits 0 once it has printed its report: tests/test_accessibility.py decides what
// fails. A page that could not be checked is reported as the violation "page-error".
// CHROMIUM overrides the browser (default: Debian's /usr/bin/chromium).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findOverflow } from "./overflow.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const axePath = path.join(root, "node_modules", "axe-core", "axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 720 },
  { name: "320px", width: 320, height: 640, reflow: true },
];

const SUBMIT = "submit:";

async function check(page, viewport, url) {
  try {
    const submit = url.startsWith(SUBMIT);
    await page.goto(submit ? url.slice(SUBMIT.length) : url, { waitUntil: "load" });
    if (submit) {
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        page.click("main form[method=post] [type=submit]"),
      ]);
    }
    // Web fonts change text metrics (and so what axe measures): wait for them.
    await page.evaluate(() => document.fonts.ready);
    // The site's Content-Security-Policy forbids injected scripts; the context bypasses it.
    await page.addScriptTag({ path: axePath });
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      TAGS,
    );
    const violations = results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      viewport: viewport.name,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
    if (submit && !(await page.evaluate(() => document.activeElement.matches("[data-error-summary]")))) {
      violations.push({
        id: "error-summary-focus",
        impact: "serious",
        help: "A refused form's error summary must have the focus when the page loads",
        helpUrl: "https://design-system.service.gov.uk/components/error-summary/",
        viewport: viewport.name,
        nodes: [],
      });
    }
    if (viewport.reflow) {
      const nodes = await page.evaluate(findOverflow);
      if (nodes.length) {
        violations.push({
          id: "reflow",
          impact: "serious",
          help: `Content must fit ${viewport.width} CSS px without scrolling sideways (WCAG 1.4.10)`,
          helpUrl: "https://www.w3.org/WAI/WCAG21/Understanding/reflow.html",
          viewport: viewport.name,
          nodes,
        });
      }
    }
    return violations;
  } catch (error) {
    return [{ id: "page-error", impact: "critical", help: String(error), viewport: viewport.name, nodes: [] }];
  }
}

const urls = process.argv.slice(2);
const report = Object.fromEntries(urls.map((url) => [url, []]));
let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: viewport.width, height: viewport.height },
    });
    // One tab per viewport, going from page to page: a new tab for each costs more than the check.
    const page = await context.newPage();
    for (const url of urls) {
      report[url].push(...(await check(page, viewport, url)));
    }
    await context.close();
  }
} catch (error) {
  for (const url of urls) {
    report[url].push({ id: "browser-error", impact: "critical", help: String(error), nodes: [] });
  }
} finally {
  if (browser) await browser.close().catch(() => {});
}
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
process.exitCode = 0;
