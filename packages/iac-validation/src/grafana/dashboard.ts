import type {
  Dashboard,
  DataSourceRef,
  GridPos,
  Panel,
  RowPanel,
} from '@grafana/schema';
import { isRecord } from '../util/files';

/**
 * Keys of the @grafana/schema types. `satisfies Record<keyof T, true>` makes the compiler fail
 * when Grafana's schema adds or removes a field, so this list cannot drift from the types.
 */
const DASHBOARD_KEYS = {
  id: true,
  uid: true,
  title: true,
  description: true,
  revision: true,
  gnetId: true,
  tags: true,
  timezone: true,
  editable: true,
  graphTooltip: true,
  time: true,
  timepicker: true,
  fiscalYearStartMonth: true,
  liveNow: true,
  weekStart: true,
  refresh: true,
  schemaVersion: true,
  version: true,
  panels: true,
  templating: true,
  annotations: true,
  links: true,
  snapshot: true,
  preload: true,
} satisfies Record<keyof Dashboard, true>;

const PANEL_KEYS = {
  type: true,
  id: true,
  pluginVersion: true,
  targets: true,
  title: true,
  description: true,
  transparent: true,
  datasource: true,
  links: true,
  repeat: true,
  repeatDirection: true,
  maxPerRow: true,
  maxDataPoints: true,
  transformations: true,
  interval: true,
  timeFrom: true,
  timeShift: true,
  hideTimeOverride: true,
  libraryPanel: true,
  cacheTimeout: true,
  queryCachingTTL: true,
  options: true,
  fieldConfig: true,
  gridPos: true,
} satisfies Partial<Record<keyof Panel, true>>;

const ROW_KEYS = {
  type: true,
  collapsed: true,
  title: true,
  datasource: true,
  gridPos: true,
  id: true,
  panels: true,
  repeat: true,
} satisfies Record<keyof RowPanel, true>;

const GRID_KEYS = {
  h: true,
  w: true,
  x: true,
  y: true,
  static: true,
} satisfies Record<keyof GridPos, true>;
const DATASOURCE_KEYS = {
  type: true,
  uid: true,
  apiVersion: true,
} satisfies Record<keyof DataSourceRef, true>;

export interface PanelQuery {
  where: string;
  expr: string;
}

function unknownKeys(
  value: Record<string, unknown>,
  allowed: object,
  where: string,
  errors: string[],
) {
  for (const key of Object.keys(value)) {
    if (!(key in allowed)) errors.push(`${where}: unknown field "${key}"`);
  }
}

function checkPanel(
  panel: unknown,
  where: string,
  errors: string[],
  queries: PanelQuery[],
) {
  if (!isRecord(panel)) {
    errors.push(`${where}: not an object`);
    return;
  }
  const isRow = panel.type === 'row';
  unknownKeys(panel, isRow ? ROW_KEYS : PANEL_KEYS, where, errors);
  if (typeof panel.type !== 'string') errors.push(`${where}: type is required`);
  if (typeof panel.id !== 'number')
    errors.push(`${where}: id must be a number`);
  if (typeof panel.title !== 'string' || panel.title === '')
    errors.push(`${where}: title is required`);
  const grid = panel.gridPos;
  if (!isRecord(grid)) {
    errors.push(`${where}: gridPos is required`);
  } else {
    unknownKeys(grid, GRID_KEYS, `${where}.gridPos`, errors);
    for (const k of ['h', 'w', 'x', 'y'])
      if (typeof grid[k] !== 'number')
        errors.push(`${where}.gridPos.${k} must be a number`);
    if (
      typeof grid.x === 'number' &&
      typeof grid.w === 'number' &&
      grid.x + grid.w > 24
    )
      errors.push(`${where}.gridPos: wider than the 24-column grid`);
  }
  if (isRecord(panel.datasource))
    unknownKeys(
      panel.datasource,
      DATASOURCE_KEYS,
      `${where}.datasource`,
      errors,
    );
  if (isRow) {
    (Array.isArray(panel.panels) ? panel.panels : []).forEach((p, i) =>
      checkPanel(p, `${where}.panels[${i}]`, errors, queries),
    );
    return;
  }
  if (isRecord(panel.fieldConfig) && !isRecord(panel.fieldConfig.defaults))
    errors.push(`${where}.fieldConfig.defaults is required`);
  const targets = Array.isArray(panel.targets) ? panel.targets : [];
  if (targets.length === 0) errors.push(`${where}: has no queries`);
  const refIds = new Set<unknown>();
  targets.forEach((t, i) => {
    if (
      !isRecord(t) ||
      typeof t.refId !== 'string' ||
      typeof t.expr !== 'string' ||
      t.expr.trim() === ''
    ) {
      errors.push(`${where}.targets[${i}]: needs refId and a PromQL expr`);
      return;
    }
    if (refIds.has(t.refId))
      errors.push(`${where}.targets[${i}]: duplicate refId ${t.refId}`);
    refIds.add(t.refId);
    queries.push({ where: `${where}.targets[${t.refId}]`, expr: t.expr });
  });
}

/** Structural check of a dashboard JSON model against @grafana/schema; collects its PromQL queries. */
export function validateDashboard(model: unknown): {
  errors: string[];
  queries: PanelQuery[];
} {
  const errors: string[] = [];
  const queries: PanelQuery[] = [];
  if (!isRecord(model))
    return { errors: ['dashboard is not an object'], queries };
  unknownKeys(model, DASHBOARD_KEYS, 'dashboard', errors);
  if (typeof model.schemaVersion !== 'number')
    errors.push('dashboard: schemaVersion must be a number');
  if (typeof model.uid !== 'string' || !/^[a-zA-Z0-9_-]{1,40}$/.test(model.uid))
    errors.push('dashboard: uid must be 1..40 characters [a-zA-Z0-9_-]');
  if (typeof model.title !== 'string' || model.title === '')
    errors.push('dashboard: title is required');
  const panels = Array.isArray(model.panels) ? model.panels : [];
  if (panels.length === 0) errors.push('dashboard: has no panels');
  panels.forEach((p, i) => checkPanel(p, `panels[${i}]`, errors, queries));
  const ids = panels.filter(isRecord).map(p => p.id);
  if (new Set(ids).size !== ids.length)
    errors.push('dashboard: panel ids must be unique');
  const annotations =
    isRecord(model.annotations) && Array.isArray(model.annotations.list)
      ? model.annotations.list
      : [];
  annotations.forEach((a, i) => {
    if (isRecord(a) && typeof a.expr === 'string')
      queries.push({ where: `annotations[${i}]`, expr: a.expr });
  });
  return { errors, queries };
}

/** Substitutes Grafana template variables with sample values so promtool can parse the query. */
export function expandVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_)?interval\b/g, '5m')
    .replace(/\$__range\b/g, '1h')
    .replace(/\$\{?(\w+)(:\w+)?\}?/g, 'eastus');
}
