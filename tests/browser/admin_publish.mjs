// Drives Wagtail's page editor as an editor does: log in, switch the editor to one language,
// change that language's title, publish from the action menu. Prints JSON; exits 0 always.
import { drive, login, messageText, openActionMenu, showLanguage } from './admin.mjs';

const [base, username, password, pageId, language, title] = process.argv.slice(2);
const result = { errors: [] };
await drive(result, { viewport: { width: 1400, height: 1000 } }, async (page) => {
  await login(page, base, username, password);
  await page.goto(`${base}/admin/pages/${pageId}/edit/`);
  await showLanguage(page, language);
  await page.locator(`[name="title_${language}"]`).fill(title);
  await openActionMenu(page);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/edit/')),
    page.locator('button[name="action-publish"]').click(),
  ]);
  result.redirected_to = new URL(page.url()).pathname;
  result.message = await messageText(page);
});
