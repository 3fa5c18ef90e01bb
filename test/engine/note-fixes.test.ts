/**
 * A did-you-mean note on a client grant carries the editor's quick fix (engine NoteFix): the name written changed to
 * the one suggested. Generated over deploy-cli YAML tenants (block and flow entries; plain, single- and
 * double-quoted values; names YAML must quote), directory grants (`grants/*.json`), and Terraform modules whose
 * `grants.tf` or `grants.tf.json` references an `auth0_client` by a misspelt name. Applied, the fix must leave the
 * file parsing, change nothing but the value, and link the grant to the client meant, so the note is gone.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyTextEdits, lintText } from '../../server/src/engine/index';
import { grantsWithoutClientNotes } from '../../server/src/engine/lint';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(async () => {
  await loadHclParser();
});

/** Client names, some that YAML must quote (a `: `, a leading `#` or `'`, a quote inside). */
const NAMES = ['Billing Worker', 'Ledger: Export', '#Ops Console', "Partner's Portal", 'Kiosk "Lobby" App'] as const;
const RESOURCES = ['billing_worker', 'ledger_export', 'ops-console'] as const;

/** A misspelling a small edit away: a letter dropped, two swapped, one added, the case changed. */
function misspelt(name: string, how: number): string {
  const i = Math.min(name.length - 2, 3);
  switch (how % 4) {
    case 0:
      return name.slice(0, i) + name.slice(i + 1);
    case 1:
      return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
    case 2:
      return `${name.slice(0, i)}x${name.slice(i)}`;
    default:
      return name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase();
  }
}

type Style = 'plain' | 'single' | 'double';

function yamlValue(value: string, style: Style): string {
  if (style === 'double' || (style === 'plain' && /^[#'"]|: | #|"/.test(value))) return JSON.stringify(value);
  return style === 'single' || /^[#'"]|: /.test(value) ? `'${value.replace(/'/g, "''")}'` : value;
}

interface Case {
  readonly form: 'yaml-block' | 'yaml-flow' | 'directory' | 'hcl' | 'tf-json';
  readonly meant: number;
  readonly how: number;
  readonly style: Style;
}

/** The project's files and the grant's file, with the grant naming a misspelling of client `meant`. */
function project(c: Case): { texts: Map<string, string>; path: string; meant: string } {
  if (c.form === 'hcl' || c.form === 'tf-json') {
    const meant = RESOURCES[c.meant % RESOURCES.length]!;
    const written = misspelt(meant, c.how === 3 ? 0 : c.how);
    const main = RESOURCES.map((r) => `resource "auth0_client" "${r}" {\n  name        = "${r}"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n`).join('\n');
    const grants =
      c.form === 'hcl'
        ? `resource "auth0_client_grant" "g" {\n  client_id = auth0_client.${written}.id # the worker\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n`
        : `${JSON.stringify({ resource: { auth0_client_grant: { g: { client_id: `\${auth0_client.${written}.id}`, audience: 'https://api.example.com/', scopes: [] } } } }, null, 2)}\n`;
    const path = c.form === 'hcl' ? '/m/grants.tf' : '/m/grants.tf.json';
    return { texts: new Map([['/m/main.tf', main], [path, grants]]), path, meant };
  }
  const meant = NAMES[c.meant % NAMES.length]!;
  const written = misspelt(meant, c.how);
  if (c.form === 'directory') {
    const texts = new Map<string, string>([['/t/tenant.json', '{ "friendly_name": "Acme" }\n']]);
    NAMES.forEach((name, i) => texts.set(`/t/clients/c${i}.json`, `${JSON.stringify({ name, app_type: 'non_interactive', grant_types: ['client_credentials'] }, null, 2)}\n`));
    texts.set('/t/grants/g.json', `${JSON.stringify({ client_id: written, audience: 'https://api.example.com/', scope: ['read'] }, null, 2)}\n`);
    return { texts, path: '/t/grants/g.json', meant };
  }
  const clients = NAMES.map((name) => `  - name: ${yamlValue(name, 'double')}\n    app_type: non_interactive\n    grant_types: [client_credentials]\n`).join('');
  const grant =
    c.form === 'yaml-block'
      ? `clientGrants:\n  - client_id: ${yamlValue(written, c.style)}  # the worker\n    audience: https://api.example.com/\n    scope: [read]\n`
      : `clientGrants: [{ client_id: ${yamlValue(written, c.style === 'plain' ? 'single' : c.style)}, audience: https://api.example.com/, scope: [read] }]\n`;
  return { texts: new Map([['/t/tenant.yaml', `clients:\n${clients}${grant}`]]), path: '/t/tenant.yaml', meant };
}

function notesOf(texts: Map<string, string>, path: string) {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const input = { path, text: texts.get(path)!, links: graph.linksFor(path).links };
  const result = lintText(input);
  return { result, notes: grantsWithoutClientNotes(input, result) };
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  form: fc.constantFrom('yaml-block' as const, 'yaml-flow' as const, 'directory' as const, 'hcl' as const, 'tf-json' as const),
  meant: fc.nat(20),
  how: fc.nat(3),
  style: fc.constantFrom('plain' as const, 'single' as const, 'double' as const),
});

test("a did-you-mean note's fix writes the name meant, leaves the file parsing and the rest as it was, and links the grant", () => {
  const fixedForms = new Set<string>();
  fc.assert(
    fc.property(caseArb, (c) => {
      const { texts, path, meant } = project(c);
      const text = texts.get(path)!;
      const { result, notes } = notesOf(texts, path);
      assert.deepEqual(result.parsed.errors, [], text);
      assert.equal(notes.length, 1, `${text}\n${JSON.stringify(notes)}`);
      const [note] = notes;
      assert.ok(note!.message.includes(c.form === 'hcl' || c.form === 'tf-json' ? `did you mean ${meant}?` : 'did you mean'), note!.message);
      const fix = note!.fix;
      assert.ok(fix, `a fix for ${note!.message}`);
      assert.equal(fix.title, c.form === 'hcl' || c.form === 'tf-json' ? `Change to auth0_client.${meant}` : `Change client_id to '${meant}'`);
      assert.equal(fix.edits.length, 1);
      const [edit] = fix.edits;
      // Inside the value written: the rest of the file is untouched.
      assert.ok(note!.span.start <= edit!.start && edit!.end <= note!.span.end, JSON.stringify({ edit, span: note!.span }));
      const fixed = applyTextEdits(text, fix.edits);
      const after = notesOf(new Map([...texts, [path, fixed]]), path);
      assert.deepEqual(after.result.parsed.errors, [], fixed);
      assert.deepEqual(after.notes, [], fixed);
      // The grant names the client meant (a Terraform reference, the resource).
      const grant = after.result.grants[0]!;
      assert.equal(grant.clientName, meant, fixed);
      fixedForms.add(c.form);
    }),
    { numRuns: 250 },
  );
  assert.equal(fixedForms.size, 5);
});

test('a note without a did-you-mean has no fix, nor one whose client_id is a YAML alias', () => {
  const far = project({ form: 'yaml-block', meant: 0, how: 0, style: 'plain' });
  const text = far.texts.get(far.path)!.replace(/client_id: .*$/m, 'client_id: Reports Dashboard');
  assert.deepEqual(notesOf(new Map([[far.path, text]]), far.path).notes.map((n) => n.fix), [undefined]);
  const aliased = 'x-name: &worker Biling Worker\nclients:\n  - name: Billing Worker\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: *worker\n    audience: https://api.example.com/\n    scope: [read]\n';
  const { notes } = notesOf(new Map([['/t/tenant.yaml', aliased]]), '/t/tenant.yaml');
  assert.equal(notes.length, 1);
  assert.match(notes[0]!.message, /did you mean 'Billing Worker'/);
  assert.equal(notes[0]!.fix, undefined);
});
