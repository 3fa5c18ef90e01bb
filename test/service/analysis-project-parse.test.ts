/**
 * A file linked to its project is linted from the parse its project made for the links (the lint worker hands
 * `LiveProjects.parsedOf` to `DocumentAnalyzer.analyze`), not parsed a second time: the findings are those of
 * a lint that parses the text itself, for the files of Terraform modules, open documents edited included; a
 * parse of another text is not used.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { DocumentAnalyzer, type AnalyzeInput } from '../../server/src/service/analysis';
import { LiveProjects } from '../../server/src/workspace/live-projects';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformModule } from '../helpers/terraform-generator';

const ROOT = mkdtempSync(join(tmpdir(), 'grantlint-analysis-parse-'));
const CASE = join(__dirname, '..', 'fixtures', 'cases', 'cross', 'tf-hcl');

before(async () => {
  await loadHclParser();
  for (const seed of [3, 11]) {
    const dir = join(ROOT, `module-${seed}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(generateTerraformModule({ clients: 30, seed }))) writeFileSync(join(dir, name), text);
  }
  cpSync(CASE, join(ROOT, 'tf-hcl'), { recursive: true });
});
after(() => rmSync(ROOT, { recursive: true, force: true }));

function modules(): string[][] {
  return readdirSync(ROOT).map((dir) => readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.tf')).map((name) => join(ROOT, dir, name)));
}

/** The findings as the editor gets them, with their places and fixes. */
function analyzed(input: AnalyzeInput): unknown {
  const analysis = new DocumentAnalyzer().analyze(input);
  assert.ok(analysis);
  return analysis.result.findings;
}

/** A text as someone edits it: one grant changed (an unknown one added where a list of grants starts). */
function edited(text: string): string {
  return text.replace('grant_types     = [', 'grant_types     = ["passwordd", ');
}

describe('a file linked to its project is linted from its project parse', () => {
  test('files of Terraform modules, as on disk and as open documents edited', () => {
    const paths = modules().flat();
    assert.ok(paths.length >= 5, `expected the modules' .tf files, found ${paths.length}`);
    for (const path of paths) {
      for (const open of [false, true]) {
        const live = new LiveProjects();
        const text = open ? edited(readFileSync(path, 'utf8')) : readFileSync(path, 'utf8');
        if (open) live.documentText(path, text);
        const { links } = live.linksFor(path);
        assert.ok(links, `${path}: no links`);
        const parsed = live.parsedOf(path);
        assert.ok(parsed, `${path}: the project did not parse it`);
        assert.equal(parsed.text, text, `${path}: the project's parse is of another text`);
        const base: AnalyzeInput = { path, text, languageId: 'terraform', settings: DEFAULT_SETTINGS, links };
        const reused = new DocumentAnalyzer().analyze({ ...base, parsed });
        assert.ok(reused);
        assert.equal(reused.result.parsed, parsed.file, `${path}: parsed again instead of reusing the project's parse`);
        assert.deepEqual(reused.result.findings, analyzed(base), `${path}${open ? ' (open, edited)' : ''}: findings differ`);
      }
    }
  });

  test("a parse of another text than the document's is not used", () => {
    const [path] = modules().find((files) => files.some((f) => f.endsWith('main.tf')))!.filter((f) => f.endsWith('main.tf'));
    const live = new LiveProjects();
    const { links } = live.linksFor(path!);
    const stale = live.parsedOf(path!);
    assert.ok(stale && links);
    const text = edited(stale.text);
    assert.notEqual(text, stale.text);
    const base: AnalyzeInput = { path: path!, text, languageId: 'terraform', settings: DEFAULT_SETTINGS, links };
    const analysis = new DocumentAnalyzer().analyze({ ...base, parsed: stale });
    assert.ok(analysis);
    assert.notEqual(analysis.result.parsed, stale.file);
    assert.deepEqual(analysis.result.findings, analyzed(base));
    assert.ok(analysis.result.findings.some((f) => f.ruleId === 'unknown-grant-type'), 'the edit adds an unknown grant');
  });
});
