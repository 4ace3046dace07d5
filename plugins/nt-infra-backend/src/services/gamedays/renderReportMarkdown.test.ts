import { RunDetail } from '@internal/plugin-nt-infra-common';
import { buildGameDayReport, parseNotes } from './gameDayReport';
import { md, renderReportMarkdown } from './renderReportMarkdown';

const run: RunDetail = {
  id: '7b0a3f9e-2c1d-4e5f-8a9b-0c1d2e3f4a5b',
  kind: 'gameday',
  environment: 'staging',
  regions: ['eastus'],
  state: 'failed',
  title: 'Drill | <b>bold</b>',
  requestedBy: 'user:default/alice',
  params: {
    scenario: {
      name: 'drill',
      file: 'gamedays/drill.yaml',
      title: 'Drill',
      description: 'Text with ```fences``` inside',
      environment: 'staging',
      regions: ['eastus'],
      observers: [],
      steps: [
        {
          name: 'slo',
          type: 'check',
          metric: 'ntai:availability:ratio_rate5m',
          op: '>=',
          threshold: 0.99,
          over: '0s',
          timeout: '1m',
        },
      ],
    },
  },
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:01:00.000Z',
  transitions: [
    {
      to: 'failed',
      actor: 'nt-infra',
      reason: 'step failed',
      at: '2026-11-26T10:01:00.000Z',
    },
  ],
  steps: [
    {
      seq: 0,
      name: 'slo',
      state: 'failed',
      notes:
        '2026-11-26T10:00:30.000Z user:default/olivia: <img src=x onerror=alert(1)> | [link](javascript:x)',
      details: { type: 'check', error: 'too low' },
      startedAt: '2026-11-26T10:00:00.000Z',
      endedAt: '2026-11-26T10:01:00.000Z',
    },
  ],
};

describe('the GameDay report', () => {
  it('parses notes back from their lines', () => {
    expect(
      parseNotes(
        '2026-11-26T10:00:30.000Z user:default/bob: one: two\nnot a note',
      ),
    ).toEqual([
      {
        at: '2026-11-26T10:00:30.000Z',
        author: 'user:default/bob',
        text: 'one: two',
      },
    ]);
  });

  it('renders people’s text as text, not markup', () => {
    const text = renderReportMarkdown(buildGameDayReport(run, new Map()));
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<b>');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt; \\| \\[link\\]');
    expect(text).toContain(
      '# GameDay report: Drill \\| &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(text).toContain('### 1. slo (check): failed');
    expect(text).toContain('- Failure: too low');
    // The scenario block is fenced longer than any backtick run inside it.
    expect(text).toContain('````json');
    expect(md('a\nb')).toBe('a b');
  });
});
