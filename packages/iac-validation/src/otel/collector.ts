import { isRecord } from '../util/files';

const SECTIONS = [
  'receivers',
  'processors',
  'exporters',
  'connectors',
  'extensions',
] as const;

/**
 * Structural checks of an OpenTelemetry Collector config: every component a pipeline names is
 * defined, every defined component is used, and processors are ordered soundly
 * (memory_limiter first so it can refuse data before anything buffers it, batch last so
 * batches are not split again by later processors).
 */
export function validateCollectorConfig(config: unknown): string[] {
  if (!isRecord(config)) return ['config is not a mapping'];
  const errors: string[] = [];
  const defined = Object.fromEntries(
    SECTIONS.map(s => [
      s,
      new Set(isRecord(config[s]) ? Object.keys(config[s] as object) : []),
    ]),
  ) as Record<(typeof SECTIONS)[number], Set<string>>;
  const used = Object.fromEntries(
    SECTIONS.map(s => [s, new Set<string>()]),
  ) as Record<(typeof SECTIONS)[number], Set<string>>;
  const service = isRecord(config.service) ? config.service : {};
  const pipelines = isRecord(service.pipelines) ? service.pipelines : {};
  if (Object.keys(pipelines).length === 0)
    errors.push('service.pipelines is empty');

  for (const ext of Array.isArray(service.extensions)
    ? service.extensions
    : []) {
    used.extensions.add(String(ext));
    if (!defined.extensions.has(String(ext)))
      errors.push(`service.extensions: "${String(ext)}" is not defined`);
  }
  for (const [name, pipeline] of Object.entries(pipelines)) {
    const p = isRecord(pipeline) ? pipeline : {};
    const names = (key: string) =>
      Array.isArray(p[key]) ? (p[key] as unknown[]).map(String) : [];
    const receivers = names('receivers');
    const processors = names('processors');
    const exporters = names('exporters');
    if (receivers.length === 0)
      errors.push(`pipeline ${name}: needs at least one receiver`);
    if (exporters.length === 0)
      errors.push(`pipeline ${name}: needs at least one exporter`);
    // A connector acts as an exporter of one pipeline and a receiver of another.
    for (const [list, section] of [
      [receivers, 'receivers'],
      [processors, 'processors'],
      [exporters, 'exporters'],
    ] as const) {
      for (const component of list) {
        if (defined[section].has(component)) used[section].add(component);
        else if (section !== 'processors' && defined.connectors.has(component))
          used.connectors.add(component);
        else
          errors.push(
            `pipeline ${name}: ${section.slice(
              0,
              -1,
            )} "${component}" is not defined`,
          );
      }
    }
    const type = (c: string) => c.split('/')[0];
    if (processors.length > 0 && type(processors[0]) !== 'memory_limiter') {
      errors.push(
        `pipeline ${name}: memory_limiter must be the first processor`,
      );
    }
    if (
      processors.length > 0 &&
      type(processors[processors.length - 1]) !== 'batch'
    ) {
      errors.push(`pipeline ${name}: batch must be the last processor`);
    }
    if (new Set(processors).size !== processors.length)
      errors.push(`pipeline ${name}: a processor is listed twice`);
  }
  for (const section of SECTIONS) {
    for (const component of defined[section]) {
      if (!used[section].has(component))
        errors.push(`${section}: "${component}" is defined but not used`);
    }
  }
  return errors;
}
