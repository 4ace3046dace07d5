/**
 * Kubernetes label selectors: the string form of `?labelSelector=` (`a=b,c!=d,e in (x,y),
 * f notin (z),g,!h`) and the structured form of `matchLabels`/`matchExpressions` (also used by
 * Chaos Mesh's labelSelectors/expressionSelectors).
 */
export type Labels = Record<string, string>;
export type LabelPredicate = (labels: Labels) => boolean;

export class SelectorParseError extends Error {}

type Requirement = {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!exists' | '=' | '!=';
  values: string[];
};

function test(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case '=':
      return has && labels[r.key] === r.values[0];
    case '!=':
      return !has || labels[r.key] !== r.values[0];
    case 'in':
      return has && r.values.includes(labels[r.key]);
    case 'notin':
      return !has || !r.values.includes(labels[r.key]);
    case 'exists':
      return has;
    default:
      return !has;
  }
}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string) {
  if (!KEY.test(key))
    throw new SelectorParseError(`invalid label key "${key}"`);
}

function checkValue(value: string) {
  if (!VALUE.test(value) || value.length > 63)
    throw new SelectorParseError(`invalid label value: "${value}"`);
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map(t => t.trim());
}

export function parseLabelSelector(
  selector: string | null | undefined,
): LabelPredicate {
  if (!selector || !selector.trim()) return () => true;
  const requirements: Requirement[] = splitTerms(selector).map(term => {
    if (!term) throw new SelectorParseError(`found '', expected: identifier`);
    const set = term.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/);
    if (set) {
      const values = set[3].split(',').map(v => v.trim());
      checkKey(set[1]);
      values.forEach(checkValue);
      return { key: set[1], op: set[2] as 'in' | 'notin', values };
    }
    const equality = term.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/);
    if (equality) {
      checkKey(equality[1]);
      checkValue(equality[3]);
      return {
        key: equality[1],
        op: equality[2] === '!=' ? '!=' : '=',
        values: [equality[3]],
      };
    }
    const absent = term.match(/^!\s*(\S+)$/);
    if (absent) {
      checkKey(absent[1]);
      return { key: absent[1], op: '!exists', values: [] };
    }
    checkKey(term);
    return { key: term, op: 'exists', values: [] };
  });
  return labels => requirements.every(r => test(r, labels));
}

export type MatchExpression = {
  key: string;
  operator: string;
  values?: string[];
};

/** `matchLabels` + `matchExpressions` (operators In, NotIn, Exists, DoesNotExist). */
export function structuredSelector(
  matchLabels: Labels = {},
  matchExpressions: MatchExpression[] = [],
): LabelPredicate {
  const requirements: Requirement[] = [
    ...Object.entries(matchLabels).map(([key, v]) => ({
      key,
      op: '=' as const,
      values: [v],
    })),
    ...matchExpressions.map(e => {
      const op = {
        In: 'in',
        NotIn: 'notin',
        Exists: 'exists',
        DoesNotExist: '!exists',
      }[e.operator];
      if (!op)
        throw new SelectorParseError(
          `"${e.operator}" is not a valid label selector operator`,
        );
      return {
        key: e.key,
        op: op as Requirement['op'],
        values: e.values ?? [],
      };
    }),
  ];
  return labels => requirements.every(r => test(r, labels));
}
