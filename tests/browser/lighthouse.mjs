// Runs Lighthouse (mobile, its defaults: a mid-range phone on a slow 4G network, simulated) on each URL
// given as an argument, in one headless Chromium, and prints JSON on stdout:
//
//   {url: [{scores: {category: 0-100}, metrics: {...}, failing: [{id, category, title, score, value}]}, ...]}
//
// one entry per run.
//
//   node tests/browser/lighthouse.mjs [--runs 3] [--categories performance,accessibility] URL...
//
// Categories default to accessibility, best-practices and seo; "failing" lists the audits of the chosen
// categories that cost points (score below 1), worst first. A run that Lighthouse could not finish
// is {error: "..."}. It always exits 0 once it has printed its report: tests/test_lighthouse.py and
// bench/lighthouse.py decide what fails. CHROMIUM overrides the browser (default: Debian's /usr/bin/chromium).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const args = process.argv.slice(2);
let runs = 1;
let categories = ["accessibility", "best-practices", "seo"];
const urls = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--categories") categories = args[++i].split(",");
  else urls.push(args[i]);
}

const METRICS = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "cumulative-layout-shift": "CLS",
  "speed-index": "SI",
};

function summary(lhr) {
  const scores = {};
  const failing = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        failing.push({ id: ref.id, category: id, title: audit.title, score: audit.score, value: audit.displayValue || "" });
      }
    }
  }
  failing.sort((a, b) => a.score - b.score);
  const metrics = {};
  for (const [id, name] of Object.entries(METRICS)) {
    if (lhr.audits[id]) metrics[name] = lhr.audits[id].numericValue;
  }
  const result = { scores, metrics, failing };
  if (lhr.runtimeError) result.error = `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`;
  if (lhr.runWarnings?.length) result.warnings = lhr.runWarnings;
  return result;
}

const report = Object.fromEntries(urls.map((url) => [url, []]));
let chrome;
try {
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
    logLevel: "silent",
  });
  for (let run = 0; run < runs; run++) {
    for (const url of urls) {
      try {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: categories,
        });
        report[url].push(summary(result.lhr));
      } catch (error) {
        report[url].push({ error: String(error) });
      }
    }
  }
} catch (error) {
  for (const url of urls) report[url].push({ error: `browser: ${error}` });
} finally {
  if (chrome) await chrome.kill();
}
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
process.exitCode = 0;
