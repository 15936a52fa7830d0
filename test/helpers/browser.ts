/**
 * Headless Chromium for page tests: Debian's `chromium` package, driven by playwright-core
 * (whose own browser download cannot reach the network here). `.ci/run` installs the package.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where the browser is: `$CHROMIUM`, else Debian's path. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Why a page test cannot run here, or false when it can. */
export const noBrowser: string | false = existsSync(CHROMIUM)
  ? false
  : `needs Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)`;

/** Runs `body` with a fresh headless browser, closed however `body` ends. */
export async function withBrowser<T>(body: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}
