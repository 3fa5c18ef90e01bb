/**
 * Terraform converts a string to a bool wherever an attribute is bool-typed, in HCL and `.tf.json` alike: exactly
 * "true" and "1" to true, "false" and "0" to false (go-cty's conversion); any other string is refused, and a
 * computed value is known only at plan time. Generated over each bool attribute the rules read (`is_first_party`,
 * `oidc_conformant`, `refresh_token.infinite_token_lifetime` and `infinite_idle_token_lifetime`, and the
 * `auth0_tenant` legacy flags) × every way to write it (a bool, each string Terraform converts, a string it refuses,
 * a variable, an interpolation) × HCL and `.tf.json`: a string form gives the findings and notes of its bool; an
 * unknown one gives only what both bools give. Each fix of a string form leaves the file readable, without the
 * finding it fixed, and a fix that sets the attribute writes a bool.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { booleanOf } from '../../server/src/engine/client';
import { lintText, unjudgedAudienceNotes, type LintResult } from '../../server/src/engine/lint';
import { getValue, type NodePath, type ValueNode } from '../../server/src/engine/model';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { applyFix } from '../helpers/lint';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

/** How an attribute's value is written: as HCL, as Terraform JSON, and what Terraform makes of it. */
interface Form {
  readonly name: string;
  readonly hcl: string | undefined;
  readonly json: string | undefined;
  /** The bool Terraform reads, or undefined when it is not known here (computed, or refused). */
  readonly bool: boolean | undefined;
}

const FORMS: readonly Form[] = [
  { name: 'true', hcl: 'true', json: 'true', bool: true },
  { name: 'false', hcl: 'false', json: 'false', bool: false },
  { name: '"true"', hcl: '"true"', json: '"true"', bool: true },
  { name: '"false"', hcl: '"false"', json: '"false"', bool: false },
  { name: '"1"', hcl: '"1"', json: '"1"', bool: true },
  { name: '"0"', hcl: '"0"', json: '"0"', bool: false },
  // Refused by Terraform ("a bool is required"): nothing to judge.
  { name: '"True"', hcl: '"True"', json: '"True"', bool: undefined },
  { name: '"yes"', hcl: '"yes"', json: '"yes"', bool: undefined },
  { name: 'var.x', hcl: 'var.flag', json: undefined, bool: undefined },
  { name: '"${var.x}"', hcl: '"${var.flag}"', json: '"${var.flag}"', bool: undefined },
  { name: '"${true}"', hcl: undefined, json: '"${false}"', bool: undefined },
];

/** A value of the generated configuration: a literal, a raw expression, a nested block, or the attribute under test. */
type Value = string | boolean | string[] | { readonly expression: string } | { readonly block: Attributes } | 'VALUE';
type Attributes = readonly (readonly [string, Value])[];
interface Resource {
  readonly type: string;
  readonly name: string;
  readonly attributes: Attributes;
}

function hclValue(value: Value, form: Form): string {
  if (value === 'VALUE') return form.hcl!;
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  if ('expression' in value) return value.expression;
  throw new Error('a block is not a value');
}

function hclBody(attributes: Attributes, form: Form, indent: string): string {
  return attributes
    .map(([key, value]) =>
      typeof value === 'object' && 'block' in value ? `${indent}${key} {\n${hclBody(value.block, form, `${indent}  `)}${indent}}\n` : `${indent}${key} = ${hclValue(value, form)}\n`,
    )
    .join('');
}

function hcl(resources: readonly Resource[], form: Form): string {
  return resources.map((r) => `resource "${r.type}" "${r.name}" {\n${hclBody(r.attributes, form, '  ')}}\n`).join('\n');
}

const SLOT = '\u0000VALUE\u0000';

function jsonValue(value: Value): unknown {
  if (value === 'VALUE') return SLOT;
  if (typeof value === 'string' || typeof value === 'boolean' || Array.isArray(value)) return value;
  if ('expression' in value) return `\${${value.expression}}`;
  return Object.fromEntries(value.block.map(([key, v]) => [key, jsonValue(v)]));
}

function tfJson(resources: readonly Resource[], form: Form): string {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const r of resources) (resource[r.type] ??= {})[r.name] = jsonValue({ block: r.attributes });
  return JSON.stringify({ resource }, null, 2).replace(JSON.stringify(SLOT), form.json!);
}

interface Scenario {
  readonly attribute: string;
  readonly resources: readonly Resource[];
  /** Whether an unknown value gives only what both bools give (for the tenant flags, an unknown flag is a warning). */
  readonly unknownSilent: boolean;
}

const client = (attributes: Attributes): Resource => ({ type: 'auth0_client', name: 'app', attributes: [['name', 'App'], ['app_type', 'regular_web'], ...attributes] });
const rotating = (extra: Attributes): Value => ({ block: [['rotation_type', 'non-rotating'], ['expiration_type', 'expiring'], ...extra] });

const SCENARIOS: readonly Scenario[] = [
  {
    attribute: 'is_first_party',
    unknownSilent: true,
    resources: [
      client([
        ['is_first_party', 'VALUE'],
        ['grant_types', ['authorization_code', 'password']],
      ]),
      { type: 'auth0_client_grant', name: 'management', attributes: [['client_id', { expression: 'auth0_client.app.id' }], ['audience', 'https://acme.eu.auth0.com/api/v2/'], ['scopes', ['read:users']]] },
      { type: 'auth0_client_grant', name: 'computed', attributes: [['client_id', { expression: 'auth0_client.app.id' }], ['audience', { expression: 'local.mgmt_audience' }], ['scopes', ['read:users']]] },
    ],
  },
  {
    attribute: 'oidc_conformant',
    unknownSilent: true,
    resources: [
      client([
        ['oidc_conformant', 'VALUE'],
        ['grant_types', ['authorization_code', 'refresh_token', 'urn:openid:params:grant-type:ciba']],
        ['refresh_token', { block: [['rotation_type', 'rotating'], ['expiration_type', 'expiring']] }],
      ]),
    ],
  },
  ...['infinite_token_lifetime', 'infinite_idle_token_lifetime'].map(
    (key): Scenario => ({
      attribute: `refresh_token.${key}`,
      unknownSilent: true,
      resources: [
        client([
          ['is_first_party', false],
          ['grant_types', ['authorization_code', 'refresh_token']],
          ['refresh_token', rotating([[key, 'VALUE']])],
        ]),
      ],
    }),
  ),
  ...['allow_legacy_ro_grant_types', 'allow_legacy_delegation_grant_types'].map(
    (flag): Scenario => ({
      attribute: `auth0_tenant flags.${flag}`,
      unknownSilent: false,
      resources: [
        client([['grant_types', ['authorization_code', flag.includes('_ro_') ? 'http://auth0.com/oauth/legacy/grant-type/ro' : 'http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token']]]),
        { type: 'auth0_tenant', name: 'this', attributes: [['flags', { block: [[flag, 'VALUE']] }]] },
      ],
    }),
  ),
];

interface Linted {
  readonly path: string;
  readonly text: string;
  readonly result: LintResult;
  /** Each finding as `line rule severity message`, and each note's line: what must agree between forms. */
  readonly keys: readonly string[];
}

function lintModule(path: string, text: string): Linted {
  const files = new Map([[path, text]]);
  const graph = new ProjectGraph(new MemoryProject(files), { isReported: () => true });
  const input = { path, text, links: graph.linksFor(path).links };
  const result = lintText(input);
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  const keys = [
    ...result.findings.map((f) => `${line(f.span.start)} ${f.ruleId} ${f.severity} ${f.message}`),
    ...unjudgedAudienceNotes(input, result).map((note) => `${line(note.span.start)} note ${note.message}`),
  ];
  return { path, text, result, keys: keys.sort() };
}

test('a string Terraform converts to a bool reads as that bool; an unknown value gives only what both bools give', () => {
  let checked = 0;
  let fixes = 0;
  for (const scenario of SCENARIOS) {
    for (const syntax of ['hcl', 'tf-json'] as const) {
      const path = syntax === 'hcl' ? '/m/main.tf' : '/m/main.tf.json';
      const render = (form: Form) => lintModule(path, syntax === 'hcl' ? hcl(scenario.resources, form) : tfJson(scenario.resources, form));
      const byBool = new Map([true, false].map((b) => [b, render(FORMS.find((f) => f.name === String(b))!)] as const));
      const name = (form: Form) => `${scenario.attribute} = ${form.name} (${syntax})`;
      for (const linted of byBool.values()) assert.equal(linted.result.parsed.errors.length, 0, linted.text);
      assert.notDeepEqual(byBool.get(true)!.keys, byBool.get(false)!.keys, `${scenario.attribute} (${syntax}): the attribute matters`);
      for (const form of FORMS) {
        if ((syntax === 'hcl' ? form.hcl : form.json) === undefined) continue;
        const linted = render(form);
        assert.equal(linted.result.parsed.errors.length, 0, `${name(form)}:\n${linted.text}`);
        if (form.bool !== undefined) {
          assert.deepEqual(linted.keys, byBool.get(form.bool)!.keys, name(form));
          fixes += checkFixes(linted, name(form));
        } else if (scenario.unknownSilent) {
          const both = byBool.get(false)!.keys.filter((key) => byBool.get(true)!.keys.includes(key));
          assert.deepEqual(linted.keys.filter((key) => !both.includes(key)), [], name(form));
        }
        checked++;
      }
    }
  }
  assert.ok(checked >= 100 && fixes >= 20, `${checked} forms, ${fixes} fixes`);
});

/**
 * Applies each fix of a string form's findings: the file still reads without errors, the finding is gone, and an
 * attribute a fix sets is a bool. Returns how many fixes were applied.
 */
function checkFixes(linted: Linted, name: string): number {
  let applied = 0;
  const line = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
  for (const finding of linted.result.findings) {
    for (const fix of finding.fixes) {
      const text = applyFix(linted.text, linted.result, fix);
      const after = lintModule(linted.path, text);
      const what = `${name}: ${fix.title}\n${text}`;
      assert.equal(after.result.parsed.errors.length, 0, what);
      assert.ok(!after.keys.includes(`${line(linted.text, finding.span.start)} ${finding.ruleId} ${finding.severity} ${finding.message}`), `${what}: the finding stays`);
      for (const edit of fix.edits) {
        if ((edit.kind !== 'setField' && edit.kind !== 'replaceScalar') || typeof edit.value !== 'boolean') continue;
        // Read where the edit put it (the same path in the fixed file): a bool literal.
        const path = edit.kind === 'setField' ? [...edit.object.path, edit.key] : edit.node.path;
        const set = at(after.result.parsed.documents[0]?.root, path);
        assert.equal(set?.kind, 'boolean', `${what}: ${path.join('.')} is not written as a bool`);
        assert.equal(booleanOf(set, true), edit.value, what);
      }
      applied++;
    }
  }
  return applied;
}

/** The node at a model path (object keys and list indexes), or undefined. */
function at(root: ValueNode | undefined, path: NodePath): ValueNode | undefined {
  let node = root;
  for (const step of path) {
    if (node?.kind === 'object' && typeof step === 'string') node = getValue(node, step);
    else if (node?.kind === 'array' && typeof step === 'number') node = node.items[step];
    else return undefined;
  }
  return node;
}
