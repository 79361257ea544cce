// What the admin scripts share (admin_publish, admin_slugs, journeys): Chromium as the tests launch
// it, signing in as a person does (with the authenticator's code where the account needs one), and
// the page editor's language toggle and action menu.
import { createHmac } from 'node:crypto';
import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

// Runs `work(page)` in a new page of a new browser, then prints `result` as JSON (the script exits 0
// always): the page's script errors and what went wrong go to `result.errors`; with `screenshot`, a
// full-page screenshot of where the page ended is saved there.
export async function drive(result, contextOptions, work, screenshot) {
  const browser = await launch();
  let page;
  try {
    const context = await browser.newContext(contextOptions);
    page = await context.newPage();
    page.on('pageerror', (error) => result.errors.push(String(error)));
    await work(page);
  } catch (error) {
    result.errors.push(String(error));
  }
  if (page && screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true }).catch((error) => result.errors.push(String(error)));
  }
  await browser.close();
  console.log(JSON.stringify(result));
}

// The code an authenticator app shows for a base32 key (RFC 6238: SHA-1, 30 s, 6 digits).
export function totp(key) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...key.replace(/[\s=]/g, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const secret = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const hmac = createHmac('sha1', secret).update(counter).digest();
  const number = (hmac.readUInt32BE(hmac[19] & 0xf) & 0x7fffffff) % 1000000;
  return String(number).padStart(6, '0');
}

// Password, then, where the account needs it, the authenticator's code: `code`, or at the first
// sign-in the app set up from the key the page shows. Says which: 'set up', 'verified' or undefined.
export async function login(page, base, username, password, code) {
  let twoFactor;
  await page.goto(`${base}/admin/login/`);
  await page.fill('#id_username', username);
  await page.fill('#id_password', password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/admin/login/'), page.click('button[type=submit]')]);
  const step = new URL(page.url()).pathname;
  if (step.startsWith('/admin/two-factor/')) {
    const setUp = step.endsWith('/setup/');
    await page.fill('#id_code', setUp ? totp(await page.locator('[data-totp-key]').textContent()) : code);
    await Promise.all([page.waitForURL(`${base}/admin/`), page.locator('form.login-form button[type=submit]').click()]);
    twoFactor = setUp ? 'set up' : 'verified';
  }
  if (page.url() !== `${base}/admin/`) throw new Error(`Signed in at ${page.url()}`);
  return twoFactor;
}

// The editor shows one language's fields at a time (wagtail-modeltranslation's toggle).
export async function showLanguage(page, code) {
  if (await page.locator(`[name="title_${code}"]`).isVisible()) return;
  await page.locator('button.locale-toggle').filter({ hasText: new RegExp(`^${code}$`) }).first().click();
}

export async function openActionMenu(page) {
  await page.locator('footer [data-w-dropdown-target="toggle"]').first().click();
}

export async function messageText(page) {
  return (await page.locator('.messages').first().textContent({ timeout: 5000 }).catch(() => '')).trim();
}
