// Types a title in each language of a new page's editor, as an editor does, and reads back the slug
// the editor proposes for each language. Prints JSON; exits 0 always.
import { drive, login, showLanguage } from './admin.mjs';

const [base, username, password, addPath, titlesJson] = process.argv.slice(2);
const titles = JSON.parse(titlesJson);
const result = { errors: [], slugs: {} };
await drive(result, { viewport: { width: 1400, height: 1000 } }, async (page) => {
  await login(page, base, username, password);
  await page.goto(`${base}${addPath}`);
  for (const [language, title] of Object.entries(titles)) {
    const field = page.locator(`[name="title_${language}"]`);
    await showLanguage(page, language);
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
});
