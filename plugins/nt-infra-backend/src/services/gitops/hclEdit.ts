import { sameStructure } from './sameStructure';
import { parse } from '@cdktf/hcl2json';
import { InputError } from '@backstage/errors';

/**
 * Where an attribute lives: nested object keys for tfvars
 * (`['regions', 'eastus', 'traffic_manager_priority']`), or a block type,
 * its label and the attribute (`['variable', 'dns_ttl_seconds', 'default']`).
 */
export type HclPath = string[];

interface Frame {
  names: string[];
}

/**
 * Finds the literal value of the attribute at `path` by scanning the text
 * the way HCL tokenises it (strings, comments, heredocs skipped; braces
 * tracked). Returns the span of the literal, which must be a number, bool or
 * simple string on one line: anything else (an expression) is refused rather
 * than rewritten.
 */
function locate(text: string, path: HclPath): { start: number; end: number } {
  const stack: Frame[] = [];
  const statement: string[] = [];
  let i = 0;
  const found: Array<{ start: number; end: number }> = [];
  const names = () => stack.flatMap(f => f.names);
  while (i < text.length) {
    const c = text[i];
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 2;
      if (i < 2) break;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      statement.push(text.slice(i + 1, j));
      i = j + 1;
      continue;
    }
    if (c === '<' && text.startsWith('<<', i)) {
      const m = /^<<-?([A-Za-z_]+)\n/.exec(text.slice(i));
      if (m) {
        const close = new RegExp(`\\n\\s*${m[1]}\\s*\\n`).exec(text.slice(i));
        i = close ? i + close.index + close[0].length - 1 : text.length;
        continue;
      }
    }
    if (c === '{') {
      stack.push({ names: [...statement] });
      statement.length = 0;
      i++;
      continue;
    }
    if (c === '}') {
      stack.pop();
      statement.length = 0;
      i++;
      continue;
    }
    if (c === '\n' || c === ',') {
      statement.length = 0;
      i++;
      continue;
    }
    if (
      c === '=' &&
      text[i + 1] !== '=' &&
      text[i + 1] !== '>' &&
      !['!', '<', '>', '='].includes(text[i - 1])
    ) {
      if (statement.length === 1) {
        const key = statement[0];
        const here = [...names(), key];
        if (here.join('\u0000') === path.join('\u0000')) {
          const lineEnd = text.indexOf('\n', i);
          const rest = text.slice(i + 1, lineEnd < 0 ? text.length : lineEnd);
          const m =
            /^(\s*)(-?\d+(?:\.\d+)?|true|false|"[^"\\$%]*")(\s*(?:(?:#|\/\/).*)?)$/.exec(
              rest,
            );
          if (!m) {
            throw new InputError(
              `${path.join(
                '.',
              )} is not a literal value on one line; it cannot be edited safely`,
            );
          }
          const start = i + 1 + m[1].length;
          found.push({ start, end: start + m[2].length });
        }
      }
      // The statement's key is consumed; a following `{` opens that key's object.
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 200));
    if (word) {
      statement.push(word[0]);
      i += word[0].length;
      continue;
    }
    i++;
  }
  if (found.length !== 1) {
    throw new InputError(
      `${path.join('.')} ${
        found.length === 0 ? 'was not found' : 'is ambiguous'
      } in the file`,
    );
  }
  return found[0];
}

/** The parsed form of `path` in hcl2json's output (blocks are arrays of bodies). */
function valueAt(body: unknown, path: HclPath, blocks: boolean): unknown {
  let node = body;
  for (const [index, key] of path.entries()) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
    // `variable "x" { ... }` parses to { variable: { x: [ {...} ] } }.
    if (blocks && index === 1 && Array.isArray(node)) {
      node = node.length === 1 ? node[0] : undefined;
    }
  }
  return node;
}

function setAt(body: unknown, path: HclPath, value: unknown, blocks: boolean) {
  const parent = valueAt(body, path.slice(0, -1), blocks) as Record<
    string,
    unknown
  >;
  parent[path[path.length - 1]] = value;
}

/**
 * Sets literal attributes of an HCL file. hcl2json only parses, so the
 * attribute is located structurally, its literal replaced in place (keeping
 * alignment and comments), and the whole file re-parsed: the result must
 * equal the original structure with exactly these values changed, otherwise
 * the edit is refused.
 */
export async function editHcl(
  file: string,
  text: string,
  edits: Array<{ path: HclPath; value: number | string | boolean }>,
  options: { blocks: boolean },
): Promise<string> {
  const before = (await parse(file, text)) as Record<string, unknown>;
  const expected = JSON.parse(JSON.stringify(before));
  let result = text;
  // Apply from the end of the file backwards so earlier offsets stay valid.
  const spans = edits
    .map(edit => {
      if (valueAt(before, edit.path, options.blocks) === undefined) {
        throw new InputError(`${file}: ${edit.path.join('.')} is not set`);
      }
      setAt(expected, edit.path, edit.value, options.blocks);
      return { ...locate(text, edit.path), value: edit.value };
    })
    .sort((a, b) => b.start - a.start);
  for (const span of spans) {
    const literal =
      typeof span.value === 'string'
        ? JSON.stringify(span.value)
        : String(span.value);
    result = result.slice(0, span.start) + literal + result.slice(span.end);
  }
  const after = await parse(file, result);
  if (!sameStructure(after, expected)) {
    throw new InputError(
      `${file}: the edit would change more than ${edits
        .map(e => e.path.join('.'))
        .join(', ')}; refused`,
    );
  }
  return result;
}

/** Reads one attribute's parsed value (to confirm it exists and show the current value). */
export async function readHcl(
  file: string,
  text: string,
  path: HclPath,
  options: { blocks: boolean },
): Promise<unknown> {
  return valueAt(await parse(file, text), path, options.blocks);
}
