/**
 * A deploy-cli directory's index rebuilt after one client file changed (links.ts relinkDeployDirectory, used by
 * the project graph after each edit a live server sees and each fixed text `--fix` checks) must be the index built
 * whole from the same files: generated directories whose client files share names, name clients by deploy-cli
 * placeholders (quoted and bare), leave them unnamed or named by a number, hold several clients, or do not parse,
 * with and without tenant.json; changed one client file at a time, compared index to index and grant lint to lint.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { linkDeployDirectory, relinkDeployDirectory, type DeployDirectoryLinks, type LinkedFile } from '../../server/src/engine/links';
import { parseText } from '../../server/src/engine/lint';
import { observable } from '../helpers/hcl-edits';

const NAMES = ['Web', 'Api', 'Kiosk'] as const;
/** Every name a grant may name: the clients' names, a placeholder's written form, and one no client has. */
const GRANT_NAMES = [...NAMES, '##PORTAL##', '@@PORTAL@@', 'Nobody'] as const;

type ClientForm =
  | { readonly kind: 'client'; readonly name: string; readonly appType: string; readonly grants: readonly string[] }
  | { readonly kind: 'placeholder'; readonly quoted: boolean }
  | { readonly kind: 'unnamed' }
  | { readonly kind: 'number-name' }
  | { readonly kind: 'broken'; readonly name: string }
  | { readonly kind: 'comment'; readonly name: string };

const clientForm: fc.Arbitrary<ClientForm> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('client' as const), name: fc.constantFrom(...NAMES), appType: fc.constantFrom('spa', 'non_interactive', 'regular_web'), grants: fc.subarray(['authorization_code', 'client_credentials', 'implicit']) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('placeholder' as const), quoted: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unnamed' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'number-name' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('broken' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), name: fc.constantFrom(...NAMES) }) },
);

function clientText(form: ClientForm): string {
  switch (form.kind) {
    case 'client':
      return JSON.stringify({ name: form.name, app_type: form.appType, token_endpoint_auth_method: form.appType === 'spa' ? 'none' : 'client_secret_post', grant_types: form.grants }, null, 2);
    case 'placeholder':
      return form.quoted ? '{\n  "name": "##PORTAL##",\n  "grant_types": ["client_credentials"]\n}' : '{\n  "name": @@PORTAL@@,\n  "grant_types": ["client_credentials"]\n}';
    case 'unnamed':
      return '{\n  "app_type": "non_interactive",\n  "grant_types": ["client_credentials"]\n}';
    case 'number-name':
      return '{\n  "name": 7,\n  "grant_types": ["client_credentials"]\n}';
    case 'broken':
      return `{\n  "name": "${form.name}",\n  "grant_types": ["client_credentials"\n`;
    case 'comment':
      return `// kept by hand\n{\n  "name": "${form.name}",\n  "app_type": "non_interactive",\n  "grant_types": ["password"]\n}`;
  }
}

const clientFile = (path: string, form: ClientForm): LinkedFile => {
  const text = clientText(form);
  return { path, text, parsed: parseText(text, 'json'), reported: !path.endsWith('c3.json') };
};

const tenantFile = (flags: 'legacy' | 'none' | 'placeholder' | 'broken'): LinkedFile => {
  const text = { legacy: '{"flags": {"allow_legacy_ro_grant_types": true}}', none: '{"friendly_name": "T"}', placeholder: '{"flags": "@@FLAGS@@"}', broken: '{"flags": {' }[flags];
  return { path: '/t/tenant.json', text, parsed: parseText(text, 'json'), reported: true };
};

const grantFiles = GRANT_NAMES.map((name, i) => {
  const text = JSON.stringify({ client_id: name, audience: 'https://api.example.com/', scope: ['read:things'] }, null, 2);
  return { path: `/t/grants/g${i}.json`, text };
});

/** Everything a directory index answers, with copies read (offsets say which file and where). */
function indexView(links: DeployDirectoryLinks, names: readonly string[] = GRANT_NAMES): unknown {
  return {
    files: links.files.map((f) => [f.path, f.base, f.text, f.reported]),
    tenantFlags: links.tenantFlags && [links.tenantFlags.file.path, links.tenantFlags.node.start, links.tenantFlags.node.end],
    tenantFlagsUnknown: links.tenantFlagsUnknown,
    clients: names.map((name) => {
      const linked = links.clientsByName.get(name);
      return linked && [linked.file.path, linked.file.base, linked.entry.node.start, linked.entry.node.end, linked.unshifted.node.start, linked.entry.name];
    }),
    sharedNames: [...links.sharedNames].sort(([a], [b]) => a.localeCompare(b)),
    placeholderNames: links.placeholderNames,
    everyClientRead: links.everyClientRead,
    everyClientKnown: links.everyClientKnown,
  };
}

const CLIENT_PATHS = [0, 1, 2, 3].map((i) => `/t/clients/c${i}.json`);

test('a directory index rebuilt after one client file changed equals the index built whole, and lints its grants the same', () => {
  const forms = fc.array(clientForm, { minLength: CLIENT_PATHS.length, maxLength: CLIENT_PATHS.length });
  const change = fc.record({ file: fc.nat(CLIENT_PATHS.length - 1), form: clientForm });
  fc.assert(
    fc.property(fc.option(fc.constantFrom('legacy' as const, 'none' as const, 'placeholder' as const, 'broken' as const)), forms, fc.boolean(), fc.array(change, { minLength: 1, maxLength: 6 }), (flags, initial, allRead, changes) => {
      const tenant = flags === null ? undefined : tenantFile(flags);
      const current = CLIENT_PATHS.map((path, i) => clientFile(path, initial[i]!));
      let relinked = linkDeployDirectory(tenant, current, allRead);
      for (const { file, form } of changes) {
        current[file] = clientFile(CLIENT_PATHS[file]!, form);
        const next = relinkDeployDirectory(relinked, current[file]!);
        assert.ok(next, 'a client file of the directory is relinked');
        relinked = next;
        const whole = linkDeployDirectory(tenant, current, allRead);
        assert.deepEqual(indexView(relinked), indexView(whole));
        for (const grant of grantFiles) {
          const viaRelinked = lintText({ path: grant.path, text: grant.text, format: 'json', links: relinked });
          const viaWhole = lintText({ path: grant.path, text: grant.text, format: 'json', links: whole });
          assert.deepEqual(observable(grant.text, viaRelinked), observable(grant.text, viaWhole), grant.path);
        }
      }
    }),
    { numRuns: Number(process.env['RELINK_RUNS'] ?? 200) },
  );
});

test('many changes across a large directory (the index copies its table of names now and then) keep it equal to one built whole', () => {
  const names = Array.from({ length: 120 }, (_, i) => `N${i}`);
  const paths = Array.from({ length: 90 }, (_, i) => `/t/clients/c${String(i).padStart(2, '0')}.json`);
  const named = (name: string): ClientForm => ({ kind: 'client', name, appType: 'non_interactive', grants: ['client_credentials'] });
  const change = fc.record({ file: fc.nat(paths.length - 1), name: fc.constantFrom(...names), unnamed: fc.boolean() });
  fc.assert(
    fc.property(fc.array(change, { minLength: 150, maxLength: 300 }), (changes) => {
      const current = paths.map((path, i) => clientFile(path, named(names[i]!)));
      let relinked = linkDeployDirectory(tenantFile('none'), current, true);
      for (const { file, name, unnamed } of changes) {
        current[file] = clientFile(paths[file]!, unnamed && file % 7 === 0 ? { kind: 'unnamed' } : named(name));
        relinked = relinkDeployDirectory(relinked, current[file]!)!;
      }
      assert.deepEqual(indexView(relinked, names), indexView(linkDeployDirectory(tenantFile('none'), current, true), names));
    }),
    { numRuns: 20 },
  );
});

test('tenant.json and a file the index does not hold are not relinked (the caller builds the index whole)', () => {
  const links = linkDeployDirectory(tenantFile('legacy'), [clientFile('/t/clients/c0.json', { kind: 'client', name: 'Web', appType: 'spa', grants: ['implicit'] })], true);
  assert.equal(relinkDeployDirectory(links, tenantFile('none')), undefined);
  assert.equal(relinkDeployDirectory(links, clientFile('/t/clients/new.json', { kind: 'unnamed' })), undefined);
});
