/**
 * Rule book: a fix that is withheld says why. When the rule gives a safe fix but none is left after the checks (it
 * would give the client a new error, leave the finding, or edit anchored content other clients use), `--fix` leaves
 * the finding: the finding carries the reason (Finding.safeFixWithheld), the CLI's message says it, and so does the
 * hover. Over auth0 CLI short names whose canonical value the client may not hold, in YAML (block and flow lists),
 * a Management API JSON payload and Terraform HCL. And where a safe fix is left, nothing is said.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { DEFAULT_SETTINGS, grantInfo, lintText } from '../../server/src/engine/index';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

type Form = 'yaml-block' | 'yaml-flow' | 'json' | 'hcl';
const FORMS: readonly Form[] = ['yaml-block', 'yaml-flow', 'json', 'hcl'];

interface Case {
  /** The short name; its canonical value would give the client a new error (or, `ok`, would not). */
  readonly short: string;
  readonly fields: Readonly<Record<string, string | boolean>>;
  readonly ok?: true;
}

const CASES: readonly Case[] = [
  // public-client-credentials
  { short: 'client-credentials', fields: { app_type: 'spa', token_endpoint_auth_method: 'none' } },
  { short: 'credentials', fields: { app_type: 'native', token_endpoint_auth_method: 'none' } },
  // first-party-only-grant
  { short: 'password-realm', fields: { app_type: 'regular_web', is_first_party: false } },
  { short: 'mfa-oob', fields: { app_type: 'regular_web', is_first_party: false } },
  // device-code-requirements
  { short: 'device-code', fields: { app_type: 'spa' } },
  // The replacement is fine here: the safe fix is left, nothing to say.
  { short: 'client-credentials', fields: { app_type: 'regular_web' }, ok: true },
];

function text(form: Form, c: Case): { path: string; text: string } {
  const grants = ['authorization_code', c.short];
  const entries = Object.entries(c.fields);
  switch (form) {
    case 'yaml-block':
    case 'yaml-flow': {
      const list = form === 'yaml-flow' ? ` [${grants.join(', ')}]` : grants.map((g) => `\n      - ${g}`).join('');
      return { path: 'tenant.yaml', text: `clients:\n  - name: App\n${entries.map(([k, v]) => `    ${k}: ${v}\n`).join('')}    grant_types:${list}\n` };
    }
    case 'json':
      return { path: 'client.json', text: `${JSON.stringify({ name: 'App', ...c.fields, grant_types: grants }, null, 2)}\n` };
    case 'hcl': {
      // The method lives in auth0_client_credentials since provider v1.
      const own = entries.filter(([k]) => k !== 'token_endpoint_auth_method');
      const method = c.fields['token_endpoint_auth_method'];
      const credentials = method === undefined ? '' : `\nresource "auth0_client_credentials" "app" {\n  client_id             = auth0_client.app.id\n  authentication_method = "${method}"\n}\n`;
      const attrs = own.map(([k, v]) => `  ${k} = ${typeof v === 'string' ? `"${v}"` : v}\n`).join('');
      return { path: 'main.tf', text: `resource "auth0_client" "app" {\n  name = "App"\n${attrs}  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]\n}\n${credentials}` };
    }
  }
}

test('a safe fix left out says why: the finding, the CLI message and the hover', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-safe-withheld-'));
  try {
    let said = 0;
    for (const form of FORMS) {
      for (const c of CASES) {
        const { path, text: source } = text(form, c);
        const where = `${c.short} (${JSON.stringify(c.fields)}) in ${form}\n${source}`;
        const result = lintText({ path, text: source });
        const finding = result.findings.find((f) => f.ruleId === 'unknown-grant-type');
        assert.ok(finding, where);
        const safeLeft = finding.fixes.some((fix) => fix.safety === 'safe');
        assert.equal(safeLeft, c.ok === true, `a safe fix is left only where it works: ${where}`);
        const at = finding.span.start + 1;
        const md = hoverAt(analyze({ path, text: source, settings: DEFAULT_SETTINGS })!, at)!.markdown.replace(/\\(.)/g, '$1');
        // The CLI's JSON report, as --fix would see it.
        const file = join(dir, path);
        writeFileSync(file, source);
        const outcome = await run(['--format', 'json', path], dir);
        const reported = (JSON.parse([...outcome.stdout].join('')) as { ruleId: string; message: string; safelyFixable: boolean }[]).find((f) => f.ruleId === 'unknown-grant-type')!;
        rmSync(file);
        if (c.ok) {
          assert.equal(finding.safeFixWithheld, undefined, where);
          assert.doesNotMatch(reported.message, /no safe fix/, where);
          assert.doesNotMatch(md, /No safe fix/, where);
          continue;
        }
        assert.equal(finding.safeFixWithheld?.why, 'new-error', where);
        assert.match(finding.safeFixWithheld.title, new RegExp(`^Replace '${c.short}' with `), where);
        assert.equal(reported.safelyFixable, false, where);
        // The error it would raise is named: its rule, or the grant it is about, as the note's room allows.
        const raises = finding.safeFixWithheld.raises;
        assert.ok(raises, where);
        assert.ok(reported.message.length <= 120, reported.message);
        const names = [raises.ruleId, ...(raises.grant ? [raises.grant, raises.grant.replace(/^.*\//, ''), grantInfo(raises.grant)?.dashboardName ?? raises.grant] : [])];
        assert.ok(reported.message.includes('(no safe fix: ') && names.some((name) => reported.message.includes(name)), `${reported.message}\n${where}`);
        assert.ok(md.includes(`**No safe fix:** "${finding.safeFixWithheld.title}" would give this client a new error (${raises.ruleId}`), `${md}\n${where}`);
        said++;
      }
    }
    assert.equal(said, FORMS.length * CASES.filter((c) => !c.ok).length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
