import { expect, test } from '@playwright/test';
import { signInAs } from './support/signIn';

/*
 * Software Templates: the create page lists "Propose a chaos experiment"
 * (loaded by the catalog from catalog/templates/), and its form opens with
 * the experiment's first questions, read from the scaffolder as the
 * signed-in engineer.
 */
test('the create page offers the chaos experiment template and its form', async ({
  page,
}) => {
  await signInAs(page, 'alice');
  await page.goto('/create');
  const card = page.getByText('Propose a chaos experiment').first();
  await expect(async () => {
    // The catalog ingests the template file within seconds of start.
    await page.reload();
    await expect(card).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  // The only template, so the only card's button.
  await page.getByRole('button', { name: 'Choose' }).first().click();
  await expect(page.getByText('The experiment').first()).toBeVisible();
  await expect(page.getByLabel(/^Name/).first()).toBeVisible();
  await expect(page.getByLabel(/^Environment/).first()).toBeVisible();
});
