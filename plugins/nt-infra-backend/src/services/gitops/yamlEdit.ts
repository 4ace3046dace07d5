import { sameStructure } from './sameStructure';
import { InputError } from '@backstage/errors';
import { YAML_LIMITS } from '@internal/iac-validation';
import {
  Document,
  isScalar,
  parse,
  parseAllDocuments,
  Scalar,
  stringify,
  ToStringOptions,
} from 'yaml';

/** How the repository's YAML is written (prettier style: no padding in flow collections). */
const WRITE_OPTIONS: ToStringOptions = {
  lineWidth: 0,
  flowCollectionPadding: false,
  singleQuote: true,
};

/** Alias expansion is capped like the validators do (no "billion laughs"). */
const TO_JS = { maxAliasCount: YAML_LIMITS.maxAliasCount };

export interface YamlEdit {
  path: Array<string | number>;
  /** The new value; `null` removes the key. */
  value: unknown;
}

function scalarText(node: Scalar, value: string | number | boolean) {
  if (typeof value !== 'string') {
    return String(value);
  }
  if (node.type === 'QUOTE_DOUBLE') {
    return JSON.stringify(value);
  }
  const plainSafe =
    /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(value) && parse(value) === value;
  if (node.type === 'PLAIN' && plainSafe) {
    return value;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A multi-document YAML file edited through the `yaml` Document API. A
 * changed scalar is written back into its own source span (quoting style,
 * comments and the layout of every other line stay as they are); added or
 * removed keys are written by the Document API, which is only allowed when it
 * reproduces the untouched file exactly. Either way the result is re-parsed
 * and must equal the intended structure.
 */
export class YamlFile {
  private constructor(
    readonly path: string,
    private readonly text: string,
    readonly documents: Document.Parsed[],
  ) {}

  static parse(path: string, text: string): YamlFile {
    if (Buffer.byteLength(text, 'utf8') > YAML_LIMITS.maxBytes) {
      throw new InputError(
        `${path}: larger than ${YAML_LIMITS.maxBytes} bytes`,
      );
    }
    const documents = parseAllDocuments(text, { uniqueKeys: true });
    if (!Array.isArray(documents)) {
      return new YamlFile(path, text, []);
    }
    for (const doc of documents) {
      if (doc.errors.length > 0) {
        throw new InputError(`${path}: ${doc.errors[0].message}`);
      }
    }
    return new YamlFile(path, text, documents);
  }

  /** Index of the document whose fields match, e.g. `{ kind: 'HorizontalPodAutoscaler', 'metadata.name': 'ntai-api' }`. */
  indexOf(match: Record<string, string>): number {
    return this.documents.findIndex(doc =>
      Object.entries(match).every(
        ([key, value]) => doc.getIn(key.split('.')) === value,
      ),
    );
  }

  get(index: number, path: Array<string | number>): unknown {
    const value = this.documents[index]?.getIn(path);
    return isScalar(value) ? value.value : value;
  }

  /** The file's text after the edits of one document. */
  edit(index: number, edits: YamlEdit[]): string {
    const doc = this.documents[index];
    if (!doc) {
      throw new InputError(`${this.path}: document ${index} does not exist`);
    }
    const spans: Array<{ start: number; end: number; text: string }> = [];
    for (const edit of edits) {
      const node = doc.getIn(edit.path, true);
      const value = edit.value;
      if (
        isScalar(node) &&
        node.range &&
        (typeof value === 'string' ||
          typeof value === 'number' ||
          typeof value === 'boolean') &&
        ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE'].includes(node.type ?? '')
      ) {
        spans.push({
          start: node.range[0],
          end: node.range[1],
          text: scalarText(node, value),
        });
      }
    }
    const expected = this.documents.map(d => d.toJS(TO_JS));
    const edited = doc.clone();
    for (const { path, value } of edits) {
      if (value === null) {
        if (!edited.hasIn(path)) {
          throw new InputError(`${this.path}: ${path.join('.')} is not set`);
        }
        edited.deleteIn(path);
      } else {
        edited.setIn(path, edited.createNode(value));
      }
    }
    expected[index] = edited.toJS(TO_JS);

    let result: string;
    if (spans.length === edits.length) {
      result = this.text;
      for (const span of spans.sort((a, b) => b.start - a.start)) {
        result =
          result.slice(0, span.start) + span.text + result.slice(span.end);
      }
    } else {
      const render = (docs: Document[]) =>
        docs.map(d => d.toString(WRITE_OPTIONS)).join('');
      if (render(this.documents) !== this.text) {
        throw new InputError(
          `${this.path}: adding or removing keys here would reformat other lines; edit it by hand`,
        );
      }
      const docs: Document[] = [...this.documents];
      docs[index] = edited;
      result = render(docs);
    }
    const reparsed = parseAllDocuments(result);
    if (
      !Array.isArray(reparsed) ||
      !sameStructure(
        reparsed.map(d => d.toJS(TO_JS)),
        expected,
      )
    ) {
      throw new InputError(
        `${this.path}: the edit would change more than asked; refused`,
      );
    }
    return result;
  }
}

/** A new YAML file for a resource, in the repository's style. */
export function yamlText(resource: Record<string, unknown>): string {
  return stringify(resource, WRITE_OPTIONS);
}
