/**
 * The live project graph against a plain one: after any sequence of changes (files written, created, deleted,
 * renamed on disk; open documents edited and closed), linting any file with the live graph's links gives what a
 * graph read afresh gives, and every file whose findings changed is among the dependents the change reported.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/index';
import { diskProjectFiles } from '../../server/src/workspace/disk-project-files';
import { LiveProjects } from '../../server/src/workspace/live-projects';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { clientIdOf, type ClientReferenceForm } from '../helpers/terraform-generator';

const LEGACY_RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const NAMES = ['Alpha', 'Beta', 'Gamma'];

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * How a Terraform resource names its client: a reference, to the client's `client_id`, to the instance of the same
 * key or index, to one instance by a literal key or index,
 * through `for_each` over its instances, or by a variable (which names no client that can be read).
 */
const reference = fc.constantFrom<ClientReferenceForm>('id', 'client_id', 'indexed', 'counted', 'each-value', 'instance-key', 'instance-index', 'variable');

/** Every kind of file a deploy-cli directory or a Terraform module holds, in the forms that change links. */
const deployFile = fc.oneof(
  fc.record({ path: fc.constant('dir/tenant.json'), text: fc.option(fc.boolean(), { nil: undefined }).map((flag) => json(flag === undefined ? { friendly_name: 'T' } : { flags: { allow_legacy_ro_grant_types: flag } })) }),
  fc.record({
    path: fc.constantFrom('dir/clients/one.json', 'dir/clients/two.json', 'dir/clients/three.json'),
    text: fc
      .record({ name: fc.constantFrom(...NAMES), cc: fc.boolean(), legacy: fc.boolean(), thirdParty: fc.boolean() })
      .map((c) =>
        json({
          name: c.name,
          app_type: 'non_interactive',
          is_first_party: !c.thirdParty,
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['authorization_code', ...(c.cc ? ['client_credentials'] : []), ...(c.legacy ? [LEGACY_RO] : [])],
        }),
      ),
  }),
  fc.record({
    path: fc.constantFrom('dir/grants/a.json', 'dir/grants/b.json'),
    text: fc.record({ name: fc.constantFrom(...NAMES, 'Nobody'), management: fc.boolean() }).map((g) => json({ client_id: g.name, audience: g.management ? 'https://example.auth0.com/api/v2/' : 'https://api.example.com/', scope: ['read'] })),
  }),
  // A syntax error in a member: its own lint reports it; links read what they can.
  fc.record({ path: fc.constantFrom('dir/clients/two.json', 'mod/creds.tf.json'), text: fc.constant('{ "name": ') }),
  fc.record({
    path: fc.constantFrom('mod/main.tf.json', 'mod/other.tf.json'),
    text: fc.record({ name: fc.constantFrom('web', 'app'), type: fc.constantFrom('spa', 'regular_web') }).map((c) => json({ resource: { auth0_client: { [c.name]: { name: c.name, app_type: c.type, grant_types: ['client_credentials'] } } } })),
  }),
  fc.record({
    path: fc.constantFrom('mod/creds.tf.json', 'mod/more.tf.json'),
    text: fc
      .record({ name: fc.constantFrom('web', 'app'), method: fc.constantFrom('none', 'client_secret_post'), ref: reference })
      .map((c) => json({ resource: { auth0_client_credentials: { [c.name]: { ...clientIdOf(c.name, c.ref), authentication_method: c.method } } } })),
  }),
  // Client grants, whose findings read their client's method: from any credentials file, or the provider's.
  fc.record({
    path: fc.constantFrom('mod/grants.tf.json', 'mod/main.tf.json'),
    text: fc
      .record({ name: fc.constantFrom('web', 'app'), ref: reference })
      .map((g) => json({ resource: { auth0_client_grant: { [`${g.name}_api`]: { ...clientIdOf(g.name, g.ref), audience: 'https://api.example.com/', scopes: ['read'] } } } })),
  }),
);

type Step =
  | { readonly kind: 'write'; readonly path: string; readonly text: string }
  | { readonly kind: 'delete'; readonly index: number }
  | { readonly kind: 'rename'; readonly index: number; readonly to: string }
  | { readonly kind: 'edit-open'; readonly path: string; readonly text: string }
  | { readonly kind: 'close'; readonly index: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: deployFile.map((f) => ({ kind: 'write' as const, ...f })) },
  { weight: 1, arbitrary: fc.nat().map((index) => ({ kind: 'delete' as const, index })) },
  { weight: 1, arbitrary: fc.record({ index: fc.nat(), to: fc.constantFrom('dir/clients/renamed.json', 'dir/grants/renamed.json', 'mod/renamed.tf.json') }).map((r) => ({ kind: 'rename' as const, ...r })) },
  { weight: 2, arbitrary: deployFile.map((f) => ({ kind: 'edit-open' as const, ...f })) },
  { weight: 1, arbitrary: fc.nat().map((index) => ({ kind: 'close' as const, index })) },
);

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

/** Each file's findings, linted with links from `linksFor` (its unsaved text where open). */
function findingsOf(paths: readonly string[], text: (path: string) => string, linksFor: (path: string) => ReturnType<ProjectGraph['linksFor']>): Map<string, string> {
  const out = new Map<string, string>();
  for (const path of paths) {
    const result = lintText({ path, text: text(path), links: linksFor(path).links });
    out.set(path, JSON.stringify(result.findings.map((f) => [f.ruleId, f.severity, f.span.start, f.span.end, f.message])));
  }
  return out;
}

describe('live project graph', () => {
  it('links like a graph read afresh, and names every file whose findings a change changed', () => {
    fc.assert(
      fc.property(fc.array(deployFile, { minLength: 1, maxLength: 8 }), fc.array(step, { minLength: 1, maxLength: 12 }), (initial, steps) => {
        const root = mkdtempSync(join(tmpdir(), 'grantlint-live-'));
        try {
          for (const dir of ['dir/clients', 'dir/grants', 'mod']) mkdirSync(join(root, dir), { recursive: true });
          for (const file of initial) writeFileSync(join(root, file.path), file.text);
          const unsaved = new Map<string, string>();
          const live = new LiveProjects();
          const disk = diskProjectFiles();
          const textOf = (path: string) => unsaved.get(path) ?? disk.read(path);
          const currentPaths = () => [...new Set([...filesUnder(root), ...unsaved.keys()])].sort();
          let before = findingsOf(currentPaths(), textOf, (p) => live.linksFor(p));
          for (const s of steps) {
            const existing = filesUnder(root);
            // Deleting or renaming an open document's file is the editor's business (it keeps the text): not here.
            const closedFiles = existing.filter((p) => !unsaved.has(p));
            const changed: string[] = [];
            let dependents: readonly string[] = [];
            if (s.kind === 'write' && !unsaved.has(join(root, s.path))) {
              const path = join(root, s.path);
              writeFileSync(path, s.text);
              dependents = live.diskChanged(path);
              changed.push(path);
            } else if (s.kind === 'delete' && closedFiles.length > 0) {
              const path = closedFiles[s.index % closedFiles.length]!;
              rmSync(path);
              dependents = live.diskChanged(path);
              changed.push(path);
            } else if (s.kind === 'rename' && closedFiles.length > 0) {
              const from = closedFiles[s.index % closedFiles.length]!;
              const to = join(root, s.to);
              if (from !== to && !unsaved.has(to)) {
                renameSync(from, to);
                dependents = [...live.diskChanged(from), ...live.diskChanged(to)];
                changed.push(from, to);
              }
            } else if (s.kind === 'edit-open') {
              const path = join(root, s.path);
              // An open document of a file that is not on disk yet stands for it only once saved: skip those.
              if (!existing.includes(path)) continue;
              unsaved.set(path, s.text);
              dependents = live.documentText(path, s.text);
              changed.push(path);
            } else if (s.kind === 'close' && unsaved.size > 0) {
              const path = [...unsaved.keys()][s.index % unsaved.size]!;
              unsaved.delete(path);
              dependents = live.documentClosed(path);
              changed.push(path);
            }
            const paths = filesUnder(root);
            const fresh = new ProjectGraph({ ...disk, read: textOf }, { isReported: () => true });
            const now = findingsOf(paths, textOf, (p) => live.linksFor(p));
            assert.deepEqual(now, findingsOf(paths, textOf, (p) => fresh.linksFor(p)), `after ${JSON.stringify(s)}`);
            for (const path of paths) {
              if (before.has(path) && before.get(path) !== now.get(path) && !changed.includes(path)) {
                assert.ok(dependents.includes(path), `${path} changed after ${JSON.stringify(s)} but was not named a dependent (${dependents.join(', ')})`);
              }
            }
            before = now;
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});
