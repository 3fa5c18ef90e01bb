/**
 * Fix verdicts remembered across clients laid out alike (engine/fix/verdicts.ts) are a fast path: every file here
 * is linted with them off, then on twice (the second run meets every verdict the first remembered), and each
 * finding must be the same, with the same fixes kept and the same notes on fixes left out. Generated deploy-cli
 * directories repeat a few configurations under names of every length, in three JSON layouts, with and without
 * `tenant.json` flags; tenants in YAML, JSON and HCL, anchored YAML, Terraform modules split across files, and
 * settings that turn rules off or raise them to errors (which changes what counts as a new error).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintText, type Finding } from '../../server/src/engine/index';
import { ClientLayout, fixVerdicts } from '../../server/src/engine/fix/verdicts';
import { DEFAULT_SETTINGS, type FileSettings } from '../../server/src/engine/settings';
import type { SeveritySetting } from '../../server/src/engine/rules/api';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';
import { MemoryProject } from '../helpers/memory-project';
import { renderSplitProject, splitProjectArb } from '../helpers/split-project-generator';
import { generateClientsJson, generateTenantYaml } from '../helpers/tenant-generator';
import { generateTerraformHcl, generateTerraformModule } from '../helpers/terraform-generator';

const LEGACY_RO = 'http://auth0.com/oauth/legacy/grant-type/ro';

/** Everything a finding says about its fixes, and where it is. */
function said(finding: Finding): string {
  return JSON.stringify({
    rule: finding.ruleId,
    severity: finding.severity,
    span: finding.span,
    message: finding.message,
    fixes: finding.fixes.map((fix) => [fix.title, fix.safety, fix.edits.length]),
    elsewhere: finding.fixesElsewhere?.map((fix) => fix.title),
    preferred: finding.preferredFix?.title,
    safeWithheld: finding.safeFixWithheld,
    preferredRaises: finding.preferredFixRaises,
    anchor: [finding.fixesWithheldByAnchor, finding.preferredFixWithheldByAnchor, finding.anchorOtherUse],
  });
}

type Files = Readonly<Record<string, string>>;

/** Every file of a project linted with its links (as the CLI lints a folder), each finding as `said` gives it. */
function lintProject(files: Files, settings: FileSettings): string[] {
  const texts = new Map(Object.entries(files).map(([path, text]) => [`/p/${path}`, text]));
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const out: string[] = [];
  for (const [path, text] of texts) {
    const { links } = graph.linksFor(path);
    for (const finding of lintText({ path, text, links, settings }).findings) out.push(`${path} ${said(finding)}`);
  }
  return out;
}

/** The project's findings with verdicts checked afresh, then remembered (cold, then warm): all three the same. */
function assertSameAsFresh(files: Files, settings: FileSettings, what: string): void {
  fixVerdicts.enabled = false;
  let fresh: string[];
  try {
    fresh = lintProject(files, settings);
  } finally {
    fixVerdicts.enabled = true;
  }
  assert.deepEqual(lintProject(files, settings), fresh, `${what}: verdicts remembered as they are met`);
  assert.deepEqual(lintProject(files, settings), fresh, `${what}: verdicts remembered before`);
}

const SETTINGS: readonly FileSettings[] = [
  DEFAULT_SETTINGS,
  { ...DEFAULT_SETTINGS, legacyTenant: true },
  // A hint raised to an error is a new error a fix may raise; a rule turned off is one a fix may not trip.
  { ...DEFAULT_SETTINGS, rules: new Map<string, SeveritySetting>([['password-mfa-group', 'error'], ['refresh-token-without-offline-access', 'error']]) },
  { ...DEFAULT_SETTINGS, rules: new Map<string, SeveritySetting>([['legacy-grant-type', 'off'], ['m2m-without-client-credentials', 'error']]) },
];

/** A few configurations a directory repeats, each holding something a fix is offered for. */
const CONFIGURATIONS = [
  { app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post', grant_types: ['client_credentials', LEGACY_RO] },
  { app_type: 'non_interactive', token_endpoint_auth_method: 'client_secret_post', grant_types: [LEGACY_RO] },
  { app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code', 'password', 'implicit', LEGACY_RO] },
  { app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'client_credentials', 'refresh_token'] },
  { app_type: 'native', grant_types: ['authorisation_code', 'http://auth0.com/oauth/grant-type/mfa-otp'] },
  { app_type: 'regular_web', is_first_party: true, grant_types: ['password', 'urn:ietf:params:oauth:grant-type:device_code'] },
  { app_type: 'non_interactive', token_endpoint_auth_method: 'none', grant_types: 'client_credentials' },
  // Laid out alike to the character (grants of the same length), told apart by their facts only.
  { app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['implicit', LEGACY_RO] },
  { app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['password', LEGACY_RO] },
  { app_type: 'native', token_endpoint_auth_method: 'client_secret_post', grant_types: ['password', LEGACY_RO] },
  { app_type: 'native', token_endpoint_auth_method: 'client_secret_post', grant_types: ['implicit', LEGACY_RO] },
] as const;

const directoryArb = fc.record({
  clients: fc.array(
    fc.record({
      configuration: fc.integer({ min: 0, max: CONFIGURATIONS.length - 1 }),
      nameLength: fc.integer({ min: 1, max: 24 }),
      layout: fc.constantFrom('indent-2', 'indent-4', 'one-line', 'name-last'),
      grant: fc.boolean(),
    }),
    { minLength: 2, maxLength: 12 },
  ),
  flags: fc.constantFrom('allow', 'deny', 'none', 'no-tenant-json'),
});

function renderDirectory(directory: typeof directoryArb extends fc.Arbitrary<infer T> ? T : never): Files {
  const files: Record<string, string> = {};
  if (directory.flags !== 'no-tenant-json') {
    const flags = directory.flags === 'none' ? {} : { flags: { allow_legacy_ro_grant_types: directory.flags === 'allow' } };
    files['tenant.json'] = `${JSON.stringify({ friendly_name: 'T', ...flags }, null, 2)}\n`;
  }
  directory.clients.forEach((client, i) => {
    const name = `${String(i).padStart(2, '0')}${'x'.repeat(client.nameLength)}`;
    const fields = CONFIGURATIONS[client.configuration]!;
    const object = client.layout === 'name-last' ? { ...fields, name } : { name, ...fields };
    const text = client.layout === 'one-line' ? JSON.stringify(object) : JSON.stringify(object, null, client.layout === 'indent-4' ? 4 : 2);
    files[`clients/${name}.json`] = `${text}\n`;
    if (client.grant) files[`grants/${name}.json`] = `${JSON.stringify({ client_id: name, audience: 'https://api.example.com/', scope: ['read:data'] }, null, 2)}\n`;
  });
  return files;
}

test('remembered fix verdicts give the findings fresh checks give: deploy-cli directories repeating configurations', () => {
  const answered = fixVerdicts.answered;
  fc.assert(
    fc.property(directoryArb, fc.integer({ min: 0, max: SETTINGS.length - 1 }), (directory, s) => {
      assertSameAsFresh(renderDirectory(directory), SETTINGS[s]!, `directory ${JSON.stringify(directory)} settings ${s}`);
    }),
    { numRuns: 150 },
  );
  assert.ok(fixVerdicts.answered - answered > 2000, `${fixVerdicts.answered - answered} verdicts answered from memory`);
});

test('remembered fix verdicts give the findings fresh checks give: Terraform modules and directories split across files', () => {
  const answered = fixVerdicts.answered;
  fc.assert(
    fc.property(splitProjectArb, fc.integer({ min: 0, max: SETTINGS.length - 1 }), ({ clients, form }, s) => {
      assertSameAsFresh(renderSplitProject(clients, form), SETTINGS[s]!, `${JSON.stringify({ clients, form })} settings ${s}`);
    }),
    { numRuns: 150 },
  );
  assert.ok(fixVerdicts.answered - answered > 200, `${fixVerdicts.answered - answered} verdicts answered from memory`);
});

test('remembered fix verdicts give the findings fresh checks give: tenants in YAML, JSON, anchored YAML and HCL', () => {
  const answered = fixVerdicts.answered;
  for (const seed of [1, 2, 3]) {
    const files: Files = {
      'tenant/tenant.yaml': generateTenantYaml({ clients: 120, seed, invalidShare: 0.6 }),
      'export/clients.json': generateClientsJson({ clients: 120, seed, invalidShare: 0.6 }),
      'anchored/tenant.yaml': generateAnchoredTenantYaml(60, seed),
      'hcl/main.tf': generateTerraformHcl({ clients: 120, seed, invalidShare: 0.6 }),
      ...Object.fromEntries(Object.entries(generateTerraformModule({ clients: 60, seed, invalidShare: 0.6 })).map(([path, text]) => [`module/${path}`, text])),
    };
    for (const [s, settings] of SETTINGS.entries()) assertSameAsFresh(files, settings, `seed ${seed} settings ${s}`);
  }
  assert.ok(fixVerdicts.answered - answered > 500, `${fixVerdicts.answered - answered} verdicts answered from memory`);
});

/** The one client of a file, as the engine reads it. */
function clientOf(path: string, text: string) {
  const [client] = lintText({ path, text }).clients;
  assert.ok(client, `${path}: a client`);
  return client;
}

test('clients share verdicts only when their facts and the layout of their fact fields are the same', () => {
  const json = (fields: object, indent?: number) => `${JSON.stringify(fields, null, indent)}\n`;
  const key = (text: string, settings: FileSettings = DEFAULT_SETTINGS, path = '/d/clients/c.json') => ClientLayout.of(clientOf(path, text), settings)?.key;
  const grants = (list: readonly string[], name = 'A') => json({ name, app_type: 'regular_web', grant_types: list }, 2);
  // Names and other fields are not facts: a longer name before the fields shifts them all alike.
  assert.equal(key(grants(['implicit', LEGACY_RO], 'A')), key(grants(['implicit', LEGACY_RO], 'A much longer name')));
  assert.equal(key(json({ name: 'A', description: 'x', grant_types: ['implicit'] }, 2)), key(json({ name: 'A', description: 'longer text', grant_types: ['implicit'] }, 2)));
  // The same layout to the character, other facts.
  assert.notEqual(key(grants(['implicit', LEGACY_RO])), key(grants(['password', LEGACY_RO])));
  assert.notEqual(key(grants(['implicit'])), key(grants(['implicit']), { ...DEFAULT_SETTINGS, legacyTenant: true }));
  assert.notEqual(key(grants(['implicit'])), key(grants(['implicit']), { ...DEFAULT_SETTINGS, rules: new Map<string, SeveritySetting>([['implicit-grant', 'off']]) }));
  // The same facts, laid out otherwise.
  assert.notEqual(key(grants(['implicit'])), key(json({ name: 'A', app_type: 'regular_web', grant_types: ['implicit'] })));
  assert.notEqual(key(grants(['implicit'])), key(json({ name: 'A', app_type: 'regular_web', grant_types: ['implicit'] }, 4)));
  // Never shared: pointer overrides (they depend on where the client is), merge keys and aliases (copies).
  assert.equal(key(grants(['implicit']), { ...DEFAULT_SETTINGS, pointerOverrides: [{ pointer: ['clients'], rules: new Map() }] }), undefined);
  const yaml = (body: string) => key(body, DEFAULT_SETTINGS, '/t/tenant.yaml');
  assert.equal(yaml('base: &b\n  app_type: spa\nclients:\n  - name: A\n    <<: *b\n    grant_types: [implicit]\n'), undefined);
  assert.equal(yaml('x: &g [implicit]\nclients:\n  - name: A\n    grant_types: *g\n'), undefined);
  assert.notEqual(yaml('clients:\n  - name: A\n    grant_types: [implicit]\n'), undefined);
});
