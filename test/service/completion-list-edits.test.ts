/**
 * Completing a grant inside a `grant_types` list gives a valid file, in every format and at every place in the list
 * where a value may go: generated one-line and multi-line lists (Terraform HCL tuples, JSON and JSONC arrays, YAML
 * flow sequences), with and without a trailing comma, with comments between items, LF and CRLF, at the start, between
 * items (before or after the comma, with or without spaces), at the end, on a fresh line after an item without a
 * comma. At each such offset every offered grant is new to the list, and applying any of them (its edit and its
 * additional edits) gives a file that parses without errors and whose client lists exactly the old grants and the
 * new one, once.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import type { Format } from '../../server/src/engine/index';
import { applyTextEdits, DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { completionsAt, type CompletionEntry } from '../../server/src/service/completion';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const GRANTS = ['authorization_code', 'implicit', 'refresh_token', 'client_credentials', 'password'];

interface ListForm {
  readonly format: 'hcl' | 'json' | 'jsonc' | 'yaml';
  readonly items: readonly string[];
  readonly multiline: boolean;
  readonly trailingComma: boolean;
  /** One per item: a comment after it (and its comma), or ''. */
  readonly comments: readonly boolean[];
  readonly eol: '\n' | '\r\n';
  /** Spaces inside the brackets of a one-line list. */
  readonly padded: boolean;
  /** A multi-line list with an empty line after this item (its indentation only): where a new item is typed. */
  readonly freshLineAfter: number | undefined;
}

const COMMENT: Record<ListForm['format'], string | undefined> = { hcl: '# was "implicit", [x]', json: undefined, jsonc: '// old: "password", ]', yaml: '# old: [x], "y"' };
const TRAILING_COMMA_OK: Record<ListForm['format'], boolean> = { hcl: true, json: false, jsonc: true, yaml: true };

const listForm: fc.Arbitrary<ListForm> = fc
  .record({
    format: fc.constantFrom('hcl' as const, 'json' as const, 'jsonc' as const, 'yaml' as const),
    items: fc.shuffledSubarray(GRANTS, { minLength: 0, maxLength: 3 }),
    multiline: fc.boolean(),
    trailingComma: fc.boolean(),
    comments: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    eol: fc.constantFrom('\n' as const, '\r\n' as const),
    padded: fc.boolean(),
    freshLineAfter: fc.option(fc.nat(2), { nil: undefined }),
  })
  .map((f) => ({
    ...f,
    trailingComma: f.trailingComma && f.items.length > 0 && TRAILING_COMMA_OK[f.format],
    // A line comment ends the line: only in multi-line lists.
    comments: f.comments.map((c) => c && f.multiline && COMMENT[f.format] !== undefined),
    freshLineAfter: f.multiline && f.freshLineAfter !== undefined && f.freshLineAfter < f.items.length ? f.freshLineAfter : undefined,
  }));

interface Rendered {
  readonly text: string;
  readonly path: string;
  readonly format: Format;
  /** Offsets where a value may go: inside the brackets, outside items and comments. */
  readonly positions: readonly number[];
}

function quoted(format: ListForm['format'], grant: string): string {
  return format === 'yaml' && !grant.includes(':') ? grant : JSON.stringify(grant);
}

function renderList(f: ListForm, indent: string): { list: string; skip: { start: number; end: number; touching?: boolean }[] } {
  const skip: { start: number; end: number; touching?: boolean }[] = [];
  let list = '[';
  const add = (piece: string, skipped = false): void => {
    // A cursor touching a plain YAML word (no quotes) is on that word: completing there replaces it.
    if (skipped) skip.push({ start: list.length, end: list.length + piece.length, touching: !/^["'#/]/.test(piece) });
    list += piece;
  };
  f.items.forEach((grant, i) => {
    const last = i === f.items.length - 1;
    const comma = !last || f.trailingComma ? ',' : '';
    if (f.multiline) {
      add(`${f.eol}${indent}  `);
      add(quoted(f.format, grant), true);
      add(comma);
      if (f.comments[i]) add(` ${COMMENT[f.format]}`, true);
      if (f.freshLineAfter === i) add(`${f.eol}${indent}  `);
    } else {
      add(i === 0 ? (f.padded ? ' ' : '') : ' ');
      add(quoted(f.format, grant), true);
      add(comma);
    }
  });
  add(f.multiline ? `${f.eol}${indent}` : f.padded && f.items.length > 0 ? ' ' : '');
  list += ']';
  return { list, skip };
}

/** The column of `grant_types:` in the generated YAML. */
const YAML_KEY_INDENT = 4;

function render(f: ListForm): Rendered {
  const eol = f.eol;
  let before: string;
  let after: string;
  let path: string;
  let format: Format;
  const { list, skip } = renderList(f, f.format === 'hcl' ? '  ' : f.format === 'yaml' ? '    ' : '  ');
  if (f.format === 'hcl') {
    before = `resource "auth0_client" "app" {${eol}  name        = "App"${eol}  app_type    = "regular_web"${eol}  grant_types = `;
    after = `${eol}}${eol}`;
    path = '/work/infra/main.tf';
    format = 'hcl';
  } else if (f.format === 'yaml') {
    before = `clients:${eol}  - name: App${eol}    app_type: regular_web${eol}    grant_types: `;
    after = `${eol}    callbacks: [https://example.com/cb]${eol}`;
    path = '/work/tenant.yaml';
    format = 'yaml';
  } else {
    before = `{${eol}  "name": "App",${eol}  "app_type": "regular_web",${eol}  "grant_types": `;
    after = `${eol}}${eol}`;
    path = f.format === 'json' ? '/work/clients/App.json' : '/work/clients/App.jsonc';
    format = 'json';
  }
  const text = before + list + after;
  const positions: number[] = [];
  for (let at = 1; at < list.length; at++) {
    // Inside an item or a comment (after its first character), or between a CR and its LF: not a place for a value.
    if (skip.some((s) => (s.start < at && at < s.end) || (s.touching && s.start <= at && at <= s.end))) continue;
    if (list[at - 1] === '\r') continue;
    const offset = before.length + at;
    // YAML: a flow list's lines must be indented past the key that holds it; a value typed left of that is
    // invalid whatever surrounds it.
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (f.format === 'yaml' && /^[ \t]*$/.test(text.slice(lineStart, offset)) && offset - lineStart <= YAML_KEY_INDENT) continue;
    positions.push(offset);
  }
  return { text, path, format, positions };
}

function lint(path: string, text: string, format: Format) {
  return lintText({ path, text, format, settings: DEFAULT_SETTINGS });
}

/** The text after choosing `entry`: its edit and its additional edits (a comma after the item before). */
function applied(text: string, entry: CompletionEntry): string {
  const edits = [{ start: entry.edit.span.start, end: entry.edit.span.end, newText: entry.edit.newText }, ...(entry.additionalEdits ?? [])];
  return applyTextEdits(text, edits);
}

function grantsOf(path: string, text: string, format: Format): string[] | string {
  const result = lint(path, text, format);
  if (result.parsed.errors.length > 0) return `parse errors: ${result.parsed.errors.map((e) => e.message).join('; ')}`;
  const client = result.clients[0];
  const grants = client?.node.props.find((p) => p.key === 'grant_types')?.value;
  if (!grants || grants.kind !== 'array') return 'no grant_types list';
  return grants.items.map((item) => (item.kind === 'string' ? item.value : `<${item.kind}>`));
}

test('every grant completed anywhere in a grant_types list leaves a valid file holding it once', () => {
  fc.assert(
    fc.property(listForm, fc.nat(), fc.nat(), (f, pickPosition, pickGrant) => {
      const { text, path, format, positions } = render(f);
      assert.deepEqual(grantsOf(path, text, format), [...f.items], `the generated list reads back:\n${text}`);
      // Each position of a small form, a few of a larger one.
      const chosen = positions.length <= 12 ? positions : [positions[0]!, positions[positions.length - 1]!, positions[pickPosition % positions.length]!];
      for (const offset of chosen) {
        const where = `${JSON.stringify(text.slice(0, offset))} | ${JSON.stringify(text.slice(offset))}`;
        const analysis = analyze({ path, text, settings: DEFAULT_SETTINGS });
        assert.ok(analysis, where);
        const entries = completionsAt(analysis, offset) ?? [];
        const labels = entries.map((e) => e.label);
        assert.ok(labels.length > 0, `completions at ${where}`);
        for (const listed of f.items) assert.ok(!labels.includes(listed), `${listed} is listed already, yet offered at ${where}`);
        const entry = entries[pickGrant % entries.length]!;
        const result = applied(text, entry);
        const grants = grantsOf(path, result, format);
        assert.ok(Array.isArray(grants), `${grants} after completing ${entry.label} at ${where}:\n${result}`);
        assert.deepEqual(
          [...grants].sort(),
          [...f.items, entry.label].sort(),
          `completing ${entry.label} at ${where}:\n${result}`,
        );
      }
    }),
    { numRuns: 400 },
  );
});
