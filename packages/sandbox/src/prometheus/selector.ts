/**
 * The part of PromQL the sandbox answers: one instant vector selector,
 * `metric_name{label="v", label!="v", label=~"re", label!~"re"}` (either part optional).
 * Everything else — functions, operators, offsets — is rejected with a
 * clear message rather than answered wrongly.
 */
export type Matcher = {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  test: (v: string) => boolean;
};

export class PromQLError extends Error {
  constructor(message: string, readonly kind: 'parse' | 'unsupported') {
    super(message);
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t' };
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/**
 * An instant query's `selector[range]`: the selector and the range in ms, or undefined
 * when the query has no range. Only raw series have ranges here (they hold the samples).
 */
export function splitRange(
  query: string,
): { selector: string; rangeMs: number } | undefined {
  const m = query.trim().match(/^(.*)\[((?:\d+(?:ms|s|m|h|d|w|y))+)\]$/s);
  if (!m) return undefined;
  const units: Record<string, number> = {
    ms: 1,
    s: 1000,
    m: 60000,
    h: 3600000,
    d: 86400000,
    w: 604800000,
    y: 31536000000,
  };
  const rangeMs = [...m[2].matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)].reduce(
    (sum, p) => sum + Number(p[1]) * units[p[2]],
    0,
  );
  if (rangeMs <= 0)
    throw new PromQLError('parse error: range must be positive', 'parse');
  return { selector: m[1], rangeMs };
}

export function parseSelector(query: string): Matcher[] {
  const src = query.trim();
  if (!src) throw new PromQLError('empty query', 'parse');
  let pos = 0;
  const rest = () => src.slice(pos);
  const skip = () => {
    while (pos < src.length && /\s/.test(src[pos])) pos++;
  };
  const unsupported = () =>
    new PromQLError(
      `the sandbox Prometheus answers only instant vector selectors such as ntai:http_requests:rate5m{region="eastus"}; unsupported expression: ${src}`,
      'unsupported',
    );

  const matchers: Matcher[] = [];
  const name = rest().match(NAME);
  if (name) {
    pos += name[0].length;
    skip();
    if (src[pos] === '(') throw unsupported();
    matchers.push(matcher('__name__', '=', name[0]));
  }
  skip();
  if (src[pos] === '{') {
    pos++;
    for (;;) {
      skip();
      if (src[pos] === '}') {
        pos++;
        break;
      }
      const label = rest().match(LABEL);
      if (!label)
        throw new PromQLError(
          `parse error at char ${
            pos + 1
          }: unexpected character inside braces: '${
            src[pos] ?? 'end of input'
          }'`,
          'parse',
        );
      pos += label[0].length;
      skip();
      const op = rest().match(/^(=~|!~|!=|=)/);
      if (!op)
        throw new PromQLError(
          `parse error at char ${
            pos + 1
          }: expected label matching operator after '${label[0]}'`,
          'parse',
        );
      pos += op[0].length;
      skip();
      matchers.push(matcher(label[0], op[0] as Matcher['op'], readString()));
      skip();
      if (src[pos] === ',') pos++;
      else if (src[pos] !== '}')
        throw new PromQLError(
          `parse error at char ${
            pos + 1
          }: expected ',' or '}' in label matching`,
          'parse',
        );
    }
  } else if (!name) {
    throw unsupported();
  }
  skip();
  if (pos < src.length) throw unsupported();
  if (matchers.every(m => m.test(''))) {
    throw new PromQLError(
      'parse error: vector selector must contain at least one non-empty matcher',
      'parse',
    );
  }
  return matchers;

  function readString(): string {
    const quote = src[pos];
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      throw new PromQLError(
        `parse error at char ${
          pos + 1
        }: expected string after label matching operator`,
        'parse',
      );
    }
    pos++;
    let out = '';
    while (pos < src.length && src[pos] !== quote) {
      if (src[pos] === '\\' && quote !== '`') {
        pos++;
        const c = src[pos];
        out += ESCAPES[c] ?? c;
      } else out += src[pos];
      pos++;
    }
    if (src[pos] !== quote)
      throw new PromQLError('parse error: unterminated quoted string', 'parse');
    pos++;
    return out;
  }
}

function matcher(name: string, op: Matcher['op'], value: string): Matcher {
  if (op === '=' || op === '!=') {
    return { name, op, value, test: v => (v === value) === (op === '=') };
  }
  let re: RegExp;
  try {
    // PromQL regexes are RE2 and fully anchored.
    re = new RegExp(`^(?:${value})$`);
  } catch (e) {
    throw new PromQLError(
      `parse error: invalid regular expression ${JSON.stringify(value)}: ${
        (e as Error).message
      }`,
      'parse',
    );
  }
  return { name, op, value, test: v => re.test(v) === (op === '=~') };
}

export function matchesAll(
  matchers: Matcher[],
  labels: Record<string, string>,
): boolean {
  return matchers.every(m => m.test(labels[m.name] ?? ''));
}
