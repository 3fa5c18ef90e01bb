/**
 * The stylish summary names the files read with no client config where they are few (`1 without client configs:
 * package.json`), so a file meant to hold clients that holds none to the reader does not pass unseen; more are
 * counted only. Generated folders of 0 to 5 such files (JSON, YAML, Terraform) beside one tenant.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';

const EMPTY = [
  ['package.json', '{"name": "infra"}'],
  ['deploy.yaml', 'steps: [plan, apply]\n'],
  ['locals.tf', 'locals {\n  region = "eu"\n}\n'],
  ['settings.json', '{"a": 1}'],
  ['other.yml', 'x: 1\n'],
] as const;

test('the summary names the files without client configs where there are at most 3, and counts them always', async () => {
  await fc.assert(
    fc.asyncProperty(fc.subarray([...EMPTY]), async (empty) => {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-without-'));
      try {
        writeFileSync(join(dir, 'tenant.yaml'), 'clients:\n  - name: Web\n    app_type: spa\n    grant_types: [implicit]\n');
        for (const [name, text] of empty) writeFileSync(join(dir, name), text);
        const out = [...(await run(['.'], dir)).stdout].join('').replace(/\n(?!\n)/g, ' ');
        if (empty.length === 0) assert.doesNotMatch(out, /without client configs/);
        else if (empty.length <= 3) {
          const names = empty.map(([name]) => name).sort();
          assert.match(out, new RegExp(`${empty.length} without client configs: ([^.]|\\.(?! ))+`));
          const listed = /without client configs: (.*?)\.\s/.exec(out)![1]!.split(', ').sort();
          assert.deepEqual(listed, names, out);
        } else {
          assert.match(out, new RegExp(`${empty.length} without client configs\\.`), out);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 24 },
  );
});

test("a deploy directory's tenant.json, read for the tenant's flags, is not counted among files without client configs", async () => {
  await fc.assert(
    fc.asyncProperty(fc.subarray([...EMPTY]), fc.boolean(), async (empty, flags) => {
      const dir = mkdtempSync(join(tmpdir(), 'grantlint-without-'));
      try {
        mkdirSync(join(dir, 'clients'));
        writeFileSync(join(dir, 'tenant.json'), flags ? '{ "flags": { "allow_legacy_ro_grant_types": true } }\n' : '{ "friendly_name": "Acme" }\n');
        writeFileSync(join(dir, 'clients', 'Web.json'), '{ "name": "Web", "app_type": "spa", "grant_types": ["implicit"] }\n');
        for (const [name, text] of empty) writeFileSync(join(dir, name), text);
        const out = [...(await run(['.'], dir)).stdout].join('').replace(/\n(?!\n)/g, ' ');
        assert.doesNotMatch(out, /tenant\.json/, out);
        if (empty.length === 0) assert.doesNotMatch(out, /without client configs/, out);
        else assert.match(out, new RegExp(`${empty.length} without client configs`), out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 12 },
  );
});
