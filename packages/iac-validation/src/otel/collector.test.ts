import fs from 'fs';
import path from 'path';
import { REPO_ROOT } from '../util/testing';
import { parseYamlDocuments } from '../util/yaml';
import { validateCollectorConfig } from './collector';

const FILE = path.join(REPO_ROOT, 'monitoring/opentelemetry/collector.yaml');
const load = (text = fs.readFileSync(FILE, 'utf8')) =>
  parseYamlDocuments(text).documents[0];

describe('validateCollectorConfig', () => {
  it('accepts the repository collector config', () => {
    expect(validateCollectorConfig(load())).toEqual([]);
  });

  it('reports undefined and unused components', () => {
    const text = fs
      .readFileSync(FILE, 'utf8')
      .replace('exporters: [azuremonitor]', 'exporters: [otlp/tempo]');
    const errors = validateCollectorConfig(load(text));
    expect(errors).toContain(
      'pipeline traces: exporter "otlp/tempo" is not defined',
    );
    expect(errors).toContain(
      'exporters: "azuremonitor" is defined but not used',
    );
  });

  it('reports unsound processor order', () => {
    const text = fs
      .readFileSync(FILE, 'utf8')
      .replace(
        'processors: [memory_limiter, resource/region, batch]',
        'processors: [resource/region, batch, memory_limiter]',
      );
    const errors = validateCollectorConfig(load(text));
    expect(errors).toContain(
      'pipeline metrics: memory_limiter must be the first processor',
    );
    expect(errors).toContain(
      'pipeline metrics: batch must be the last processor',
    );
  });
});
