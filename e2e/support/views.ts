import AxeBuilder from '@axe-core/playwright';
import { expect, Locator, Page } from '@playwright/test';

const screenshots = 'e2e/screenshots';

/**
 * Parts of the page that are Backstage's own chrome, not ours, where axe
 * reports an upstream violation we cannot fix here:
 * - the sub-page tabs of @backstage/ui's PluginHeader: each tab's
 *   aria-controls names a tab panel the header never renders
 *   (aria-valid-attr-value, critical);
 * - react-aria's hidden live announcer, used by @backstage/ui's Button while
 *   pending: it announces by aria-labelledby pointing at the button's
 *   spinner, which is gone once the button is done (role-img-alt, serious);
 * - the sidebar's Notifications item (@backstage/plugin-notifications): with
 *   unread notifications its aria-label omits the visible count
 *   (label-content-name-mismatch, serious).
 */
const upstreamChrome: string[] = [
  '.bui-PluginHeaderTabsWrapper',
  '[data-live-announcer]',
  'nav a[href="/notifications"]',
];

/**
 * Saves the current view as e2e/screenshots/<name>.png (the whole page) and
 * e2e/screenshots/viewport/<name>.png (what fits the window, for the README).
 */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
  await page.screenshot({ path: `${screenshots}/viewport/${name}.png` });
}

/**
 * Scans the current view with axe (WCAG 2.1 A and AA) and fails on any
 * serious or critical violation, listing each rule with the offending nodes.
 */
export async function expectAccessible(page: Page, view: string) {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
  ]);
  for (const selector of upstreamChrome) {
    builder = builder.exclude(selector);
  }
  const { violations } = await builder.analyze();
  const blocking = violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .map(
            n =>
              `    ${n.target.join(' ')}: ${n.html.slice(0, 300)}\n      ${
                n.failureSummary
              }`,
          )
          .join('\n')}`,
    );
  expect(blocking, `accessibility of ${view}`).toEqual([]);
}

/**
 * Screenshot and accessibility scan of a view, once it has settled; `focus`
 * is scrolled into the window first, for the viewport screenshot.
 */
export async function checkView(page: Page, name: string, focus?: Locator) {
  await focus?.scrollIntoViewIfNeeded();
  await screenshot(page, name);
  await expectAccessible(page, name);
}
