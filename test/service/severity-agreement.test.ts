/**
 * One severity for a finding, wherever it is shown: the diagnostic on a grant item, the hover's verdict on it and
 * the completion's status for it agree under every way a configuration sets a rule's severity (a config file's
 * rules, its overrides by files, by JSON pointer to the client or to its grant list, the editor's or CLI's rules
 * on top), at every setting from off to error, for each rule that judges grant items.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FileSettings, SeveritySetting } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { completionsAt, type CompletionEntry } from '../../server/src/service/completion';
import { hoverAt } from '../../server/src/service/hover';
import { parseConfig, settingsFor } from '../../server/src/workspace/index';

const DIR = '/w';
const FILE = `${DIR}/tenant.yaml`;

/** A client whose only grant is judged by `ruleId` at its natural severity. */
interface GrantCase {
  readonly ruleId: string;
  readonly fields: readonly string[];
  readonly grant: string;
}

const CASES: readonly GrantCase[] = [
  { ruleId: 'public-client-credentials', fields: ['app_type: spa', 'token_endpoint_auth_method: none'], grant: 'client_credentials' },
  { ruleId: 'first-party-only-grant', fields: ['app_type: regular_web', 'is_first_party: false'], grant: 'password' },
  { ruleId: 'legacy-grant-type', fields: ['app_type: regular_web'], grant: 'http://auth0.com/oauth/legacy/grant-type/delegation/refresh_token' },
  { ruleId: 'implicit-grant', fields: ['app_type: spa', 'token_endpoint_auth_method: none'], grant: 'implicit' },
  { ruleId: 'unknown-grant-type', fields: ['app_type: regular_web'], grant: 'authorisation_code' },
];

const SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

/** Ways to give `ruleId` the setting `setting` for the first client; `applies` is false when it must not reach it. */
interface Shape {
  readonly name: string;
  readonly applies: boolean;
  readonly settings: (ruleId: string, setting: SeveritySetting) => FileSettings;
}

function fromConfig(config: object, extras: ReadonlyMap<string, SeveritySetting> = new Map()): FileSettings {
  return settingsFor(parseConfig(JSON.stringify(config), `${DIR}/.grantlintrc.json`), FILE, { rules: extras });
}

const SHAPES: readonly Shape[] = [
  { name: 'rules of a config file', applies: true, settings: (id, s) => fromConfig({ rules: { [id]: s } }) },
  { name: 'an override by files', applies: true, settings: (id, s) => fromConfig({ overrides: [{ files: 'tenant.yaml', rules: { [id]: s } }] }) },
  {
    name: 'an override by pointer to the client',
    applies: true,
    settings: (id, s) => fromConfig({ overrides: [{ files: '*.yaml', pointer: '/clients/0', rules: { [id]: s } }] }),
  },
  {
    name: 'an override by pointer to its grant list',
    applies: true,
    settings: (id, s) => fromConfig({ overrides: [{ files: '*.yaml', pointer: '/clients/0/grant_types', rules: { [id]: s } }] }),
  },
  {
    name: 'a pointer override over the rules',
    applies: true,
    settings: (id, s) => fromConfig({ rules: { [id]: s === 'off' ? 'error' : 'off' }, overrides: [{ files: '*.yaml', pointer: '/clients/0', rules: { [id]: s } }] }),
  },
  { name: "the editor's or CLI's rules", applies: true, settings: (id, s) => fromConfig({}, new Map([[id, s]])) },
  {
    name: 'an override by pointer to another client',
    applies: false,
    settings: (id, s) => fromConfig({ overrides: [{ files: '*.yaml', pointer: '/clients/1', rules: { [id]: s } }] }),
  },
];

function tenant(c: GrantCase): string {
  const fields = c.fields.map((f) => `    ${f}\n`).join('');
  return `clients:\n  - name: Target\n${fields}    grant_types: [${c.grant}]\n  - name: Other\n    app_type: regular_web\n    grant_types: [authorization_code]\n`;
}

/** The verdict words a diagnostic of this severity (or none) calls for. */
function expectedStatus(severity: string | undefined): 'allowed' | 'discouraged' | 'not-allowed' {
  return severity === undefined ? 'allowed' : severity === 'error' ? 'not-allowed' : 'discouraged';
}

const HOVER_MARK = { allowed: 'Allowed', discouraged: 'Discouraged', 'not-allowed': 'Not allowed' } as const;

describe('diagnostics, hover and completion agree on a grant item under every configuration', () => {
  for (const c of CASES) {
    for (const shape of SHAPES) {
      test(`${c.ruleId} set through ${shape.name}`, () => {
        const text = tenant(c);
        const start = text.indexOf(c.grant);
        const natural = analyze({ path: FILE, text, settings: fromConfig({}) })!;
        const naturalFinding = natural.result.findings.find((f) => f.span.start === start && f.ruleId === c.ruleId);
        assert.ok(naturalFinding, `${c.ruleId} fires on ${c.grant} without configuration`);
        for (const setting of SETTINGS) {
          const analysis = analyze({ path: FILE, text, settings: shape.settings(c.ruleId, setting) })!;
          const onItem = analysis.result.findings.filter((f) => f.span.start === start && f.span.end === start + c.grant.length && f.ruleId !== 'unused-suppression');
          assert.ok(onItem.length <= 1, 'one finding per grant item');
          const diagnostic = onItem[0];
          const want: SeveritySetting = shape.applies ? setting : naturalFinding.severity;
          if (want === 'off') assert.notEqual(diagnostic?.ruleId, c.ruleId, `${setting}: the rule is off`);
          else assert.deepEqual([diagnostic?.ruleId, diagnostic?.severity], [c.ruleId, want], `${setting}: the diagnostic`);

          const status = expectedStatus(diagnostic?.severity);
          const hover = hoverAt(analysis, start + 1);
          assert.ok(hover, 'a hover on the grant');
          // A rule the configuration turns off leaves the grant unchecked, never "allowed" (Auth0 may reject it).
          const mark = diagnostic === undefined && want === 'off' ? 'Not checked' : HOVER_MARK[status];
          assert.ok(hover.markdown.includes(`**${mark} for Target.**`), `${setting}: hover should say ${mark}\n${hover.markdown}`);
          const item: CompletionEntry | undefined = completionsAt(analysis, start + 1)?.find((e) => e.label === c.grant);
          // Completion offers only grants Auth0 knows; a misspelt one has no entry to agree.
          if (c.ruleId === 'unknown-grant-type') assert.equal(item, undefined);
          else {
            assert.equal(item?.status, status, `${setting}: completion status`);
            // Completion says what the hover says of a grant left unchecked.
            if (mark === 'Not checked') {
              assert.ok(item?.detail.endsWith('· not checked') && item.documentation.startsWith('**Not checked for this client.**'), `${setting}: completion\n${item?.detail}\n${item?.documentation}`);
            } else assert.doesNotMatch(`${item?.detail}\n${item?.documentation}`, /not checked/i, `${setting}: completion`);
          }
        }
      });
    }
  }
});
