import { expect, test } from '@playwright/test';
import { signInAs } from './support/signIn';

/*
 * A live view follows a run by Backstage signals, not by a timer: the run
 * page loads the run once, and loads it again only when the backend pushes
 * a message on the run's channel. So every read of the run after the first
 * must follow a signal frame of that channel, and the page must still end
 * up showing the run's final state: were the signal path broken, the page
 * would never move; were it polling, it would read without frames.
 */
test('a run page updates from signals, without polling', async ({ page }) => {
  const frames: Array<{ at: number; channel: string }> = [];
  page.on('websocket', ws => {
    if (!ws.url().includes('/api/signals')) return;
    ws.on('framereceived', frame => {
      try {
        const { channel } = JSON.parse(String(frame.payload));
        frames.push({ at: Date.now(), channel });
      } catch {
        // Not a signal (a ping); not counted.
      }
    });
  });
  const reads: Array<{ at: number; id: string }> = [];
  page.on('request', request => {
    const match = /\/api\/nt-infra\/runs\/([0-9a-f-]{36})$/.exec(
      new URL(request.url()).pathname,
    );
    if (request.method() === 'GET' && match) {
      reads.push({ at: Date.now(), id: match[1] });
    }
  });

  // Listening from before sign-in: the app opens its signals socket as soon
  // as someone is signed in, and a socket opened earlier would go unseen.
  await signInAs(page, 'alice');
  await page.getByRole('link', { name: 'Infrastructure' }).click();
  await page.getByRole('tab', { name: 'Chaos' }).click();
  const form = page.getByRole('region', { name: 'Run an experiment' });
  await form
    .getByLabel('Experiment')
    .selectOption({ label: 'Template: Pod failure' });
  await form.getByLabel('Environment').selectOption('staging');
  await form.getByLabel('Mode').selectOption({ label: 'All pods' });
  // Breaches after 5 s: the run goes running → stopping → rolled-back by
  // itself, after the run page has subscribed to the run's channel (with 0 s
  // the run could end before the page subscribed, and no frame would be due).
  await form.getByLabel('For').fill('5s');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(form.getByText('Allowed by policy')).toBeVisible();
  await form.getByRole('button', { name: 'Start run' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Start now' })
    .click();

  const run = page.getByRole('article', { name: /^Run / });
  await expect(run).toBeVisible();
  await expect(run.getByRole('region', { name: 'Outcome' })).toContainText(
    'Rolled back',
    { timeout: 120_000 },
  );

  // The run page's own run (other cards on the way may read other runs).
  const id = new URL(page.url()).searchParams.get('run');
  expect(id, 'the run page names its run').toMatch(/^[0-9a-f-]{36}$/);
  expect(
    reads.some(r => r.id === id),
    'the run page read its run',
  ).toBe(true);
  const channel = `nt-infra:run:${id}`;
  const runFrames = frames.filter(f => f.channel === channel);
  const runReads = reads.filter(r => r.id === id);
  // The transitions reached the browser as signals...
  expect(runFrames.length).toBeGreaterThan(0);
  // ...and each read after the first followed one: no timer read the run.
  runReads.slice(1).forEach((read, i) => {
    expect(
      runFrames.filter(f => f.at <= read.at).length,
      `re-read ${i + 1} of the run follows as many signals`,
    ).toBeGreaterThanOrEqual(i + 1);
  });
  expect(runReads.length).toBeLessThanOrEqual(runFrames.length + 1);
});
