/**
 * Terraform HCL: after every edit, the incremental linter (re-reading one resource block, engine/incremental-hcl.ts)
 * gives what a full re-lint of the new text gives: findings, positions, related spans, rendered fixes, client
 * names and anchors. Random edits of every kind: inside a client's or a credentials resource's braces, in headers
 * and braces, across blocks, breaking and repairing the HCL, heredocs and comments typed in, client_id relinked;
 * and findings reused for clients that only moved render exactly as fresh ones.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintText } from '../../server/src/engine/index';
import { IncrementalLinter } from '../../server/src/engine/incremental';
import { linkTerraformModule, type ProjectLinks } from '../../server/src/engine/links';
import { parseText } from '../../server/src/engine/lint';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { generateTerraformHcl, generateTerraformModule } from '../helpers/terraform-generator';
import { Prng } from '../robustness/prng';
import { observable, randomEdit } from '../helpers/hcl-edits';

before(() => loadHclParser());

const RUNS = Number(process.env['INCREMENTAL_EDITS'] ?? 250);
const PATH = '/work/infra/auth0/main.tf';

test('HCL: incremental results equal a full re-lint after every random edit', () => {
  const prng = new Prng(20261130);
  const random = () => prng.next();
  // Credentials after each client, or all after the clients (an edit then lies between a client and its credentials).
  const fresh = (seed: number) => generateTerraformHcl({ clients: 30, seed, invalidShare: 0.4, credentialsLast: seed % 2 === 1 });
  let text = fresh(7);
  const linter = new IncrementalLinter(PATH, 'hcl');
  linter.lint(text);
  let reused = 0;
  for (let step = 0; step < RUNS; step++) {
    text = step % 25 === 24 ? fresh(step) : randomEdit(text, random);
    const outcome = linter.lint(text);
    if (outcome.incremental) reused++;
    const full = lintText({ path: PATH, text, format: 'hcl' });
    assert.deepEqual(observable(text, outcome.result), observable(text, full), `step ${step}`);
  }
  // Random edits often break the file, and the edit after a broken one re-reads it whole: still, the fast path
  // must be exercised.
  assert.ok(reused > RUNS / 8, `only ${reused} of ${RUNS} edits were incremental`);
});

test('HCL: typing a grant into one client, then a method into its credentials, stays incremental and exact', () => {
  let text = generateTerraformHcl({ clients: 200, seed: 3 });
  const linter = new IncrementalLinter(PATH, 'hcl');
  linter.lint(text);
  let incremental = 0;
  let keystrokes = 0;
  const type = (at: number, typed: string): void => {
    for (let i = 1; i <= typed.length; i++) {
      text = text.slice(0, at) + typed.slice(0, i) + text.slice(at + i - 1);
      const outcome = linter.lint(text);
      keystrokes++;
      if (outcome.incremental) incremental++;
      assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: PATH, text, format: 'hcl' })));
    }
  };
  // At the end of a grant_types tuple of a client in the middle of the module: a comma, then a quote, which the
  // editor closes as it opens it, then the grant.
  const at = text.indexOf('"refresh_token"]', text.length / 2) + '"refresh_token"'.length;
  type(at, ', ');
  text = `${text.slice(0, at + 2)}""${text.slice(at + 2)}`;
  assert.equal(linter.lint(text).incremental, true);
  type(at + 3, 'implicit');
  // The auth method of a credentials resource further down.
  const method = text.indexOf('authentication_method = "', (text.length * 3) / 4) + 'authentication_method = "'.length;
  type(method, 'x');
  assert.equal(incremental, keystrokes, `${incremental} of ${keystrokes} keystrokes were incremental`);
});

test('HCL: a file with client grants is re-read whole after an edit, and stays exact', () => {
  const grant = '\nresource "auth0_client_grant" "api" {\n  client_id = auth0_client.client_1.id\n  audience  = "https://api.example.com/"\n  scopes    = ["read:all"]\n}\n';
  let text = generateTerraformHcl({ clients: 10, seed: 5 }) + grant;
  const linter = new IncrementalLinter(PATH, 'hcl');
  linter.lint(text);
  const at = text.indexOf('"refresh_token"') + 1;
  text = `${text.slice(0, at)}x${text.slice(at)}`;
  const outcome = linter.lint(text);
  assert.equal(outcome.incremental, false);
  assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: PATH, text, format: 'hcl' })));
});

/** The module's links for `main.tf` and `credentials.tf` (the credentials file reported itself or not). */
function moduleLinks(mainText: string, credentialsText: string, credentialsReported: boolean): ProjectLinks {
  const file = (path: string, text: string, reported: boolean) => ({ path, text, parsed: parseText(text, 'hcl'), reported });
  return linkTerraformModule([file(PATH, mainText, true), file(CREDENTIALS_PATH, credentialsText, credentialsReported)], true);
}

const CREDENTIALS_PATH = '/work/infra/auth0/credentials.tf';

test('HCL with a module of two files: a one-block re-read takes the links, and equals a full lint with them', () => {
  for (const credentialsReported of [false, true]) {
    const prng = new Prng(credentialsReported ? 11 : 12);
    const random = () => prng.next();
    const files = generateTerraformModule({ clients: 30, seed: 9, invalidShare: 0.5 });
    let text = files['main.tf']!;
    const links = moduleLinks(text, files['credentials.tf']!, credentialsReported);
    const linter = new IncrementalLinter(PATH, 'hcl');
    linter.lint(text, undefined, links);
    let reused = 0;
    let placedFromElsewhere = 0;
    for (let step = 0; step < RUNS; step++) {
      text = randomEdit(text, random);
      const outcome = linter.lint(text, undefined, links);
      if (outcome.incremental) reused++;
      const full = lintText({ path: PATH, text, format: 'hcl', links });
      assert.deepEqual(observable(text, outcome.result), observable(text, full), `step ${step} (credentials file reported: ${credentialsReported})`);
      if (outcome.incremental && full.findings.some((f) => f.related.some((r) => r.elsewhere !== undefined))) placedFromElsewhere++;
    }
    assert.ok(reused > RUNS / 8, `only ${reused} of ${RUNS} edits were incremental`);
    // Findings about a client's method in credentials.tf name its place there: the re-read must place them so.
    assert.ok(placedFromElsewhere > 0, 'no incremental result held a finding with a value of the other file');
  }
});

test('HCL with a module of two files: an edit in one client keeps every other client\'s findings, unchanged or moved', () => {
  // The editor re-renders only new findings (service/findings.ts): a client whose credentials resource is in the
  // other file is not touched by an edit here, before or after it, so its findings must not be made anew.
  const files = generateTerraformModule({ clients: 40, seed: 21, invalidShare: 0.5 });
  for (const credentialsReported of [false, true]) {
    let text = files['main.tf']!;
    const links = moduleLinks(text, files['credentials.tf']!, credentialsReported);
    const linter = new IncrementalLinter(PATH, 'hcl');
    let previous = linter.lint(text, undefined, links).result;
    let checked = 0;
    // One-character edits, growing and shrinking, at grant values spread over the file.
    for (let n = 1; n <= 8; n++) {
      const at = text.indexOf('"refresh_token"', Math.floor((text.length * n) / 10));
      if (at < 0) continue;
      for (const [insert, removed] of [['X', 0], ['', 1], ['n', 1]] as const) {
        text = `${text.slice(0, at + 13)}${insert}${text.slice(at + 13 + removed)}`;
        const outcome = linter.lint(text, undefined, links);
        assert.equal(outcome.incremental, true, 'a one-block re-read');
        assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: PATH, text, format: 'hcl', links })));
        const edited = outcome.result.clients.findIndex((c) => c.node.start <= at && at < c.node.end);
        const before = new Set(previous.findings);
        outcome.result.clientFindings.forEach((findings, i) => {
          if (i === edited) return;
          for (const finding of findings) {
            const kept = before.has(finding) || (outcome.moved?.has(finding) === true && before.has(outcome.moved.get(finding)!));
            assert.ok(kept, `client ${outcome.result.clients[i]!.name}: ${finding.ruleId} made anew after an edit in another client`);
            checked++;
          }
        });
        previous = outcome.result;
      }
    }
    assert.ok(checked > 100, `only ${checked} findings of other clients were checked`);
  }
});

test('HCL with a module of two files: re-reading a client whose finding names its method in the other file places it as a full lint', () => {
  const files = generateTerraformModule({ clients: 30, seed: 9, invalidShare: 0.5 });
  for (const credentialsReported of [false, true]) {
    let text = files['main.tf']!;
    const links = moduleLinks(text, files['credentials.tf']!, credentialsReported);
    const linter = new IncrementalLinter(PATH, 'hcl');
    const first = linter.lint(text, undefined, links);
    const linked = first.result.findings.filter((f) => f.related.some((r) => r.elsewhere !== undefined));
    assert.ok(linked.length > 0, 'the module has a finding about a value in credentials.tf');
    for (const finding of linked) {
      // A space typed before the finding's value, inside its client's braces.
      const at = lintText({ path: PATH, text, format: 'hcl', links }).findings.find((f) => f.ruleId === finding.ruleId && f.message === finding.message)!.span.start;
      text = `${text.slice(0, at)} ${text.slice(at)}`;
      const outcome = linter.lint(text, undefined, links);
      assert.equal(outcome.incremental, true);
      assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: PATH, text, format: 'hcl', links })));
    }
  }
});

test('HCL: a file holding the credentials of clients of another file is re-read whole, and stays exact', () => {
  const files = generateTerraformModule({ clients: 20, seed: 4, invalidShare: 0.5 });
  let text = files['credentials.tf']!;
  const links = moduleLinks(files['main.tf']!, text, true);
  const linter = new IncrementalLinter(CREDENTIALS_PATH, 'hcl');
  const first = linter.lint(text, undefined, links);
  assert.ok(first.result.guests.length > 0, 'the credentials file has guest clients');
  const at = text.indexOf('authentication_method = "') + 'authentication_method = "'.length;
  text = `${text.slice(0, at)}x${text.slice(at)}`;
  const outcome = linter.lint(text, undefined, links);
  assert.equal(outcome.incremental, false);
  assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: CREDENTIALS_PATH, text, format: 'hcl', links })));
});
