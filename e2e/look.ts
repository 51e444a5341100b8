// A screen as people see it: a screenshot to look at (e2e/artifacts/NAME.png) and an axe check
// (WCAG 2.1 A and AA) that finds no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function lookAt(page: Page, name: string): Promise<void> {
  await animationsDone(page);
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(described, name).toEqual([]);
}

/** Screenshots of a whole long screen, one per screenful (the app scrolls inside `.main`): NAME-1.png, NAME-2.png… */
export async function lookThrough(page: Page, name: string, most = 6): Promise<void> {
  const height = await page.evaluate(() => document.querySelector('.main')!.scrollHeight);
  const step = page.viewportSize()!.height - 80;
  for (let i = 0, y = 0; i < most && y < height; i++, y += step) {
    await page.evaluate((top) => document.querySelector('.main')!.scrollTo(0, top), y);
    await page.screenshot({ path: `e2e/artifacts/${name}-${i + 1}.png` });
  }
  await page.evaluate(() => document.querySelector('.main')!.scrollTo(0, 0));
}

/**
 * Waits until nothing on the page is part-way through a finite animation (a toast sliding in, a
 * dialog fading): axe reads colours as drawn, and text half faded in fails contrast that it meets
 * once shown. Endless ones (a spinner) are not waited for.
 */
async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    undefined,
    { timeout: 5_000 },
  );
}
