/**
 * An `auth0_client_credentials` resource whose `client_id` references an `auth0_client` the module does not declare
 * (a typo: `auth0_client.storefrnt.id`) is refused by `terraform plan`, and which client it is meant for is unknown:
 * a client of the module without a credentials resource of its own gets no create-time method (it may be the one),
 * as with a credentials resource naming no readable client (`client_id = var.client_id`). No rule fires on the
 * strength of the provider's default, `--fix` changes no such client, and the CLI gives the same findings linting
 * the folder or the client's file alone. Clients with their own credentials resource are judged as before. The
 * credentials' note asks `did you mean` the resource a small edit away, with its label as related place; none for
 * far names. Generated over HCL and `.tf.json`, the typo'd resource in the clients' file or another file, the four
 * app types with and without `client_credentials`, and clients with correct credentials beside them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import { lintText } from '../../server/src/engine/index';
import { credentialsWithoutClientNotes } from '../../server/src/engine/lint';
import { otherFileLocation } from '../../server/src/engine/links';
import { MAX_MESSAGE_LENGTH } from '../../server/src/engine/rules/messages';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';
import { clientLenses } from '../../server/src/service/lens';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());
const root = mkdtempSync(join(tmpdir(), 'grantlint-undeclared-credentials-'));
after(() => rmSync(root, { recursive: true, force: true }));

const NAMES = ['storefront', 'billing_worker_eu', 'kiosk_app', 'ledger'] as const;
const APP_TYPES = ['spa', 'native', 'regular_web', 'non_interactive'] as const;
/** Far from every name of NAMES: no suggestion. */
const FAR = ['reporting', 'partner_portal_sync', 'zz'] as const;

/** Misspellings a small edit away: a letter dropped, the second and third swapped (they differ in every name), one added. */
function nearMisses(name: string): string[] {
  return [name.slice(0, 2) + name.slice(3), name[0]! + name[2]! + name[1]! + name.slice(3), `${name.slice(0, 2)}x${name.slice(2)}`];
}

interface Client {
  readonly name: string;
  readonly appType: string;
  readonly clientCredentials: boolean;
  /** Its own (correct) credentials resource's method, or none. */
  readonly method: 'client_secret_post' | 'none' | undefined;
}

interface Module {
  readonly clients: readonly Client[];
  /** What the typo'd credentials resource references: `auth0_client.<typo>.id`, or (the oracle) a variable. */
  readonly typo: string;
  /** The resource meant, when the typo is a small edit from a client's name. */
  readonly meant: string | undefined;
  readonly json: boolean;
  /** The typo'd credentials in the clients' file, or in a file of its own. */
  readonly sameFile: boolean;
}

const clientArb = (name: string): fc.Arbitrary<Client> =>
  fc.record({ name: fc.constant(name), appType: fc.constantFrom(...APP_TYPES), clientCredentials: fc.boolean(), method: fc.constantFrom('client_secret_post' as const, 'none' as const, undefined) });

const moduleArb: fc.Arbitrary<Module> = fc
  .tuple(fc.subarray([...NAMES], { minLength: 1 }), fc.nat(), fc.nat(3), fc.constantFrom(...FAR), fc.boolean(), fc.boolean())
  .chain(([names, pick, miss, far, json, sameFile]) =>
    fc.tuple(...names.map(clientArb)).map((clients): Module => {
      const meant = miss < 3 ? names[pick % names.length]! : undefined;
      return { clients, typo: meant === undefined ? far : nearMisses(meant)[miss]!, meant, json, sameFile };
    }),
  );

const VARIABLE = 'var.client_id';
const reference = (target: string) => (target === VARIABLE ? target : `auth0_client.${target}.id`);

function grantsOf(client: Client): string[] {
  return client.clientCredentials ? ['authorization_code', 'client_credentials'] : ['authorization_code'];
}

/** The module's files: the clients (and their own credentials) in main, the typo'd credentials there or in a file of its own. */
function filesOf(module: Module, target: string = module.typo): Map<string, string> {
  const ext = module.json ? '.tf.json' : '.tf';
  const typo = { client_id: reference(target), authentication_method: 'client_secret_post' };
  if (module.json) {
    const clients = Object.fromEntries(module.clients.map((c) => [c.name, { name: c.name, app_type: c.appType, grant_types: grantsOf(c) }]));
    const own = module.clients.filter((c) => c.method !== undefined).map((c) => [`${c.name}_own`, { client_id: `\${auth0_client.${c.name}.id}`, authentication_method: c.method }] as const);
    const typoed = { client_id: `\${${typo.client_id}}`, authentication_method: typo.authentication_method };
    const credentials = Object.fromEntries(module.sameFile ? [...own, ['typoed', typoed] as const] : own);
    const main = JSON.stringify({ resource: { auth0_client: clients, ...(Object.keys(credentials).length > 0 ? { auth0_client_credentials: credentials } : {}) } }, null, 2);
    if (module.sameFile) return new Map([[`/m/main${ext}`, main]]);
    return new Map([
      [`/m/main${ext}`, main],
      [`/m/credentials${ext}`, JSON.stringify({ resource: { auth0_client_credentials: { typoed } } }, null, 2)],
    ]);
  }
  const credentials = (name: string, id: string, method: string) => `resource "auth0_client_credentials" "${name}" {\n  client_id             = ${id}\n  authentication_method = "${method}"\n}\n`;
  const clients = module.clients.map((c) => `resource "auth0_client" "${c.name}" {\n  name        = "${c.name}"\n  app_type    = "${c.appType}"\n  grant_types = [${grantsOf(c).map((g) => `"${g}"`).join(', ')}]\n}\n`);
  const own = module.clients.filter((c) => c.method !== undefined).map((c) => credentials(`${c.name}_own`, reference(c.name), c.method!));
  const typoed = credentials('typoed', typo.client_id, typo.authentication_method);
  const main = [...clients, ...own, ...(module.sameFile ? [typoed] : [])].join('\n');
  return module.sameFile ? new Map([[`/m/main${ext}`, main]]) : new Map([[`/m/main${ext}`, main], [`/m/credentials${ext}`, typoed]]);
}

/** The rules each client of the module is found by, by resource name, linting every file with its module's links. */
function findingsByClient(texts: Map<string, string>): Record<string, string[]> {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const out: Record<string, string[]> = {};
  for (const [path, text] of texts) {
    const result = lintText({ path, text, links: graph.linksFor(path).links });
    result.clients.forEach((client, i) => {
      out[client.resourceName!] = result.clientFindings[i]!.map((f) => f.ruleId).sort();
    });
  }
  return out;
}

function withoutTypo(module: Module): Map<string, string> {
  const texts = filesOf(module, VARIABLE);
  const main = [...texts.keys()][0]!;
  const kept = new Map([[main, texts.get(main)!]]);
  if (module.json) {
    const parsed = JSON.parse(kept.get(main)!) as { resource: { auth0_client_credentials?: Record<string, unknown> } };
    delete parsed.resource.auth0_client_credentials?.['typoed'];
    kept.set(main, JSON.stringify(parsed, null, 2));
  } else kept.set(main, kept.get(main)!.replace(/resource "auth0_client_credentials" "typoed" \{[^}]*\}\n/, ''));
  return kept;
}

test('a typo in a credentials resource leaves the clients without credentials unjudged by the create-time method, as a variable does', () => {
  fc.assert(
    fc.property(moduleArb, (module) => {
      const found = findingsByClient(filesOf(module));
      const name = JSON.stringify(module);
      // As a credentials resource whose client cannot be told.
      assert.deepEqual(found, findingsByClient(filesOf(module, VARIABLE)), name);
      // Clients with their own credentials are judged as in the module without the typo'd resource.
      const known = findingsByClient(withoutTypo(module));
      for (const client of module.clients) {
        if (client.method !== undefined) assert.deepEqual(found[client.name], known[client.name], `${name}: ${client.name}`);
        // A public app type with client_credentials and no credentials of its own is not called public (its method is unknown).
        else assert.ok(!found[client.name]!.includes('public-client-credentials'), `${name}: ${client.name}`);
        // A public app type whose own credentials send a secret is still found.
        if (client.method === 'client_secret_post' && (client.appType === 'spa' || client.appType === 'native')) assert.ok(found[client.name]!.includes('secret-on-public-app-type'), `${name}: ${client.name}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('the note on the credentials asks "did you mean" the resource a small edit away, with its label as related place; none for far names', () => {
  fc.assert(
    fc.property(moduleArb, (module) => {
      const texts = filesOf(module);
      const path = [...texts.keys()].at(-1)!;
      const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
      const text = texts.get(path)!;
      const input = { path, text, links: graph.linksFor(path).links };
      const notes = credentialsWithoutClientNotes(input, lintText(input));
      const name = JSON.stringify(module);
      assert.equal(notes.length, 1, name);
      const note = notes[0]!;
      assert.ok(note.message.length <= MAX_MESSAGE_LENGTH, note.message);
      assert.match(note.message, new RegExp(`^credentials typoed: .*auth0_client\\.${module.typo}\\b.*create-time method`), name);
      assert.ok(text.slice(note.span.start, note.span.end).includes(`auth0_client.${module.typo}.id`), name);
      if (module.meant === undefined) {
        assert.doesNotMatch(note.message, /did you mean/, name);
        assert.equal(note.related, undefined, name);
        return;
      }
      assert.match(note.message, new RegExp(`; did you mean ${module.meant}\\?$`), name);
      const related = note.related?.[0];
      assert.ok(related && related.message.includes(`auth0_client.${module.meant}`), name);
      // The place is the resource's label, `"<name>"`, in whichever file declares it.
      const elsewhere = related.elsewhere ?? otherFileLocation(input.links, related.span);
      const label = elsewhere ? texts.get(elsewhere.path)!.split('\n')[elsewhere.start.line]!.slice(elsewhere.start.character) : text.slice(related.span.start);
      assert.ok(label.startsWith(`"${module.meant}"`), `${name}: ${label.slice(0, 30)}`);
    }),
    { numRuns: 100 },
  );
});

test('two resources equally close to the typo get no suggestion', () => {
  const module: Module = {
    clients: [
      { name: 'billing_a', appType: 'spa', clientCredentials: true, method: undefined },
      { name: 'billing_b', appType: 'spa', clientCredentials: true, method: undefined },
    ],
    typo: 'billing_c',
    meant: undefined,
    json: false,
    sameFile: false,
  };
  const texts = filesOf(module);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const input = { path: '/m/credentials.tf', text: texts.get('/m/credentials.tf')!, links: graph.linksFor('/m/credentials.tf').links };
  const notes = credentialsWithoutClientNotes(input, lintText(input));
  assert.equal(notes.length, 1);
  assert.doesNotMatch(notes[0]!.message, /did you mean/);
  assert.deepEqual(findingsByClient(texts), { billing_a: [], billing_b: [] });
});

let dirs = 0;
function writeModule(texts: Map<string, string>): string {
  const dir = join(root, `m${dirs++}`);
  mkdirSync(dir);
  for (const [path, text] of texts) writeFileSync(join(dir, path.slice('/m/'.length)), text);
  return dir;
}

interface CliFinding {
  readonly file: string;
  readonly line: number;
  readonly ruleId: string | null;
  readonly message: string;
  readonly related: readonly { readonly file: string; readonly line: number }[];
}

async function cliFindings(dir: string, target: string): Promise<CliFinding[]> {
  const outcome = await run(['--format', 'json', target], dir);
  return JSON.parse([...outcome.stdout].join('')) as CliFinding[];
}

test('the CLI: the folder and the clients\' file alone give the same findings, and --fix (safe or unsafe) changes no client left unknown', async () => {
  await fc.assert(
    fc.asyncProperty(moduleArb, async (module) => {
      const texts = filesOf(module);
      const main = `main${module.json ? '.tf.json' : '.tf'}`;
      const name = JSON.stringify(module);
      const dir = writeModule(texts);
      const folder = (await cliFindings(dir, '.')).filter((f) => f.ruleId !== null && f.file === main);
      const alone = (await cliFindings(dir, main)).filter((f) => f.ruleId !== null && f.file === main);
      assert.deepEqual(alone.map((f) => [f.line, f.ruleId]), folder.map((f) => [f.line, f.ruleId]), name);
      // --fix as it would on the module with a variable for the typo (whose clients are unknown too): no more.
      const oracle = writeModule(filesOf(module, VARIABLE));
      for (const args of [['--fix'], ['--fix', '--unsafe-fixes']]) {
        await run([...args, '.'], dir);
        await run([...args, '.'], oracle);
        for (const file of texts.keys()) {
          const base = file.slice('/m/'.length);
          const fixed = readFileSync(join(dir, base), 'utf8');
          const expected = readFileSync(join(oracle, base), 'utf8').replace(module.json ? `\${${VARIABLE}}` : VARIABLE, module.json ? `\${${reference(module.typo)}}` : reference(module.typo));
          assert.equal(fixed, expected, `${name} ${args.join(' ')} ${base}`);
        }
      }
      // A client with client_credentials and no credentials of its own keeps its grant.
      const fixedMain = readFileSync(join(dir, main), 'utf8');
      for (const client of module.clients) if (client.clientCredentials && client.method === undefined) assert.ok(fixedMain.includes(`"${client.name}"`) && fixedMain.includes('client_credentials'), name);
    }),
    { numRuns: 20 },
  );
});

test('the CLI json lists the suggested resource as the note\'s related place', async () => {
  const module: Module = { clients: [{ name: 'storefront', appType: 'spa', clientCredentials: true, method: undefined }], typo: 'storefrnt', meant: 'storefront', json: false, sameFile: false };
  const dir = writeModule(filesOf(module));
  const notes = (await cliFindings(dir, '.')).filter((f) => f.ruleId === null && f.file === 'credentials.tf');
  assert.equal(notes.length, 1);
  assert.match(notes[0]!.message, /did you mean storefront\?$/);
  assert.deepEqual(notes[0]!.related.map((r) => [r.file, r.line]), [['main.tf', 1]]);
});

test('the server: the lens says public or confidential unknown, and the hover says why', () => {
  for (const json of [false, true]) {
    const module: Module = { clients: [{ name: 'storefront', appType: 'spa', clientCredentials: true, method: undefined }], typo: 'storefrnt', meant: 'storefront', json, sameFile: false };
    const texts = filesOf(module);
    const path = `/m/main${json ? '.tf.json' : '.tf'}`;
    const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
    const text = texts.get(path)!;
    const analysis = analyze({ path, text, settings: DEFAULT_SETTINGS, links: graph.linksFor(path).links });
    assert.ok(analysis);
    assert.deepEqual(analysis.result.findings.map((f) => f.ruleId), []);
    assert.match(clientLenses(analysis)[0]!.title, /^public or confidential unknown/);
    const hover = hoverAt(analysis, text.indexOf('"client_credentials"') + 2);
    assert.ok(hover);
    assert.match(hover.markdown, /\*\*Cannot be told/);
    assert.match(hover.markdown, /names an auth0_client the module does not declare/);
  }
});
