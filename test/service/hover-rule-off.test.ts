/**
 * A hover on a grant item agrees with a configuration that turns the judging rule off, and never contradicts
 * itself: over every rule fixture (YAML, JSON and Terraform HCL) and every grant item a rule reports on, with the
 * rule set through a config file's rules, an override by files, an override by JSON pointer to the client (both
 * pointer forms for a Terraform resource) and the editor's rules, off and on (hint, error).
 *
 * Off: the hover offers no fix of that rule (nor a legacy grant's alternative when legacy-grant-type is off), does
 * not say "nothing in this client rules it out" when the rule would judge the grant, and names the rule and where
 * it was turned off. On: the verdict is the one the diagnostic's severity calls for.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { FileSettings, LintFinding, SeveritySetting } from '../../server/src/engine/index';
import { analyze, type Analysis } from '../../server/src/service/analysis';
import { grantVerdict } from '../../server/src/service/grant-verdict';
import { hoverAt } from '../../server/src/service/hover';
import { clientAt } from '../../server/src/service/locate';
import { ClientFacts } from '../../server/src/engine/index';
import { parseConfig, settingsFor } from '../../server/src/workspace/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const RULES = join(__dirname, '..', 'fixtures', 'rules');
// Every setting is checked in YAML by severity-agreement.test.ts; here off, a discouraging one and error.
const SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'error'];
const EDITOR_SOURCE = "the editor's grantlint.rules setting";

function invalidFixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixed__' || name.startsWith('valid') ? [] : invalidFixtures(path);
    return /\.(json|ya?ml|tf)$/.test(name) && !name.startsWith('valid') ? [path] : [];
  });
}

/** A way to set one rule for the client holding the grant; `source` is what the hover must name. */
interface Shape {
  readonly name: string;
  readonly settings: (file: string, ruleId: string, setting: SeveritySetting, pointer: string) => FileSettings;
  readonly source: (configFile: string) => string;
}

function configured(file: string, config: object, editorRules?: ReadonlyMap<string, SeveritySetting>): FileSettings {
  const configFile = join(file, '..', '.grantlintrc.json');
  return settingsFor(parseConfig(JSON.stringify(config), configFile), file, editorRules ? { rules: editorRules, source: EDITOR_SOURCE } : {});
}

const SHAPES: readonly Shape[] = [
  { name: 'config rules', settings: (f, id, s) => configured(f, { rules: { [id]: s } }), source: (c) => c },
  { name: 'override by files', settings: (f, id, s) => configured(f, { overrides: [{ files: '*', rules: { [id]: s } }] }), source: (c) => `${c}, overrides[0]` },
  {
    name: 'override by pointer to the client',
    settings: (f, id, s, pointer) => configured(f, { rules: { [id]: s === 'off' ? 'error' : 'off' }, overrides: [{ files: '*', pointer, rules: { [id]: s } }] }),
    source: (c) => `${c}, overrides[0]`,
  },
  {
    name: "the editor's rules over the config",
    settings: (f, id, s) => configured(f, { rules: { [id]: s === 'off' ? 'error' : 'off' } }, new Map([[id, s]])),
    source: () => EDITOR_SOURCE,
  },
];

/** The client's JSON pointer; a Terraform resource also in the short form `/auth0_client/<name>`. */
function pointersOf(analysis: Analysis, offset: number): string[] {
  const client = clientAt(analysis.result, offset);
  assert.ok(client, 'the grant is in a client');
  const path = client.node.path.map(String);
  const pointer = path.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  return path[0] === 'resource' ? [pointer, `/${path.slice(1).join('/')}`] : [pointer];
}

/** The hover's text with markdown's backslash escapes removed, as a reader sees it. */
function plain(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

/**
 * The grant-item findings of a file linted without configuration (the first of each rule in each client), with
 * the rule that would judge the grant alone.
 */
function grantItemFindings(analysis: Analysis): { finding: LintFinding; judgedBy: string | undefined }[] {
  const seen = new Set<string>();
  return analysis.result.findings
    .filter((f) => f.grantItem?.kind === 'string' && !f.grantItem.placeholder && f.span.start === f.grantItem.start)
    .filter((f) => {
      const key = `${clientAt(analysis.result, f.span.start)?.node.start}:${f.ruleId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((finding) => {
      const client = clientAt(analysis.result, finding.span.start)!;
      const grant = finding.grantItem!.kind === 'string' ? finding.grantItem!.value : '';
      return { finding, judgedBy: grantVerdict(client, new ClientFacts(client), analysis.settings, grant).ruleId };
    });
}

const MARK = { allowed: 'Allowed', discouraged: 'Discouraged', 'not-allowed': 'Not allowed' } as const;

let checkedOff = 0;
/** Formats in which a rule that judges a grant was seen turned off. */
const judgedOffIn = new Set<string>();

describe('a hover on a grant agrees with a configuration that turns its rule off', () => {
  for (const file of invalidFixtures(RULES).sort()) {
    const name = file.slice(RULES.length + 1);
    test(name, () => {
      const text = readFileSync(file, 'utf8');
      const natural = analyze({ path: file, text, settings: configured(file, {}) });
      if (!natural) return;
      for (const { finding, judgedBy } of grantItemFindings(natural)) {
        const ruleId = finding.ruleId;
        const grant = finding.grantItem!.kind === 'string' ? finding.grantItem!.value : '';
        const at = finding.span.start + 1;
        const fixTitles = finding.fixes.map((f) => f.title);
        const pointers: string[] = pointersOf(natural, finding.span.start);
        for (const pointer of pointers) {
          for (const shape of SHAPES) {
            for (const setting of SETTINGS) {
              const where: string = `${ruleId} on ${grant} (${shape.name}${shape.name.includes('pointer') ? ` ${pointer}` : ''}, ${setting})`;
              const settings = shape.settings(file, ruleId, setting, pointer);
              const analysis = analyze({ path: file, text, settings })!;
              const hover = hoverAt(analysis, at);
              assert.ok(hover, `${where}: a hover`);
              const md = plain(hover.markdown);
              const onItem = analysis.result.findings.find((f) => f.span.start === finding.span.start && f.span.end === finding.span.end && f.ruleId !== 'unused-suppression');
              if (setting === 'off') {
                assert.notEqual(onItem?.ruleId, ruleId, `${where}: no diagnostic`);
                if (onItem) continue; // another rule speaks for the grant now
                checkedOff++;
                for (const title of fixTitles) assert.ok(!md.includes(`**Fix:** ${title}`), `${where}: no fix of a rule that is off\n${md}`);
                if (ruleId === 'legacy-grant-type') assert.doesNotMatch(md, /\*\*Fix:\*\*/, `${where}: no legacy alternative\n${md}`);
                if (judgedBy === ruleId) {
                  judgedOffIn.add(analysis.format);
                  assert.doesNotMatch(md, /Nothing in this client rules it out/, `${where}\n${md}`);
                  assert.ok(md.includes(`turns ${ruleId} off`), `${where}: names the rule turned off\n${md}`);
                  // Not checked is not allowed: Auth0 may reject the grant whatever the configuration says.
                  assert.doesNotMatch(md, /\*\*Allowed for /, `${where}: never "Allowed"\n${md}`);
                  assert.ok(md.includes('**Not checked for '), `${where}: says it is not checked\n${md}`);
                  assert.match(md, finding.severity === 'error' ? /What Auth0 says: / : /When checked, it is discouraged: /, `${where}: what the rule says\n${md}`);
                  const source = shape.source(join(file, '..', '.grantlintrc.json'));
                  assert.ok(md.includes(source), `${where}: names ${source}\n${md}`);
                }
              } else if (judgedBy === ruleId && onItem?.ruleId === ruleId) {
                assert.equal(onItem.severity, setting, `${where}: the diagnostic`);
                const status = setting === 'error' ? 'not-allowed' : 'discouraged';
                assert.ok(md.includes(`**${MARK[status]} for `), `${where}: ${MARK[status]}\n${md}`);
                assert.doesNotMatch(md, /turns .* off/, `${where}: nothing is off\n${md}`);
              }
            }
          }
        }
      }
    });
  }
  test('the table is not empty: grant items of every format were checked with their rule off', () => {
    assert.ok(checkedOff > 100, `${checkedOff} off cases`);
    assert.deepEqual([...judgedOffIn].sort(), ['hcl', 'json', 'yaml']);
  });
});
