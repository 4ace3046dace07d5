import { expect, test } from '@playwright/test';
import { signInAs, signOut } from './support/signIn';
import { checkView } from './support/views';

// One user's day and a second user's approval, against the sandbox world.
// Every view visited is screenshotted and scanned for accessibility.
test('the journey: chaos rolled back on an SLO breach, a window approved by a second user, a failover GameDay with its RTO', async ({
  page,
}) => {
  // The resilience steps (entity card, catalog table) add about a minute on a
  // loaded 2-core machine.
  test.setTimeout(360_000);
  let runTitle = '';

  await test.step('alice (engineer) signs in and reads the regions overview', async () => {
    await page.goto('/');
    await expect(
      page.getByRole('list', { name: 'Sandbox users' }),
    ).toBeVisible();
    await checkView(page, 'sign-in');
    await signInAs(page, 'alice');
    await page.getByRole('link', { name: 'Infrastructure' }).click();
    const production = page.getByLabel('Environment production');
    await expect(production.getByText('tm-ntai-production')).toBeVisible();
    await expect(production.getByRole('row').nth(1)).toContainText('East US');
    await checkView(page, 'overview');
  });

  await test.step('the Traffic Manager view', async () => {
    await page.getByRole('tab', { name: 'Traffic Manager' }).click();
    await expect(page.getByText('tm-ntai-production').first()).toBeVisible();
    await checkView(page, 'traffic-manager');
  });

  await test.step('a staging pod failure of every API pod, previewed, then started', async () => {
    await page.getByRole('tab', { name: 'Chaos' }).click();
    const form = page.getByRole('region', { name: 'Run an experiment' });
    await form
      .getByLabel('Experiment')
      .selectOption({ label: 'Template: Pod failure' });
    await form.getByLabel('Environment').selectOption('staging');
    await form.getByLabel('Mode').selectOption({ label: 'All pods' });
    await form.getByLabel('For').fill('0s');
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = form.getByRole('region', { name: 'Preview' });
    await expect(preview.getByText('Allowed by policy')).toBeVisible();
    // The exact pods that would be hit: every staging East US API pod.
    await expect(
      preview
        .getByRole('table', { name: 'Blast radius' })
        .getByRole('listitem')
        .filter({ hasText: /^ntai\/ntai-api-/ })
        .first(),
    ).toBeVisible();
    await checkView(page, 'chaos-preview', preview);
    await form.getByRole('button', { name: 'Start run' }).click();
    // Nothing starts before the confirmation; then the run's own page opens.
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('in staging');
    await confirm.getByRole('button', { name: 'Start now' }).click();
    const started = page.getByRole('article', { name: /^Run / });
    await expect(started).toBeVisible();
    await expect(
      started.getByText(/^(Waiting to start|Elapsed \d|Took \d)/),
    ).toBeVisible();
  });

  await test.step('the stop condition fires and the run page shows the rollback', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const newest = page
      .getByRole('table', { name: 'Runs' })
      .getByRole('row')
      .nth(1);
    await expect(newest).toContainText('staging');
    await newest.getByRole('link').first().click();
    const run = page.getByRole('article', { name: /^Run / });
    await expect(run.getByRole('region', { name: 'Outcome' })).toContainText(
      'Rolled back',
      { timeout: 120_000 },
    );
    await expect(
      run.getByRole('table', { name: 'Rollback evidence' }),
    ).toContainText('ntai:availability:ratio_rate5m');
    // The SLIs around the fault: a chart with its time range in the caption
    // and the stop condition drawn as a threshold line.
    const availability = run.getByRole('figure', {
      name: /^Availability eastus, \d\d:\d\d–\d\d:\d\d /,
    });
    await expect(availability).toBeVisible();
    await expect(
      availability.getByText(/^Stop if < 99\.000 % for/).first(),
    ).toBeVisible();
    // Both axes titled: the time in the zone the rest of the portal shows
    // (the browser's, which is this process's), the value with its unit.
    await expect(
      availability.getByText(`Time (${localZoneName()})`, { exact: true }),
    ).toBeVisible();
    await expect(availability.getByText('%', { exact: true })).toBeVisible();
    runTitle = (await run.getByRole('heading', { level: 2 }).textContent())!;
    await checkView(page, 'run-page-rollback');
  });

  await test.step('the run is in the history', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(
      page.getByRole('table', { name: 'Runs' }).getByRole('row').nth(1),
    ).toContainText('chaos');
    await checkView(page, 'history');
  });

  await test.step('the run is on the entity page of the API whose pods it hit', async () => {
    await page.goto('/catalog/default/component/ntai-api');
    // Started from the Chaos page without an entity: found by its pod selector.
    const runs = page.getByRole('list', { name: 'Recent chaos runs' });
    await expect(runs.getByRole('link', { name: runTitle })).toBeVisible();
    // The same run is evidence of the resilience score: pod failures were
    // exercised, and the rollback took half the weight and some error budget.
    const resilience = page.getByLabel('Resilience score', { exact: true });
    const pod = resilience.getByRole('listitem', {
      name: 'Pod failure exercised',
    });
    await expect(pod.getByRole('link', { name: runTitle })).toBeVisible();
    await expect(
      resilience.getByRole('figure', { name: /^Resilience score by week/ }),
    ).toBeVisible();
    await checkView(page, 'entity-resilience', resilience);
  });

  await test.step("the catalog table shows each component's resilience score", async () => {
    await page.goto('/');
    const table = page.getByRole('table').filter({ hasText: 'ntai-api' });
    await expect(
      table.getByRole('columnheader', { name: 'Resilience' }),
    ).toBeVisible();
    const row = table.getByRole('row').filter({ hasText: 'ntai-api' }).first();
    await expect(
      row.getByRole('cell', { name: /^Resilience score: \d+$/ }),
    ).toBeVisible();
    // Every name reads whole words: a line may end only after a hyphen or a
    // slash (the table once squeezed names to a few letters per line), and a
    // short name such as ntai-api fits on one line at 1280 px.
    const names = table.locator('tbody tr td:first-child a');
    await expect(names.first()).toBeVisible();
    const breaks = await names.evaluateAll(links =>
      links.map(link => {
        const text = link.textContent ?? '';
        const node = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
        const tops: { char: string; top: number }[] = [];
        for (let n = node.nextNode(); n; n = node.nextNode()) {
          for (let i = 0; i < (n.textContent ?? '').length; i++) {
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + 1);
            const rect = range.getBoundingClientRect();
            if (rect.width > 0) {
              tops.push({ char: n.textContent![i], top: rect.top });
            }
          }
        }
        // The last character of each line but the last.
        const lineEnds = tops
          .slice(0, -1)
          .filter((c, i) => tops[i + 1].top - c.top > 4)
          .map(c => c.char);
        return { text, lines: lineEnds.length + 1, lineEnds };
      }),
    );
    expect(breaks.length).toBeGreaterThan(3);
    for (const name of breaks) {
      expect(name.lineEnds.join(''), name.text).toMatch(/^[-/.]*$/);
    }
    expect(breaks.find(b => b.text === 'ntai-api')?.lines).toBe(1);
    await page.getByRole('link', { name: 'Infrastructure' }).click();
  });

  const reason = `e2e drill ${Date.now()}`;
  await test.step('alice requests a production window and cannot approve it herself', async () => {
    await page.getByRole('tab', { name: 'Approvals' }).click();
    const form = page.getByRole('form', {
      name: 'Request a production window',
    });
    // Windows sharing a region may not overlap, and a reused portal keeps
    // earlier runs' windows: runs a minute apart get 25-minute windows 31
    // minutes apart, within the 30 days a window may be requested ahead.
    const slot = Math.floor(Date.now() / 60_000) % (29 * 48);
    const startsAt = new Date(Date.now() + (slot + 2) * 30 * 60_000);
    await form.getByLabel('Starts').fill(localDateTime(startsAt));
    await form
      .getByLabel('Ends')
      .fill(localDateTime(new Date(startsAt.getTime() + 25 * 60_000)));
    await form.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await form.getByText('API pod failure (10%)').click();
    await form.getByRole('button', { name: 'Request window' }).click();
    const mine = page.getByLabel(`Window ${reason}`);
    await expect(mine).toContainText(
      'You requested this window, so you cannot approve it.',
    );
    await expect(mine.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await checkView(page, 'approvals-requested', mine);
  });

  await test.step('bob (approver) signs in and approves it', async () => {
    await test.step('alice signs out', () => signOut(page));
    await test.step('bob signs in', () => signInAs(page, 'bob'));
    await page.getByRole('link', { name: 'Infrastructure' }).click();
    await page.getByRole('tab', { name: 'Approvals' }).click();
    const window = page
      .getByRole('region', { name: 'Awaiting decision' })
      .getByLabel(`Window ${reason}`);
    await window.getByRole('button', { name: 'Approve' }).click();
    await window
      .getByLabel('Approval comment')
      .fill('Looks safe: 10% in East US');
    await window.getByRole('button', { name: 'Approve window' }).click();
    await expect(
      page
        .getByRole('region', { name: 'Approved windows' })
        .getByLabel(`Window ${reason}`),
    ).toBeVisible();
    await checkView(page, 'approvals-approved');
  });

  await test.step('bob runs the failover GameDay and reads its report', async () => {
    await page.getByRole('tab', { name: 'GameDay' }).click();
    await page
      .getByRole('button', {
        name: 'Run GameDay: East US failover drill (staging)',
      })
      .click();
    await page.getByRole('button', { name: 'Start GameDay' }).click();
    const live = page.getByRole('article', {
      name: 'GameDay GameDay: East US failover drill (staging)',
    });
    await expect(
      live.getByRole('table', { name: 'GameDay steps' }),
    ).toBeVisible();
    await checkView(page, 'gameday-live');
    const report = page.getByRole('region', { name: 'Report' });
    await expect(report).toContainText('Verdict: passed', {
      timeout: 180_000,
    });
    await expect(
      report.getByRole('row', { name: /^eastus-failover failover passed/ }),
    ).toContainText(/RTO \d+(\.\d+)? m?s \/ target 300 s/);
    // The failover step's headline says where its RTO came from, and the
    // users' traffic is drawn around the cut with the marks.
    const failoverStep = report.getByRole('region', {
      name: 'Failover step eastus-failover',
    });
    await expect(failoverStep).toContainText(
      /RTO \d+(\.\d+)? m?s — users' request counters, \d+(\.\d+)? m?s resolution; bounds /,
    );
    const curve = failoverStep.getByRole('figure', {
      name: /^Users' traffic, .* after the cut; /,
    });
    await expect(curve).toBeVisible();
    await expect(curve).toContainText('seconds after the cut');
    // Its lines named after the regions, as the failover page names them.
    await expect(curve.getByRole('list', { name: 'Legend' })).toContainText(
      /Served by East US.*Served by West US/,
    );
    // Marks in time order: detection and the DNS switch come from two
    // observers sampled together, so either may be seen first.
    await expect(curve.getByRole('list', { name: 'Marks' })).toContainText(
      /Cut 0 s.*(Detection .*DNS switch |DNS switch .*Detection ).*Recovery /,
    );
    // The ended GameDay joins Past GameDays without a reload.
    await expect(
      page
        .getByRole('table', { name: 'Past GameDays' })
        .getByRole('row', { name: /GameDay: East US failover drill/ })
        .first(),
    ).toBeVisible();
    await checkView(page, 'gameday-report', report);
  });

  await test.step('the failover tests page shows the GameDay failover and its RTO', async () => {
    await page.getByRole('tab', { name: 'Failover tests' }).click();
    const newest = page
      .getByRole('table', { name: 'Failover tests' })
      .getByRole('row')
      .nth(1);
    await expect(newest).toContainText('East US → West US (unhealthy)');
    await newest.getByRole('button', { name: /^Show / }).click();
    const failoverTest = page.getByRole('article', {
      name: 'Failover East US → West US',
    });
    await expect(failoverTest).toContainText(
      /RTO verdict: RTO \d+(\.\d+)? m?s \/ target 300 s: pass/,
    );
    await expect(
      failoverTest.getByRole('list', { name: 'Legend' }),
    ).toContainText(/Served by East US.*Served by West US/);
    await checkView(page, 'failover', failoverTest);
  });
});

/** This process's (and the browser's) time zone as the portal names it ("UTC", "CET"). */
function localZoneName() {
  return new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' })
    .formatToParts(new Date())
    .find(p => p.type === 'timeZoneName')!.value;
}

/** `YYYY-MM-DDTHH:mm` in the browser's (and this process's) local time. */
function localDateTime(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
}
