/**
 * After every edit, the incremental linter's findings equal a full re-lint of the new text: random edits of
 * every kind (inside a client, across clients, in the tenant settings, breaking and repairing the YAML).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditRenderer, LineIndex, lintText, type LintResult, type ValueNode } from '../../server/src/engine/index';
import { changedRange, IncrementalLinter, mergeChanges, type Change } from '../../server/src/engine/incremental';
import { generateAnchoredTenantYaml } from '../helpers/anchored-tenant-generator';
import { generateTenantYaml, generateTenantYamlWithGrants } from '../helpers/tenant-generator';
import { Prng } from '../robustness/prng';

const RUNS = Number(process.env['INCREMENTAL_EDITS'] ?? 600);

/** Everything a client of the engine sees: findings, positions, related spans and rendered fixes. */
function observable(text: string, result: LintResult): string[] {
  const renderer = new EditRenderer(text, result.format);
  return result.findings.map((f) =>
    JSON.stringify([
      f.ruleId,
      f.severity,
      f.message,
      f.span,
      f.related,
      f.fixes.map((fix) => [fix.title, renderer.render(fix.edits)]),
      result.clients.map((c) => [c.name, c.anchor]).length,
    ]),
  );
}

const SNIPPETS = ['x', ' ', '\n', '\n    ', '- ', ': ', '#', 'client_credentials', '\n      - implicit', '"', '[', 'none', '\n  - name: New\n    app_type: spa'];

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.4) return text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.7) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 6)));
  if (kind < 0.85) {
    // Swap a grant value for another, the most common real edit.
    const values = ['authorization_code', 'client_credentials', 'refresh_token', 'implicit', 'password', 'authorisation_code'];
    const from = values[Math.floor(random() * values.length)]!;
    const index = text.indexOf(from, at);
    if (index < 0) return text;
    return text.slice(0, index) + values[Math.floor(random() * values.length)] + text.slice(index + from.length);
  }
  return text.slice(0, at) + text.slice(at, at + 1).toUpperCase() + text.slice(at + 1);
}

test('incremental results equal a full re-lint after every random edit', () => {
  const prng = new Prng(20261127);
  const random = () => prng.next();
  let text = generateTenantYaml({ clients: 40, seed: 7, invalidShare: 0.3 });
  const linter = new IncrementalLinter('tenant.yaml', 'yaml');
  linter.lint(text);
  let reused = 0;
  for (let step = 0; step < RUNS; step++) {
    // Now and then start over from a clean tenant, so the file does not drift into permanent breakage.
    text = step % 25 === 24 ? generateTenantYaml({ clients: 40, seed: step, invalidShare: 0.3 }) : randomEdit(text, random);
    const outcome = linter.lint(text);
    if (outcome.incremental) reused++;
    const full = lintText({ path: 'tenant.yaml', text, format: 'yaml' });
    assert.deepEqual(observable(text, outcome.result), observable(text, full), `step ${step}`);
  }
  // Random edits often break the file, which forces full re-lints; the fast path must still be exercised.
  assert.ok(reused > RUNS / 10, `only ${reused} of ${RUNS} edits were incremental`);
});

test('a typing session inside one client stays incremental and exact', () => {
  let text = generateTenantYaml({ clients: 200, seed: 3 });
  const linter = new IncrementalLinter('tenant.yaml', 'yaml');
  linter.lint(text);
  const at = text.indexOf('      - refresh_token', text.length / 2);
  const typed = '\n      - client_credentials';
  let incremental = 0;
  for (let i = 1; i <= typed.length; i++) {
    text = text.slice(0, at) + typed.slice(0, i) + text.slice(at + i - 1);
    const outcome = linter.lint(text);
    if (outcome.incremental) incremental++;
    assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: 'tenant.yaml', text, format: 'yaml' })));
  }
  assert.ok(incremental >= typed.length - 2, `${incremental} of ${typed.length} keystrokes were incremental`);
});

test('a line index updated after an edit equals one built from scratch', () => {
  const prng = new Prng(99);
  const random = () => prng.next();
  let text = generateTenantYaml({ clients: 20, seed: 5 });
  let index = new LineIndex(text);
  for (let step = 0; step < 300; step++) {
    const next = randomEdit(text, random);
    index = index.afterEdit(next, changedRange(text, next));
    text = next;
    const fresh = new LineIndex(text);
    assert.equal(index.lineCount, fresh.lineCount, `step ${step}`);
    for (let line = 0; line < fresh.lineCount; line++) assert.equal(index.lineStart(line), fresh.lineStart(line), `step ${step}, line ${line}`);
    for (let offset = 0; offset <= text.length; offset += 37) assert.deepEqual(index.positionAt(offset), fresh.positionAt(offset));
  }
});

test('edits reported by the caller (merged between lints) give the same results as comparing texts', () => {
  const prng = new Prng(5150);
  const pick = (n: number) => Math.floor(prng.next() * n);
  let text = generateTenantYaml({ clients: 40, seed: 9, invalidShare: 0.3 });
  const told = new IncrementalLinter('tenant.yaml', 'yaml');
  told.lint(text);
  let incremental = 0;
  for (let step = 0; step < 300; step++) {
    // One to three edits between lints, each reported as the range it replaced.
    let change: Change | undefined;
    if (step % 20 === 19) {
      // Start over now and then (the whole text replaced), so the file does not stay broken.
      const fresh = generateTenantYaml({ clients: 40, seed: step, invalidShare: 0.3 });
      change = { start: 0, oldEnd: text.length, newEnd: fresh.length };
      text = fresh;
    }
    for (let e = pick(3); e > 0; e--) {
      const start = pick(text.length + 1);
      const end = Math.min(text.length, start + (prng.next() < 0.4 ? pick(12) : 0));
      const insert = SNIPPETS[pick(SNIPPETS.length)]!;
      const next: Change = { start, oldEnd: end, newEnd: start + insert.length };
      change = change ? mergeChanges(change, next, text.length) : next;
      text = text.slice(0, start) + insert + text.slice(end);
    }
    const outcome = told.lint(text, change);
    if (outcome.incremental) incremental++;
    assert.deepEqual(observable(text, outcome.result), observable(text, lintText({ path: 'tenant.yaml', text, format: 'yaml' })), `step ${step}`);
  }
  assert.ok(incremental > 30, `${incremental} of 300 lints were incremental`);
});

test('merged changes cover exactly what changed', () => {
  const prng = new Prng(77);
  const pick = (n: number) => Math.floor(prng.next() * n);
  for (let run = 0; run < 2000; run++) {
    const a = 'abcdefghij'.repeat(1 + pick(3));
    const apply = (text: string, c: { start: number; end: number; insert: string }) => text.slice(0, c.start) + c.insert + text.slice(c.end);
    const edit = (text: string) => {
      const start = pick(text.length + 1);
      return { start, end: Math.min(text.length, start + pick(4)), insert: 'XY'.slice(0, pick(3)) };
    };
    const first = edit(a);
    const b = apply(a, first);
    const second = edit(b);
    const c = apply(b, second);
    const merged = mergeChanges({ start: first.start, oldEnd: first.end, newEnd: first.start + first.insert.length }, { start: second.start, oldEnd: second.end, newEnd: second.start + second.insert.length }, b.length);
    // Outside the merged range the texts agree, and the range is no wider than the two edits together.
    assert.equal(a.slice(0, merged.start), c.slice(0, merged.start));
    assert.equal(a.slice(merged.oldEnd), c.slice(merged.newEnd));
    assert.equal(merged.start, Math.min(first.start, second.start));
    assert.ok(merged.start <= merged.oldEnd && merged.start <= merged.newEnd && merged.newEnd <= c.length, JSON.stringify({ a, first, second, merged }));
  }
});

test('in a file with anchors, edits (to an anchor, an alias, a merge key, any client) give exactly a full re-lint', () => {
  const prng = new Prng(20261130);
  const random = () => prng.next();
  let text = generateAnchoredTenantYaml(12, 5);
  const linter = new IncrementalLinter('tenant.yaml', 'yaml');
  linter.lint(text);
  for (let step = 0; step < RUNS / 3; step++) {
    text = step % 20 === 19 ? generateAnchoredTenantYaml(12, step) : randomEdit(text, random);
    const outcome = linter.lint(text);
    const full = lintText({ path: 'tenant.yaml', text, format: 'yaml' });
    assert.deepEqual(observable(text, outcome.result), observable(text, full), `step ${step}`);
    if (full.parsed.anchors?.length) assert.equal(outcome.incremental && outcome.change?.start !== outcome.change?.oldEnd, false, 'a file with anchors is re-read whole');
  }
  // An edit to an anchored value re-checks the client that merges it: public, then confidential.
  const base = 'x: &base {token_endpoint_auth_method: none}\nclients:\n  - name: Worker\n    <<: *base\n    app_type: regular_web\n    grant_types: [client_credentials]\n';
  const edited = base.replace('method: none', 'method: client_secret_post');
  const session = new IncrementalLinter('tenant.yaml', 'yaml');
  assert.deepEqual(session.lint(base).result.findings.map((f) => f.ruleId), ['public-client-credentials']);
  assert.deepEqual(session.lint(edited).result.findings.map((f) => f.ruleId), []);
  // A client without anchors in a file without them keeps the one-client path.
  let plain = generateTenantYaml({ clients: 30, seed: 9 });
  const fast = new IncrementalLinter('tenant.yaml', 'yaml');
  fast.lint(plain);
  const at = plain.indexOf('      - refresh_token', plain.length / 2);
  plain = plain.slice(0, at) + '      - implicit\n' + plain.slice(at);
  assert.equal(fast.lint(plain).incremental, true);
});

/**
 * Typing inside a client of a tenant with client grants: the grants naming it are judged again (a grant's finding
 * comes or goes as its client gains or loses client_credentials, turns public or third-party), the rest are kept.
 * Edits that keep the file readable, so most take the one-client path; now and then a client renamed (which may
 * take a grant from it: read whole) or a character deleted anywhere (breaking the file).
 */
function typeInClient(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = Math.floor(random() * text.length);
  const end = text.indexOf('\nclientGrants:');
  const swap = (pattern: RegExp, values: readonly string[]): string => {
    const found = new RegExp(pattern.source, 'g');
    found.lastIndex = at;
    const match = found.exec(text);
    if (!match || match[1] === undefined || match.index > end) return text;
    const start = match.index + match[0].indexOf(match[1]);
    return text.slice(0, start) + pick(values) + text.slice(start + match[1].length);
  };
  const kind = random();
  if (kind < 0.35) return swap(/(authorization_code|refresh_token|client_credentials|implicit)[\],\n]/, ['authorization_code', 'refresh_token', 'client_credentials', 'implicit']);
  if (kind < 0.5) return swap(/token_endpoint_auth_method: (\S+)/, ['none', 'client_secret_post']);
  if (kind < 0.6) return swap(/is_first_party: (\S+)/, ['true', 'false']);
  if (kind < 0.7) return swap(/app_type: (\S+)/, ['spa', 'native', 'regular_web', 'non_interactive']);
  if (kind < 0.85) {
    // A line typed into a client, or taken out again.
    const typed = text.indexOf('\n    description: typed', at);
    if (typed >= 0 && typed < end && random() < 0.5) return text.slice(0, typed) + text.slice(typed + '\n    description: typed'.length);
    const line = text.indexOf('    app_type:', at);
    const lineEnd = line < 0 ? -1 : text.indexOf('\n', line);
    return lineEnd < 0 || lineEnd > end ? text : text.slice(0, lineEnd) + '\n    description: typed' + text.slice(lineEnd);
  }
  if (kind < 0.92) return swap(/- name: "([^"]+)"/, ['Renamed Client', 'Ops Service 3']);
  return text.slice(0, at) + text.slice(at + 1);
}

test('a tenant with client grants: typing inside a client gives exactly a full re-lint, mostly re-reading that client alone', () => {
  const prng = new Prng(20261203);
  const random = () => prng.next();
  const fresh = (seed: number) => generateTenantYamlWithGrants({ clients: 40, seed, invalidShare: 0.4, grants: 30 });
  let text = fresh(8);
  const linter = new IncrementalLinter('tenant.yaml', 'yaml');
  linter.lint(text);
  let incremental = 0;
  let grantFindings = 0;
  const steps = RUNS / 2;
  for (let step = 0; step < steps; step++) {
    text = step % 30 === 29 ? fresh(step) : typeInClient(text, random);
    const outcome = linter.lint(text);
    if (outcome.incremental) incremental++;
    const full = lintText({ path: 'tenant.yaml', text, format: 'yaml' });
    grantFindings += full.linkedFindings.length;
    assert.deepEqual(observable(text, outcome.result), observable(text, full), `step ${step}`);
    // Each grant finding with the client it is about, in the same order (what the CLI and the editor read).
    const linked = (r: LintResult) => r.linkedFindings.map((f, i) => [f.ruleId, f.span.start, r.linkedClients[i]?.name, r.linkedClients[i]?.anchor.start]);
    assert.deepEqual(linked(outcome.result), linked(full), `step ${step}`);
  }
  assert.ok(incremental > steps / 2, `only ${incremental} of ${steps} edits were incremental`);
  assert.ok(grantFindings > steps * 2, `only ${grantFindings} grant findings over ${steps} texts`);
});

test("no finding's place is an object of the model, which an edit moves in place", () => {
  // A finding holding a node or key span itself would move twice after an edit: once with the model, once when the
  // finding is shifted (as a client grant's related place at its client's grant_types key did).
  const texts = [
    generateTenantYamlWithGrants({ clients: 60, seed: 21, invalidShare: 0.6, grants: 60 }),
    generateAnchoredTenantYaml(12, 3),
    generateTenantYaml({ clients: 60, seed: 22, invalidShare: 0.8 }),
  ];
  let checked = 0;
  for (const text of texts) {
    const result = lintText({ path: 'tenant.yaml', text, format: 'yaml' });
    const model = new Set<object>();
    const visit = (node: ValueNode): void => {
      model.add(node);
      if (node.kind === 'object') {
        for (const prop of [...node.props, ...(node.merged ?? [])]) {
          model.add(prop.keySpan);
          visit(prop.value);
        }
      }
      if (node.kind === 'array') node.items.forEach(visit);
    };
    for (const doc of result.parsed.documents) if (doc.root) visit(doc.root);
    for (const finding of result.findings) {
      for (const span of [finding.span, ...finding.related.map((r) => r.span)]) {
        assert.equal(model.has(span), false, `${finding.ruleId}: ${finding.message}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 200, `${checked} places checked`);
});
