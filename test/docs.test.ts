/**
 * The docs are tested: every rule of the registry has a page whose header matches its metadata, the page's
 * invalid examples show the rule and its valid examples show nothing, and README's rule table is the registry.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DEFAULT_SETTINGS, lintText, type Fix } from '../server/src/engine/index';
import { capFindings } from '../server/src/engine/cap';
import { ALL_RULES, CLIENT_RULES } from '../server/src/engine/rules/index';
import { loadHclParser } from '../server/src/workspace/tree-sitter';

before(() => loadHclParser());

const REPO = join(__dirname, '..');
const DOCS = join(REPO, 'docs', 'rules');

interface Example {
  readonly section: string;
  readonly file: string;
  readonly text: string;
  /** `max-file-size=N` after the file name: the example is linted with that limit. */
  readonly maxFileSize: number | undefined;
  /** `max-findings=N`: the findings are capped as the editor caps them. */
  readonly maxFindings: number | undefined;
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  let section = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]!);
    if (heading) section = heading[1]!.trim();
    const fence = /^```(?:json|yaml|hcl) file=(\S+)(?: max-file-size=(\d+))?(?: max-findings=(\d+))?$/.exec(lines[i]!);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({
      section,
      file: fence[1]!,
      text: body.join('\n') + '\n',
      maxFileSize: fence[2] === undefined ? undefined : Number(fence[2]),
      maxFindings: fence[3] === undefined ? undefined : Number(fence[3]),
    });
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
      for (const section of ['## Why', '## What Auth0 does', '## Invalid', '## Valid', '## Configuration']) assert.ok(markdown.includes(`\n${section}\n`), section);
    });

    if (CLIENT_RULES.some((clientRule) => clientRule.id === rule.id)) {
      test('"What Auth0 does" names its sources', () => {
        const section = markdown.split('\n## What Auth0 does\n')[1]?.split('\n## ')[0] ?? '';
        assert.match(section, /\nSources?: \S/);
      });
    }

    const blocks = examples(markdown);
    test('has invalid and valid examples', () => {
      assert.ok(blocks.some((b) => b.section === 'Invalid'));
      assert.ok(blocks.some((b) => b.section === 'Valid'));
    });
    for (const [index, block] of blocks.entries()) {
      if (block.section === 'Invalid') {
        test(`invalid example ${index + 1} (${block.file}) shows ${rule.id}`, () => {
          const limit = block.maxFileSize === undefined ? {} : { maxFileSize: block.maxFileSize };
          const findings = lintText({ path: `/docs-example/${block.file}`, text: block.text, ...limit }).findings;
          const shown = block.maxFindings === undefined ? findings : capFindings(findings, DEFAULT_SETTINGS, { max: block.maxFindings });
          const ids = shown.map((f) => f.ruleId);
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

/** The numbered items of a page's "## Fixes" section, each joined onto one line. */
function fixItems(markdown: string): string[] {
  const section = /\n## Fixes\n([\s\S]*?)(?=\n## |$)/.exec(markdown)?.[1] ?? '';
  const items: string[] = [];
  for (const line of section.split('\n')) {
    if (/^\d+\. /.test(line)) items.push(line);
    else if (/^ {3}\S/.test(line) && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}

/** Every invalid fixture of a rule (test/fixtures/rules/<id>/), linted: the fixes its findings are offered. */
function fixtureFixes(ruleId: string): Fix[] {
  const folder = join(REPO, 'test', 'fixtures', 'rules', ruleId);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /\.(json|ya?ml)$/.test(name) && !/^valid[.-]/.test(name))
    .flatMap((name) => lintText({ path: join(folder, name), text: readFileSync(join(folder, name), 'utf8') }).findings)
    .filter((finding) => finding.ruleId === ruleId)
    .flatMap((finding) => finding.fixes);
}

// Rule book, "Safe and unsafe fixes": each rule's page says, fix by fix, whether it is safe, and says so in step
// with the code: every safety its fixtures' fixes have is stated, and a page that calls a fix safe has one.
for (const rule of ALL_RULES.filter((r) => r.fixable)) {
  test(`docs/rules/${rule.id}.md states each fix's safety, in step with the code`, () => {
    const items = fixItems(readFileSync(join(DOCS, `${rule.id}.md`), 'utf8'));
    assert.ok(items.length > 0, 'a numbered list of fixes under ## Fixes');
    for (const item of items) assert.match(item, /\*\*(safe|unsafe)\b/i, `states safe or unsafe: ${item}`);
    const stated = new Set(items.flatMap((item) => [...item.matchAll(/\*\*(safe|unsafe)\b/gi)].map((m) => m[1]!.toLowerCase())));
    const offered = fixtureFixes(rule.id);
    assert.ok(offered.length > 0, 'the fixtures offer a fix');
    for (const safety of new Set(offered.map((fix) => fix.safety))) assert.ok(stated.has(safety), `a ${safety} fix is offered but the page never says ${safety}`);
    if (stated.has('safe')) assert.ok(offered.some((fix) => fix.safety === 'safe'), 'the page calls a fix safe, but no fixture offers a safe one');
  });
}

test("README's rule table lists exactly the registry, with default severities and fixability", () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\(docs\/rules\/\1\.md\) \| (\w+) \| (yes|no) \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
  assert.deepEqual(rows, ALL_RULES.map((r) => `${r.id} ${r.defaultSeverity} ${r.fixable ? 'yes' : 'no'}`));
});

// A file-too-large example would have to be more than 50 MB, a too-many-findings one more than 1,000 findings;
// test/robustness/hostile.test.ts and test/lsp/limits.test.ts cover those rules.
const NOT_IN_EXAMPLES = new Set(['parse-error', 'file-too-large', 'too-many-findings']);
test('the bundled examples show every rule except parse-error, file-too-large and too-many-findings', () => {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(json|ya?ml)$/.test(entry.name)) lintText({ path, text: readFileSync(path, 'utf8') }).findings.forEach((f) => ids.add(f.ruleId));
    }
  };
  walk(join(REPO, 'examples'));
  assert.deepEqual(ALL_RULES.map((r) => r.id).filter((id) => !NOT_IN_EXAMPLES.has(id) && !ids.has(id)), []);
});
