// The header on a phone, as a reader uses it: the menu button opens and closes the menu from the keyboard
// (with and without JavaScript), the article's title is within the first 640 px, no page is wider
// than a 320 px screen, and the menu marks the group holding the article. Arguments: the server's base URL,
// then the paths to check (an article's first). Prints JSON; exits 0 always.
import { chromium } from 'playwright-core';

const [base, ...paths] = process.argv.slice(2);
const result = { errors: [], keyboard: {}, titleTop: {}, overflow: {} };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

async function menuState(page) {
  return page.evaluate(() => {
    const menu = document.querySelector('#site-menu');
    const first = document.querySelector('.main-nav__heading');
    return { open: menu.open, visible: Boolean(first && first.checkVisibility()) };
  });
}

try {
  for (const script of [true, false]) {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, javaScriptEnabled: script });
    page.on('pageerror', (error) => result.errors.push(String(error)));
    await page.goto(base + paths[0]);
    result.titleTop[script ? 'script' : 'noscript'] = await page.evaluate(
      () => Math.round(document.querySelector('h1').getBoundingClientRect().top + window.scrollY),
    );
    const steps = [await menuState(page)];
    // Tab from the top of the page until the menu button has the focus, as a keyboard user would.
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement.matches('.site-menu__button'))) break;
    }
    steps.push({ focused: await page.evaluate(() => document.activeElement.matches('.site-menu__button')) });
    await page.keyboard.press('Enter');
    steps.push(await menuState(page));
    await page.keyboard.press('Enter');
    steps.push(await menuState(page));
    await page.keyboard.press(' ');
    steps.push(await menuState(page));
    if (script) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      steps.push(await menuState(page));
    }
    result.keyboard[script ? 'script' : 'noscript'] = steps;
    await page.close();
  }
  const narrow = await browser.newPage({ viewport: { width: 320, height: 640 } });
  for (const path of paths) {
    await narrow.goto(base + path);
    for (const open of [false, true]) {
      if (open) await narrow.click('.site-menu__button');
      result.overflow[`${path}${open ? ' (menu open)' : ''}`] = await narrow.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    }
  }
  // On the article, the group that holds it is marked by a bar (not by colour alone), on a phone with the
  // menu open and on a wide screen; the other groups are not.
  result.currentGroup = {};
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(base + paths[0]);
    if (width < 1024) await page.click('.site-menu__button');
    result.currentGroup[width] = await page.evaluate(() =>
      [...document.querySelectorAll('.main-nav__heading')].map((heading) => ({
        current: heading.getAttribute('aria-current'),
        bar: getComputedStyle(heading).boxShadow,
        visible: heading.checkVisibility(),
      })),
    );
    await page.close();
  }
} catch (error) {
  result.errors.push(String(error));
}
await browser.close();
console.log(JSON.stringify(result));
