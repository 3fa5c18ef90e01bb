/**
 * Over stdio, a did-you-mean note on a client grant (its client not found, one a small edit away) carries the
 * suggested client's place as related information, as the CLI's json `related` does: in the grant's own file
 * (tenant.yaml, a Terraform module file) or another (a deploy-cli directory's client file, another `.tf` file).
 * A note with nothing to point at carries none. The quick fix on such a note writes the name suggested in (YAML,
 * a grant file, a Terraform reference), and the note is gone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyEdits, editsFor, isCodeAction, messageOf, rangeText, TestServer } from './helpers';

describe('did-you-mean notes carry the suggested client as related information', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  /** The note of `uri` whose message matches, once published. */
  async function noteOf(uri: string, message: RegExp) {
    const diagnostics = await server.waitForCurrent(uri);
    const note = diagnostics.find((d) => d.code === undefined && message.test(messageOf(d)));
    assert.ok(note, `${uri}: ${JSON.stringify(diagnostics.map(messageOf))}`);
    return note;
  }

  it('tenant.yaml: the client of the same file', async () => {
    const text = 'clients:\n  - name: Billing Worker\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Billing Wrker\n    audience: https://api.example.com/\n    scope: []\n';
    const uri = await server.open('yaml/tenant.yaml', text);
    const note = await noteOf(uri, /did you mean 'Billing Worker'\?$/);
    assert.equal(note.relatedInformation?.length, 1);
    assert.equal(note.relatedInformation![0]!.location.uri, uri);
    assert.equal(rangeText(text, note.relatedInformation![0]!.location.range), 'Billing Worker');
  });

  it('deploy-cli directory: the client file beside it', async () => {
    server.write('dir/tenant.json', '{}\n');
    const client = '{\n  "name": "Billing Worker",\n  "app_type": "non_interactive",\n  "grant_types": ["client_credentials"]\n}\n';
    server.write('dir/clients/Billing Worker.json', client);
    const uri = await server.open('dir/grants/billing.json', '{ "client_id": "Billing Wrker", "audience": "https://api.example.com/", "scope": [] }\n');
    const note = await noteOf(uri, /did you mean 'Billing Worker'\?$/);
    assert.equal(note.relatedInformation?.[0]?.location.uri, server.uri('dir/clients/Billing Worker.json'));
    assert.equal(rangeText(client, note.relatedInformation![0]!.location.range), '"Billing Worker"');
  });

  it('Terraform: the resource label in another file of the module', async () => {
    const main = 'resource "auth0_client" "billing_worker_eu" {\n  name        = "Billing Worker EU"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n';
    server.write('tf/main.tf', main);
    // On disk too: an unsaved new file means the module on disk is not the whole module, and no note is sure.
    const grants = 'resource "auth0_client_grant" "g" {\n  client_id = auth0_client.billing_workr_eu.id\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n';
    server.write('tf/grants.tf', grants);
    const uri = await server.open('tf/grants.tf', grants);
    const note = await noteOf(uri, /did you mean billing_worker_eu\?$/);
    assert.equal(note.relatedInformation?.[0]?.location.uri, server.uri('tf/main.tf'));
    assert.equal(rangeText(main, note.relatedInformation![0]!.location.range), '"billing_worker_eu"');
  });

  it('the quick fix on a did-you-mean note writes the client meant, and the note is gone', async () => {
    const files: [string, string, string, RegExp, string][] = [
      ['fix/tenant.yaml', 'yaml', "clients:\n  - name: 'Billing: Worker'\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: 'Billing: Wrker'\n    audience: https://api.example.com/\n    scope: []\n", /did you mean 'Billing: Worker'\?$/, "Change client_id to 'Billing: Worker'"],
      ['tfix/grants.tf', 'terraform', 'resource "auth0_client_grant" "g" {\n  client_id = auth0_client.billing_workr_eu.id\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n', /did you mean billing_worker_eu\?$/, 'Change to auth0_client.billing_worker_eu'],
    ];
    server.write('tfix/main.tf', 'resource "auth0_client" "billing_worker_eu" {\n  name        = "Billing Worker EU"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n');
    server.write('tfix/grants.tf', files[1]![2]);
    for (const [path, languageId, text, message, title] of files) {
      const uri = await server.open(path, text, languageId);
      const note = await noteOf(uri, message);
      // From the editor's diagnostic, and with none sent (a cursor on the line): the same fix.
      for (const sent of [[note], []]) {
        const actions = ((await server.codeActions(uri, note.range, sent)) ?? []).filter(isCodeAction);
        const fix = actions.find((a) => a.title === title);
        assert.ok(fix, `${path}: ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(fix.isPreferred, true);
        assert.equal(messageOf(fix.diagnostics![0]!), messageOf(note));
      }
      const fix = ((await server.codeActions(uri, note.range, [note])) ?? []).filter(isCodeAction).find((a) => a.title === title)!;
      const fixed = applyEdits(text, editsFor(fix.edit, uri));
      await server.change(uri, fixed);
      const after = await server.waitForCurrent(uri);
      assert.deepEqual(after.filter((d) => d.code === undefined).map(messageOf), [], fixed);
    }
  });

  it('a note with nothing to suggest has no related information', async () => {
    const uri = await server.open('far/tenant.yaml', 'clients:\n  - name: Billing Worker\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Reporting\n    audience: https://api.example.com/\n    scope: []\n');
    const note = await noteOf(uri, /not checked/);
    assert.equal(note.relatedInformation, undefined);
  });
});
