/**
 * Property tests for fixes in Terraform HCL (engine/fix/render-hcl.ts) over generated modules: grant lists on one
 * line and over lines (one to three items a line, the first after the `[` or below it), with and without trailing commas, with `#`, `//` and block comments between and after
 * items; credentials resources before or after their clients; computed values (variables, `for_each`, heredocs
 * with interpolation, locals, conditionals); nested blocks; CRLF. For every fix of every finding, and for fix-all
 * (safe, and with unsafe fixes): the result parses without errors (HCL's line layout too), no line ends in blanks that did not before,
 * comments on lines of their own and every resource no edit touches are kept byte for byte, fix-all is idempotent, and safe fix-all grants no client
 * anything new. Fix-all that removes repeats and adds a grant in one run, over lists with comments beside kept and
 * removed items: every comment kept, the new grant right after the last item kept, and no `,]` or `*\/ ]` that
 * `terraform fmt` would rewrite. A fixed seed keeps `npm test` reproducible; FUZZ_SEED and FUZZ_RUNS explore further.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, EditRenderer, fixAll, getValue, lintText, simulateEdits, type LintResult, type ValueNode } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { newTrailingBlanks } from '../helpers/line-checks';

before(() => loadHclParser());

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261130);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (base: number) => Math.max(1, Math.round(base * SCALE));
const PATH = '/workspace/infra/auth0/main.tf';

const GRANTS = [
  'authorization_code',
  'client_credentials',
  'implicit',
  'refresh_token',
  'password',
  'passwordless_otp',
  'http://auth0.com/oauth/legacy/grant-type/ro',
  'urn:ietf:params:oauth:grant-type:device_code',
  'http://auth0.com/oauth/grant-type/mfa-oob',
] as const;

type CommentKind = 'none' | 'hash' | 'slashes' | 'block';

interface Item {
  readonly value: string;
  readonly before: CommentKind;
  readonly after: CommentKind;
}

interface ClientSpec {
  readonly appType: string | undefined;
  readonly grants: readonly Item[] | 'computed' | undefined;
  readonly multiline: boolean;
  /** Over lines: how many items share a line (the first of a line may follow the `[`). */
  readonly perLine: number;
  readonly openOnFirst: boolean;
  readonly trailingComma: boolean;
  readonly method: string | undefined | 'computed' | 'no-credentials';
  readonly credentialsFirst: boolean;
  readonly oidc: boolean | undefined;
  readonly firstParty: boolean | undefined;
  readonly rotation: boolean;
  readonly heredoc: boolean;
  readonly forEach: boolean;
  /**
   * How the resource's braces are laid out: the `}` on a line of its own, or the whole block on one line (HCL allows
   * one argument there: the client keeps only its grant_types, or its name). Its credentials resource, with only
   * client_id, and its refresh_token block may be one-liners too. (A `}` at the end of the last attribute's line is
   * no layout HCL takes: test/engine/hcl-layout.test.ts.)
   */
  readonly layout: 'lines' | 'one-line';
  readonly oneLineNested: boolean;
}

interface ModuleSpec {
  readonly clients: readonly ClientSpec[];
  readonly locals: boolean;
  readonly crlf: boolean;
}

const commentArb = fc.constantFrom<CommentKind>('none', 'none', 'hash', 'slashes', 'block');
const itemArb: fc.Arbitrary<Item> = fc.record({ value: fc.constantFrom(...GRANTS), before: commentArb, after: commentArb });
const clientArb: fc.Arbitrary<ClientSpec> = fc.record({
  appType: fc.constantFrom(undefined, 'spa', 'native', 'regular_web', 'non_interactive', 'var.app_type'),
  grants: fc.oneof({ weight: 6, arbitrary: fc.array(itemArb, { minLength: 0, maxLength: 5 }) }, { weight: 1, arbitrary: fc.constantFrom<'computed' | undefined>('computed', undefined) }),
  multiline: fc.boolean(),
  perLine: fc.integer({ min: 1, max: 3 }),
  openOnFirst: fc.boolean(),
  trailingComma: fc.boolean(),
  method: fc.constantFrom<string | undefined>('none', 'client_secret_post', 'client_secret_basic', 'computed', 'no-credentials', undefined),
  credentialsFirst: fc.boolean(),
  oidc: fc.constantFrom(undefined, true, false),
  firstParty: fc.constantFrom(undefined, true, false),
  rotation: fc.boolean(),
  heredoc: fc.boolean(),
  forEach: fc.boolean(),
  layout: fc.constantFrom<ClientSpec['layout']>('lines', 'lines', 'one-line'),
  oneLineNested: fc.boolean(),
});
const moduleArb: fc.Arbitrary<ModuleSpec> = fc.record({ clients: fc.array(clientArb, { minLength: 1, maxLength: 4 }), locals: fc.boolean(), crlf: fc.boolean() });

function comment(kind: CommentKind, text: string): string {
  return kind === 'hash' ? `# ${text}` : kind === 'slashes' ? `// ${text}` : kind === 'block' ? `/* ${text} */` : '';
}

function grantList(items: readonly Item[], client: ClientSpec): string {
  const { multiline, trailingComma, perLine } = client;
  if (!multiline) {
    // Only block comments fit inside a one-line list.
    const parts = items.map((item, i) => `${item.before === 'block' ? `/* b${i} */ ` : ''}"${item.value}"`);
    return `[${parts.join(', ')}${trailingComma && items.length > 0 ? ',' : ''}]`;
  }
  // `perLine` items a line: a comment before an item stands on a line of its own when the item starts its line
  // (a block comment otherwise); a line comment after an item only where the item ends its line.
  const lines = ['['];
  let line: string[] = [];
  items.forEach((item, i) => {
    const endsLine = i % perLine === perLine - 1 || i === items.length - 1;
    if (item.before !== 'none' && line.length === 0) lines.push(`    ${comment(item.before, `before ${i}`)}`);
    else if (item.before === 'block') line.push(comment('block', `before ${i}`));
    const comma = i < items.length - 1 || trailingComma ? ',' : '';
    const after = item.after === 'block' || (item.after !== 'none' && endsLine) ? ` ${comment(item.after, `after ${i}`)}` : '';
    line.push(`"${item.value}"${comma}${after}`);
    if (endsLine) {
      lines.push(`    ${line.join(' ')}`);
      line = [];
    }
  });
  if (client.openOnFirst && lines.length > 1) lines.splice(0, 2, `[ ${lines[1]!.trimStart()}`);
  lines.push('  ]');
  return lines.join('\n');
}

/** The module's text and the resource names of its clients (in order). */
function render(spec: ModuleSpec): { text: string; names: string[] } {
  const out: string[] = ['# Generated module', 'variable "app_type" {', '  type = string', '}', ''];
  if (spec.locals) out.push('locals {', '  grants = ["authorization_code"]', '  method = var.app_type == "spa" ? "none" : "client_secret_post"', '}', '');
  const names: string[] = [];
  spec.clients.forEach((client, index) => {
    const name = `client_${index}`;
    names.push(name);
    const attributes: string[] = [`  name = "Client ${index}"`];
    if (client.appType) attributes.push(client.appType.startsWith('var.') ? `  app_type = ${client.appType}` : `  app_type = "${client.appType}"`);
    if (client.oidc !== undefined) attributes.push(`  oidc_conformant = ${client.oidc}`);
    if (client.firstParty !== undefined) attributes.push(`  is_first_party = ${client.firstParty}`);
    if (client.grants === 'computed') attributes.push(client.forEach ? '  grant_types = each.value' : '  grant_types = concat(local.grants, ["refresh_token"])');
    else if (client.grants) attributes.push(`  grant_types = ${grantList(client.grants, client)}`);
    const body = [...attributes];
    if (client.heredoc) body.push('  description = <<-EOT', '    Built for ${var.app_type}', '  EOT');
    if (client.rotation && client.oneLineNested) body.push('  refresh_token { rotation_type = "rotating" }');
    else if (client.rotation) body.push('', '  refresh_token {', '    rotation_type = "rotating"', '    leeway = 0', '  }');
    const credentials: string[] = [];
    if (client.method !== 'no-credentials') {
      credentials.push(`resource "auth0_client_credentials" "${name}" {`, `  client_id = auth0_client.${name}.id`);
      if (client.method === 'computed') credentials.push('  authentication_method = local.method');
      else if (client.method !== undefined) credentials.push(`  authentication_method = "${client.method}"`);
      credentials.push('}', '');
      if (credentials.length === 4 && client.oneLineNested) credentials.splice(0, 3, `resource "auth0_client_credentials" "${name}" { client_id = auth0_client.${name}.id }`);
    }
    if (client.credentialsFirst) out.push(...credentials);
    const open = `resource "auth0_client" "${name}" {`;
    const grantsLine = attributes.find((line) => line.startsWith('  grant_types') && !line.includes('\n'));
    if (client.layout === 'one-line') out.push(`# ${name}`, `${open} ${(grantsLine ?? attributes[0]!).trim()} }`, '');
    else out.push(`# ${name}`, open, ...body, '}', '');
    if (!client.credentialsFirst) out.push(...credentials);
  });
  const text = out.join('\n');
  return { text: spec.crlf ? text.replace(/\n/g, '\r\n') : text, names };
}

/** Each top-level chunk of the text: from a line that starts at column 0 with a word or comment, to the next. */
function chunks(text: string): { start: number; end: number }[] {
  const starts = [0];
  for (const match of text.matchAll(/\n(?=resource |variable |locals |# )/g)) starts.push(match.index + 1);
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

/** Comment lines (a comment alone on its line), trimmed. */
function ownLineComments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#') || line.startsWith('//') || (line.startsWith('/*') && line.endsWith('*/')));
}

function grantsOf(result: LintResult): Map<string, string[] | undefined> {
  const out = new Map<string, string[] | undefined>();
  const root = result.parsed.documents[0]?.root;
  const clients = getValue(getValue(root, 'resource'), 'auth0_client');
  if (clients?.kind !== 'object') return out;
  for (const prop of clients.props) {
    const grants = getValue(prop.value, 'grant_types');
    out.set(prop.key, grants?.kind === 'array' ? grants.items.map((i) => (i.kind === 'string' ? i.value : `?${i.kind}`)) : undefined);
  }
  return out;
}

function assertParses(text: string, label: string, context: string): LintResult {
  const result = lintText({ path: PATH, text });
  assert.deepEqual(result.parsed.errors, [], `${label}: the result must parse\n${context}\n--- result ---\n${text}`);
  return result;
}

describe('generated Terraform HCL modules', () => {
  test('parse without errors, and every auth0_client is found', () => {
    fc.assert(
      fc.property(moduleArb, (spec) => {
        const { text, names } = render(spec);
        const result = assertParses(text, 'the module', text);
        assert.deepEqual([...grantsOf(result).keys()], names);
        assert.equal(result.clients.length, names.length);
      }),
      { seed: SEED, numRuns: runs(150) },
    );
  });

  test('every fix parses, keeps own-line comments and every resource it does not edit', () => {
    fc.assert(
      fc.property(moduleArb, (spec) => {
        const { text } = render(spec);
        const before = lintText({ path: PATH, text });
        const renderer = new EditRenderer(text, 'hcl');
        const commentsBefore = ownLineComments(text);
        for (const finding of before.findings) {
          for (const fix of finding.fixes) {
            const edits = renderer.render(fix.edits);
            const fixed = applyTextEdits(text, edits);
            const label = `${finding.ruleId}: ${fix.title}`;
            const relinted = assertParses(fixed, label, text);
            // The text says what the fix was checked as (on the model, engine/fix/simulate.ts): every client and its
            // credentials read from the result as the simulated edit left them (an attribute added inside its block).
            for (const entry of before.clients) {
              const simulated = simulateEdits(entry, fix.edits);
              const written = relinted.clients.find((other) => other.resourceName === entry.resourceName);
              const context = `${label}, auth0_client.${entry.resourceName}\n${text}\n--- result ---\n${fixed}`;
              assert.deepEqual(written && valueOf(written.node), valueOf(simulated.node), `the client as the fix was checked: ${context}`);
              assert.deepEqual(written?.credentials && valueOf(written.credentials), simulated.credentials && valueOf(simulated.credentials), `the credentials as the fix was checked: ${context}`);
            }
            assert.deepEqual(newTrailingBlanks(text, fixed), [], `${label}: no line left ending in blanks\n${text}\n--- result ---\n${fixed}`);
            const after = ownLineComments(fixed);
            for (const c of commentsBefore) assert.ok(after.includes(c), `${label}: comment kept: ${c}\n${text}\n--- result ---\n${fixed}`);
            if (spec.crlf) assert.ok(!/(^|[^\r])\n/.test(fixed), `${label}: a bare LF in a CRLF file`);
            // Chunks no edit touches are unchanged, in order.
            const original = chunks(text);
            const touched = original.map((chunk) => edits.some((e) => e.start < chunk.end && e.end >= chunk.start));
            const kept = original.filter((_, i) => !touched[i]).map((chunk) => text.slice(chunk.start, chunk.end));
            let cursor = 0;
            for (const piece of kept) {
              const at = fixed.indexOf(piece, cursor);
              assert.ok(at >= 0, `${label}: an untouched resource changed:\n${piece}\n--- result ---\n${fixed}`);
              cursor = at + piece.length;
            }
          }
        }
      }),
      { seed: SEED + 1, numRuns: runs(150) },
    );
  });

  test('fix-all, safe and with unsafe fixes, is idempotent and parses; safe fix-all grants nothing new', () => {
    fc.assert(
      fc.property(moduleArb, (spec) => {
        const { text } = render(spec);
        const before = lintText({ path: PATH, text });
        for (const unsafe of [false, true]) {
          const once = fixAll({ path: PATH, text }, { unsafe });
          const label = unsafe ? 'fix-all with unsafe fixes' : 'fix-all';
          const parsed = assertParses(once.text, label, text);
          assert.deepEqual(newTrailingBlanks(text, once.text), [], `${label}: no line left ending in blanks\n${text}\n--- result ---\n${once.text}`);
          assert.equal(fixAll({ path: PATH, text: once.text }, { unsafe }).text, once.text, `${label} is idempotent\n${text}`);
          for (const c of ownLineComments(text)) assert.ok(ownLineComments(once.text).includes(c), `${label} keeps ${c}`);
          if (unsafe) continue;
          const grantsBefore = grantsOf(before);
          for (const [name, after] of grantsOf(parsed)) {
            const was = grantsBefore.get(name);
            if (!after) continue;
            // Canonical forms of a short name are the same grant, written right.
            const added = after.filter((g) => !(was ?? []).includes(g) && !isCanonicalOf(g, was ?? []));
            assert.deepEqual(added, [], `safe fix-all added a grant to ${name}\n${text}\n--- result ---\n${once.text}`);
          }
        }
      }),
      { seed: SEED + 2, numRuns: runs(150) },
    );
  });
});

/** A node's value, keys sorted (a fix adds an attribute at the block's end, the model at the object's). */
function valueOf(node: ValueNode): unknown {
  if (node.kind === 'object') return Object.fromEntries(node.props.map((p) => [p.key, valueOf(p.value)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  if (node.kind === 'array') return node.items.map(valueOf);
  return [node.kind, node.value];
}

/** Whether `grant` is the canonical value of a short name in `was` (the safe fix of unknown-grant-type). */
function isCanonicalOf(grant: string, was: readonly string[]): boolean {
  return was.some((w) => grant.endsWith(`/${w}`) || grant.endsWith(`:${w}`));
}

// ---- removals and an addition in one run ----

/** A grant of a composed list: a repeat of an earlier one is removed (duplicate-grant-type), the first kept. */
interface ComposedItem {
  readonly value: 'authorization_code' | 'refresh_token';
  readonly before: CommentKind;
  readonly after: CommentKind;
}

interface ComposedList {
  readonly items: readonly ComposedItem[];
  readonly multiline: boolean;
  readonly perLine: number;
  /** One line: `,]` or `, ]` (both parse; `terraform fmt` writes the second). */
  readonly trailing: 'none' | 'tight' | 'spaced';
  readonly crlf: boolean;
}

const composedArb: fc.Arbitrary<ComposedList> = fc.record({
  items: fc.array(fc.record({ value: fc.constantFrom<ComposedItem['value']>('authorization_code', 'refresh_token'), before: commentArb, after: commentArb }), { minLength: 2, maxLength: 5 }),
  multiline: fc.boolean(),
  perLine: fc.integer({ min: 1, max: 3 }),
  trailing: fc.constantFrom<ComposedList['trailing']>('none', 'tight', 'spaced'),
  crlf: fc.boolean(),
});

/**
 * The list's text, each comment labelled by the item it is beside and whether that item is kept (`k3`) or removed
 * (`r3`), and whether it stands before the item (`b`) or after it (`a`): `/* kb0 *\/`, `# ra2`.
 */
function composedList(list: ComposedList): string {
  const seen = new Set<string>();
  const label = (item: ComposedItem, i: number, where: 'b' | 'a') => `${seen.has(item.value) && where === 'a' ? 'r' : 'k'}${where}${i}`;
  const parts: string[] = [];
  const marks = list.items.map((item, i) => {
    const before = `${seen.has(item.value) ? 'r' : 'k'}b${i}`;
    const after = label(item, i, 'a');
    seen.add(item.value);
    return { before, after };
  });
  const last = list.items.length - 1;
  if (!list.multiline) {
    // Only block comments fit inside a one-line list; one after an item stands before its comma.
    list.items.forEach((item, i) => {
      const before = item.before === 'none' ? '' : `/* ${marks[i]!.before} */ `;
      const after = item.after === 'none' ? '' : ` /* ${marks[i]!.after} */`;
      parts.push(`${before}"${item.value}"${after}`);
    });
    const trailing = list.trailing === 'tight' ? ',' : list.trailing === 'spaced' ? ', ' : '';
    return `[${parts.join(', ')}${trailing}]`;
  }
  const lines = ['['];
  let line: string[] = [];
  list.items.forEach((item, i) => {
    const endsLine = i % list.perLine === list.perLine - 1 || i === last;
    if (item.before !== 'none' && line.length === 0) lines.push(`    ${comment(item.before, marks[i]!.before)}`);
    else if (item.before !== 'none') line.push(`/* ${marks[i]!.before} */`);
    const comma = i < last || list.trailing !== 'none' ? ',' : '';
    const after = item.after === 'block' || (item.after !== 'none' && endsLine) ? ` ${comment(item.after, marks[i]!.after)}` : '';
    line.push(`"${item.value}"${comma}${after}`);
    if (endsLine) {
      lines.push(`    ${line.join(' ')}`);
      line = [];
    }
  });
  lines.push('  ]');
  return lines.join('\n');
}

/** The labels of the comments in `text` (`kb0`, `ra2`, ...). */
function commentLabels(text: string): string[] {
  return [...text.matchAll(/(?:#|\/\/|\/\*) ([kr][ab]\d)\b/g)].map((m) => m[1]!).sort();
}

describe('fix-all that removes repeats and adds a grant (Terraform HCL)', () => {
  test('keeps every comment, puts the new grant right after the last item kept, and writes `, ]` as terraform fmt does', () => {
    fc.assert(
      fc.property(composedArb, (list) => {
        const source = [
          'resource "auth0_client" "worker" {',
          '  name        = "Worker"',
          '  app_type    = "non_interactive"',
          `  grant_types = ${composedList(list)}`,
          '}',
          '',
          'resource "auth0_client_credentials" "worker" {',
          '  client_id             = auth0_client.worker.id',
          '  authentication_method = "client_secret_post"',
          '}',
          '',
        ].join('\n');
        const text = list.crlf ? source.replace(/\n/g, '\r\n') : source;
        const fixed = fixAll({ path: PATH, text }, { unsafe: true }).text;
        const context = `${text}\n--- result ---\n${fixed}`;
        const parsed = assertParses(fixed, 'remove and add', text);
        const distinct = [...new Set(list.items.map((item) => item.value))];
        assert.deepEqual(grantsOf(parsed).get('worker'), [...distinct, 'client_credentials'], `the repeats go and the grant is added\n${context}`);
        assert.deepEqual(commentLabels(fixed), commentLabels(text), `every comment kept\n${context}`);
        // Right after the last item kept: a comment that stood before a removed item is not read as the new grant's (it
        // comes after it, or ends the kept item's line, the new grant on a line below).
        const grants = fixed.slice(fixed.indexOf('grant_types'), fixed.indexOf('auth0_client_credentials'));
        const added = grants.indexOf('"client_credentials"');
        const lastKept = Math.max(...distinct.map((value) => grants.lastIndexOf(`"${value}"`, added)));
        for (const label of commentLabels(grants.slice(lastKept, added)).filter((l) => l.startsWith('rb'))) {
          assert.match(grants.slice(grants.indexOf(label), added), /[\r\n]/, `${label} read as the new grant's\n${context}`);
        }
        // Nor does a removed item's line comment end the new grant's line.
        const addedLine = grants.slice(added).split(/\r?\n/)[0]!;
        assert.doesNotMatch(addedLine, /(#|\/\/) r/, `a removed item's line comment ends the new grant's line\n${context}`);
        // A `]` that terraform fmt rewrites (`"b",]` for `"b", ]`, `/* c */ ]`), or a blank before a comma, only where
        // the list had one.
        for (const unformatted of [/,\]|[^,\s][ \t]+\]/, /[ \t]+,/]) {
          if (!unformatted.test(text)) assert.doesNotMatch(grants, unformatted, `as terraform fmt writes it\n${context}`);
        }
        if (list.crlf) assert.ok(!/(^|[^\r])\n/.test(fixed), `a bare LF in a CRLF file\n${context}`);
      }),
      { seed: SEED + 3, numRuns: runs(300) },
    );
  });
});
