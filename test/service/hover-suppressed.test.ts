/**
 * A hover on a grant whose finding a suppression comment silences says so, naming the comment and its line, in
 * YAML and Terraform HCL: generated clients for two rules, with the comment right before the grant item (in block
 * lists, flow lists over lines, HCL lists), before the grant list's key, or for the rest of the file, with a reason
 * and with several rule ids. JSON has no comments (rule book, "Suppression"): its way, a pointer override, leaves
 * the grant not checked, and the hover says that instead of "allowed". Without the comment (the control) the hover
 * says nothing of a suppression.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FileSettings } from '../../server/src/engine/index';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { parseConfig, settingsFor } from '../../server/src/workspace/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

interface RuleCase {
  readonly ruleId: string;
  readonly grant: string;
  /** The client's other fields as YAML `key: value` lines and as HCL attributes. */
  readonly yaml: readonly string[];
  readonly hcl: readonly string[];
  readonly json: Record<string, unknown>;
}

const RULES: readonly RuleCase[] = [
  {
    ruleId: 'public-client-credentials',
    grant: 'client_credentials',
    yaml: ['app_type: spa', 'token_endpoint_auth_method: none'],
    hcl: ['app_type = "spa"'],
    json: { app_type: 'spa', token_endpoint_auth_method: 'none' },
  },
  {
    ruleId: 'first-party-only-grant',
    grant: 'password',
    yaml: ['app_type: regular_web', 'is_first_party: false'],
    hcl: ['app_type       = "regular_web"', 'is_first_party = false'],
    json: { app_type: 'regular_web', is_first_party: false },
  },
];

type Place = 'item' | 'key' | 'file' | 'none';
const PLACES: readonly Place[] = ['item', 'key', 'file', 'none'];
type YamlList = 'block' | 'flow-lines';
type Directive = 'plain' | 'reason' | 'several';

function directiveText(kind: 'next-line' | 'file', rule: RuleCase, style: Directive): string {
  const ids = style === 'several' ? `legacy-grant-type, ${rule.ruleId}` : rule.ruleId;
  const reason = style === 'reason' ? ' -- the kiosk signs in through a proxy' : '';
  return `grantlint-disable${kind === 'next-line' ? '-next-line' : ''} ${ids}${reason}`;
}

function yamlTenant(rule: RuleCase, place: Place, list: YamlList, style: Directive): string {
  const lines = ['# Acme tenant'];
  if (place === 'file') lines.push(`# ${directiveText('file', rule, style)}`);
  lines.push('clients:', '  - name: Kiosk', ...rule.yaml.map((f) => `    ${f}`));
  if (place === 'key') lines.push(`    # ${directiveText('next-line', rule, style)}`);
  const item = place === 'item' ? [`# ${directiveText('next-line', rule, style)}`] : [];
  if (list === 'block') lines.push('    grant_types:', '      - authorization_code', ...item.map((c) => `      ${c}`), `      - ${rule.grant}`);
  else lines.push('    grant_types: [', '      authorization_code,', ...item.map((c) => `      ${c}`), `      ${rule.grant},`, '    ]');
  return `${lines.join('\n')}\n`;
}

function hclModule(rule: RuleCase, place: Place, style: Directive, comment: '#' | '//'): string {
  const lines = ['# Acme clients'];
  if (place === 'file') lines.push(`${comment} ${directiveText('file', rule, style)}`);
  lines.push('resource "auth0_client" "kiosk" {', '  name = "Kiosk"', ...rule.hcl.map((a) => `  ${a}`));
  if (place === 'key') lines.push(`  ${comment} ${directiveText('next-line', rule, style)}`);
  lines.push('  grant_types = [', '    "authorization_code",');
  if (place === 'item') lines.push(`    ${comment} ${directiveText('next-line', rule, style)}`);
  lines.push(`    "${rule.grant}",`, '  ]', '}', '');
  if (rule.ruleId === 'public-client-credentials') {
    lines.push('resource "auth0_client_credentials" "kiosk" {', '  client_id             = auth0_client.kiosk.id', '  authentication_method = "none"', '}', '');
  }
  return lines.join('\n');
}

/** The hover's text with markdown's backslash escapes removed, as a reader sees it. */
function plain(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

/** The 1-based line of the suppression comment that silences the grant. */
function commentLine(text: string): number {
  return text.slice(0, text.indexOf('grantlint-disable')).split('\n').length;
}

function check(path: string, text: string, rule: RuleCase, place: Place, grantAt: number, settings: FileSettings = DEFAULT_SETTINGS): void {
  const where = `${path} ${rule.ruleId} ${place}\n${text}`;
  const natural = analyze({ path, text: text.replace(/^.*grantlint-disable.*\n/gm, ''), settings })!;
  assert.ok(natural.result.findings.some((f) => f.ruleId === rule.ruleId), `${where}: the rule fires without the comment`);
  const analysis = analyze({ path, text, settings })!;
  const onItem = analysis.result.findings.filter((f) => f.span.start <= grantAt && grantAt < f.span.end && f.ruleId === rule.ruleId);
  const hover = hoverAt(analysis, grantAt + 1);
  assert.ok(hover, `${where}: a hover`);
  const md = plain(hover.markdown);
  if (place === 'none') {
    assert.equal(onItem.length, 1, `${where}: the diagnostic`);
    assert.doesNotMatch(md, /Suppressed/, `${where}\n${md}`);
    return;
  }
  assert.deepEqual(onItem, [], `${where}: no diagnostic`);
  const directive = place === 'file' ? 'grantlint-disable' : 'grantlint-disable-next-line';
  assert.ok(md.includes(`**Suppressed:** the \`${directive}\` comment (line ${commentLine(text)}) silences this ${rule.ruleId} finding`), `${where}\n${md}`);
  // Still what Auth0 says: the grant is refused, and the rule's page is linked.
  assert.ok(md.includes('**Not allowed for Kiosk.**'), `${where}\n${md}`);
  assert.ok(md.includes(`[${rule.ruleId}](`), `${where}\n${md}`);
}

test('YAML: a suppressed grant says which comment silences it', () => {
  let cases = 0;
  for (const rule of RULES) {
    for (const place of PLACES) {
      for (const list of ['block', 'flow-lines'] as const) {
        for (const style of ['plain', 'reason', 'several'] as const) {
          const text = yamlTenant(rule, place, list, style);
          check('/w/tenant.yaml', text, rule, place, text.lastIndexOf(rule.grant));
          cases++;
        }
      }
    }
  }
  assert.equal(cases, RULES.length * PLACES.length * 2 * 3);
});

test('Terraform HCL: a suppressed grant says which comment silences it', () => {
  for (const rule of RULES) {
    for (const place of PLACES) {
      for (const style of ['plain', 'reason', 'several'] as const) {
        for (const comment of ['#', '//'] as const) {
          const text = hclModule(rule, place, style, comment);
          check('/w/main.tf', text, rule, place, text.lastIndexOf(`"${rule.grant}"`));
        }
      }
    }
  }
});

test('JSON (no comments): a pointer override leaves the grant not checked, never "allowed"', () => {
  for (const rule of RULES) {
    const path = '/w/clients/kiosk.json';
    const text = `${JSON.stringify({ name: 'Kiosk', ...rule.json, grant_types: ['authorization_code', rule.grant] }, null, 2)}\n`;
    const config = parseConfig(JSON.stringify({ overrides: [{ files: 'clients/*.json', pointer: '', rules: { [rule.ruleId]: 'off' } }] }), '/w/.grantlintrc.json');
    const settings = settingsFor(config, path);
    const analysis = analyze({ path, text, settings })!;
    assert.equal(analysis.result.findings.some((f) => f.ruleId === rule.ruleId), false);
    const md = plain(hoverAt(analysis, text.lastIndexOf(rule.grant) + 1)!.markdown);
    assert.doesNotMatch(md, /\*\*Allowed for /, md);
    assert.ok(md.includes(`**Not checked for Kiosk.** The configuration turns ${rule.ruleId} off for this client (/w/.grantlintrc.json, overrides[0])`), md);
    assert.match(md, /What Auth0 says: /, md);
  }
});
