/**
 * A suppression comment naming a rule the configuration turns off where the comment points cannot be judged, so
 * it is not reported as unused-suppression (where the rule is on, in CI or a teammate's editor, it is needed).
 * Over every severity source (the CLI's --rule and the editor's rules, both given to settingsFor as extra rules;
 * the config file's rules, an override by files, an override by JSON pointer to the client) and every place a
 * directive goes (above a grant item, above the client, `grantlint-disable` for the rest of the file) in YAML and
 * Terraform HCL (`#` and `//`). Controls: with the rule on the comment is used; a directive whose rule is on where
 * it points and that silences nothing, or that names an unknown rule, is still reported.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lintText, type FileSettings, type SeveritySetting } from '../../server/src/engine/index';
import { parseConfig, settingsFor } from '../../server/src/workspace/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

type Place = 'item' | 'client' | 'file';
type Format = 'yaml' | 'hcl#' | 'hcl//';

/** Two clients; the first holds the grant `grant` under a directive naming `ruleId` at `place`. */
function configText(format: Format, place: Place, ruleId: string, grant: string): { path: string; text: string; pointer: string; otherPointer: string } {
  const directive = (kind: 'disable' | 'disable-next-line', marker: string) => `${marker} grantlint-${kind} ${ruleId} -- needed where the rule is on`;
  if (format === 'yaml') {
    const lines = ['clients:'];
    if (place === 'file') lines.push(directive('disable', '#'));
    if (place === 'client') lines.push(`  ${directive('disable-next-line', '#')}`);
    lines.push('  - name: Kiosk', '    app_type: spa', '    token_endpoint_auth_method: none', '    grant_types:', '      - authorization_code');
    if (place === 'item') lines.push(`      ${directive('disable-next-line', '#')}`);
    lines.push(`      - ${grant}`, '  - name: Other', '    app_type: regular_web', '    grant_types: [authorization_code]', '');
    return { path: '/work/cfg/tenant.yaml', text: lines.join('\n'), pointer: '/clients/0', otherPointer: '/clients/1' };
  }
  const marker = format === 'hcl#' ? '#' : '//';
  const lines: string[] = [];
  if (place === 'file') lines.push(directive('disable', marker));
  if (place === 'client') lines.push(directive('disable-next-line', marker));
  lines.push('resource "auth0_client" "kiosk" {', '  name     = "Kiosk"', '  app_type = "spa"', '  grant_types = [', '    "authorization_code",');
  if (place === 'item') lines.push(`    ${directive('disable-next-line', marker)}`);
  lines.push(`    ${JSON.stringify(grant)},`, '  ]', '}', '');
  lines.push('resource "auth0_client_credentials" "kiosk" {', '  client_id             = auth0_client.kiosk.id', '  authentication_method = "none"', '}', '');
  lines.push('resource "auth0_client" "other" {', '  name        = "Other"', '  app_type    = "regular_web"', '  grant_types = ["authorization_code"]', '}', '');
  return { path: '/work/cfg/main.tf', text: lines.join('\n'), pointer: '/auth0_client/kiosk', otherPointer: '/auth0_client/other' };
}

function configured(file: string, config: object, extraRules?: ReadonlyMap<string, SeveritySetting>): FileSettings {
  return settingsFor(parseConfig(JSON.stringify(config), join(file, '..', '.grantlintrc.json')), file, extraRules ? { rules: extraRules, source: 'the command line' } : {});
}

interface Source {
  readonly name: string;
  /** Settings turning `ruleId` to `setting` for the client at `pointer`. */
  readonly settings: (file: string, ruleId: string, setting: SeveritySetting, pointer: string) => FileSettings;
}

const SOURCES: readonly Source[] = [
  { name: 'CLI --rule / editor rules', settings: (f, id, s) => configured(f, {}, new Map([[id, s]])) },
  { name: 'editor rules over the config file', settings: (f, id, s) => configured(f, { rules: { [id]: s === 'off' ? 'error' : 'off' } }, new Map([[id, s]])) },
  { name: 'config file rules', settings: (f, id, s) => configured(f, { rules: { [id]: s } }) },
  { name: 'config override by files', settings: (f, id, s) => configured(f, { overrides: [{ files: '*', rules: { [id]: s } }] }) },
  { name: 'config override by pointer to the client', settings: (f, id, s, pointer) => configured(f, { rules: { [id]: s === 'off' ? 'error' : 'off' }, overrides: [{ files: '*', pointer, rules: { [id]: s } }] }) },
];

/** Rules with a finding on a grant item of a public SPA, and that grant. */
const RULES: readonly (readonly [string, string])[] = [
  ['public-client-credentials', 'client_credentials'],
  ['implicit-grant', 'implicit'],
];

const FORMATS: readonly Format[] = ['yaml', 'hcl#', 'hcl//'];
const PLACES: readonly Place[] = ['item', 'client', 'file'];

function summary(path: string, text: string, settings: FileSettings): string[] {
  return lintText({ path, text, settings }).findings.map((f) => `${f.ruleId}: ${f.message}`);
}

describe('a suppression naming a rule that is off where it points is not reported unused', () => {
  for (const format of FORMATS) {
    for (const place of PLACES) {
      for (const [ruleId, grant] of RULES) {
        test(`${format}, directive for the ${place}, ${ruleId}`, () => {
          const { path, text, pointer, otherPointer } = configText(format, place, ruleId, grant);
          const pointers = format === 'yaml' ? [pointer] : [pointer, `/resource${pointer}`];
          // The directive is needed: with the rule on it silences the finding, without it the finding shows.
          assert.deepEqual(summary(path, text, configured(path, {})), [], `${text}`);
          const bare = text.replace(/^.*grantlint-disable.*\n/m, '');
          assert.ok(summary(path, bare, configured(path, {})).some((f) => f.startsWith(`${ruleId}:`)), 'without the directive the finding shows');
          for (const source of SOURCES) {
            for (const at of pointers) {
              const off = source.settings(path, ruleId, 'off', at);
              assert.deepEqual(summary(path, text, off), [], `${source.name} (${at}) turns ${ruleId} off: nothing to report`);
              // Turned off only for the other client, the rule is on here: the directive is used, nothing to report.
              if (source.name.includes('pointer')) assert.deepEqual(summary(path, text, source.settings(path, ruleId, 'off', otherPointer)), [], `${source.name}: off elsewhere`);
            }
          }
        });
      }
    }
  }

  test('controls: a directive that silences nothing where its rule is on, or names an unknown rule, is still reported', () => {
    for (const format of FORMATS) {
      // The directive names public-client-credentials above `implicit`: used nowhere.
      const { path, text, otherPointer, pointer } = configText(format, 'item', 'public-client-credentials', 'implicit');
      const unused = (settings: FileSettings) => summary(path, text, settings).filter((f) => f.startsWith('unused-suppression:'));
      assert.equal(unused(configured(path, {})).length, 1, `${format}: unused with no configuration`);
      // Another rule off changes nothing; the rule off for the other client only changes nothing.
      assert.equal(unused(configured(path, { rules: { 'implicit-grant': 'off' } })).length, 1, `${format}: another rule off`);
      assert.equal(unused(configured(path, { overrides: [{ files: '*', pointer: otherPointer, rules: { 'public-client-credentials': 'off' } }] })).length, 1, `${format}: off for the other client`);
      // Off for this client: not judged.
      assert.equal(unused(configured(path, { overrides: [{ files: '*', pointer, rules: { 'public-client-credentials': 'off' } }] })).length, 0, `${format}: off here`);
      // An unknown rule id is reported whatever is off.
      const unknown = text.replace('public-client-credentials --', 'public-client-credential --');
      const off = configured(path, { rules: { 'public-client-credentials': 'off' } }, new Map([['implicit-grant', 'off' as const]]));
      assert.deepEqual(
        summary(path, unknown, off).filter((f) => f.startsWith('unused-suppression:')),
        ["unused-suppression: Unknown rule id 'public-client-credential' in this grantlint-disable comment; did you mean 'public-client-credentials'?"],
      );
    }
  });
});
