/**
 * The docs are tested: every rule of the registry has a page whose header matches its metadata, the page's
 * invalid examples show the rule and its valid examples show nothing, and README's rule table is the registry.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../server/src/engine/index';
import { ALL_RULES } from '../server/src/engine/rules/index';

const REPO = join(__dirname, '..');
const DOCS = join(REPO, 'docs', 'rules');

interface Example {
  readonly section: string;
  readonly file: string;
  readonly text: string;
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  let section = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]!);
    if (heading) section = heading[1]!.trim();
    const fence = /^```(?:json|yaml) file=(\S+)$/.exec(lines[i]!);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({ section, file: fence[1]!, text: body.join('\n') + '\n' });
  }
  return out;
}

test('every registry rule has a docs page and every page is a rule', () => {
  const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();
  assert.deepEqual(pages, ALL_RULES.map((r) => r.id).sort());
});

for (const rule of ALL_RULES) {
  describe(`docs/rules/${rule.id}.md`, () => {
    const markdown = readFileSync(join(DOCS, `${rule.id}.md`), 'utf8');

    test('header matches the registry', () => {
      assert.ok(markdown.startsWith(`# ${rule.id}\n`));
      assert.match(markdown, new RegExp(`Default severity: \\*\\*${rule.defaultSeverity}\\*\\* · Fixable: ${rule.fixable ? 'yes' : 'no'}`));
      for (const section of ['## Why', '## Invalid', '## Valid', '## Configuration']) assert.ok(markdown.includes(`\n${section}\n`), section);
    });

    const blocks = examples(markdown);
    test('has invalid and valid examples', () => {
      assert.ok(blocks.some((b) => b.section === 'Invalid'));
      assert.ok(blocks.some((b) => b.section === 'Valid'));
    });
    for (const [index, block] of blocks.entries()) {
      if (block.section === 'Invalid') {
        test(`invalid example ${index + 1} (${block.file}) shows ${rule.id}`, () => {
          const ids = lintText({ path: `/docs-example/${block.file}`, text: block.text }).findings.map((f) => f.ruleId);
          assert.ok(ids.includes(rule.id), `got ${ids.join(', ') || 'nothing'}`);
        });
      } else if (block.section === 'Valid') {
        test(`valid example ${index + 1} (${block.file}) shows nothing`, () => {
          const result = lintText({ path: `/docs-example/${block.file}`, text: block.text });
          assert.ok(result.isClientConfig, 'the example is read as a client config');
          assert.deepEqual(result.findings.map((f) => f.ruleId), []);
        });
      }
    }
  });
}

test("README's rule table lists exactly the registry, with default severities and fixability", () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\(docs\/rules\/\1\.md\) \| (\w+) \| (yes|no) \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
  assert.deepEqual(rows, ALL_RULES.map((r) => `${r.id} ${r.defaultSeverity} ${r.fixable ? 'yes' : 'no'}`));
});

test('the bundled examples show every rule except parse-error', () => {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(json|ya?ml)$/.test(entry.name)) lintText({ path, text: readFileSync(path, 'utf8') }).findings.forEach((f) => ids.add(f.ruleId));
    }
  };
  walk(join(REPO, 'examples'));
  assert.deepEqual(ALL_RULES.map((r) => r.id).filter((id) => id !== 'parse-error' && !ids.has(id)), []);
});
