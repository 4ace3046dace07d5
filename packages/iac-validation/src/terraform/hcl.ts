import { getExpressionAst, parse } from '@cdktf/hcl2json';
import { isRecord } from '../util/files';

/** HCL body as converted by HashiCorp's hcl2json: blocks become arrays of objects. */
export type HclBody = Record<string, unknown>;

/** Parses one HCL file (.tf, .tfvars, .tfbackend) with HashiCorp's parser. Throws on syntax errors. */
export async function parseHcl(file: string, text: string): Promise<HclBody> {
  return (await parse(file, text)) as HclBody;
}

/** A `var.x`, `local.x` or `module.x[.y]` reference found in an expression. */
export interface Reference {
  kind: 'var' | 'local' | 'module';
  name: string;
  /** Attribute after a module name (`module.net.vnet_id` -> `vnet_id`), when present. */
  attribute?: string;
}

interface AstNode {
  type: string;
  meta: Record<string, unknown>;
  children?: AstNode[];
}

const ROOTS = new Set(['var', 'local', 'module']);
const HEREDOC = 'IAC_VALIDATION_EXPRESSION';

function collect(
  node: AstNode | null | undefined,
  scope: Set<string>,
  out: Reference[],
) {
  if (!node) {
    return;
  }
  const meta = node.meta ?? {};
  if (node.type === 'scopeTraversal') {
    const traversal = (meta.traversal ?? []) as Array<{
      segment: string;
      type: string;
    }>;
    const [root, name, attribute] = traversal.map(t => t.segment);
    if (root && !scope.has(root) && ROOTS.has(root) && name !== undefined) {
      const kind = root as Reference['kind'];
      out.push(
        kind === 'module' &&
          attribute !== undefined &&
          traversal[2]?.type === 'nameTraversal'
          ? { kind, name, attribute }
          : { kind, name },
      );
    }
  }
  if (node.type === 'for') {
    // for-expressions bind their key/value names in every part but the collection, so a
    // `for local in ...` cannot be mistaken for a reference. hcl2json's own reference finder
    // skips the key and value expressions entirely, which is why we walk the AST ourselves.
    const inner = new Set(scope);
    for (const bound of [meta.keyVar, meta.valVar]) {
      if (typeof bound === 'string' && bound !== '') {
        inner.add(bound);
      }
    }
    for (const child of node.children ?? []) {
      const isCollection = child.meta?.value === meta.collectionExpression;
      collect(child, isCollection ? scope : inner, out);
    }
    return;
  }
  for (const child of node.children ?? []) {
    collect(child, scope, out);
  }
}

/** Finds the var/local/module references of one hcl2json string value (e.g. "${var.a}-b"). */
export async function findReferences(
  file: string,
  value: string,
): Promise<Reference[]> {
  if (!value.includes('${') && !value.includes('%{')) {
    return [];
  }
  // hcl2json hands back template source text. A heredoc turns it back into an HCL template
  // without escaping: quoted re-wrapping would break on string literals inside `${...}`.
  const ast = (await getExpressionAst(
    file,
    `<<${HEREDOC}\n${value}\n${HEREDOC}\n`,
  )) as AstNode | null;
  const out: Reference[] = [];
  collect(ast, new Set(), out);
  return out;
}

/** Every string value in a converted body, with a readable location. */
export function collectStrings(
  value: unknown,
  where: string,
  out: Array<{ where: string; text: string }> = [],
): Array<{ where: string; text: string }> {
  if (typeof value === 'string') {
    out.push({ where, text: value });
  } else if (Array.isArray(value)) {
    value.forEach(v => collectStrings(v, where, out));
  } else if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      collectStrings(v, where ? `${where}.${key}` : key, out);
    }
  }
  return out;
}

/** First object of an hcl2json block list (`[{...}]`), or undefined. */
export function firstBlock(
  value: unknown,
): Record<string, unknown> | undefined {
  if (Array.isArray(value) && isRecord(value[0])) {
    return value[0];
  }
  return isRecord(value) ? value : undefined;
}
