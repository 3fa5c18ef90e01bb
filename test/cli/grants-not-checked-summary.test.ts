/**
 * A client grant the CLI cannot check (no client of its tenant or module is named so, a misspelt name, or two
 * clients share the name) gets a note on stderr, and the stylish summary counts them (`3 client grants not checked:
 * see the notes`), so a CI log read by its last lines shows it. Generated tenants (YAML `clientGrants`, deploy-cli
 * directories) and Terraform modules (HCL) with checked and unchecked grants, with and without findings.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

type Kind = 'checked' | 'unknown' | 'misspelt' | 'shared';
type Form = 'yaml' | 'directory' | 'hcl';

/** The name a grant of `kind` gives its client; `Sync` and `Twin` are clients of every project. */
const clientNameOf = (kind: Kind, i: number): string => ({ checked: 'Sync', unknown: `Nobody ${i}`, misspelt: 'Snyc', shared: 'Twin' })[kind];

/** The project's files for grants of these kinds; `broken`: Sync lacks client_credentials (each checked grant a finding). */
function project(form: Form, kinds: readonly Kind[], broken: boolean): Record<string, string> {
  const grants = broken ? ['authorization_code'] : ['client_credentials'];
  if (form === 'hcl') {
    const ref = (kind: Kind, i: number) => (kind === 'checked' ? 'sync' : kind === 'misspelt' ? 'snyc' : `nobody_${i}`);
    return {
      'main.tf': `resource "auth0_client" "sync" {\n  name        = "Sync"\n  app_type    = "regular_web"\n  grant_types = [${grants.map((g) => `"${g}"`).join(', ')}]\n}\n`,
      'grants.tf': kinds.map((kind, i) => `resource "auth0_client_grant" "g${i}" {\n  client_id = auth0_client.${ref(kind, i)}.id\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n`).join('\n'),
    };
  }
  const clients = [
    { name: 'Sync', app_type: 'regular_web', grant_types: grants },
    { name: 'Twin', app_type: 'non_interactive', grant_types: ['client_credentials'] },
    { name: 'Twin', app_type: 'non_interactive', grant_types: ['client_credentials'] },
  ];
  const grantOf = (kind: Kind, i: number) => ({ client_id: clientNameOf(kind, i), audience: 'https://api.example.com/', scope: [] });
  if (form === 'yaml') return { 'tenant.yaml': `${JSON.stringify({ clients, clientGrants: kinds.map(grantOf) }, null, 2)}\n`.replace(/^/, '# tenant\n') };
  const files: Record<string, string> = {};
  clients.forEach((client, i) => (files[`clients/${client.name}-${i}.json`] = `${JSON.stringify(client, null, 2)}\n`));
  kinds.forEach((kind, i) => (files[`grants/grant-${i}.json`] = `${JSON.stringify(grantOf(kind, i), null, 2)}\n`));
  return files;
}

const kindsArb = (form: Form): fc.Arbitrary<Kind[]> => fc.array(fc.constantFrom<Kind>(...(form === 'hcl' ? (['checked', 'unknown', 'misspelt'] as const) : (['checked', 'unknown', 'misspelt', 'shared'] as const))), { minLength: 1, maxLength: 5 });

for (const form of ['yaml', 'directory', 'hcl'] as const) {
  test(`${form}: the stylish summary counts the client grants not checked, as many as the notes name`, async () => {
    await fc.assert(
      fc.asyncProperty(kindsArb(form), fc.boolean(), async (kinds, broken) => {
        const dir = mkdtempSync(join(tmpdir(), 'grantlint-unchecked-'));
        try {
          for (const [path, text] of Object.entries(project(form, kinds, broken))) {
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, path), text);
          }
          const out = await run(['.'], dir);
          const stdout = [...out.stdout].join('');
          const summary = stdout.trimEnd().split('\n\n').at(-1)!.replace(/\n/g, ' ');
          const unchecked = kinds.filter((kind) => kind !== 'checked').length;
          const notes = out.stderr.split('\n').filter((line) => /client grant for .* not checked/.test(line));
          assert.equal(notes.length, unchecked, out.stderr);
          if (unchecked === 0) assert.doesNotMatch(summary, /not checked/, summary);
          else assert.match(summary, new RegExp(`; ${unchecked} client grants? not checked: see the notes[.)]`), summary);
          // The json format lists the same notes (ruleId null) and has no summary.
          const json = JSON.parse([...(await run(['--format', 'json', '.'], dir)).stdout].join('')) as { ruleId: string | null; message: string }[];
          assert.equal(json.filter((f) => f.ruleId === null && /^client grant for .* not checked/.test(f.message)).length, unchecked);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
  });
}

test('--quiet still names unchecked client grants on stderr, and its summary counts them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-unchecked-'));
  try {
    for (const [path, text] of Object.entries(project('yaml', ['unknown', 'checked'], true))) writeFileSync(join(dir, path), text);
    const out = await run(['--quiet', '.'], dir);
    assert.match(out.stderr, /client grant for 'Nobody 0' not checked/);
    // Wrapped at 100 columns, as every summary line.
    assert.equal([...out.stdout].join(''), 'No errors (1 file checked; 1 client grant not checked: see the notes; 1 warning not shown with\n--quiet).\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
