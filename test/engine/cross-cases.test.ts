/**
 * The cases of ../shared/cases/cross/ (findings that need more than one object or file), pinned on the project's
 * own copies (test/fixtures/cases/cross/) and checked on the shared ones when they are there: each gives exactly
 * the findings its README row lists, linted as a folder (every file asked for) and file by file (one file asked
 * for, its module or directory read for links). tf-hcl waits for the HCL reader.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { LineIndex, lintText } from '../../server/src/engine/index';
import { diskProjectFiles } from '../../server/src/workspace/disk-project-files';
import { ProjectGraph } from '../../server/src/workspace/project-graph';

const OWN = join(__dirname, '..', 'fixtures', 'cases', 'cross');
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'cases', 'cross');

/** Per case folder: each file's findings as `rule@line:severity`, in the README's words. */
const EXPECTED: Record<string, Record<string, readonly string[]>> = {
  'deploy-yaml': {
    'tenant.yaml': ['m2m-without-client-credentials@7:warning', 'client-grant-without-client-credentials@19:warning', 'third-party-system-api-grant@22:error'],
  },
  'deploy-dir': {
    'tenant.json': [],
    'clients/Old Portal.json': ['legacy-grant-type@5:warning'],
    'clients/Ledger Export.json': ['m2m-without-client-credentials@5:warning'],
    'grants/ledger-export-api.json': ['client-grant-without-client-credentials@2:warning'],
  },
  'tf-json': {
    'main.tf.json': ['public-client-credentials@7:error', 'public-client-credentials@12:error'],
    'credentials.tf.json': [],
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Each file's findings when `asked` are the files asked for (the rest are read for links only). */
function findingsOf(folder: string, asked: readonly string[]): Record<string, string[]> {
  const graph = new ProjectGraph(diskProjectFiles(), { isReported: (path) => asked.includes(path) });
  const out: Record<string, string[]> = {};
  for (const path of asked) {
    const text = readFileSync(path, 'utf8');
    const { links, problems } = graph.linksFor(path);
    assert.deepEqual(problems, [], 'every sibling is read');
    const lines = new LineIndex(text);
    out[relative(folder, path)] = lintText({ path, text, links }).findings.map((f) => `${f.ruleId}@${lines.positionAt(f.span.start).line + 1}:${f.severity}`);
  }
  return out;
}

function checkCases(root: string): void {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const folder = join(root, name);
    const files = filesUnder(folder).sort();
    assert.deepEqual(files.map((f) => relative(folder, f)).sort(), Object.keys(expected).sort(), `${name}: the case's files`);
    assert.deepEqual(findingsOf(folder, files), expected, `${name} linted as a folder`);
    for (const file of files) {
      const alone = findingsOf(folder, [file]);
      assert.deepEqual(alone, { [relative(folder, file)]: expected[relative(folder, file)] }, `${name}: ${relative(folder, file)} linted alone`);
    }
  }
}

describe('cross-file cases', () => {
  test("the project's own copies give exactly the listed findings, as folders and file by file", () => {
    checkCases(OWN);
  });

  test('the shared cases give the same findings, and the copies match them', (t) => {
    if (!existsSync(SHARED)) {
      t.skip('../shared/cases/cross is absent (a fresh clone elsewhere): only the copies are checked');
      return;
    }
    checkCases(SHARED);
    for (const name of Object.keys(EXPECTED)) {
      for (const file of filesUnder(join(OWN, name))) {
        assert.equal(readFileSync(file, 'utf8'), readFileSync(join(SHARED, name, relative(join(OWN, name), file)), 'utf8'), relative(OWN, file));
      }
    }
  });

  test('without links each file is read alone, as before: the Terraform method is unknown, the flags are absent', () => {
    const main = join(OWN, 'tf-json', 'main.tf.json');
    assert.deepEqual(lintText({ path: main, text: readFileSync(main, 'utf8') }).findings.map((f) => f.ruleId), []);
    const portal = join(OWN, 'deploy-dir', 'clients', 'Old Portal.json');
    assert.deepEqual(lintText({ path: portal, text: readFileSync(portal, 'utf8') }).findings.map((f) => `${f.ruleId}:${f.severity}`), ['legacy-grant-type:error']);
  });
});
