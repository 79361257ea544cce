// Each role's daily journey through the admin, as that user in Chromium (tests/journeys/).
// Usage: node journeys.mjs BASE JOURNEY PARAMS_JSON SCREENSHOT_PATH
// Prints JSON: {errors: [...], ...what the user saw}; exits 0 always.
import { drive, login, messageText, openActionMenu, showLanguage } from './admin.mjs';

const [base, journey, paramsJson, screenshot] = process.argv.slice(2);
const params = JSON.parse(paramsJson);
const result = { errors: [] };

// The page editor's last tab is Translations (its id follows the admin's language).
async function translationsTab(page) {
  await page.locator('[role="tablist"] a[role="tab"]').last().click();
}

// A workflow action from the editor's footer; "approve" with a comment opens a modal.
async function workflowAction(page, name, comment) {
  await openActionMenu(page);
  const button = page.locator(`footer button[data-workflow-action-name="${name}"]${comment ? '[data-workflow-action-modal-url]' : ':not([data-workflow-action-modal-url])'}`);
  await button.first().click();
  if (comment) {
    const modal = page.locator('.modal-dialog');
    await modal.locator('textarea[name="comment"]').fill(comment);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.endsWith('/edit/')),
      modal.locator('button[type="submit"]').click(),
    ]);
  } else {
    await page.waitForURL((url) => !url.pathname.endsWith('/edit/'));
  }
}

// Wagtail saves the form by itself half a second after a change (autosave; on a new page, it creates
// the page and points the form at it): a person sees it saved before submitting; a script that
// submits during that save would post the new page a second time.
async function afterAutosave(page) {
  await page.waitForTimeout(1000);
  await page.waitForFunction(() => document.querySelector('#w-autosave-indicator')?.getAttribute('data-w-autosave-state-value') !== 'saving');
}

async function submitForModeration(page) {
  await afterAutosave(page);
  await openActionMenu(page);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/edit/') && !url.pathname.includes('/add/')),
    page.locator('footer button[name="action-submit"]').click(),
  ]);
}

const journeys = {
  // Writes an article in Vietnamese and English with a photo uploaded from the chooser, and submits it.
  async contributor(page) {
    await page.goto(`${base}/admin/pages/add/news/articlepage/${params.section}/`);
    for (const [code, text] of Object.entries(params.text)) {
      await showLanguage(page, code);
      await page.fill(`[name="title_${code}"]`, text.title);
      await page.fill(`[name="summary_${code}"]`, text.summary);
    }
    await page.fill('[name="date"]', params.date);
    await page.locator('[data-chooser-action-choose]').first().click();
    const modal = page.locator('.modal-dialog');
    await modal.locator('a[role="tab"][href="#tab-upload"]').click();
    await modal.locator('input[type="file"]').setInputFiles(params.image);
    await modal.locator('[name="image-chooser-upload-title"]').fill(params.image_title);
    await modal.locator('#tab-upload button[type="submit"], #tab-upload input[type="submit"]').first().click();
    await page.locator('.modal-dialog').waitFor({ state: 'detached', timeout: 20000 });
    result.chosen_image = (await page.locator('[data-chooser-title]').first().textContent()).trim();
    await translationsTab(page);
    for (const code of params.ready) await page.locator(`input[name="ready_languages"][value="${code}"]`).check();
    await submitForModeration(page);
    result.message = await messageText(page);
  },

  // Approves the first step with a comment.
  async reviewer(page) {
    await page.goto(`${base}/admin/`);
    result.dashboard_lists_page = await page.locator('main').getByText(params.title).count() > 0;
    await page.goto(`${base}/admin/pages/${params.page}/edit/`);
    await workflowAction(page, 'approve', params.comment);
    result.message = await messageText(page);
  },

  // Publishes: approves the last step.
  async approver(page) {
    await page.goto(`${base}/admin/pages/${params.page}/edit/`);
    await workflowAction(page, 'approve', params.comment);
    result.message = await messageText(page);
  },

  // Writes (or withdraws) one language of a page, then submits it for approval.
  async translator(page) {
    await page.goto(`${base}/admin/pages/${params.page}/edit/`);
    if (params.text) {
      await showLanguage(page, params.language);
      await page.fill(`[name="title_${params.language}"]`, params.text.title);
      await page.fill(`[name="summary_${params.language}"]`, params.text.summary);
    }
    await translationsTab(page);
    const ready = page.locator(`input[name="ready_languages"][value="${params.language}"]`);
    result.ready_checkboxes = await ready.count();
    await ready.setChecked(params.ready);
    await submitForModeration(page);
    result.message = await messageText(page);
  },

  // Reports progress from the dashboard's action, with an evidence page, then tries another unit's report.
  async unit_staff(page) {
    await page.goto(`${base}/admin/`);
    await Promise.all([
      page.waitForURL((url) => url.pathname.includes('/new/')),
      page.locator(`a[data-report-progress="${params.task}"]`).click(),
    ]);
    result.form_task = (await page.locator('[name="period"] option:checked').textContent()).trim();
    await page.fill('[name="text"]', params.text);
    await page.fill('[name="percent_done"]', String(params.percent));
    await page.locator('#id_evidence_page_items-OPEN_MODAL').click();
    const modal = page.locator('.modal-dialog');
    await modal.locator('input[name="q"]').fill(params.evidence_search);
    const choice = modal.locator(`input[data-multiple-choice-select][value="${params.evidence}"]`);
    await choice.check();
    await modal.locator('[data-multiple-choice-submit]').click();
    await modal.waitFor({ state: 'detached', timeout: 20000 });
    result.chosen_evidence = (await page.locator('[data-chooser-title]').allTextContents()).map((text) => text.trim());
    await Promise.all([
      page.waitForURL((url) => !url.pathname.includes('/new/')),
      page.locator('form [type="submit"]:not([name])').last().click(),
    ]);
    result.message = await messageText(page);
    const denied = await page.goto(`${base}${params.other_report}`);
    result.other_report_status = denied.status();
    result.other_report_url = new URL(page.url()).pathname;
  },

  // Downloads the six-month report and the units × status export.
  async coordinator(page) {
    result.downloads = [];
    for (const link of params.links) {
      await page.goto(`${base}${link.page}`);
      if (link.menu) await page.locator(link.menu).first().click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(link.selector).first().click(),
      ]);
      const path = `${params.folder}/${download.suggestedFilename()}`;
      await download.saveAs(path);
      result.downloads.push({ name: download.suggestedFilename(), path });
    }
  },
};

await drive(result, { viewport: { width: 1280, height: 900 }, acceptDownloads: true }, async (page) => {
  result.two_factor = await login(page, base, params.username, params.password, params.code);
  await journeys[journey](page);
}, screenshot);
