/**
 * The removeField fix edit over every way a property can be written: YAML block mappings (the property on lines
 * of its own, or opening a `- ` list item), YAML flow mappings on one line or over several lines with comments,
 * JSON on one line or indented, JSONC with line and block comments; first, middle, last or only property; LF and
 * CRLF. Each result is read back by an independent parser (`yaml`, `jsonc-parser`) and must be the same data
 * without the removed key, keep every comment outside the removed property, and keep the file's line endings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import { applyTextEdits, EditRenderer, getValue, parseText, type Format, type ObjectNode, type ValueNode } from '../../server/src/engine/index';

type Scalar = string | number | boolean | null;
type Data = Scalar | readonly Data[] | { readonly [key: string]: Data };

interface Entry {
  readonly key: string;
  readonly value: Data;
  /** A comment after the property (YAML `#`, JSONC `//`). */
  readonly trailing: boolean;
  /** A comment line before the property. */
  readonly before: boolean;
}

interface Form {
  readonly format: 'yaml-block' | 'yaml-item' | 'yaml-flow' | 'yaml-flow-lines' | 'json-line' | 'json-lines' | 'jsonc';
  readonly entries: readonly Entry[];
  readonly crlf: boolean;
  readonly indent: 2 | 4;
  readonly remove: number;
}

const KEYS = ['name', 'app_type', 'async_approval_notification_channels', 'token_quota', 'grant_types', 'callbacks'];
const scalar = fc.constantFrom<Scalar>('regular_web', 'Example App', 'a: b', 42, true, null, '');
const value: fc.Arbitrary<Data> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('email', 'guardian-push', 'authorization_code'), { minLength: 0, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom<Data>({ client_credentials: { enforce: true, per_day: 1000 } }, { per_day: 5 }, {}) },
);
const entries = fc
  .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 5 })
  .chain((keys) => fc.tuple(...keys.map((key) => fc.record({ key: fc.constant(key), value, trailing: fc.boolean(), before: fc.boolean() }))));

const formArb: fc.Arbitrary<Form> = fc
  .record({
    format: fc.constantFrom('yaml-block' as const, 'yaml-item' as const, 'yaml-flow' as const, 'yaml-flow-lines' as const, 'json-line' as const, 'json-lines' as const, 'jsonc' as const),
    entries,
    crlf: fc.boolean(),
    indent: fc.constantFrom(2 as const, 4 as const),
    remove: fc.nat(),
  })
  .map((form) => ({ ...form, remove: form.remove % form.entries.length }));

let commentCount = 0;
function comment(): string {
  return `note ${++commentCount}`;
}

// ---- writers ----

function flowYaml(data: Data): string {
  if (Array.isArray(data)) return `[${data.map(flowYaml).join(', ')}]`;
  if (data !== null && typeof data === 'object') return `{${Object.entries(data).map(([k, v]) => `${k}: ${flowYaml(v)}`).join(', ')}}`;
  return typeof data === 'string' ? JSON.stringify(data) : String(data);
}

/** A YAML block mapping's lines for one property (nested collections in block form when they have content). */
function blockYaml(key: string, data: Data, indent: number, unit: number, trailing: string): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(data) && data.length > 0) return [`${pad}${key}:${trailing}`, ...data.map((item) => `${pad}${' '.repeat(unit)}- ${flowYaml(item)}`)];
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length > 0) {
    return [`${pad}${key}:${trailing}`, ...Object.entries(data).flatMap(([k, v]) => blockYaml(k, v, indent + unit, unit, ''))];
  }
  return [`${pad}${key}: ${flowYaml(data)}${trailing}`];
}

/** The text, and the comments it holds outside the property that will be removed. */
function render(form: Form): { text: string; format: Format; kept: string[]; removedComments: string[] } {
  const kept: string[] = [];
  const removedComments: string[] = [];
  const note = (index: number, where: 'before' | 'trailing'): string => {
    const text = comment();
    // A comment before a property stays; a trailing one goes with its property.
    (index === form.remove && where === 'trailing' ? removedComments : kept).push(text);
    return text;
  };
  const unit = form.indent;
  let lines: string[];
  let format: Format = 'yaml';
  switch (form.format) {
    case 'yaml-block':
    case 'yaml-item': {
      // A first client, then the object under test: the second list item's mapping, or `target:` in the first.
      const item = form.format === 'yaml-item';
      lines = ['clients:', '  - name: Other', '    app_type: spa'];
      if (item) lines.push('  - name: Second');
      else lines.push('    target:');
      const indent = item ? 4 : 6;
      if (item) lines.pop();
      form.entries.forEach((entry, i) => {
        if (entry.before && !(item && i === 0)) lines.push(`${' '.repeat(indent)}# ${note(i, 'before')}`);
        const block = blockYaml(entry.key, entry.value, indent, unit, entry.trailing ? ` # ${note(i, 'trailing')}` : '');
        if (item && i === 0) block[0] = `  - ${block[0]!.trimStart()}`;
        lines.push(...block);
      });
      break;
    }
    case 'yaml-flow':
      lines = ['clients:', `  - target: {${form.entries.map((e) => `${e.key}: ${flowYaml(e.value)}`).join(', ')}}`];
      break;
    case 'yaml-flow-lines': {
      lines = ['clients:', '  - target: {'];
      form.entries.forEach((entry, i) => {
        if (entry.before) lines.push(`      # ${note(i, 'before')}`);
        const last = i === form.entries.length - 1;
        lines.push(`      ${entry.key}: ${flowYaml(entry.value)}${last ? '' : ','}${entry.trailing ? ` # ${note(i, 'trailing')}` : ''}`);
      });
      lines.push('    }');
      break;
    }
    case 'json-line':
      format = 'json';
      lines = [`{"target": {${form.entries.map((e) => `${JSON.stringify(e.key)}: ${JSON.stringify(e.value)}`).join(', ')}}}`];
      break;
    case 'json-lines':
    case 'jsonc': {
      format = 'json';
      const comments = form.format === 'jsonc';
      const pad = ' '.repeat(unit * 2);
      lines = ['{', `${' '.repeat(unit)}"target": {`];
      form.entries.forEach((entry, i) => {
        if (comments && entry.before) lines.push(i % 2 === 0 ? `${pad}// ${note(i, 'before')}` : `${pad}/* ${note(i, 'before')} */`);
        const last = i === form.entries.length - 1;
        const body = JSON.stringify(entry.value, null, unit).replace(/\n/g, `\n${pad}`);
        lines.push(`${pad}${JSON.stringify(entry.key)}: ${body}${last ? '' : ','}${comments && entry.trailing ? ` // ${note(i, 'trailing')}` : ''}`);
      });
      lines.push(`${' '.repeat(unit)}}`, '}');
      break;
    }
  }
  const text = lines.join('\n') + '\n';
  return { text: form.crlf ? text.replace(/\n/g, '\r\n') : text, format, kept, removedComments };
}

// ---- reading back ----

function readBack(text: string, format: Format): unknown {
  if (format === 'json') {
    const errors: ParseError[] = [];
    const data = parseJsonc(text, errors, { allowTrailingComma: false });
    assert.deepEqual(errors, [], `JSONC parses:\n${text}`);
    return data;
  }
  const docs = parseAllDocuments(text);
  assert.equal(docs.length, 1);
  assert.deepEqual(docs[0]!.errors.map((e) => e.message), [], `YAML parses:\n${text}`);
  return docs[0]!.toJS();
}

function itemsOf(node: ValueNode | undefined): readonly ValueNode[] {
  return node?.kind === 'array' ? node.items : [];
}

/** The object the property is removed from: `target`, or (a `- key:` item) the list item itself. */
function targetOf(root: ValueNode | undefined, form: Form): ObjectNode {
  const clients = itemsOf(getValue(root, 'clients'));
  const node = form.format === 'yaml-item' ? clients[1] : form.format.startsWith('yaml') ? getValue(clients[0], 'target') : getValue(root, 'target');
  assert.equal(node?.kind, 'object');
  return node as ObjectNode;
}

function withoutKey(data: unknown, form: Form, key: string): unknown {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const holder = form.format === 'yaml-item' ? (copy['clients'] as Record<string, unknown>[])[1]! : form.format.startsWith('yaml') ? (copy['clients'] as Record<string, Record<string, unknown>>[])[0]!['target']! : (copy['target'] as Record<string, unknown>);
  delete (holder as Record<string, unknown>)[key];
  return copy;
}

test('removeField gives the same data without the key, in every form a property can be written', () => {
  fc.assert(
    fc.property(formArb, (form) => {
      const { text, format, kept, removedComments } = render(form);
      const parsed = parseText(text, format);
      assert.deepEqual(parsed.errors, [], text);
      const root = parsed.documents[0]!.root;
      const object = targetOf(root, form);
      const prop = object.props[form.remove]!;
      const edits = new EditRenderer(text, format).render([{ kind: 'removeField', object, prop }]);
      assert.ok(edits.length > 0, 'the edit renders');
      const fixed = applyTextEdits(text, edits);
      const expected = withoutKey(readBack(text, format), form, prop.key);
      const only = form.entries.length === 1 && form.format !== 'yaml-item';
      const actual = readBack(fixed, format);
      if (only) {
        // The last property leaves an empty mapping behind.
        assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), `${text}\n--- fixed ---\n${fixed}`);
      } else {
        assert.deepEqual(actual, expected, `${text}\n--- fixed ---\n${fixed}`);
      }
      for (const c of kept) assert.ok(fixed.includes(c), `comment "${c}" kept\n${text}\n--- fixed ---\n${fixed}`);
      for (const c of removedComments) assert.ok(!fixed.includes(c) || form.entries.length === 1, `comment "${c}" removed with its property`);
      if (form.crlf) assert.ok(!/(^|[^\r])\n/.test(fixed), `CRLF kept\n${JSON.stringify(fixed)}`);
    }),
    { seed: 4242, numRuns: 1500 },
  );
});

test('removeField leaves a YAML anchor that an alias elsewhere uses alone (no edits: the fix is not offered)', () => {
  const text = 'clients:\n  - name: A\n    token_quota: &quota\n      client_credentials: {per_day: 5}\n    app_type: spa\n  - name: B\n    token_quota: *quota\n';
  const parsed = parseText(text, 'yaml');
  const client = itemsOf(getValue(parsed.documents[0]!.root, 'clients'))[0] as ObjectNode;
  const prop = client.props.find((p) => p.key === 'token_quota')!;
  assert.deepEqual(new EditRenderer(text, 'yaml').render([{ kind: 'removeField', object: client, prop }]), []);
  const unused = text.replace('*quota', '{}');
  const reparsed = parseText(unused, 'yaml');
  const first = itemsOf(getValue(reparsed.documents[0]!.root, 'clients'))[0] as ObjectNode;
  const removed = applyTextEdits(unused, new EditRenderer(unused, 'yaml').render([{ kind: 'removeField', object: first, prop: first.props.find((p) => p.key === 'token_quota')! }]));
  assert.equal(removed, 'clients:\n  - name: A\n    app_type: spa\n  - name: B\n    token_quota: {}\n');
});
