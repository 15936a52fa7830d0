import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { noBrowser, withBrowser } from '../helpers/browser.js';
import { BIN, runNode } from '../helpers/spawn.js';
import { tempFolder } from '../helpers/temp.js';

const folder = tempFolder('html');

async function written(args: string[], name: string): Promise<string> {
  const file = join(folder, name);
  const child = await runNode([BIN, ...args, '--html', file], { env: { NO_COLOR: '1' } });
  assert.ok([0, 1].includes(child.code ?? -1), child.stderr);
  assert.match(child.stderr, new RegExp(`wrote ${file}`));
  return pathToFileURL(file).href;
}

/** Opens `url`, failing the test on any console error or page error. */
async function open(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return errors;
}

/** Evaluated in the page (this project compiles without the DOM types). */
const BODY_BACKGROUND = 'getComputedStyle(document.body).backgroundColor';

const luminance = (rgb: string) => {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

describe('the --html report in a browser', { skip: noBrowser }, () => {
  it('tour --html: every experiment is on the page with a visible chart, no console error', async () => {
    const url = await written(['tour', '--scale', '0.05', '-q'], 'tour.html');
    await withBrowser(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const errors = await open(page, url);
      const ids = await page.$$eval('section.experiment', (s) => s.map((e) => e.id));
      assert.deepEqual(ids, ['coro', 'gather', 'cancel', 'taskgroup', 'timeout', 'cpu']);
      for (const id of ids) {
        const chart = page.locator(`#${id} .chart svg`);
        assert.ok(await chart.isVisible(), `${id}: chart visible`);
        const box = await chart.boundingBox();
        assert.ok(
          box !== null && box.width > 300 && box.height > 50,
          `${id}: ${JSON.stringify(box)}`,
        );
        assert.ok(
          (await page.locator(`#${id} table.timings tbody tr`).count()) > 0,
          `${id}: table`,
        );
      }
      assert.deepEqual(errors, []);
    });
  });

  it("shows a bar's details where the pointer is, and --explain's chain outlined", async () => {
    const url = await written(
      ['cpu', '--yield-every', '0', '--clock', 'virtual', '--explain', '-q'],
      'cpu-explain.html',
    );
    await withBrowser(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const errors = await open(page, url);
      const tip = page.locator('#tip');
      assert.equal(await tip.isVisible(), false, 'no tooltip before pointing');
      // func2 was made at once but ran only when func1 let go: its ready bar.
      const ready = page.locator('#cpu rect.seg[data-tip*="ready, the loop busy"]').first();
      await ready.hover();
      assert.ok(await tip.isVisible(), 'the tooltip shows');
      const text = (await tip.textContent()) ?? '';
      assert.match(text, /<Task name='Task-3' coro=<func2\(\)>>/);
      assert.match(text, /ready, the loop busy/);
      // func1 computes 2.5 s of real CPU time: a few ms more or less.
      assert.match(text, /0\.00 s → 2\.5\d s \(2\.5\d s\)/);
      await page.mouse.move(2, 2);
      assert.equal(await tip.isVisible(), false, 'gone when the pointer leaves');
      // A wait names its kind and what it awaited.
      await page.locator('#cpu rect.seg[data-tip*="awaiting: gather"]').first().hover();
      assert.match(
        (await tip.textContent()) ?? '',
        /awaiting Task-2 func1\(2500, 0\), Task-3 func2\(\)/,
      );
      assert.ok((await page.locator('#cpu rect.chain').count()) >= 1, 'the chain is outlined');
      assert.match(
        (await page.locator('#cpu .explain').textContent()) ?? '',
        /func2\(\) was ready at 0\.00 s and ran at 2\.5\d s: func1\(2500, 0\) held the loop 2\.5\d s/,
      );
      assert.deepEqual(errors, []);
      // Without script, every bar keeps its native tooltip.
      const still = await browser.newPage({ javaScriptEnabled: false });
      await still.goto(url);
      const titled = await still.locator('#cpu rect.seg > title').count();
      assert.equal(titled, await still.locator('#cpu rect.seg').count());
    });
  });

  it('follows a dark colour scheme and a print one', async () => {
    const url = await written(['timeout', '--scale', '0.05', '-q'], 'timeout.html');
    await withBrowser(async (browser) => {
      const dark = await browser.newPage({ colorScheme: 'dark' });
      await open(dark, url);
      const darkBg = String(await dark.evaluate(BODY_BACKGROUND));
      assert.ok(luminance(darkBg) < 0.2, `dark background: ${darkBg}`);
      const printed = await browser.newPage({ colorScheme: 'dark' });
      await open(printed, url);
      await printed.emulateMedia({ media: 'print' });
      const printBg = String(await printed.evaluate(BODY_BACKGROUND));
      assert.ok(luminance(printBg) > 0.9, `printed on white: ${printBg}`);
      const pdf = await printed.pdf();
      assert.ok(pdf.length > 1000);
    });
  });

  it('check --html draws every check as a strip of its runs against the band', async () => {
    const url = await written(
      ['check', 'timeout', '--scale', '0.05', '--runs', '3', '-q'],
      'check.html',
    );
    await withBrowser(async (browser) => {
      const page = await browser.newPage();
      const errors = await open(page, url);
      const strips = page.locator('svg.strip');
      const count = await strips.count();
      assert.ok(count >= 3, `${count} strips`);
      for (let i = 0; i < count; i++) {
        assert.equal(await strips.nth(i).locator('circle').count(), 3);
        const box = await strips.nth(i).boundingBox();
        assert.ok(box !== null && box.width > 100);
      }
      assert.deepEqual(errors, []);
    });
  });
});
