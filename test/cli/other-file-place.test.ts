/**
 * A message that names a place in another file of its project (`(see credentials.tf:8:27)`, `(see clients/Client
 * 0.json:5:19)`) names it from the project's folder, so the text is the same whichever folder the CLI runs from (a
 * repository's root, as CI runs it, or the module's folder); the place gives way before the rule's first clause is
 * cut; and stylish never wraps a line inside a place (a path with spaces), so terminals can still make it a link.
 * Generated split projects (Terraform HCL and JSON modules, deploy-cli directories) placed deep in a repository.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { renderSplitProject, splitProjectArb } from '../helpers/split-project-generator';
import { wrap } from '../../server/src/cli/formatters/stylish';

const DEEP = 'infra/environments/production-eu-west/auth0';
const LONG_NAME = 'Customer Identity Platform Background Synchronisation Worker For European Union Data Residency Region';
const PLACE = /\((?:see |value in )?([^()]*:\d+:\d+)\)/g;

async function json(args: readonly string[], cwd: string): Promise<CliFinding[]> {
  return JSON.parse([...(await run(['--format', 'json', ...args], cwd)).stdout].join('')) as CliFinding[];
}

test('a place in another file is named from the project, keeps the rule sentence whole, and is never wrapped', async () => {
  await loadHclParser();
  let placed = 0;
  await fc.assert(
    fc.asyncProperty(splitProjectArb, fc.nat(LONG_NAME.length), async ({ clients, form }, tail) => {
      const repo = mkdtempSync(join(tmpdir(), 'grantlint-place-'));
      try {
        mkdirSync(join(repo, '.git'));
        const project = join(repo, DEEP);
        // Names short and long (up to a place and a name that cannot both fit beside the rule's sentence).
        for (const [rel, text] of Object.entries(renderSplitProject(clients, form, (i) => `Client ${i} ${LONG_NAME.slice(0, tail)}`.trim()))) {
          mkdirSync(dirname(join(project, rel)), { recursive: true });
          writeFileSync(join(project, rel), text);
        }
        const fromRoot = await json([DEEP], repo);
        const fromProject = await json(['.'], project);
        assert.deepEqual(fromRoot.map((f) => f.message), fromProject.map((f) => f.message), 'the same messages from the repository root and the project folder');
        const stylish = [...(await run([DEEP], repo)).stdout].join('');
        for (const finding of fromRoot) {
          // The consequence is kept before a place or a long name's end (`, so its ... token requests fail`).
          if (finding.ruleId === 'client-grant-without-client-credentials' && / is public/.test(finding.message)) assert.match(finding.message, /token requests fail/, finding.message);
          const places = [...finding.message.matchAll(PLACE)].map((m) => m[1]!);
          if (places.length === 0) continue;
          placed++;
          for (const place of places) {
            assert.ok(!place.includes(DEEP) && !place.startsWith('..'), `named from the project's folder: ${finding.message}`);
            assert.ok(stylish.split('\n').some((line) => line.includes(place)), `stylish keeps ${place} on one line:\n${stylish}`);
          }
          // Neither the rule's sentence nor a name is clipped to keep the place, nor the place itself.
          assert.ok(!finding.message.includes('…'), `clipped to keep the place: ${finding.message}`);
        }
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
    }),
    { numRuns: 40 },
  );
  assert.ok(placed > 10, `${placed} messages named a place`);
});

test('wrap never breaks inside a place, whatever the width and where it falls', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 0, maxLength: 80 }).map((s) => s.replace(/[()]/g, '')), fc.array(fc.stringMatching(/^[A-Za-z]{1,10}$/), { minLength: 1, maxLength: 4 }), fc.integer({ min: 20, max: 100 }), fc.constantFrom('see ', 'value in ', ''), (before, words, width, lead) => {
      const place = `clients/${words.join(' ')}.json:12:3`;
      const text = `${before.trim()} (${lead}${place})`.trim();
      const lines = wrap(text, width);
      assert.equal(lines.join(' ').replace(/\s+/g, ' '), text.replace(/\s+/g, ' '));
      assert.ok(lines.some((line) => line.includes(place)), `${JSON.stringify(lines)}`);
    }),
    { numRuns: 500 },
  );
});
