// Screenshots of pages at several widths, and what a reader would notice wrong on them. Prints
// {"<lang> <name> <width>": [problem, ...]} as JSON on stdout, where a problem is {check, detail}.
//
//   node tests/browser/screens.mjs plan.json
//
// plan.json: {"base": "http://127.0.0.1:8000", "folder": "var/screenshots", "widths": [360, 768, 1280],
//   "pages": [{"name": "home", "lang": "en", "path": "/en/"}, ...],
//   (a page may give a whole "url" instead of "path", and "widths" of its own)
//   "foreign": {"en": ["Tin tức", ...], ...}}  (UI strings of the other languages, per page language)
//
// Checks, each page at each width (full-page screenshot saved as <folder>/<lang>-<name>-<width>.png):
//   overflow      the page scrolls sideways
//   title         at 360 px, the h1 does not start within the first screen (640 px)
//   overlap       the text of two elements, neither inside the other, overlaps on screen
//   image         an image that did not load (after scrolling the whole page, for lazy ones)
//   layout-shift  the page moved while loading (fonts or images arriving): cumulative score over 0.05
//   untranslated  a UI string of another language (from the project's catalogues), outside any
//                 element whose `lang` says it is in another language
//   latin         on Lao and Khmer pages, Latin-script text outside elements marked with another
//                 `lang`; numbers, e-mail addresses, web addresses, acronyms (USD, PDF) and units
//                 (km, ha) are allowed
// It always exits 0 once it has printed its report: tests/test_screenshots.py decides what fails.
// A page that could not be checked is reported as the problem "page-error".
import fs from "node:fs";
import path from "node:path";
import { launch } from "./admin.mjs";
import { findOverflow } from "./overflow.mjs";

const FIRST_SCREEN = 640;
const MAX_LAYOUT_SHIFT = 0.05;
const HEIGHTS = { 360: 640, 768: 1024 }; // a phone and a tablet held upright; else a laptop's 800

// Runs in the page. Sums the layout shifts not caused by the reader (all of them: nobody touched it).
function layoutShift() {
  return new Promise((resolve) => {
    let total = 0;
    const sources = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        total += entry.value;
        for (const source of entry.sources || []) {
          const node = source.node;
          if (node && node.nodeType === 1 && sources.length < 5) {
            sources.push(node.tagName.toLowerCase() + [...node.classList].map((c) => `.${c}`).join(""));
          }
        }
      }
    });
    observer.observe({ type: "layout-shift", buffered: true });
    setTimeout(() => {
      observer.disconnect();
      resolve({ total, sources });
    }, 200);
  });
}

// Runs in the page: scrolls to the bottom and back so that lazy images load, then waits for them.
async function loadImages() {
  const step = Math.max(200, window.innerHeight - 100);
  for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
    window.scrollTo(0, y);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  window.scrollTo(0, 0);
  const pending = [...document.images].filter((img) => !img.complete);
  await Promise.race([
    Promise.all(
      pending.map(
        (img) =>
          new Promise((resolve) => {
            img.addEventListener("load", resolve);
            img.addEventListener("error", resolve);
          }),
      ),
    ),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ]);
  return [...document.images]
    .filter((img) => img.checkVisibility() && !(img.complete && img.naturalWidth > 0))
    .map((img) => img.currentSrc || img.src || img.outerHTML.slice(0, 120));
}

// Runs in the page: everything the checks read from it, in one pass.
function inspect({ foreign, firstScreen }) {
  const pageLang = document.documentElement.lang.toLowerCase().split("-")[0];
  const langOf = (element) => (element.closest("[lang]")?.lang || "").toLowerCase().split("-")[0];
  const describe = (e) =>
    e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + [...e.classList].slice(0, 2).map((c) => `.${c}`).join("");
  const squash = (text) => text.replace(/\s+/g, " ").trim();
  const skipped = "script, style, noscript, template";

  // Texts in the page's language: text nodes, the attributes a reader sees or hears, the title.
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = squash(node.data);
    if (text && !node.parentElement.closest(skipped)) texts.push({ element: node.parentElement, text, node });
  }
  for (const element of document.body.querySelectorAll("[alt], [title], [placeholder], [aria-label], input[value]")) {
    for (const name of ["alt", "title", "placeholder", "aria-label", "value"]) {
      const value = element.getAttribute(name);
      if (value && (name !== "value" || ["submit", "button", "reset"].includes(element.type))) {
        texts.push({ element, text: squash(value), attribute: name });
      }
    }
  }
  for (const part of document.title.split(" | ")) texts.push({ element: document.documentElement, text: squash(part) });
  const own = texts.filter((t) => langOf(t.element) === pageLang);
  const where = (t) => `${describe(t.element)}${t.attribute ? `[${t.attribute}]` : ""}`;

  const strings = new Set(foreign.strings);
  const patterns = foreign.patterns.map((p) => new RegExp(p));
  const untranslated = own
    .filter((t) => strings.has(t.text) || patterns.some((p) => p.test(t.text)))
    .map((t) => `${where(t)}: "${t.text.slice(0, 80)}"`);

  // Latin letters left once addresses, numbers, acronyms and units are taken out. Lao or Khmer prose
  // that names something in Latin letters ("... ເຂດດິນທາມ Ramsar ...") is not UI text: a text is
  // counted when its Latin letters are at least as many as its Lao and Khmer ones (marks aside).
  const allowed = [
    /\bhttps?:\/\/\S+/gi,
    /\bwww\.\S+/gi,
    /\S+@\S+\.\S+/g,
    /\b[\w-]+(\.[\w-]+)+\b/g, // a domain or file name
    /\b[A-Z]{2,6}s?\b/g, // an acronym: USD, VND, PDF, ASEAN
    /(?<![A-Za-z])(km²?|m²|m³|ha|kg|cm|mm|kWh|kW|MW|kV|m)(?![A-Za-z])/g,
  ];
  const count = (text, pattern) => (text.match(pattern) || []).length;
  const latinLetters = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/g;
  const laoKhmerLetters = /[\u0E81-\u0EB0\u0EB2\u0EB3\u0EBD-\u0EC4\u0EDC-\u0EDF\u1780-\u17B3]/g;
  const isLatin = (text) => {
    const rest = allowed.reduce((left, pattern) => left.replace(pattern, " "), text);
    const latin = count(rest, latinLetters);
    return latin > 0 && latin >= count(rest, laoKhmerLetters);
  };
  const latin =
    pageLang === "lo" || pageLang === "km"
      ? own.filter((t) => isLatin(t.text)).map((t) => `${where(t)}: "${t.text.slice(0, 80)}"`)
      : [];

  // Text boxes on screen, one per line of each text node, cut to what its clipping ancestors show.
  const clipOf = (element) => {
    let box = { left: -1e9, top: -1e9, right: 1e9, bottom: 1e9 };
    for (let e = element; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.clipPath && style.clipPath !== "none") return null; // visually hidden
      if (style.overflowX !== "visible" || style.overflowY !== "visible") {
        const r = e.getBoundingClientRect();
        box = {
          left: Math.max(box.left, r.left),
          top: Math.max(box.top, r.top),
          right: Math.min(box.right, r.right),
          bottom: Math.min(box.bottom, r.bottom),
        };
      }
    }
    return box;
  };
  const boxes = [];
  for (const t of texts) {
    if (!t.node || !t.element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const clip = clipOf(t.element);
    if (!clip) continue;
    const range = document.createRange();
    range.selectNodeContents(t.node);
    for (const r of range.getClientRects()) {
      const box = {
        left: Math.max(r.left, clip.left),
        top: Math.max(r.top, clip.top),
        right: Math.min(r.right, clip.right),
        bottom: Math.min(r.bottom, clip.bottom),
      };
      if (box.right - box.left >= 2 && box.bottom - box.top >= 2) boxes.push({ ...box, element: t.element, text: t.text });
    }
  }
  boxes.sort((a, b) => a.top - b.top);
  const overlaps = [];
  for (let i = 0; i < boxes.length && overlaps.length < 10; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].top < a.bottom; j++) {
      const b = boxes[j];
      if (a.element === b.element || a.element.contains(b.element) || b.element.contains(a.element)) continue;
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // Glyph boxes of neighbouring lines may touch; text drawn over text covers a good part of one.
      if (width > 2 && height > 0.3 * Math.min(a.bottom - a.top, b.bottom - b.top)) {
        overlaps.push(
          `${describe(a.element)} "${a.text.slice(0, 40)}" and ${describe(b.element)} "${b.text.slice(0, 40)}" ` +
            `at (${Math.round(Math.max(a.left, b.left))}, ${Math.round(Math.max(a.top, b.top))})`,
        );
      }
    }
  }

  const h1 = document.querySelector("h1");
  const title = h1 ? { top: Math.round(h1.getBoundingClientRect().top + window.scrollY), text: squash(h1.textContent) } : null;
  return { untranslated, latin, overlaps, title, firstScreen };
}

async function check(page, entry, width, folder) {
  const problems = [];
  const add = (check, detail) => problems.push({ check, detail });
  try {
    const response = await page.goto(entry.url, { waitUntil: "load" });
    if (response && response.status() !== 200) add("page-error", `status ${response.status()}`); // data: has none
    await page.evaluate(() => document.fonts.ready);
    const shift = await page.evaluate(layoutShift);
    if (shift.total > MAX_LAYOUT_SHIFT) {
      add("layout-shift", `${shift.total.toFixed(3)} while loading (moved: ${shift.sources.join(", ") || "?"})`);
    }
    for (const src of await page.evaluate(loadImages)) add("image", `not loaded: ${src}`);
    for (const node of await page.evaluate(findOverflow)) add("overflow", `${node.target.join(" ")} ${node.summary}`);
    const found = await page.evaluate(inspect, { foreign: entry.foreign, firstScreen: FIRST_SCREEN });
    if (width <= 360) {
      if (!found.title) add("title", "the page has no h1");
      else if (found.title.top >= FIRST_SCREEN) {
        add("title", `the h1 "${found.title.text.slice(0, 60)}" starts at ${found.title.top}px, below the first ${FIRST_SCREEN}px`);
      }
    }
    for (const detail of found.overlaps) add("overlap", detail);
    for (const detail of found.untranslated) add("untranslated", detail);
    for (const detail of found.latin) add("latin", detail);
    await page.screenshot({ path: path.join(folder, `${entry.lang}-${entry.name}-${width}.png`), fullPage: true });
  } catch (error) {
    add("page-error", String(error));
  }
  return problems;
}

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf-8"));
fs.mkdirSync(plan.folder, { recursive: true });
const report = {};
let browser;
try {
  browser = await launch();
  for (const width of plan.widths) {
    // A new context per width; each page is a first visit (nothing cached), as the layout-shift check needs.
    for (const page of plan.pages) {
      if (page.widths && !page.widths.includes(width)) continue;
      const context = await browser.newContext({ viewport: { width, height: HEIGHTS[width] || 800 } });
      const tab = await context.newPage();
      const entry = { ...page, url: page.url || plan.base + page.path, foreign: plan.foreign[page.lang] };
      report[`${page.lang} ${page.name} ${width}`] = await check(tab, entry, width, plan.folder);
      await context.close();
    }
  }
} catch (error) {
  report.browser = [{ check: "page-error", detail: String(error) }];
} finally {
  if (browser) await browser.close().catch(() => {});
}
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
process.exitCode = 0;
