/**
 * Metric names a PromQL expression reads. A small lexer rather than a full parser: promtool
 * has already proven the syntax, so this only needs to tell metric names apart from functions,
 * keywords, label names and durations.
 */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'group',
  'atan2',
]);

export function metricNames(expr: string): Set<string> {
  const names = new Set<string>();
  // Drop string literals and label matchers / grouping lists, which hold label names, not metrics.
  let text = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  text = text.replace(/\{[^}]*\}/g, ' ');
  text = text.replace(
    /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
    ' ',
  );
  text = text.replace(/\[[^\]]*\]/g, ' ');
  for (const m of text.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = m[0];
    const before = text.slice(0, m.index);
    const after = text.slice(m.index! + word.length);
    if (KEYWORDS.has(word.toLowerCase())) continue;
    if (/^\s*\(/.test(after)) continue; // function call
    if (/[0-9.]$/.test(before)) continue; // unit of a number such as 5m or 1e3
    if (/offset\s*$/.test(before)) continue;
    names.add(word);
  }
  return names;
}
