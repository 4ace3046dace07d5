import { failoverSummary } from './failoverSummary';

const base = {
  targets: { rtoSeconds: 300, rpoSeconds: 60 },
  traffic: {
    query: 'http_requests_total{region=~"eastus|westus",route!="/healthz"}',
    resolutionSeconds: 15,
    errorObjective: 0.001,
    points: [
      {
        startSeconds: -4,
        endSeconds: 11,
        requests: 750,
        failed: 550,
        errorRatio: 550 / 750,
        primaryShare: 1,
        secondaryShare: 0,
      },
    ],
  },
  marks: [
    { kind: 'cut' as const, seconds: 0, source: 'run' as const },
    { kind: 'recovery' as const, seconds: 82.3, source: 'traffic' as const },
  ],
};

describe('failoverSummary', () => {
  it('gives the RTO with its source, resolution and bounds, the RPO, the phases and the curve', () => {
    const text = failoverSummary({
      ...base,
      method: 'unhealthy',
      fromRegion: 'eastus',
      toRegion: 'westus',
      fromDisplayName: 'East US',
      toDisplayName: 'West US',
      measurements: {
        detectionSeconds: 21.9,
        dnsSwitchSeconds: 22.3,
        resolverServedSeconds: 22.3,
        samplingResolutionSeconds: 1,
        rpoSeconds: 0.2,
        rtoSeconds: 82.3,
        rto: {
          seconds: 82.3,
          source: 'traffic',
          resolutionSeconds: 15,
          lowerBoundSeconds: 22.3,
          upperBoundSeconds: 82.3,
        },
      },
      verdicts: { rto: 'passed', rpo: 'passed', overall: 'passed' },
    }).join('\n');
    expect(text).toContain(
      "- RTO 82.3 s (target 300 s, passed) from the users' request counters in Prometheus, 15.0 s resolution; bounded by the DNS switch 22.3 s and switch + TTL 82.3 s",
    );
    expect(text).toContain('- RPO 0.2 s (target 60 s, passed)');
    expect(text).toContain('its own resolver served 22.3 s');
    expect(text).toContain(
      '| interval | requests | error ratio | East US | West US |',
    );
    expect(text).toContain('| -4.0–11.0 | 750 | 73.3 % | 100.0 % | 0.0 % |');
    expect(text).toContain('Marks: cut 0.0 s, recovery 82.3 s');
  });

  it('gives a planned drain no RTO: when users moved and how many requests failed', () => {
    const text = failoverSummary({
      ...base,
      method: 'disable-endpoint',
      measurements: {
        rpoSeconds: 0.2,
        drain: {
          movedSeconds: 60.1,
          failedRequests: 0,
          requests: 5900,
          source: 'traffic',
          resolutionSeconds: 15,
        },
      },
      verdicts: {
        rto: 'not-applicable',
        drain: 'passed',
        rpo: 'passed',
        overall: 'passed',
      },
    }).join('\n');
    expect(text).toContain(
      '- Planned drain (endpoint disabled): no RTO verdict; users moved to the secondary by 60.1 s, 0 of 5900 user requests failed (passed)',
    );
    expect(text).not.toMatch(/^- RTO/m);
  });

  it('heads the traffic columns with the Azure names when the display names are unknown', () => {
    const text = failoverSummary({
      ...base,
      method: 'unhealthy',
      fromRegion: 'eastus',
      toRegion: 'westus',
      measurements: { rpoSeconds: 0.2 },
    }).join('\n');
    expect(text).toContain(
      '| interval | requests | error ratio | eastus | westus |',
    );
  });
});
