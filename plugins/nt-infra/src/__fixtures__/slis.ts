import {
  SeriesPoint,
  SliSeriesResponse,
} from '@internal/plugin-nt-infra-common';
import { FIXTURE_NOW, ok } from './regions';

function series(values: number[]): SeriesPoint[] {
  return values.map((v, i) => ({
    t: FIXTURE_NOW - (values.length - 1 - i) * 60_000,
    v,
  }));
}

/** An hour of East US SLIs at one point a minute, with an error spike at the end. */
export const eastusSeries: SliSeriesResponse = {
  environment: 'production',
  region: 'eastus',
  start: new Date(FIXTURE_NOW - 3_600_000).toISOString(),
  end: new Date(FIXTURE_NOW).toISOString(),
  stepSeconds: 60,
  series: ok({
    requestRatePerSecond: series([110, 118, 121, 119, 120.4]),
    errorRatio: series([0.001, 0.001, 0.0009, 0.004, 0.0012]),
    latencyP99Seconds: series([0.22, 0.23, 0.25, 0.31, 0.245]),
    availability: series([0.999, 0.999, 0.9991, 0.996, 0.9988]),
  }),
};
