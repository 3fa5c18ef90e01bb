/**
 * A suppression comment that names a finding's rule right but sits where it silences nothing (above the client of
 * a client grant's finding, above a client whose method finding is at its credentials, above a related value) is
 * told where the finding is reported (unused-suppression: "… is reported at X; disable it there"). That finding,
 * the one the advice points at, keeps being reported but gets no fix: fixing it would undo what the comment was
 * written to keep (as with a misspelt rule id). Generated: YAML tenants (block and flow clients, grants and
 * grant lists; comments above the client, each of its keys, the client grant), Terraform HCL in one file and
 * split modules (a .tf or .tf.json other file; the other file reported or not), each rule the advice knows. For
 * every project: each advice's finding is held, with a note naming the comment, and every held finding is one an
 * advice points at; fix all (safe and unsafe) and the editor's quick fixes and fix all leave it reported. A comment
 * in the right place still silences, and a comment silencing nothing anywhere holds nothing.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { applyTextEdits, DEFAULT_SETTINGS, fixAll, LineIndex, lintText, type LintFinding, type LintResult } from '../../server/src/engine/index';
import type { ProjectLinks } from '../../server/src/engine/links';
import { analyze } from '../../server/src/service/analysis';
import { messageWithNotes } from '../../server/src/service/finding-message';
import { reportFindings } from '../../server/src/service/findings';
import { hoverAt } from '../../server/src/service/hover';
import { fixAllEdit } from '../../server/src/service/fix-all';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';
import { describeLayout, layoutsOf, OTHER_FILE_CASES, otherFileModule, toldToMove, type OtherFileCase } from '../helpers/other-file-suppression';

before(() => loadHclParser());

interface Linted {
  readonly path: string;
  readonly text: string;
  readonly links: ProjectLinks | undefined;
  readonly result: LintResult;
}

/** Every file of a project linted as the CLI and the server lint it (with its links when there are several). */
function lintProject(files: ReadonlyMap<string, string>, reported: (path: string) => boolean = () => true): Linted[] {
  const graph = files.size > 1 ? new ProjectGraph(new MemoryProject(new Map(files)), { isReported: reported }) : undefined;
  return [...files]
    .filter(([path]) => reported(path))
    .map(([path, text]) => {
      const links = graph?.linksFor(path).links;
      return { path, text, links, result: lintText({ path, text, links }) };
    });
}

const isMisplacedHold = (f: LintFinding): boolean => f.fixesHeldBySuppression !== undefined && 'misplaced' in f.fixesHeldBySuppression;

/**
 * Checks a linted project: each unused-suppression telling a comment where its finding is reported points at a
 * finding that is held (its note naming the comment), and each held finding is pointed at by one; fix all (safe and
 * unsafe, engine and editor) leaves the finding, and the editor offers no quick fix for it. The number held.
 */
function checkHolds(files: ReadonlyMap<string, string>, what: string, reported: (path: string) => boolean = () => true): number {
  const linted = lintProject(files, reported);
  const byPath = new Map(linted.map((l) => [l.path, l]));
  const accounted = new Set<LintFinding>();
  for (const { path, text, result } of linted) {
    const lines = new LineIndex(text);
    for (const advice of result.findings.filter((f) => f.ruleId === 'unused-suppression' && f.related.some((r) => r.elsewhere))) {
      const rule = /^The (\S+) finding/.exec(advice.message)![1]!;
      const place = advice.related.find((r) => r.elsewhere)!.elsewhere!;
      const there = byPath.get(place.path);
      const held = there
        ? there.result.findings.find((f) => {
            const at = new LineIndex(there.text).positionAt(f.span.start);
            return f.ruleId === rule && at.line === place.start.line && at.character === place.start.character;
          })
        : // The other file is not reported: the finding on its value is shown here, at its client.
          result.findings.find((f) => f.ruleId === rule && f.fromOtherFile);
      if (!there && !held) continue;
      assert.ok(held, `the finding the advice points at is reported: ${advice.message}\n${what}`);
      assert.ok(isMisplacedHold(held), `its fixes are held: ${advice.message}\n${what}`);
      const hold = held.fixesHeldBySuppression as { commentStart: number; otherFile?: { path: string; line: number } };
      if (there && there.path !== path) {
        assert.deepEqual(hold.otherFile, { path, line: lines.positionAt(advice.span.start).line }, `names the comment's file and line: ${what}`);
      } else {
        assert.equal(hold.otherFile, undefined, what);
        assert.equal(hold.commentStart, advice.span.start, `names the comment: ${what}`);
      }
      accounted.add(held);
    }
  }
  let count = 0;
  for (const { path, text, links, result } of linted) {
    const lines = new LineIndex(text);
    const held = result.findings.filter(isMisplacedHold);
    for (const finding of held) {
      assert.ok(accounted.has(finding), `a held finding is one an advice points at: ${finding.ruleId} in ${path}\n${what}`);
      assert.equal(finding.fixes.length, 0, what);
      assert.equal(finding.fixesElsewhere, undefined, what);
      const message = messageWithNotes(finding, (o) => lines.positionAt(o));
      assert.ok(message.length <= 120, `at most 120 characters: ${message}`);
      assert.match(message, /no fix: .*may mean (this finding|it)/, `the message says why: ${message}\n${what}`);
      count++;
    }
    if (held.length === 0) continue;
    const rules = [...new Set(held.map((f) => f.ruleId))];
    const countsOf = (r: LintResult) => rules.map((rule) => r.findings.filter((f) => f.ruleId === rule).length);
    for (const unsafe of [false, true]) {
      const fixed = fixAll({ path, text, links }, { unsafe }).text;
      assert.deepEqual(countsOf(lintText({ path, text: fixed, links })), countsOf(result), `fix all (unsafe: ${unsafe}) leaves the held findings: ${path}\n${what}\n--- fixed:\n${fixed}`);
    }
    // The editor: no quick fix, and fix all (on save too) leaves the finding.
    const analysis = analyze({ path, text, settings: DEFAULT_SETTINGS, links })!;
    const reports = reportFindings(analysis).filter((r) => rules.includes(r.ruleId) && /no fix: .*may mean/.test(r.message));
    assert.equal(reports.length, held.length, `the editor's diagnostics say why: ${what}`);
    for (const report of reports) assert.deepEqual(report.fixes, [], `no quick fix: ${report.message}\n${what}`);
    const edit = fixAllEdit(analysis);
    if (edit) assert.deepEqual(countsOf(lintText({ path, text: applyTextEdits(text, [edit]), links })), countsOf(result), `the editor's fix all leaves them: ${what}`);
  }
  return count;
}

/** Every case of test/helpers/other-file-suppression.ts, in every layout. */
const CASES = OTHER_FILE_CASES.flatMap((c) => layoutsOf(c).map((layout) => ({ c, layout, module: otherFileModule(c, layout) })));

test('Terraform in one file: the finding a misplaced comment means keeps no fix', () => {
  let held = 0;
  for (const { c, layout, module } of CASES) {
    const text = ['a.tf', 'z.tf'].map((name) => module.files[name]!).join('\n');
    const n = checkHolds(new Map([['/m/main.tf', text]]), `${describeLayout(c, layout)}, one file\n${text}`);
    assert.equal(n, toldToMove(c, layout) ? 1 : 0, `${describeLayout(c, layout)}\n${text}`);
    held += n;
  }
  assert.equal(held, 64);
});

/** The other file of a case's module as Terraform JSON (which takes no comments). */
function asTfJson(c: OtherFileCase, otherIsClient: boolean): string {
  const resource = otherIsClient
    ? {
        auth0_client: {
          app: {
            name: 'App',
            app_type: c.appType,
            grant_types: c.grants,
            ...(c.clientLine === undefined ? {} : Object.fromEntries([c.clientLine.split(/\s*=\s*/).map((part) => (part === 'false' ? false : part === 'true' ? true : part.replace(/^"|"$/g, '')))])),
          },
        },
      }
    : c.grantAudience === undefined
      ? { auth0_client_credentials: { app: { client_id: '${auth0_client.app.id}', authentication_method: c.method } } }
      : { auth0_client_grant: { app_api: { client_id: '${auth0_client.app.id}', audience: c.grantAudience, scopes: ['read:data'] } } };
  return `${JSON.stringify({ resource }, null, 2)}\n`;
}

test('a Terraform module: the finding in the other file (.tf or .tf.json) that a misplaced comment means keeps no fix', () => {
  let held = 0;
  let moved = 0;
  for (const { c, layout, module } of CASES) {
    for (const json of [false, true]) {
      // A .tf.json file takes no comments: the other file's own comment (silencedThere) cannot be written there.
      if (json && layout.silencedThere) continue;
      const otherName = json ? module.other.replace('.tf', '.tf.json') : module.other;
      const files = new Map([
        [`/m/${module.commented}`, module.files[module.commented]!],
        [`/m/${otherName}`, json ? asTfJson(c, c.commentIn === 'credentials') : module.files[module.other]!],
      ]);
      const what = `${describeLayout(c, layout)}${json ? ', other file .tf.json' : ''}\n${[...files].map(([p, t]) => `--- ${p}\n${t}`).join('')}`;
      const n = checkHolds(files, what);
      assert.equal(n, toldToMove(c, layout) ? 1 : 0, what);
      held += n;
      // The commented file alone (the other not reported): a finding on the other file's value shown here is held.
      moved += checkHolds(files, `${what}\n(commented file alone)`, (path) => path === `/m/${module.commented}`);
    }
  }
  assert.equal(held, 128);
  assert.ok(moved >= 16, `${moved} findings shown at their client held`);
});

interface YamlCase {
  readonly rule: string;
  /** The client's keys, in order. */
  readonly client: readonly (readonly [string, string])[];
  /** The client grant, if any: its audience. */
  readonly audience?: string;
}

const YAML_CASES: readonly YamlCase[] = [
  { rule: 'third-party-system-api-grant', client: [['name', 'Partner'], ['app_type', 'non_interactive'], ['is_first_party', 'false'], ['grant_types', 'client_credentials']], audience: 'https://example.auth0.com/api/v2/' },
  { rule: 'client-grant-without-client-credentials', client: [['name', 'Partner'], ['app_type', 'regular_web'], ['grant_types', 'authorization_code']], audience: 'https://api.example.com' },
  { rule: 'secret-on-public-app-type', client: [['name', 'Partner'], ['app_type', 'spa'], ['token_endpoint_auth_method', 'client_secret_post'], ['grant_types', 'authorization_code']] },
  { rule: 'public-client-credentials', client: [['name', 'Partner'], ['app_type', 'regular_web'], ['token_endpoint_auth_method', 'none'], ['grant_types', 'client_credentials']] },
  // Truly unused: the client grant's client is first-party.
  { rule: 'third-party-system-api-grant', client: [['name', 'Partner'], ['app_type', 'non_interactive'], ['is_first_party', 'true'], ['grant_types', 'client_credentials']], audience: 'https://example.auth0.com/api/v2/' },
];

/** Where the comment goes: above the client, above one of its keys (block clients only), above the client grant. */
type CommentAt = { readonly kind: 'client' } | { readonly kind: 'key'; readonly key: string } | { readonly kind: 'grant' };

/** A tenant.yaml of a case: clients and grant lists block or flow, the comment naming the rule at `at`. */
function tenantYaml(c: YamlCase, flowClient: boolean, flowGrant: boolean, flowList: boolean, at: CommentAt): string | undefined {
  const comment = `# grantlint-disable-next-line ${c.rule}`;
  const value = (key: string, v: string) => (key === 'grant_types' ? (flowList ? ` [${v}]` : `\n      - ${v}`) : ` ${v}`);
  const lines = ['clients:'];
  if (at.kind === 'client') lines.push(`  ${comment}`);
  if (flowClient) {
    if (at.kind === 'key') return undefined;
    lines.push(`  - {${c.client.map(([k, v]) => `${k}: ${k === 'grant_types' ? `[${v}]` : v}`).join(', ')}}`);
  } else {
    c.client.forEach(([key, v], i) => {
      if (at.kind === 'key' && at.key === key) lines.push(`    ${comment}`);
      lines.push(`${i === 0 ? '  - ' : '    '}${key}:${value(key, v)}`);
    });
  }
  if (c.audience !== undefined) {
    lines.push('clientGrants:');
    if (at.kind === 'grant') lines.push(`  ${comment}`);
    lines.push(flowGrant ? `  - {client_id: Partner, audience: '${c.audience}', scope: [read:users]}` : `  - client_id: Partner\n    audience: ${c.audience}\n    scope: [read:users]`);
  } else if (at.kind === 'grant') return undefined;
  return `${lines.join('\n')}\n`;
}

test('a YAML tenant: the finding a misplaced comment means keeps no fix; a comment in its place still silences it', () => {
  const heldByRule = new Map<string, number>();
  let silenced = 0;
  for (const c of YAML_CASES) {
    const plain = lintText({ path: '/t/tenant.yaml', text: tenantYaml(c, false, false, true, { kind: 'client' })!.replace(/^ *# grantlint.*\n/m, '') });
    const fires = plain.findings.some((f) => f.ruleId === c.rule);
    const ats: CommentAt[] = [{ kind: 'client' }, { kind: 'grant' }, ...c.client.map(([key]) => ({ kind: 'key' as const, key }))];
    for (const flowClient of [false, true]) {
      for (const flowGrant of [false, true]) {
        for (const flowList of [false, true]) {
          for (const at of ats) {
            const text = tenantYaml(c, flowClient, flowGrant, flowList, at);
            if (text === undefined) continue;
            const what = `${c.rule} (${JSON.stringify(at)})\n${text}`;
            const n = checkHolds(new Map([['/t/tenant.yaml', text]]), what);
            heldByRule.set(c.rule, (heldByRule.get(c.rule) ?? 0) + n);
            const result = lintText({ path: '/t/tenant.yaml', text });
            const unused = result.findings.filter((f) => f.ruleId === 'unused-suppression');
            if (!fires) {
              assert.equal(n, 0, `a comment silencing nothing anywhere holds nothing: ${what}`);
              assert.match(unused[0]?.message ?? '', /^No /, what);
            } else if (unused.length === 0) {
              // In its place: the finding is silenced, nothing is held.
              assert.equal(result.findings.filter((f) => f.ruleId === c.rule).length, 0, what);
              assert.equal(n, 0, what);
              silenced++;
            } else if (/is reported at/.test(unused[0]!.message)) {
              assert.equal(n, 1, `the finding a misplaced comment means is held: ${what}`);
            } else {
              // Above a key the finding does not bear on: no finding there, and none held.
              assert.match(unused[0]!.message, /^No /, what);
              assert.equal(n, 0, what);
            }
          }
        }
      }
    }
  }
  for (const rule of ['third-party-system-api-grant', 'client-grant-without-client-credentials', 'secret-on-public-app-type', 'public-client-credentials']) {
    assert.ok((heldByRule.get(rule) ?? 0) >= 4, `${rule}: ${heldByRule.get(rule) ?? 0} held`);
  }
  assert.ok(silenced >= 8, `${silenced} comments in place silenced`);
});

test('a deploy-cli directory: a comment in a client JSON silences nothing and holds no fix', () => {
  const files = new Map([
    ['/d/clients/Partner.json', '{\n  // grantlint-disable-next-line client-grant-without-client-credentials\n  "name": "Partner",\n  "app_type": "regular_web",\n  "grant_types": ["authorization_code"]\n}\n'],
    ['/d/grants/partner.json', '{\n  "client_id": "Partner",\n  "audience": "https://api.example.com/",\n  "scope": ["read:data"]\n}\n'],
    ['/d/tenant.json', '{}\n'],
  ]);
  assert.equal(checkHolds(files, 'deploy-cli directory'), 0);
  const grant = lintProject(files).find((l) => l.path.endsWith('partner.json'))!;
  const finding = grant.result.findings.find((f) => f.ruleId === 'client-grant-without-client-credentials');
  assert.ok(finding && finding.fixes.length + (finding.fixesElsewhere?.length ?? 0) > 0, 'the grant keeps its fix');
});

/** The editor: the diagnostic and hover name the comment and say why; no quick fix, and fix all changes nothing. */
test('the editor says why the finding a misplaced comment means has no fix', () => {
  const text = [
    'clients:',
    '  # grantlint-disable-next-line third-party-system-api-grant',
    '  - name: Partner',
    '    app_type: non_interactive',
    '    is_first_party: false',
    '    grant_types: [client_credentials]',
    'clientGrants:',
    '  - client_id: Partner',
    '    audience: https://example.auth0.com/api/v2/',
    '    scope: [read:users]',
    '',
  ].join('\n');
  const analysis = analyze({ path: '/work/tenant.yaml', text, settings: DEFAULT_SETTINGS })!;
  const report = reportFindings(analysis).find((r) => r.ruleId === 'third-party-system-api-grant')!;
  assert.equal(report.message, "Third-party client 'Partner' may not be granted the Management API. (no fix: comment on line 2 may mean it)");
  assert.deepEqual(report.fixes, []);
  assert.equal(fixAllEdit(analysis), undefined);
  // A comment above the related `app_type`, the finding at the method of the same client: the hover says it too.
  const spa = ['clients:', '  - name: Widget', '    # grantlint-disable-next-line secret-on-public-app-type', '    app_type: spa', '    token_endpoint_auth_method: client_secret_post', '    grant_types: [authorization_code]', ''].join('\n');
  const spaAnalysis = analyze({ path: '/work/tenant.yaml', text: spa, settings: DEFAULT_SETTINGS })!;
  assert.deepEqual(reportFindings(spaAnalysis).find((r) => r.ruleId === 'secret-on-public-app-type')!.fixes, []);
  const hover = hoverAt(spaAnalysis, spa.indexOf('client_secret_post') + 1)!.markdown;
  assert.match(hover, /No fix:\*\* the grantlint-disable comment on line 3 names `secret-on-public-app-type` but silences nothing there; it may mean this finding/);
});
