// Drives Wagtail's page editor as an editor does: log in, switch the editor to one language,
// change that language's title, publish from the action menu. Prints JSON; exits 0 always.
import { chromium } from 'playwright-core';

const [base, username, password, pageId, language, title] = process.argv.slice(2);
const result = { errors: [] };
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
  await page.goto(`${base}/admin/pages/${pageId}/edit/`);
  await page.locator('button.locale-toggle').filter({ hasText: new RegExp(`^${language}$`) }).first().click();
  const field = page.locator(`[name="title_${language}"]`);
  await field.fill(title);
  await page.locator('footer [data-w-dropdown-target="toggle"], footer .dropdown-toggle').first().click();
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/edit/')),
    page.locator('button[name="action-publish"]').click(),
  ]);
  result.redirected_to = new URL(page.url()).pathname;
  result.message = (await page.locator('.messages').first().textContent({ timeout: 5000 }).catch(() => '')).trim();
} catch (error) {
  result.errors.push(String(error));
}
await browser.close();
console.log(JSON.stringify(result));
