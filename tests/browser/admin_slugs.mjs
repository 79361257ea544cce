// Types a title in each language of a new page's editor, as an editor does, and reads back the slug
// the editor proposes for each language. Prints JSON; exits 0 always.
import { chromium } from 'playwright-core';

const [base, username, password, addPath, titlesJson] = process.argv.slice(2);
const titles = JSON.parse(titlesJson);
const result = { errors: [], slugs: {} };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => result.errors.push(String(error)));
  await page.goto(`${base}/admin/login/`);
  await page.fill('#id_username', username);
  await page.fill('#id_password', password);
  await Promise.all([page.waitForURL(`${base}/admin/`), page.click('button[type=submit]')]);
  await page.goto(`${base}${addPath}`);
  for (const [language, title] of Object.entries(titles)) {
    const field = page.locator(`[name="title_${language}"]`);
    if (!(await field.isVisible())) {
      await page.locator('button.locale-toggle').filter({ hasText: new RegExp(`^${language}$`) }).first().click();
    }
    await field.click();
    await field.pressSequentially(title);
    await field.blur();
  }
  for (const language of Object.keys(titles)) {
    // The title field updates its slug after a short debounce.
    const filled = (name) => document.querySelector(`[name="${name}"]`).value !== '';
    await page.waitForFunction(filled, `slug_${language}`, { timeout: 5000 }).catch(() => {});
    result.slugs[language] = await page.locator(`[name="slug_${language}"]`).inputValue();
  }
} catch (error) {
  result.errors.push(String(error));
}
await browser.close();
console.log(JSON.stringify(result));
