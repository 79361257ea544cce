// Uses the header search box as a reader does with the keyboard: type, see suggestions, move
// down with the arrow key, open the chosen one with Enter. Then, with JavaScript off, submits
// the same box. Prints JSON; exits 0 always.
import { chromium } from 'playwright-core';

const [base, language, typed] = process.argv.slice(2);
const result = { errors: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => result.errors.push(String(error)));
  await page.goto(`${base}/${language}/`);
  const box = page.locator('#site-search-q');
  await box.focus();
  await page.keyboard.type(typed, { delay: 30 });
  const options = page.locator('#search-suggestions-0 [role=option]');
  await options.first().waitFor({ timeout: 10000 });
  result.suggestions = await options.allTextContents();
  result.expanded = await box.getAttribute('aria-expanded');
  await page.keyboard.press('ArrowDown');
  result.active = await box.getAttribute('aria-activedescendant');
  result.selected = await options.first().getAttribute('aria-selected');
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith(`/${language}/`)), page.keyboard.press('Enter')]);
  result.opened = new URL(page.url()).pathname;

  const plain = await browser.newPage({ javaScriptEnabled: false });
  await plain.goto(`${base}/${language}/`);
  await plain.fill('#site-search-q', typed);
  await Promise.all([plain.waitForURL(/\/search\/\?q=/), plain.press('#site-search-q', 'Enter')]);
  result.without_script = decodeURIComponent(new URL(plain.url()).search);
  result.results = await plain.locator('.search-results h2').allTextContents();
} catch (error) {
  result.errors.push(String(error));
}
await browser.close();
console.log(JSON.stringify(result));
