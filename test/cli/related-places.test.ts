/**
 * The places that explain a finding (related information: the tenant flag that makes a grant legacy, the
 * credentials resource holding a method, the client a client grant names) in `--format json` (`related`) and
 * `--format sarif` (`relatedLocations`), in the same file and in another one: on generated deploy-cli tenants
 * (block and flow YAML, anchors, aliases and merge keys, CRLF, characters outside the BMP before a value), deploy-cli
 * directories (`tenant.json`, `clients/*.json`, `grants/*.json`) and Terraform modules (HCL and `.tf.json`, a
 * finding moved from the credentials file), each run on the whole folder and on one file. Every related place is
 * sliced from its file at its line and column and must be exactly a value the generator wrote there (or the alias
 * or merge entry that stands for it); SARIF carries the same places as the json format, with ids and messages.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { CliFinding, CliNote, CliRelated } from '../../server/src/cli/report';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const ROOT = mkdtempSync(join(tmpdir(), 'grantlint-related-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

/** A file's text built a piece at a time, remembering where each explaining value was written (`marks`). */
class Text {
  text = '';
  readonly marks = new Map<string, { start: number; end: number }>();
  put(piece: string): this {
    this.text += piece;
    return this;
  }
  mark(name: string, piece: string): this {
    this.marks.set(name, { start: this.text.length, end: this.text.length + piece.length });
    this.text += piece;
    return this;
  }
}

/** A related place the output must hold: the finding of `ruleId` in `file` points at `mark` of `target`. */
interface Expected {
  readonly file: string;
  readonly ruleId: string;
  readonly target: string;
  readonly mark: string;
}

/** A generated project: its files, the runs to make (the arguments after `--format x`), what each must show. */
interface Project {
  readonly files: ReadonlyMap<string, Text>;
  readonly runs: readonly { readonly args: readonly string[]; readonly expected: readonly Expected[] }[];
}

type SarifResult = {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  relatedLocations?: unknown[];
};

function cli(args: readonly string[], cwd: string): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(run.status === 0 || run.status === 1, `grantlint ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** The UTF-16 offset of a 1-based line and column in `text` (any line ending: a `\r` stays on its line). */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  assert.ok(line >= 1 && line <= lines.length, `line ${line} is in the file`);
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  assert.ok(column >= 1 && column - 1 <= lines[line - 1]!.length, `column ${column} is on line ${line}`);
  return offset + column - 1;
}

/** The mark of `project` a related place slices to exactly, by its name; fails naming the text it points at. */
function markAt(project: Project, dir: string, place: CliRelated): string {
  const file = project.files.get(place.file);
  assert.ok(file, `related place in a file of the project: ${place.file}`);
  const text = readFileSync(join(dir, place.file), 'utf8');
  const start = offsetOf(text, place.line, place.column);
  const end = offsetOf(text, place.endLine, place.endColumn);
  const found = [...file.marks].find(([, m]) => m.start === start && m.end === end);
  assert.ok(found, `${place.file}:${place.line}:${place.column} (${JSON.stringify(text.slice(start, end))}, "${place.message}") is a value written there`);
  assert.equal(text.slice(start, end), file.text.slice(found[1].start, found[1].end));
  return found[0];
}

/** Runs every run of `project` in json and SARIF and checks every related place both formats give. */
function check(project: Project): void {
  const dir = mkdtempSync(join(ROOT, 'p-'));
  try {
    for (const [path, file] of project.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), file.text);
    }
    for (const run of project.runs) {
      const entries = JSON.parse(cli(['--format', 'json', ...run.args], dir)) as (CliFinding | CliNote)[];
      // Every entry has the field, notes too (always empty for them).
      for (const entry of entries) assert.ok(Array.isArray(entry.related), 'every json entry has related');
      const findings = entries.filter((e): e is CliFinding => e.ruleId !== null);
      for (const entry of entries) if (entry.ruleId === null) assert.deepEqual(entry.related, []);
      const marked = findings.map((f) => f.related.map((r) => markAt(project, dir, r)));
      // A message naming the other file names it as the CLI shows paths, never by its full path.
      for (const r of findings.flatMap((f) => f.related)) assert.ok(!r.message.includes(basename(dir)), `"${r.message}" shows no full path`);
      // A finding with a related place in another file names the first such place in its message, for the formats
      // that show no related places (stylish, a pull request's github annotation).
      for (const f of findings) {
        const other = f.related.find((r) => r.file !== f.file);
        if (other) assert.match(f.message, new RegExp(`\\((?:(?:see|value in) )?${other.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${other.line}:${other.column}\\)$`), JSON.stringify(f));
        else assert.doesNotMatch(f.message, /\((?:see |value in )?[^ ()]+:\d+:\d+\)$/, JSON.stringify(f));
      }
      for (const want of run.expected) {
        const at = findings.findIndex((f, i) => f.file === want.file && f.ruleId === want.ruleId && f.related.some((r, j) => r.file === want.target && marked[i]![j] === want.mark));
        assert.ok(at >= 0, `${run.args.join(' ')}: ${want.ruleId} in ${want.file} points at ${want.mark} in ${want.target}\n${JSON.stringify(findings, null, 1)}`);
      }
      const sarif = JSON.parse(cli(['--format', 'sarif', ...run.args], dir)) as { runs: { results: SarifResult[] }[] };
      const results = sarif.runs[0]!.results;
      assert.equal(results.length, findings.length);
      results.forEach((result, i) => {
        const finding = findings[i]!;
        assert.equal(result.ruleId, finding.ruleId);
        const uri = result.locations[0]!.physicalLocation.artifactLocation.uri;
        assert.equal(uri, encodeURI(finding.file));
        if (finding.related.length === 0) {
          assert.equal('relatedLocations' in result, false, 'no relatedLocations without related places');
          return;
        }
        assert.deepEqual(
          result.relatedLocations,
          finding.related.map((r, j) => ({
            id: j + 1,
            physicalLocation: {
              artifactLocation: { uri: encodeURI(r.file) },
              region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
            },
            message: { text: r.message },
          })),
        );
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FLAG = 'allow_legacy_ro_grant_types';
const RO = 'http://auth0.com/oauth/legacy/grant-type/ro';
const quoted = (value: string, quote: string) => `${quote}${value}${quote}`;
const quoteArb = fc.constantFrom('', '"', "'");

/** A deploy-cli tenant.yaml: a legacy grant under the tenant's flag (written in any YAML form), and a public SPA with client_credentials. */
const yamlProjectArb: fc.Arbitrary<Project> = fc
  .record({
    flagForm: fc.constantFrom('block', 'flow', 'alias-value', 'alias-map', 'merge-flow', 'merge-block'),
    allowed: fc.boolean(),
    flagsFirst: fc.boolean(),
    flowClient: fc.boolean(),
    flowGrants: fc.boolean(),
    methodQuote: quoteArb,
    appTypeQuote: quoteArb,
    anchoredGrants: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map((o): Project => {
    const t = new Text();
    const nl = o.crlf ? '\r\n' : '\n';
    const v = String(o.allowed);
    const flags = () => {
      if (o.flagForm === 'block') t.put(`tenant:${nl}  flags:${nl}    ${FLAG}: `).mark('flag', v).put(nl);
      else if (o.flagForm === 'flow') t.put(`tenant:${nl}  flags: {"🔑 note": 1, ${FLAG}: `).mark('flag', v).put(`}${nl}`);
      else if (o.flagForm === 'alias-value') t.put(`x-value: &v ${v}${nl}tenant:${nl}  flags:${nl}    ${FLAG}: `).mark('flag', '*v').put(nl);
      else if (o.flagForm === 'alias-map') t.put(`x-flags: &f${nl}  ${FLAG}: ${v}${nl}tenant:${nl}  flags: `).mark('flag', '*f').put(nl);
      else if (o.flagForm === 'merge-flow') t.put(`x-flags: &f {${FLAG}: ${v}}${nl}tenant:${nl}  flags: {`).mark('flag', '<<: *f').put(`, "🔑": 1}${nl}`);
      else t.put(`x-flags: &f {${FLAG}: ${v}}${nl}tenant:${nl}  flags:${nl}    `).mark('flag', '<<: *f').put(nl);
    };
    // The SPA's grants may come from an anchor: its finding then also points at the anchored value as written.
    if (o.anchoredGrants) t.put(`x-grants: &g [`).mark('anchoredGrant', 'client_credentials').put(`]${nl}`);
    const spaGrants = o.anchoredGrants ? '*g' : '[client_credentials]';
    if (o.flagsFirst) flags();
    t.put(`clients:${nl}  - name: Kiosk${nl}    grant_types: `);
    if (o.flowGrants) t.put(`[authorization_code, ${RO}]${nl}`);
    else t.put(`${nl}      - authorization_code${nl}      - ${RO}${nl}`);
    if (o.flowClient) {
      t.put(`  - {name: "🔐 Spa ✓", app_type: `).mark('appType', quoted('spa', o.appTypeQuote)).put(', token_endpoint_auth_method: ');
      t.mark('method', quoted('none', o.methodQuote)).put(`, grant_types: ${spaGrants}}${nl}`);
    } else {
      t.put(`  - name: "🔐 Spa ✓"${nl}    app_type: `).mark('appType', quoted('spa', o.appTypeQuote)).put(`${nl}    token_endpoint_auth_method: `);
      t.mark('method', quoted('none', o.methodQuote)).put(`${nl}    grant_types: ${o.anchoredGrants ? spaGrants : `${nl}      - client_credentials`}${nl}`);
    }
    if (!o.flagsFirst) flags();
    const expected: Expected[] = [
      { file: 'tenant.yaml', ruleId: 'legacy-grant-type', target: 'tenant.yaml', mark: 'flag' },
      { file: 'tenant.yaml', ruleId: 'public-client-credentials', target: 'tenant.yaml', mark: 'method' },
      { file: 'tenant.yaml', ruleId: 'public-client-credentials', target: 'tenant.yaml', mark: 'appType' },
      ...(o.anchoredGrants ? [{ file: 'tenant.yaml', ruleId: 'public-client-credentials', target: 'tenant.yaml', mark: 'anchoredGrant' }] : []),
    ];
    return { files: new Map([['tenant.yaml', t]]), runs: [{ args: ['.'], expected }, { args: ['tenant.yaml'], expected }] };
  });

/** JSON text of an object's entries, compact or pretty, with `marked` values recorded as marks. */
function jsonObject(t: Text, entries: readonly (readonly [key: string, raw: string, mark?: string, markKey?: boolean])[], pretty: boolean): Text {
  t.put(pretty ? '{\n' : '{');
  entries.forEach(([key, raw, mark, markKey], i) => {
    if (pretty) t.put('  ');
    if (mark && markKey) t.mark(mark, JSON.stringify(key));
    else t.put(JSON.stringify(key));
    t.put(pretty ? ': ' : ':');
    if (mark && !markKey) t.mark(mark, raw);
    else t.put(raw);
    if (i < entries.length - 1) t.put(pretty ? ',\n' : ',');
  });
  return t.put(pretty ? '\n}\n' : '}');
}

/**
 * A deploy-cli directory: the legacy flag in tenant.json for a client of clients/, a client grant in grants/ for a
 * client of clients/ without client_credentials (the place to add it), and a public SPA with client_credentials.
 */
const directoryProjectArb: fc.Arbitrary<Project> = fc
  .record({ allowed: fc.boolean(), pretty: fc.boolean(), otherFlag: fc.boolean(), spaName: fc.constantFrom('Spa', 'Spa App', 'Späß 🔑') })
  .map((o): Project => {
    const tenant = new Text().put(o.pretty ? '{\n  "flags": ' : '{"flags": {');
    if (o.pretty) tenant.put('{ ');
    if (o.otherFlag) tenant.put('"enable_client_connections": false, ');
    tenant.put(`"${FLAG}": `).mark('flag', String(o.allowed)).put(o.pretty ? ' }\n}\n' : '}}');
    const kiosk = jsonObject(new Text(), [['name', '"Kiosk"'], ['app_type', '"regular_web"'], ['grant_types', JSON.stringify(['authorization_code', RO])]], o.pretty);
    const worker = jsonObject(new Text(), [['name', '"Worker"'], ['app_type', '"regular_web"'], ['grant_types', '["authorization_code"]', 'grantTypes', true]], o.pretty);
    const spa = jsonObject(
      new Text(),
      [
        ['name', JSON.stringify(o.spaName)],
        ['app_type', '"spa"', 'appType'],
        ['token_endpoint_auth_method', '"none"', 'method'],
        ['grant_types', '["client_credentials"]'],
      ],
      o.pretty,
    );
    const grant = jsonObject(new Text(), [['client_id', '"Worker"'], ['audience', '"https://api.example.com"'], ['scope', '[]']], o.pretty);
    const spaFile = `clients/${o.spaName}.json`;
    const legacy: Expected = { file: 'clients/Kiosk.json', ruleId: 'legacy-grant-type', target: 'tenant.json', mark: 'flag' };
    const grantWithout: Expected = { file: 'grants/worker.json', ruleId: 'client-grant-without-client-credentials', target: 'clients/Worker.json', mark: 'grantTypes' };
    const spaMethod: Expected = { file: spaFile, ruleId: 'public-client-credentials', target: spaFile, mark: 'method' };
    const spaAppType: Expected = { ...spaMethod, mark: 'appType' };
    return {
      files: new Map([
        ['tenant.json', tenant],
        ['clients/Kiosk.json', kiosk],
        ['clients/Worker.json', worker],
        [spaFile, spa],
        ['grants/worker.json', grant],
      ]),
      runs: [
        { args: ['.'], expected: [legacy, grantWithout, spaMethod, spaAppType] },
        { args: ['clients/Kiosk.json'], expected: [legacy] },
        { args: ['grants/worker.json'], expected: [grantWithout] },
      ],
    };
  });

/**
 * A Terraform module (HCL or JSON): a confidential client whose credentials resource in credentials.tf sets the
 * method none (public, with client_credentials), and a SPA whose credentials set a secret method, a finding in
 * credentials.tf that a run on the client's file alone shows at the client, pointing at the value.
 */
const terraformProjectArb: fc.Arbitrary<Project> = fc
  .record({ json: fc.boolean(), spaced: fc.boolean(), name: fc.constantFrom('Reports', 'Rapports ✓', '報告 🔑') })
  .map((o): Project => {
    const main = new Text();
    const credentials = new Text();
    const [mainFile, credentialsFile] = o.json ? ['main.tf.json', 'credentials.tf.json'] : ['main.tf', 'credentials.tf'];
    const pad = (key: string, width: number) => (o.spaced ? key.padEnd(width) : key);
    if (o.json) {
      main.put(`{"resource": {"auth0_client": {\n  "reports": {"name": ${JSON.stringify(o.name)}, "app_type": `).mark('reportsAppType', '"regular_web"');
      main.put(', "grant_types": ["client_credentials"]},\n  "kiosk": {"name": "Kiosk", "app_type": ').mark('kioskAppType', '"spa"');
      main.put(', "grant_types": ["authorization_code"]}\n}}}\n');
      credentials.put('{"resource": {"auth0_client_credentials": {\n  "reports": {"client_id": "${auth0_client.reports.id}", "authentication_method": ').mark('reportsMethod', '"none"');
      credentials.put('},\n  "kiosk": {"client_id": "${auth0_client.kiosk.id}", "authentication_method": ').mark('kioskMethod', '"client_secret_post"').put('}\n}}}\n');
    } else {
      main.put(`resource "auth0_client" "reports" {\n  ${pad('name', 11)} = ${JSON.stringify(o.name)}\n  ${pad('app_type', 11)} = `).mark('reportsAppType', '"regular_web"');
      main.put(`\n  ${pad('grant_types', 11)} = ["client_credentials"]\n}\n\nresource "auth0_client" "kiosk" {\n  name = "Kiosk"\n  app_type = `).mark('kioskAppType', '"spa"');
      main.put('\n  grant_types = ["authorization_code"]\n}\n');
      credentials.put(`resource "auth0_client_credentials" "reports" {\n  ${pad('client_id', 21)} = auth0_client.reports.id\n  authentication_method = `).mark('reportsMethod', '"none"');
      credentials.put('\n}\n\nresource "auth0_client_credentials" "kiosk" {\n  client_id = auth0_client.kiosk.id\n  authentication_method = ').mark('kioskMethod', '"client_secret_post"').put('\n}\n');
    }
    const publicMethod: Expected = { file: mainFile, ruleId: 'public-client-credentials', target: credentialsFile, mark: 'reportsMethod' };
    const publicAppType: Expected = { file: mainFile, ruleId: 'public-client-credentials', target: mainFile, mark: 'reportsAppType' };
    const moved: Expected = { file: mainFile, ruleId: 'secret-on-public-app-type', target: credentialsFile, mark: 'kioskMethod' };
    const movedAppType: Expected = { ...moved, target: mainFile, mark: 'kioskAppType' };
    return {
      files: new Map([
        [mainFile, main],
        [credentialsFile, credentials],
      ]),
      runs: [
        { args: ['.'], expected: [publicMethod, publicAppType] },
        { args: [mainFile], expected: [publicMethod, publicAppType, moved, movedAppType] },
      ],
    };
  });

describe('related places in json and SARIF point at the values that explain the finding', () => {
  it('deploy-cli tenant.yaml: tenant flags and a client in any YAML form (same file)', () => {
    fc.assert(fc.property(yamlProjectArb, check), { numRuns: 6 });
  });

  it('deploy-cli directory: tenant.json flags, clients/ and grants/ (another file and the same file)', () => {
    fc.assert(fc.property(directoryProjectArb, check), { numRuns: 4 });
  });

  it('Terraform module, HCL and .tf.json: credentials.tf beside main.tf, and a finding moved from it', () => {
    fc.assert(fc.property(terraformProjectArb, check), { numRuns: 4 });
  });
});
