/**
 * A client grant whose client is not found gets a note (grantsWithoutClientNotes): the client-grant rules cannot
 * judge it, which must not pass unseen. Generated over the forms a grant can name its client in: deploy-cli YAML
 * entries (plain, quoted, flow mappings, the value on the line after its dash, aliases, merge keys), directory
 * `grants/*.json` files, Terraform HCL and JSON references (`.id`, `.client_id`, an instance `["a"]`), each with the
 * client present (no note) and renamed away (a note at the grant's `client_id`). A client that is not known (a
 * placeholder, a literal id, a variable) never gets a note. A deploy-cli grant naming a name several clients share
 * (YAML client forms and aliases, directory files and export arrays) is not judged and its note names each client's
 * place; one naming no known client while a client's name holds a placeholder gets a note saying so.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { credentialsWithoutClientNotes, grantsWithoutClientNotes, lintText } from '../../server/src/engine/lint';
import { placeholderNameMayBe } from '../../server/src/engine/placeholders';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

/** The notes of `path` in a project of `texts`, and the text each note points at. */
function notesOf(texts: Map<string, string>, path: string): { at: string; message: string }[] {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const text = texts.get(path)!;
  const input = { path, text, links: graph.linksFor(path).links };
  return grantsWithoutClientNotes(input, lintText(input)).map((note) => ({ at: text.slice(note.span.start, note.span.end), message: note.message }));
}

const YAML_GRANT_FORMS: readonly ((name: string) => string)[] = [
  (name) => `  - client_id: ${name}\n    audience: https://api.example.com/\n`,
  (name) => `  - client_id: "${name}"\n    audience: https://api.example.com/\n`,
  (name) => `  - client_id: '${name}'\n    audience: https://api.example.com/\n`,
  (name) => `  - { client_id: ${name}, audience: "https://api.example.com/" }\n`,
  (name) => `  -\n    client_id: ${name}\n    audience: https://api.example.com/\n`,
  (name) => `  - audience: https://api.example.com/\n    # the ledger's grant\n    client_id: ${name}\n`,
];

test('YAML clientGrants: a note exactly when no client of the tenant has the name, in every entry form', () => {
  for (const [f, form] of YAML_GRANT_FORMS.entries()) {
    for (const named of ['Ledger', 'Ledgr']) {
      const text = `clients:\n  - name: Ledger\n    app_type: non_interactive\n    grant_types: [client_credentials]\nclientGrants:\n${form(named)}`;
      const notes = notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml');
      const name = `form ${f}, ${named}`;
      if (named === 'Ledger') assert.deepEqual(notes, [], name);
      else {
        assert.equal(notes.length, 1, name);
        assert.match(notes[0]!.at, /^["']?Ledgr["']?$/, name);
        assert.match(notes[0]!.message, /^client grant for 'Ledgr' not checked: no client of this tenant is named so/, name);
      }
    }
  }
});

test('YAML: names through aliases and merge keys resolve first; a client without a name may be the one, and one named by a placeholder is named in the note', () => {
  const clients = 'clients:\n  - name: &ledger Ledger\n    grant_types: [client_credentials]\n';
  const found = [
    `${clients}clientGrants:\n  - client_id: *ledger\n    audience: a\n`,
    `${clients}grant_defaults: &grant\n  client_id: Ledger\nclientGrants:\n  - <<: *grant\n    audience: a\n`,
  ];
  for (const text of found) assert.deepEqual(notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml'), [], text);
  const missing = `${clients}grant_defaults: &grant\n  client_id: Ledgr\nclientGrants:\n  - <<: *grant\n    audience: a\n`;
  assert.equal(notesOf(new Map([['/t/tenant.yaml', missing]]), '/t/tenant.yaml').length, 1);
  const placeholderNamed = 'clients:\n  - name: "##LEDGER_NAME##"\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Ledgr\n    audience: a\n';
  assert.match(notesOf(new Map([['/t/tenant.yaml', placeholderNamed]]), '/t/tenant.yaml')[0]?.message ?? '', /it may be for '##LEDGER_NAME##' \(line 2\), named with a placeholder$/);
  const unknown = [
    'clients:\n  - app_type: spa\n    grant_types: [client_credentials]\nclientGrants:\n  - client_id: Ledgr\n    audience: a\n',
    `${clients}clientGrants:\n  - client_id: "##LEDGER_ID##"\n    audience: a\n`,
    `${clients}clientGrants:\n  - client_id: @@LEDGER_ID@@\n    audience: a\n`,
    `${clients}clientGrants:\n  - audience: a\n`,
  ];
  for (const text of unknown) assert.deepEqual(notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml'), [], text);
});

test('a grant with a syntax error in its text gets no note (what was read of it is a guess)', () => {
  const text = 'clients:\n  - name: Ledger\nclientGrants:\n  - client_id: Ledgr\n    audience: [a\n';
  assert.deepEqual(notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml'), []);
});

test('directory format: a grant file naming no client of clients/ gets a note, whichever file is linted first', () => {
  for (const clientName of ['Ledger Export', 'Ledger Exporter']) {
    for (const grantFile of ['/t/grants/a-ledger.json', '/t/grants/z-ledger.json']) {
      const texts = new Map([
        ['/t/tenant.json', '{ "friendly_name": "Acme" }\n'],
        ['/t/clients/Ledger Export.json', JSON.stringify({ name: clientName, app_type: 'non_interactive', grant_types: ['client_credentials'] })],
        [grantFile, JSON.stringify({ client_id: 'Ledger Export', audience: 'https://api.example.com/', scope: ['read:x'] })],
      ]);
      const notes = notesOf(texts, grantFile);
      if (clientName === 'Ledger Export') assert.deepEqual(notes, [], grantFile);
      else assert.deepEqual(notes.map((n) => n.at), ['"Ledger Export"'], grantFile);
    }
  }
  const placeholder = new Map([
    ['/t/clients/A.json', JSON.stringify({ name: 'A', grant_types: ['client_credentials'] })],
    ['/t/grants/g.json', JSON.stringify({ client_id: '##LEDGER##', audience: 'a' })],
  ]);
  assert.deepEqual(notesOf(placeholder, '/t/grants/g.json'), []);
});

const HCL_REFERENCES = ['auth0_client.ledger.id', 'auth0_client.ledger.client_id', 'auth0_client.ledger["eu"].id', '"${auth0_client.ledger.id}"'];

test('Terraform: a grant referencing an auth0_client the module does not declare gets a note, HCL and JSON, in any file', () => {
  for (const reference of HCL_REFERENCES) {
    for (const declared of ['ledger', 'ledger_v2']) {
      for (const clientFile of ['/m/main.tf', '/m/grants.tf', '/m/clients.tf.json']) {
        const client =
          clientFile.endsWith('.json')
            ? JSON.stringify({ resource: { auth0_client: { [declared]: { name: 'Ledger', app_type: 'non_interactive', grant_types: ['client_credentials'] } } } })
            : `resource "auth0_client" "${declared}" {\n  name        = "Ledger"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n`;
        const grant = `resource "auth0_client_grant" "ledger_api" {\n  client_id = ${reference}\n  audience  = "https://api.example.com/"\n  scopes    = ["read:x"]\n}\n`;
        const texts = new Map<string, string>();
        texts.set(clientFile, client);
        texts.set('/m/grants.tf', clientFile === '/m/grants.tf' ? `${client}\n${grant}` : grant);
        const notes = notesOf(texts, '/m/grants.tf');
        const name = `${reference}, ${declared}, ${clientFile}`;
        if (declared === 'ledger') assert.deepEqual(notes, [], name);
        else {
          assert.deepEqual(notes.map((n) => n.at), [reference], name);
          assert.match(notes[0]!.message, /^client grant for auth0_client\.ledger not checked: this module declares no such resource/, name);
        }
      }
    }
  }
});

test('Terraform: a literal client id or a variable is a client managed elsewhere or unknown: no note', () => {
  for (const value of ['"abc123XYZ"', 'var.client_id', 'local.ids["ledger"]', 'data.auth0_client.ledger.id']) {
    const text = `resource "auth0_client_grant" "g" {\n  client_id = ${value}\n  audience  = "https://api.example.com/"\n}\n`;
    assert.deepEqual(notesOf(new Map([['/m/main.tf', text]]), '/m/main.tf'), [], value);
  }
});

test('no note where the named client may be in what was not read: an unreadable or broken client file, a broken module file', () => {
  const grant = JSON.stringify({ client_id: 'Ledger Export', audience: 'https://api.example.com/' });
  const other = JSON.stringify({ name: 'Other', grant_types: ['client_credentials'] });
  const directories: [string, Map<string, string>, string | undefined][] = [
    ['unreadable', new Map([['/t/clients/Other.json', other], ['/t/clients/Ledger Export.json', '{}'], ['/t/grants/g.json', grant]]), '/t/clients/Ledger Export.json'],
    ['broken', new Map([['/t/clients/Other.json', other], ['/t/clients/Ledger Export.json', '{ "name": "Ledger Export", "grant_types": [ }'], ['/t/grants/g.json', grant]]), undefined],
    ['unnamed', new Map([['/t/clients/Other.json', other], ['/t/clients/X.json', '{ "app_type": "spa" }'], ['/t/grants/g.json', grant]]), undefined],
  ];
  for (const [name, texts, failing] of directories) {
    const project = new MemoryProject(texts);
    if (failing) project.failing.set(failing, 'EACCES');
    const graph = new ProjectGraph(project, { isReported: () => true });
    const input = { path: '/t/grants/g.json', text: grant, links: graph.linksFor('/t/grants/g.json').links };
    assert.deepEqual(grantsWithoutClientNotes(input, lintText(input)), [], name);
  }
  const grantHcl = 'resource "auth0_client_grant" "g" {\n  client_id = auth0_client.ledger.id\n  audience  = "a"\n}\n';
  const brokenSibling = new Map([
    ['/m/grants.tf', grantHcl],
    ['/m/clients.tf', 'resource "auth0_client" "ledger" {\n  name = "Ledger\n}\n'],
  ]);
  assert.deepEqual(notesOf(brokenSibling, '/m/grants.tf'), []);
  const unreadable = new MemoryProject(new Map([['/m/grants.tf', grantHcl], ['/m/clients.tf', '']]));
  unreadable.failing.set('/m/clients.tf', 'EACCES');
  const graph = new ProjectGraph(unreadable, { isReported: () => true });
  const input = { path: '/m/grants.tf', text: grantHcl, links: graph.linksFor('/m/grants.tf').links };
  assert.deepEqual(grantsWithoutClientNotes(input, lintText(input)), []);
});

test('YAML and directory grants naming a client by an Auth0 client id (32 letters and digits) get no note', () => {
  const id = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  const yaml = `clients:\n  - name: Ledger\nclientGrants:\n  - client_id: ${id}\n    audience: a\n`;
  assert.deepEqual(notesOf(new Map([['/t/tenant.yaml', yaml]]), '/t/tenant.yaml'), []);
  const texts = new Map([
    ['/t/clients/Ledger.json', JSON.stringify({ name: 'Ledger', grant_types: ['client_credentials'] })],
    ['/t/grants/id.json', JSON.stringify({ client_id: id, audience: 'a' })],
  ]);
  assert.deepEqual(notesOf(texts, '/t/grants/id.json'), []);
  // One character more or less, or a space, is a name.
  for (const name of [`${id}x`, id.slice(1), 'Ledger Exporter Worker Job 12345']) {
    const text = `clients:\n  - name: Ledger\nclientGrants:\n  - client_id: ${name}\n    audience: a\n`;
    assert.equal(notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml').length, 1, name);
  }
});

/** The YAML forms of a client named `Dup` (the name as a key, quoted, in a flow mapping, on the line after its dash, through an alias or merge key). */
const YAML_CLIENT_FORMS: readonly ((rest: string) => string)[] = [
  (rest) => `  - name: Dup\n    ${rest}\n`,
  (rest) => `  - name: "Dup"\n    ${rest}\n`,
  (rest) => `  - { name: 'Dup', ${rest} }\n`,
  (rest) => `  -\n    name: Dup\n    ${rest}\n`,
  (rest) => `  - name: *dup\n    ${rest}\n`,
  (rest) => `  - <<: *named\n    ${rest}\n`,
];
const DUP_DEFAULTS = 'names: [&dup Dup]\nnamed: &named { name: Dup }\n';

test('YAML: a grant naming a client name that several clients share is not judged, and its note names every such client', () => {
  for (const [g, grantForm] of YAML_GRANT_FORMS.entries()) {
    for (const [a, first] of YAML_CLIENT_FORMS.entries()) {
      for (const [b, second] of YAML_CLIENT_FORMS.entries()) {
        // The first client cannot use the flow: judged as the grant's client, it would get a finding.
        const text = `${DUP_DEFAULTS}clients:\n${first('app_type: spa')}${second('grant_types: [client_credentials]')}clientGrants:\n${grantForm('Dup')}`;
        const name = `grant form ${g}, clients ${a} and ${b}`;
        const input = { path: '/t/tenant.yaml', text };
        assert.deepEqual(lintText(input).linkedFindings.map((f) => f.ruleId), [], name);
        const notes = notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml');
        assert.equal(notes.length, 1, name);
        assert.match(notes[0]!.at, /^["']?Dup["']?$/, name);
        const places = /^client grant for 'Dup' not checked: 2 clients are named so \(lines (\d+) and (\d+)\), which auth0-deploy-cli refuses$/.exec(notes[0]!.message);
        assert.ok(places, `${name}: ${notes[0]!.message}`);
        const lines = text.split('\n');
        // Each place is on a line of its client (the name, or the first key of a client named through a merge key).
        const clientsAt = lines.flatMap((line, i) => (/^ {2}-|^ {4}(name|<<):/.test(line) && i > 1 ? [i + 1] : []));
        for (const line of [places[1], places[2]]) assert.ok(clientsAt.includes(Number(line)), `${name}: line ${line}`);
      }
    }
  }
});

test('YAML: the same name in two documents is two tenants: each grant is judged by its own document\'s client', () => {
  const doc = (grants: string) => `clients:\n  - name: Dup\n    app_type: non_interactive\n    grant_types: ${grants}\nclientGrants:\n  - client_id: Dup\n    audience: https://api.example.com/\n`;
  const text = `${doc('[client_credentials]')}---\n${doc('[authorization_code]')}`;
  assert.deepEqual(notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml'), []);
  assert.deepEqual(lintText({ path: '/t/tenant.yaml', text }).linkedFindings.map((f) => f.ruleId), ['client-grant-without-client-credentials']);
});

test('directory format: a grant naming a name that clients of two files, or of one export array, share is not judged, and its note names them', () => {
  const spa = { name: 'Dup', app_type: 'spa', grant_types: ['authorization_code'] };
  const m2m = { name: 'Dup', app_type: 'non_interactive', grant_types: ['client_credentials'] };
  const layouts: [string, [string, string][], RegExp][] = [
    ['two files', [['/t/clients/a.json', JSON.stringify(spa)], ['/t/clients/b.json', JSON.stringify(m2m)]], / \(a\.json and b\.json\), which/],
    ['one array', [['/t/clients/all.json', JSON.stringify([spa, m2m], null, 2)]], / \(all\.json\), which/],
    ['three', [['/t/clients/a.json', JSON.stringify(spa)], ['/t/clients/b.json', JSON.stringify(m2m)], ['/t/clients/c.json', JSON.stringify(m2m)]], /3 clients are named so \(a\.json, b\.json and c\.json\), which/],
  ];
  for (const [name, clients, places] of layouts) {
    const texts = new Map([...clients, ['/t/grants/g.json', JSON.stringify({ client_id: 'Dup', audience: 'https://api.example.com/' })]]);
    const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
    const input = { path: '/t/grants/g.json', text: texts.get('/t/grants/g.json')!, links: graph.linksFor('/t/grants/g.json').links };
    assert.deepEqual(lintText(input).linkedFindings, [], name);
    const notes = notesOf(texts, '/t/grants/g.json');
    assert.deepEqual(notes.map((n) => n.at), ['"Dup"'], name);
    assert.match(notes[0]!.message, /^client grant for 'Dup' not checked: \d clients are named so /, name);
    assert.match(notes[0]!.message, places, name);
  }
});

const PLACEHOLDER_NAMES = ["'Spa ##ENV##'", '"##SPA_NAME##"', '@@SPA_NAME@@', 'Spa ##ENV##'];

test('YAML: a grant naming no known client while a client\'s name holds a placeholder: the note says the placeholder is why', () => {
  for (const [g, grantForm] of YAML_GRANT_FORMS.entries()) {
    for (const written of PLACEHOLDER_NAMES) {
      const text = `clients:\n  - name: Ledger\n    grant_types: [client_credentials]\n  - name: ${written}\n    app_type: spa\nclientGrants:\n${grantForm('Spa Nobody')}`;
      const notes = notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml');
      const name = `grant form ${g}, ${written}`;
      assert.equal(notes.length, 1, name);
      assert.match(notes[0]!.message, /^client grant for 'Spa Nobody' not checked: it may be for '.+' \(line 4\), named with a placeholder$/, name);
      // A grant naming a known client is judged as before.
      const known = text.replace(/Spa Nobody/, 'Ledger');
      assert.deepEqual(notesOf(new Map([['/t/tenant.yaml', known]]), '/t/tenant.yaml'), [], name);
    }
  }
  // Only the clients whose literal text can match the grant's name are counted: `No ##A##` and `X ##E##` cannot.
  const several = `clients:\n${['No ##A##', 'No##B##', '##C##body', 'Nob##D##y', 'X ##E##'].map((n) => `  - name: '${n}'\n`).join('')}clientGrants:\n  - client_id: Nobody\n`;
  assert.equal(
    notesOf(new Map([['/t/tenant.yaml', several]]), '/t/tenant.yaml')[0]!.message,
    "client grant for 'Nobody' not checked: 3 clients named with placeholders may be it, as 'No##B##' (line 3)",
  );
});

test('directory format: a grant naming no known client while a client file\'s name holds a placeholder: the note says so', () => {
  for (const written of ['Web ##ENV##', '@@WEB@@']) {
    const texts = new Map([
      ['/t/clients/A.json', JSON.stringify({ name: 'A', grant_types: ['client_credentials'] })],
      ['/t/clients/Web.json', `{\n  "name": "${written}",\n  "app_type": "spa"\n}\n`],
      ['/t/grants/g.json', JSON.stringify({ client_id: 'Web Nobody', audience: 'a' })],
    ]);
    const notes = notesOf(texts, '/t/grants/g.json');
    assert.equal(notes.length, 1, written);
    assert.equal(notes[0]!.message, `client grant for 'Web Nobody' not checked: it may be for '${written}' (${written.length > 7 ? 'Web.json' : '/t/clients/Web.json:2:11'}), named with a placeholder`);
  }
});

/** The credentials notes of `path` in a project of `texts`, and the text each note points at. */
function credentialsNotesOf(texts: Map<string, string>, path: string): { at: string; message: string }[] {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const text = texts.get(path)!;
  const input = { path, text, links: graph.linksFor(path).links };
  return credentialsWithoutClientNotes(input, lintText(input)).map((note) => ({ at: text.slice(note.span.start, note.span.end), message: note.message }));
}

test('Terraform: credentials referencing an auth0_client the module does not declare (a client renamed) get a note, HCL and JSON, in any file', () => {
  for (const reference of HCL_REFERENCES) {
    for (const declared of ['ledger', 'ledger_v2']) {
      for (const clientFile of ['/m/main.tf', '/m/credentials.tf', '/m/clients.tf.json']) {
        const client =
          clientFile.endsWith('.json')
            ? JSON.stringify({ resource: { auth0_client: { [declared]: { name: 'Ledger', app_type: 'non_interactive', grant_types: ['client_credentials'] } } } })
            : `resource "auth0_client" "${declared}" {\n  name        = "Ledger"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n`;
        const credentials = `resource "auth0_client_credentials" "ledger" {\n  client_id             = ${reference}\n  authentication_method = "client_secret_post"\n}\n`;
        const texts = new Map<string, string>();
        texts.set(clientFile, client);
        texts.set('/m/credentials.tf', clientFile === '/m/credentials.tf' ? `${client}\n${credentials}` : credentials);
        const notes = credentialsNotesOf(texts, '/m/credentials.tf');
        const name = `${reference}, ${declared}, ${clientFile}`;
        if (declared === 'ledger') assert.deepEqual(notes, [], name);
        else {
          assert.deepEqual(notes.map((n) => n.at), [reference], name);
          assert.match(notes[0]!.message, /^credentials ledger: this module declares no auth0_client\.ledger( \(terraform plan refuses it\))?, so no client here is judged by the create-time method$/, name);
        }
      }
    }
  }
  // A variable, a literal id or a data source names a client managed elsewhere: no note; nor in a module not read whole.
  for (const value of ['"abc123XYZ"', 'var.client_id', 'data.auth0_client.ledger.id']) {
    const text = `resource "auth0_client_credentials" "c" {\n  client_id             = ${value}\n  authentication_method = "none"\n}\n`;
    assert.deepEqual(credentialsNotesOf(new Map([['/m/main.tf', text]]), '/m/main.tf'), [], value);
  }
  const broken = new Map([
    ['/m/main.tf', 'resource "auth0_client" "ledger" {\n  name = "Ledger\n}\n'],
    ['/m/credentials.tf', 'resource "auth0_client_credentials" "c" {\n  client_id             = auth0_client.ledger.id\n  authentication_method = "none"\n}\n'],
  ]);
  assert.deepEqual(credentialsNotesOf(broken, '/m/credentials.tf'), [], 'a module file with a syntax error may hold the client');
});

test('Terraform: credentials whose client cannot be told get a note where the module declares clients, which then go unjudged by the create-time method', () => {
  const client = (json: boolean) =>
    json
      ? JSON.stringify({ resource: { auth0_client: { spa: { name: 'Shop', app_type: 'spa', grant_types: ['client_credentials'] } } } })
      : 'resource "auth0_client" "spa" {\n  name        = "Shop"\n  app_type    = "spa"\n  grant_types = ["client_credentials"]\n}\n';
  const credentialsOf = (json: boolean, value: string | undefined) =>
    json
      ? JSON.stringify({ resource: { auth0_client_credentials: { c: { ...(value === undefined ? {} : { client_id: value }), authentication_method: 'client_secret_post' } } } })
      : `resource "auth0_client_credentials" "c" {\n${value === undefined ? '' : `  client_id             = ${value}\n`}  authentication_method = "client_secret_post"\n}\n`;
  for (const json of [false, true]) {
    for (const value of [undefined, json ? 'abc123XYZ' : '"abc123XYZ"', json ? '${var.client_id}' : 'var.client_id']) {
      for (const sameFile of [true, false]) {
        const ext = json ? '.tf.json' : '.tf';
        const texts = new Map<string, string>();
        const credentialsPath = `/m/credentials${ext}`;
        if (sameFile && !json) texts.set(credentialsPath, `${client(false)}\n${credentialsOf(false, value)}`);
        else {
          texts.set(`/m/main${ext}`, client(json));
          texts.set(credentialsPath, credentialsOf(json, value));
        }
        const name = `${json ? 'JSON' : 'HCL'}, client_id ${value ?? 'absent'}, ${sameFile && !json ? 'one file' : 'two files'}`;
        const notes = credentialsNotesOf(texts, credentialsPath);
        assert.equal(notes.length, 1, name);
        assert.match(notes[0]!.message, value === undefined ? /^credentials c: no client_id, so no client here is judged by the provider's create-time method$/ : /^credentials c: client_id is not auth0_client\.<name>\.id, so no client here/, name);
        // Why the SPA's client_credentials goes unreported: its method is not taken as the create-time none.
        const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
        const clientPath = sameFile && !json ? credentialsPath : `/m/main${ext}`;
        const findings = lintText({ path: clientPath, text: texts.get(clientPath)!, links: graph.linksFor(clientPath).links }).findings;
        assert.ok(!findings.some((f) => f.ruleId === 'public-client-credentials'), name);
      }
    }
  }
});

/** A plain matcher for names holding placeholders: a regular expression with `[\s\S]*` for each placeholder. */
function plainMatch(pattern: string, name: string): boolean {
  const parts = pattern.split(/@@[A-Za-z0-9_.-]+@@|##[A-Za-z0-9_.-]+##/);
  return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`).test(name);
}

/** Names holding placeholders at the start, the end, in the middle, several, side by side, and none. */
const PATTERNS: readonly string[] = (() => {
  const literals = ['', 'Web', 'Web ', ' prod', '-', 'ab', 'a'];
  const holes = ['##ENV##', '@@TEAM@@'];
  const out = new Set<string>(['Web', 'Web prod']);
  for (const a of literals) for (const h of holes) for (const b of literals) out.add(`${a}${h}${b}`);
  for (const a of literals) for (const b of literals) for (const c of ['', 'a', 'Web']) out.add(`${a}##X##${b}@@Y@@${c}`);
  out.add('##A####B##');
  out.add('a##A##a##B##a');
  return [...out];
})();
const GRANT_NAMES: readonly string[] = ['Web', 'Web prod', 'Web ', 'prod', ' prod', 'a', 'aa', 'aba', 'ab', 'Web-prod', 'Webab', 'x', '-', 'Web a prod', 'Reporting', 'aXaYa'];

test('a name holding placeholders may become a grant\'s name exactly where its literal parts can match, each placeholder any text', () => {
  for (const pattern of PATTERNS) for (const name of GRANT_NAMES) assert.equal(placeholderNameMayBe(pattern, name), plainMatch(pattern, name), `${JSON.stringify(pattern)} ~ ${JSON.stringify(name)}`);
});

/** The grant note's verdict: 'maybe' (the client named with placeholders may be the grant's), 'none' (no client named so). */
function verdict(message: string | undefined): 'maybe' | 'none' | undefined {
  if (message === undefined) return undefined;
  if (/ not checked: it may be for '/.test(message)) return 'maybe';
  return / not checked: no client of this tenant is named so/.test(message) ? 'none' : undefined;
}

test('YAML and directory: a grant gets the placeholder note only from a client whose name can match it, else the plain note', () => {
  // Only the patterns a YAML plain scalar, a quoted one and a JSON string can all hold as written.
  const patterns = PATTERNS.filter((p) => p.trim() === p && !p.startsWith('-'));
  const names = GRANT_NAMES.filter((n) => n.trim() === n && n !== '-');
  for (const pattern of patterns) {
    for (const name of names) {
      if (pattern === name) continue;
      const want = plainMatch(pattern, name) ? 'maybe' : 'none';
      const where = `${JSON.stringify(pattern)} ~ ${JSON.stringify(name)}`;
      for (const quote of ['', "'", '"']) {
        const text = `clients:\n  - name: ${quote}${pattern}${quote}\n    app_type: spa\nclientGrants:\n  - client_id: '${name}'\n    audience: a\n`;
        const notes = notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml');
        assert.equal(verdict(notes[0]?.message), want, `YAML ${quote || 'plain'}: ${where}: ${notes[0]?.message}`);
        if (want === 'maybe') assert.match(notes[0]!.message, new RegExp(`it may be for '${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' \\(line 2\\)`), where);
      }
      const texts = new Map([
        ['/t/clients/Web.json', `{\n  "name": ${JSON.stringify(pattern)},\n  "app_type": "spa"\n}\n`],
        ['/t/grants/g.json', JSON.stringify({ client_id: name, audience: 'a' })],
      ]);
      const notes = notesOf(texts, '/t/grants/g.json');
      assert.equal(verdict(notes[0]?.message), want, `directory: ${where}: ${notes[0]?.message}`);
    }
  }
});
