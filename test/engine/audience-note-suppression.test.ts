/**
 * The computed-audience note (unjudgedAudienceNotes) is silenced wherever a finding of third-party-system-api-grant
 * about the same grant would be: by a suppression comment naming the rule before the audience, before the grant
 * (its YAML entry in block or flow form, its HCL resource block), before its `client_id`, or for the rest of the
 * file, in every comment style the format has (YAML `#`; HCL `#`, `//`, `/* *\/`); and, in every format, by an
 * override turning the rule off at the grant's, the audience's or the client_id's JSON pointer (JSON, deploy-cli
 * `grants/*.json` and `.tf.json`, takes no comments: rule book, "Suppression"). Such a comment counts as used: no
 * unused-suppression. A comment or override naming only another rule leaves the note, and the comment is reported
 * unused.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText, unjudgedAudienceNotes, type LintInput, type LintResult } from '../../server/src/engine/lint';
import type { NodePath } from '../../server/src/engine/model';
import { getValue } from '../../server/src/engine/model';
import { DEFAULT_SETTINGS, type FileSettings } from '../../server/src/engine/settings';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

const RULE = 'third-party-system-api-grant';
/** A rule that has nothing to say about any grant here. */
const OTHER = 'implicit-grant';

type Place = 'audience' | 'grant' | 'client-id' | 'file';
type YamlForm = 'block' | 'flow';
type HclComment = '#' | '//' | '/* */';

const CLIENT_YAML = `clients:\n  - name: Partner\n    app_type: non_interactive\n    is_first_party: false\n    grant_types: [client_credentials]\n`;

/** A tenant.yaml whose grant has a placeholder audience, with `directive` (a comment's text) at `place`. */
function yamlTenant(form: YamlForm, place: Place, directive: string | undefined): string {
  const at = (here: Place, indent: string) => (directive !== undefined && place === here ? `${indent}# ${directive}\n` : '');
  const file = directive !== undefined && place === 'file' ? `# ${directive.replace('-next-line', '')}\n` : '';
  if (form === 'flow') {
    // One line holds the whole entry: only a comment before the entry (or the file) can speak of it.
    return `${file}${CLIENT_YAML}clientGrants:\n${at('grant', '  ')}  - { client_id: Partner, audience: '##MGMT_AUDIENCE##', scope: [read:users] }\n`;
  }
  // The entry starts with its scope, so a comment before the entry, the client_id and the audience differ.
  return `${file}${CLIENT_YAML}clientGrants:\n${at('grant', '  ')}  - scope: [read:users]\n${at('client-id', '    ')}    client_id: Partner\n${at('audience', '    ')}    audience: '##MGMT_AUDIENCE##'\n`;
}

function hclComment(style: HclComment, text: string): string {
  return style === '/* */' ? `/* ${text} */` : `${style} ${text}`;
}

/** A module file with a third-party client and a grant whose audience is computed, `directive` at `place`. */
function hclModule(style: HclComment, place: Place, directive: string | undefined): string {
  const at = (here: Place, indent: string) => (directive !== undefined && place === here ? `${indent}${hclComment(style, directive)}\n` : '');
  const file = directive !== undefined && place === 'file' ? `${hclComment(style, directive.replace('-next-line', ''))}\n` : '';
  return (
    `${file}resource "auth0_client" "partner" {\n  name           = "Partner"\n  app_type       = "non_interactive"\n  is_first_party = false\n  grant_types    = ["client_credentials"]\n}\n\n` +
    `${at('grant', '')}resource "auth0_client_grant" "partner" {\n  scopes    = ["read:users"]\n${at('client-id', '  ')}  client_id = auth0_client.partner.id\n${at('audience', '  ')}  audience  = local.mgmt_audience\n}\n`
  );
}

type Layout = 'yaml' | 'directory' | 'hcl' | 'tf-json';

/** A project with a third-party client and a grant of it whose audience is unknown, in one layout. */
function project(layout: Layout): { files: Map<string, string>; path: string } {
  switch (layout) {
    case 'yaml':
      return { files: new Map([['/t/tenant.yaml', yamlTenant('block', 'grant', undefined)]]), path: '/t/tenant.yaml' };
    case 'hcl':
      return { files: new Map([['/m/main.tf', hclModule('#', 'grant', undefined)]]), path: '/m/main.tf' };
    case 'directory':
      return {
        files: new Map([
          ['/d/clients/Partner.json', JSON.stringify({ name: 'Partner', app_type: 'non_interactive', is_first_party: false, grant_types: ['client_credentials'] }, null, 2)],
          ['/d/grants/Partner.json', JSON.stringify({ client_id: 'Partner', audience: '##MGMT_AUDIENCE##', scope: ['read:users'] }, null, 2)],
        ]),
        path: '/d/grants/Partner.json',
      };
    case 'tf-json': {
      const client = { name: 'Partner', app_type: 'non_interactive', is_first_party: false, grant_types: ['client_credentials'] };
      const grant = { client_id: '${auth0_client.partner.id}', audience: '${local.mgmt_audience}', scopes: ['read:users'] };
      return { files: new Map([['/m/main.tf.json', JSON.stringify({ resource: { auth0_client: { partner: client }, auth0_client_grant: { partner: grant } } }, null, 2)]]), path: '/m/main.tf.json' };
    }
  }
}

function lintIn(files: Map<string, string>, path: string, settings?: FileSettings): { input: LintInput; result: LintResult } {
  const graph = new ProjectGraph(new MemoryProject(files), { isReported: () => true });
  const input: LintInput = { path, text: files.get(path)!, links: graph.linksFor(path).links, ...(settings ? { settings } : {}) };
  return { input, result: lintText(input) };
}

function unused(result: LintResult): string[] {
  return result.findings.filter((f) => f.ruleId === 'unused-suppression').map((f) => f.message);
}

test('a suppression comment naming the rule silences the note and is used; one naming another rule does neither', () => {
  const texts: { name: string; path: string; text: (directive: string | undefined) => string }[] = [];
  for (const form of ['block', 'flow'] as const) {
    for (const place of form === 'flow' ? (['grant', 'file'] as const) : (['audience', 'grant', 'client-id', 'file'] as const)) {
      texts.push({ name: `YAML ${form}, comment before the ${place}`, path: '/t/tenant.yaml', text: (d) => yamlTenant(form, place, d) });
    }
  }
  for (const style of ['#', '//', '/* */'] as const) {
    for (const place of ['audience', 'grant', 'client-id', 'file'] as const) {
      texts.push({ name: `HCL ${style}, comment before the ${place}`, path: '/m/main.tf', text: (d) => hclModule(style, place, d) });
    }
  }
  for (const { name, path, text } of texts) {
    const control = lintIn(new Map([[path, text(undefined)]]), path);
    assert.equal(unjudgedAudienceNotes(control.input, control.result).length, 1, `${name}: the note without a comment`);

    const silenced = lintIn(new Map([[path, text(`grantlint-disable-next-line ${RULE} -- audience is our own API`)]]), path);
    assert.equal(silenced.result.parsed.errors.length, 0, name);
    assert.deepEqual(unjudgedAudienceNotes(silenced.input, silenced.result), [], `${name}: the comment silences the note`);
    assert.deepEqual(unused(silenced.result), [], `${name}: the comment is used`);

    const both = lintIn(new Map([[path, text(`grantlint-disable-next-line ${OTHER}, ${RULE}`)]]), path);
    assert.deepEqual(unjudgedAudienceNotes(both.input, both.result), [], `${name}: listed with another rule`);
    assert.equal(unused(both.result).length, 1, `${name}: only the other rule is unused`);
    assert.match(unused(both.result)[0]!, new RegExp(`No ${OTHER} finding`), name);

    const other = lintIn(new Map([[path, text(`grantlint-disable-next-line ${OTHER}`)]]), path);
    assert.equal(unjudgedAudienceNotes(other.input, other.result).length, 1, `${name}: another rule's comment leaves the note`);
    assert.equal(unused(other.result).length, 1, `${name}: another rule's comment is unused`);
  }
});

test('an override turning the rule off at the grant, its audience or its client_id silences the note; one for another rule does not', () => {
  let cases = 0;
  for (const layout of ['yaml', 'directory', 'hcl', 'tf-json'] as const) {
    const { files, path } = project(layout);
    const plain = lintIn(files, path);
    assert.equal(unjudgedAudienceNotes(plain.input, plain.result).length, 1, `${layout}: the note`);
    const grant = plain.result.grants[0]!;
    const pointers: [string, NodePath][] = [
      ['grant', grant.node.path],
      ['audience', getValue(grant.node, 'audience')!.path],
      ['client_id', grant.clientId!.value.path],
    ];
    for (const [where, pointer] of pointers) {
      for (const [rule, silences] of [
        [RULE, true],
        [OTHER, false],
      ] as const) {
        const settings: FileSettings = { ...DEFAULT_SETTINGS, pointerOverrides: [{ pointer: pointer.map(String), rules: new Map([[rule, 'off' as const]]) }] };
        const { input, result } = lintIn(files, path, settings);
        assert.equal(unjudgedAudienceNotes(input, result).length, silences ? 0 : 1, `${layout}: ${rule} off at the ${where}`);
        cases++;
      }
    }
  }
  assert.equal(cases, 24);
});
