/**
 * SARIF paths resolve from a subfolder of a git repository: code scanning reads a relative `uri` from the
 * repository's root, so a run in `infra/` names `infra/tenant.yaml` with `uriBaseId` `%SRCROOT%`, and
 * `originalUriBaseIds` gives the root's file URI. Generated layouts (the run at the root or one to three folders
 * down, `.git` a folder or a worktree's file, files in the folder run in, beside it and above it, given as `.` or
 * `../x`) give the results a run at the root gives, each path naming the same file. Outside a repository, and at
 * its root, the paths are as before: relative to the working directory, with no base.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

const TENANT = 'clients:\n  - name: Shop\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types: [authorization_code, client_credentials]\nclientGrants:\n  - client_id: Nobody\n    audience: https://api.example.com/\n';
const EXPORT = JSON.stringify([{ name: 'Kiosk', app_type: 'native', token_endpoint_auth_method: 'none', grant_types: ['implicit'] }]);

interface Location {
  readonly physicalLocation: { readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string } };
}
interface SarifRun {
  readonly originalUriBaseIds?: Record<string, { readonly uri: string }>;
  readonly results: readonly { readonly ruleId: string; readonly locations: readonly Location[] }[];
  readonly invocations?: readonly { readonly toolExecutionNotifications: readonly { readonly locations: readonly Location[] }[] }[];
}

async function sarif(args: readonly string[], cwd: string): Promise<SarifRun> {
  const out = await run(['--format', 'sarif', ...args], cwd);
  return (JSON.parse([...out.stdout].join('')) as { runs: SarifRun[] }).runs[0]!;
}

/** Every location of the run: results, then notes. */
function locations(r: SarifRun): Location[] {
  return [...r.results.flatMap((x) => x.locations), ...(r.invocations ?? []).flatMap((i) => i.toolExecutionNotifications.flatMap((n) => n.locations))];
}

/** The absolute path a location names: from its base id's URI, else from the working directory. */
function resolved(r: SarifRun, location: Location, cwd: string): string {
  const { uri, uriBaseId } = location.physicalLocation.artifactLocation;
  if (uriBaseId === undefined) return resolve(cwd, decodeURI(uri));
  const base = r.originalUriBaseIds?.[uriBaseId]?.uri;
  assert.ok(base?.endsWith('/'), `${uriBaseId} has a base URI ending in /`);
  return fileURLToPath(new URL(uri, base));
}

const layoutArb = fc.record({
  folders: fc.array(fc.constantFrom('infra', 'auth0 config', 'prod'), { maxLength: 3 }),
  gitFile: fc.boolean(),
  sibling: fc.boolean(),
});

test('from a subfolder, each path names its file from the repository root; the results are the root run’s', async () => {
  await fc.assert(
    fc.asyncProperty(layoutArb, async ({ folders, gitFile, sibling }) => {
      const repo = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-sarif-root-')));
      try {
        if (gitFile) writeFileSync(join(repo, '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n');
        else mkdirSync(join(repo, '.git'));
        const cwd = join(repo, ...folders);
        mkdirSync(join(cwd, 'clients'), { recursive: true });
        writeFileSync(join(cwd, 'tenant.yaml'), TENANT);
        writeFileSync(join(cwd, 'clients', 'Kiosk App.json'), EXPORT);
        const outside = join(repo, 'shared');
        mkdirSync(outside, { recursive: true });
        writeFileSync(join(outside, 'export.json'), EXPORT);
        const targets = sibling && folders.length > 0 ? ['.', relative(cwd, join(outside, 'export.json'))] : ['.'];
        const here = await sarif(targets, cwd);
        const fromRoot = await sarif(targets.map((t) => relative(repo, resolve(cwd, t)) || '.'), repo);
        const named = locations(here).map((l) => resolved(here, l, cwd));
        assert.deepEqual(named, locations(fromRoot).map((l) => resolved(fromRoot, l, repo)));
        assert.ok(named.every((path) => path.startsWith(repo + sep)), named.join(', '));
        assert.deepEqual(here.results.map((x) => x.ruleId), fromRoot.results.map((x) => x.ruleId));
        // The root run is as before: paths from the working directory, no base.
        assert.equal(fromRoot.originalUriBaseIds, undefined);
        assert.ok(locations(fromRoot).every((l) => l.physicalLocation.artifactLocation.uriBaseId === undefined));
        if (folders.length === 0) {
          assert.deepEqual(here, fromRoot);
        } else {
          // From a subfolder: every path is the root run's, read from %SRCROOT%.
          assert.deepEqual(here.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${encodeURI(repo)}/` } });
          assert.deepEqual(
            locations(here).map((l) => l.physicalLocation.artifactLocation),
            locations(fromRoot).map((l) => ({ ...l.physicalLocation.artifactLocation, uriBaseId: '%SRCROOT%' })),
          );
        }
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
    }),
    { numRuns: 25 },
  );
});

test('outside any git repository, paths stay relative to the working directory with no base', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-sarif-norepo-')));
  try {
    const cwd = join(dir, 'infra');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'tenant.yaml'), TENANT);
    const r = await sarif(['.'], cwd);
    assert.equal(r.originalUriBaseIds, undefined);
    assert.deepEqual([...new Set(locations(r).map((l) => JSON.stringify(l.physicalLocation.artifactLocation)))], ['{"uri":"tenant.yaml"}']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
