/**
 * Fresh cross-file cases of the kinds in ../shared/cases/cross, generated (fast-check), checked against a plain
 * model of the rule book written here without the engine:
 * - deploy-cli directories: random clients, client grants (by name, unknown names, placeholders, subject types,
 *   system-API audiences) and tenant.json flags, linted file by file with the directory read for links;
 * - Terraform modules: clients, credentials resources (literal and non-literal methods, or none: the provider's
 *   create-time method) and client grants spread over several files in random order, linted as a folder and
 *   file by file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintText, type LintFinding, type ObjectNode, type ValueNode } from '../../server/src/engine/index';
import { resourcesOf } from '../../server/src/engine/terraform';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';
import { clientIdOf, ONE_INSTANCE_FORMS, type ClientReferenceForm } from '../helpers/terraform-generator';

const CC = 'client_credentials';
const RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const json = (value: unknown) => JSON.stringify(value, null, 2);

// ---------------------------------------------------------------- deploy-cli directories

interface DirClient {
  readonly name: string;
  readonly appType: 'regular_web' | 'non_interactive' | 'spa';
  readonly method: 'none' | 'client_secret_post' | undefined;
  readonly grants: readonly string[] | undefined;
  readonly thirdParty: boolean;
}

interface DirGrant {
  readonly client: string;
  readonly subject: 'client' | 'user' | 'anonymous_user' | '@@SUBJECT@@' | undefined;
  readonly audience: string;
}

const dirClient = (name: string): fc.Arbitrary<DirClient> =>
  fc.record({
    name: fc.constant(name),
    appType: fc.constantFrom('regular_web' as const, 'non_interactive' as const, 'spa' as const),
    method: fc.constantFrom('none' as const, 'client_secret_post' as const, undefined),
    grants: fc.option(fc.subarray(['authorization_code', 'refresh_token', CC, RO]), { nil: undefined }),
    thirdParty: fc.boolean(),
  });

interface DirectoryCase {
  readonly clients: readonly DirClient[];
  readonly grants: readonly DirGrant[];
  readonly roFlag: boolean | undefined;
  readonly order: boolean;
}

const directoryCase: fc.Arbitrary<DirectoryCase> = fc
  .uniqueArray(fc.constantFrom('Reporting Job', 'Kiosk', 'Ledger Export', 'Partner App', 'Storefront', 'Ops Bot'), { minLength: 1, maxLength: 5 })
  .chain((names) =>
    fc.record({
      clients: fc.tuple(...names.map(dirClient)),
      grants: fc.array(
        fc.record({
          client: fc.constantFrom(...names, 'Not In This Tenant', '##CLIENT##'),
          subject: fc.constantFrom('client' as const, 'user' as const, 'anonymous_user' as const, '@@SUBJECT@@' as const, undefined),
          audience: fc.constantFrom('https://api.example.com/orders', 'https://example.eu.auth0.com/api/v2/', 'https://example.eu.auth0.com/me/'),
        }),
        { maxLength: 6 },
      ),
      roFlag: fc.constantFrom(true, false, undefined),
      order: fc.boolean(),
    }),
  );

/** The rule book's client-grant rules and legacy severity, for one directory. `file → sorted rule:severity`. */
function directoryModel(c: DirectoryCase): Map<string, string[]> {
  const out = new Map<string, string[]>();
  c.clients.forEach((client, i) => {
    const legacy = (client.grants ?? []).includes(RO) ? [`legacy-grant-type:${c.roFlag === true ? 'warning' : 'error'}`] : [];
    out.set(`/d/clients/c${i}.json`, legacy);
  });
  c.grants.forEach((grant, i) => {
    const found: string[] = [];
    const client = c.clients.find((x) => x.name === grant.client);
    if (client) {
      const clientFlow = grant.subject === undefined || grant.subject === 'client';
      const cannot = client.method === 'none' || (client.grants !== undefined && !client.grants.includes(CC));
      if (clientFlow && cannot) found.push('client-grant-without-client-credentials:warning');
      if (client.thirdParty && (grant.audience.endsWith('/api/v2/') || grant.audience.endsWith('/me/'))) found.push('third-party-system-api-grant:error');
    }
    out.set(`/d/grants/g${i}.json`, found.sort());
  });
  return out;
}

function directoryFiles(c: DirectoryCase): Map<string, string> {
  const texts = new Map<string, string>();
  if (c.roFlag !== undefined) texts.set('/d/tenant.json', json({ friendly_name: 'Example', flags: { allow_legacy_ro_grant_types: c.roFlag } }));
  c.clients.forEach((client, i) => {
    const body: Record<string, unknown> = { name: client.name, app_type: client.appType };
    if (client.method) body['token_endpoint_auth_method'] = client.method;
    if (client.thirdParty) body['is_first_party'] = false;
    if (client.grants) body['grant_types'] = client.grants;
    texts.set(`/d/clients/c${i}.json`, json(body));
  });
  c.grants.forEach((grant, i) => {
    const body: Record<string, unknown> = { client_id: grant.client, audience: grant.audience, scope: ['read:things'] };
    if (grant.subject) body['subject_type'] = grant.subject;
    texts.set(`/d/grants/g${i}.json`, json(body));
  });
  return texts;
}

const WATCHED_DIRECTORY = new Set(['legacy-grant-type', 'client-grant-without-client-credentials', 'third-party-system-api-grant']);

test('deploy-cli directories: client grants and tenant.json flags, file by file, as the plain model says', () => {
  fc.assert(
    fc.property(directoryCase, (c) => {
      const texts = directoryFiles(c);
      const expected = directoryModel(c);
      const paths = [...expected.keys()];
      if (c.order) paths.reverse();
      for (const path of paths) {
        // Each file asked for alone, as `grantlint grants/g0.json`: a fresh graph reads its siblings for links.
        const graph = new ProjectGraph(new MemoryProject(texts), { isReported: (p) => p === path });
        const { links, problems } = graph.linksFor(path);
        assert.deepEqual(problems, []);
        const found = lintText({ path, text: texts.get(path)!, links })
          .findings.filter((f) => WATCHED_DIRECTORY.has(f.ruleId))
          .map((f) => `${f.ruleId}:${f.severity}`)
          .sort();
        assert.deepEqual(found, expected.get(path), path);
      }
    }),
    { numRuns: 150 },
  );
});

// ---------------------------------------------------------------- Terraform modules

type Method = 'none' | 'client_secret_post' | 'client_secret_basic' | '${var.method}';

interface TfClient {
  readonly name: string;
  readonly appType: 'spa' | 'native' | 'regular_web' | 'non_interactive';
  readonly grants: readonly string[];
  /** undefined: no auth0_client_credentials resource. */
  readonly method: Method | undefined;
  readonly granted: boolean;
  /**
   * How the credentials and grant resources name the client (see clientIdOf); 'variable' names none readably, the
   * one-instance forms one instance only.
   */
  readonly credentialsRef: ClientReferenceForm;
  readonly grantRef: ClientReferenceForm;
  /** Which file each resource goes to. */
  readonly clientFile: number;
  readonly credentialsFile: number;
  readonly grantFile: number;
}

const tfClient = (name: string, files: number): fc.Arbitrary<TfClient> =>
  fc.record({
    name: fc.constant(name),
    appType: fc.constantFrom('spa' as const, 'native' as const, 'regular_web' as const, 'non_interactive' as const),
    grants: fc.subarray(['authorization_code', 'refresh_token', CC], { minLength: 1 }),
    method: fc.constantFrom('none' as const, 'client_secret_post' as const, 'client_secret_basic' as const, '${var.method}' as const, undefined),
    granted: fc.boolean(),
    credentialsRef: fc.constantFrom<ClientReferenceForm>('id', 'id', 'client_id', 'indexed', 'counted', 'each-value', 'instance-key', 'instance-index', 'variable'),
    grantRef: fc.constantFrom<ClientReferenceForm>('id', 'id', 'client_id', 'indexed', 'counted', 'each-value', 'instance-key', 'instance-index', 'variable'),
    clientFile: fc.nat(files - 1),
    credentialsFile: fc.nat(files - 1),
    grantFile: fc.nat(files - 1),
  });

interface ModuleCase {
  readonly files: number;
  readonly clients: readonly TfClient[];
  readonly shuffle: readonly number[];
}

const moduleCase: fc.Arbitrary<ModuleCase> = fc.integer({ min: 1, max: 3 }).chain((files) =>
  fc.record({
    files: fc.constant(files),
    clients: fc.uniqueArray(fc.constantFrom('storefront', 'kiosk', 'signage', 'reporting', 'back_office'), { minLength: 1, maxLength: 4 }).chain((names) => fc.tuple(...names.map((n) => tfClient(n, files)))),
    shuffle: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  }),
);


/** The client's credentials resource is there and names it readably, as a whole (not one instance of it). */
const linkedCredentials = (client: TfClient) => client.method !== undefined && client.credentialsRef !== 'variable' && !ONE_INSTANCE_FORMS.has(client.credentialsRef);

/**
 * M as the rule book reads it: the linked credentials' literal method, unknown for an expression; without linked
 * credentials the provider's, unless a credentials resource of the module names no client readably (it may be
 * this client's) or names one instance of this client (the others may have none): then unknown.
 */
function methodOf(client: TfClient, c: ModuleCase): string | undefined {
  if (!linkedCredentials(client)) {
    if (c.clients.some((other) => other.method !== undefined && other.credentialsRef === 'variable')) return undefined;
    if (client.method !== undefined && ONE_INSTANCE_FORMS.has(client.credentialsRef)) return undefined;
    return client.appType === 'spa' || client.appType === 'native' ? 'none' : 'client_secret_post';
  }
  return client.method!.includes('${') ? undefined : client.method;
}

/** `file|resource|rule:severity` for the watched rules, where each lies when every file is reported. */
function moduleModel(c: ModuleCase): string[] {
  const out: string[] = [];
  for (const client of c.clients) {
    const m = methodOf(client, c);
    const publicApp = client.appType === 'spa' || client.appType === 'native';
    if (m === 'none' && client.grants.includes(CC)) out.push(`f${client.clientFile}|${client.name}|public-client-credentials:error`);
    // On the method value, which lives in the credentials resource.
    if (publicApp && linkedCredentials(client) && (m === 'client_secret_post' || m === 'client_secret_basic')) out.push(`f${client.credentialsFile}|${client.name}|secret-on-public-app-type:warning`);
    if (client.granted && client.grantRef !== 'variable' && (m === 'none' || !client.grants.includes(CC))) out.push(`f${client.grantFile}|${client.name}_api|client-grant-without-client-credentials:warning`);
  }
  return out.sort();
}

function moduleFiles(c: ModuleCase): Map<string, string> {
  // Each file: a list of [type, name, body] resources, in a shuffled order.
  const resources: { file: number; type: string; name: string; body: Record<string, unknown> }[] = [];
  for (const client of c.clients) {
    resources.push({ file: client.clientFile, type: 'auth0_client', name: client.name, body: { name: client.name, app_type: client.appType, grant_types: client.grants } });
    if (client.method !== undefined) {
      resources.push({ file: client.credentialsFile, type: 'auth0_client_credentials', name: client.name, body: { ...clientIdOf(client.name, client.credentialsRef), authentication_method: client.method } });
    }
    if (client.granted) {
      resources.push({ file: client.grantFile, type: 'auth0_client_grant', name: `${client.name}_api`, body: { ...clientIdOf(client.name, client.grantRef), audience: 'https://api.example.com/', scopes: ['read:things'] } });
    }
  }
  const order = resources.map((r, i) => ({ r, key: c.shuffle[i % c.shuffle.length]! + i / 100 })).sort((a, b) => a.key - b.key);
  const texts = new Map<string, string>();
  for (let f = 0; f < c.files; f++) {
    // Terraform JSON allows `resource` as a list of blocks: one block per resource, in the shuffled order.
    const blocks = order.filter(({ r }) => r.file === f).map(({ r }) => ({ [r.type]: { [r.name]: r.body } }));
    texts.set(`/m/f${f}.tf.json`, json({ resource: blocks }));
  }
  return texts;
}

/** The resource a finding lies in (its body, or its name's key, where a finding about another file is shown). */
function resourceAt(text: string, finding: LintFinding): string {
  const root = lintText({ path: '/x.tf.json', text }).parsed.documents[0]?.root;
  for (const type of ['auth0_client', 'auth0_client_credentials', 'auth0_client_grant']) {
    for (const { name, keySpan, body } of resourcesOf(root as ValueNode, type)) {
      const inside = (s: { start: number; end: number }) => finding.span.start >= s.start && finding.span.end <= s.end;
      if (inside(body as ObjectNode) || inside(keySpan)) return name;
    }
  }
  return '?';
}

const WATCHED_MODULE = new Set(['public-client-credentials', 'secret-on-public-app-type', 'client-grant-without-client-credentials']);

function moduleFindings(texts: Map<string, string>, asked: readonly string[]): string[] {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: (p) => asked.includes(p) });
  const out: string[] = [];
  for (const path of asked) {
    const { links, problems } = graph.linksFor(path);
    assert.deepEqual(problems, []);
    const text = texts.get(path)!;
    for (const f of lintText({ path, text, links }).findings) {
      if (WATCHED_MODULE.has(f.ruleId)) out.push(`${path.slice(3, 5)}|${resourceAt(text, f)}|${f.ruleId}:${f.severity}`);
    }
  }
  return out.sort();
}

test('Terraform modules: resources over several files in any order, linted as a folder, as the plain model says', () => {
  fc.assert(
    fc.property(moduleCase, (c) => {
      const texts = moduleFiles(c);
      assert.deepEqual(moduleFindings(texts, [...texts.keys()]), moduleModel(c));
    }),
    { numRuns: 200 },
  );
});

test('Terraform modules file by file: a finding on a sibling not asked for is shown on the client instead', () => {
  fc.assert(
    fc.property(moduleCase, (c) => {
      const texts = moduleFiles(c);
      for (const path of texts.keys()) {
        const file = path.slice(3, 5);
        // Alone, a file shows its own findings, plus those about a method in another file shown at the client.
        const expected = moduleModel(c)
          .map((line) => {
            const [where, resource, rule] = line.split('|') as [string, string, string];
            const client = c.clients.find((x) => x.name === resource);
            if (rule.startsWith('secret-on-public-app-type') && client && where !== file && `f${client.clientFile}` === file) return `${file}|${resource}|${rule}`;
            return where === file ? line : undefined;
          })
          .filter((line): line is string => line !== undefined)
          .sort();
        assert.deepEqual(moduleFindings(texts, [path]), expected, path);
      }
    }),
    { numRuns: 100 },
  );
});

test('a generated module read whole but for one file assumes no create-time method', () => {
  const texts = new Map([['/m/main.tf.json', json({ resource: { auth0_client: { kiosk: { name: 'Kiosk', app_type: 'spa', grant_types: [CC] } } } })]]);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  // An unsaved new file of the module (not on disk): the module on disk is not the whole module.
  const { links } = graph.linksFor('/m/new.tf.json');
  const text = texts.get('/m/main.tf.json')!;
  assert.deepEqual(lintText({ path: '/m/new.tf.json', text, links }).findings.map((f) => f.ruleId), []);
  assert.deepEqual(lintText({ path: '/m/main.tf.json', text, links: graph.linksFor('/m/main.tf.json').links }).findings.map((f) => f.ruleId), ['public-client-credentials']);
});
