/**
 * The CLI writes its output as it renders it. Streamed, every format (stylish with and without colour, json,
 * SARIF, github) must give the bytes the whole-string formatters gave (test/helpers/whole-string-formatters.ts),
 * on generated reports (Unicode paths and messages, lone surrogates, characters the formats escape) and on
 * generated tenants linted by the engine. The writer respects back-pressure, stops quietly when the reader goes
 * away and reports other write errors; the process delivers every byte through a slow pipe and exits cleanly
 * when the pipe closes early (`| head`).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { githubChunks } from '../../server/src/cli/formatters/github';
import { jsonChunks } from '../../server/src/cli/formatters/json';
import { sarifChunks } from '../../server/src/cli/formatters/sarif';
import { stylishChunks } from '../../server/src/cli/formatters/stylish';
import { CHUNK_LENGTH, writeChunks } from '../../server/src/cli/formatters/write';
import { toCliFindings, type CliFinding, type CliRelated, type FileReport } from '../../server/src/cli/report';
import { lintText } from '../../server/src/engine/lint';
import { ALL_RULES, type Severity } from '../../server/src/engine/index';
import { clientsArb, renderJson, renderYaml, styleArb } from '../robustness/generators';
import { formatGithub, formatJson, formatSarif, formatStylish } from '../helpers/whole-string-formatters';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const VERSION = '9.9.9-test';

/** Every format, streamed and as it was rendered whole. */
const FORMATS: readonly { name: string; streamed: (r: readonly FileReport[], files: number) => Iterable<string>; whole: (r: readonly FileReport[], files: number) => string }[] = [
  { name: 'stylish', streamed: (r, n) => stylishChunks(r, n, false), whole: (r, n) => formatStylish(r, n, false) },
  { name: 'stylish in colour', streamed: (r, n) => stylishChunks(r, n, true), whole: (r, n) => formatStylish(r, n, true) },
  { name: 'json', streamed: (r) => jsonChunks(r), whole: (r) => formatJson(r) },
  { name: 'sarif', streamed: (r) => sarifChunks(r, VERSION), whole: (r) => formatSarif(r, VERSION) },
  { name: 'github', streamed: (r) => githubChunks(r), whole: (r) => formatGithub(r) },
];

function assertSameOutput(reports: readonly FileReport[], filesChecked: number): void {
  for (const format of FORMATS) {
    const pieces = [...format.streamed(reports, filesChecked)];
    assert.equal(pieces.join(''), format.whole(reports, filesChecked), `${format.name}: streamed output equals the whole rendering`);
  }
}

/** Paths as users name files: any script, emoji, spaces, and the characters github and SARIF escape. */
const pathArb = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.constantFrom('clients', 'tenant.yaml', 'a b', 'x:y,z', '100%', 'ü', '日本', '🔑')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map((p) => p.replace(/[/\0]/g, '_')).join('/'));
/** Messages hold users' values: any code unit (lone surrogates too), line breaks, `%`, `:` and `,`. */
const messageArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 150 }), fc.string({ unit: 'grapheme', maxLength: 150 }), fc.constantFrom('a\r\nb', '100% sure: yes, no', ' leading and trailing '));
const severityArb = fc.constantFrom<Severity>('error', 'warning', 'information', 'hint');

/** Related places, in any file the paths may name, with messages holding users' values. */
const relatedArb: fc.Arbitrary<CliRelated> = fc.record({
  file: pathArb,
  line: fc.integer({ min: 1, max: 10_000_000 }),
  column: fc.integer({ min: 1, max: 500 }),
  endLine: fc.integer({ min: 1, max: 10_000_000 }),
  endColumn: fc.integer({ min: 1, max: 500 }),
  message: messageArb,
});

const findingArb = (file: string): fc.Arbitrary<CliFinding> =>
  fc.record({
    file: fc.constant(file),
    line: fc.integer({ min: 1, max: 10_000_000 }),
    column: fc.integer({ min: 1, max: 500 }),
    endLine: fc.integer({ min: 1, max: 10_000_000 }),
    endColumn: fc.integer({ min: 1, max: 500 }),
    ruleId: fc.constantFrom(...ALL_RULES.map((rule) => rule.id)),
    severity: severityArb,
    message: messageArb,
    fixable: fc.boolean(),
    safelyFixable: fc.boolean(),
    client: fc.option(messageArb, { nil: null }),
    related: fc.array(relatedArb, { maxLength: 3 }),
  });

const reportArb: fc.Arbitrary<FileReport> = pathArb.chain((file) =>
  fc.record(
    {
      file: fc.constant(file),
      findings: fc.array(findingArb(file), { maxLength: 12 }),
      clients: fc.nat({ max: 3 }),
      // What was not checked or not fully judged, which lengthens the summary; a client may be noted in two files.
      grantsNotChecked: fc.integer({ min: 1, max: 12 }),
      clientsNotJudged: fc.uniqueArray(fc.constantFrom('main.tf\u00000', 'main.tf\u000040', 'credentials.tf\u00000', file), { minLength: 1, maxLength: 4 }),
    },
    { requiredKeys: ['file', 'findings', 'clients'] },
  ),
);

describe('streamed output equals the whole-string rendering', () => {
  it('on generated reports: Unicode paths and messages, lone surrogates, escaped characters, no findings at all, what was not checked', () => {
    fc.assert(
      fc.property(fc.array(reportArb, { maxLength: 5 }), fc.nat({ max: 20 }), (reports, extra) => assertSameOutput(reports, reports.length + extra)),
      { numRuns: 400, seed: 7 },
    );
  });

  it('on generated tenants and exports linted by the engine, under Unicode file names', () => {
    fc.assert(
      fc.property(clientsArb, styleArb, fc.constantFrom('tenant.yaml', 'dévéloppement/tenant.yaml', '租户/clients.json', '🔐 prod/clients.json'), (clients, style, path) => {
        const text = path.endsWith('.json') ? renderJson(clients, style) : renderYaml(clients, style);
        const result = lintText({ path, text });
        const reports: FileReport[] = [{ file: path, findings: toCliFindings(path, text, result), clients: result.clients.length }];
        assertSameOutput(reports, 1);
      }),
      { numRuns: 150, seed: 8 },
    );
  });

  it('on 20,000 findings in one file, 2,500 distinct messages in another, and a file without clients', () => {
    const values = ['implicit', 'authorisation_code', 'http://auth0.com/oauth/legacy/grant-type/ro', 'client_credentials'];
    const text = `clients:\n  - name: Répété ✓\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types:\n${Array.from({ length: 20_000 }, (_, i) => `      - ${values[i % 4]}\n`).join('')}`;
    const result = lintText({ path: 'répété/tenant.yaml', text });
    assert.equal(result.findings.length, 20_000);
    const distinct = `clients:\n  - name: Distinct\n    grant_types:\n${Array.from({ length: 2500 }, (_, i) => `      - "grant ${i} ${'é'.repeat(i % 90)}"\n`).join('')}`;
    const other = lintText({ path: 'distinct.yaml', text: distinct });
    assert.ok(new Set(other.findings.map((f) => f.message)).size >= 2500);
    assertSameOutput(
      [
        { file: 'répété/tenant.yaml', findings: toCliFindings('répété/tenant.yaml', text, result), clients: 1 },
        { file: 'distinct.yaml', findings: toCliFindings('distinct.yaml', distinct, other), clients: 1 },
        { file: 'other.json', findings: [], clients: 0 },
      ],
      3,
    );
  });
});

/** A writable that takes `delayMs` per write and records how much it ever held unwritten. */
class SlowSink extends Writable {
  readonly received: Buffer[] = [];
  maxBuffered = 0;
  constructor(
    private readonly failAfterBytes = Infinity,
    private readonly failCode = 'EPIPE',
  ) {
    super({ highWaterMark: 1024 });
  }
  private total = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    if (this.total + chunk.length > this.failAfterBytes) {
      const error: NodeJS.ErrnoException = new Error(`write ${this.failCode}`);
      error.code = this.failCode;
      setImmediate(() => callback(error));
      return;
    }
    this.total += chunk.length;
    this.received.push(chunk);
    setImmediate(() => callback());
  }
}

/** `count` pieces of about 100 characters (some multi-byte), counting how many were taken. */
function pieces(count: number): { pulled: () => number; iterable: Iterable<string>; whole: () => string } {
  let pulled = 0;
  const piece = (i: number) => `${i} ${'abcdé€😀'.repeat(12)}\n`;
  return {
    pulled: () => pulled,
    iterable: (function* () {
      for (let i = 0; i < count; i++) {
        pulled++;
        yield piece(i);
      }
    })(),
    whole: () => Array.from({ length: count }, (_, i) => piece(i)).join(''),
  };
}

describe('writing the output', () => {
  it('waits for the stream to drain: it never holds more than about one chunk, and delivers every byte', async () => {
    const source = pieces(40_000);
    const sink = new SlowSink();
    const outcome = await writeChunks(source.iterable, sink);
    assert.deepEqual(outcome, { kind: 'written' });
    assert.equal(Buffer.concat(sink.received).toString('utf8'), source.whole());
    // A chunk is about CHUNK_LENGTH code units, at most 3 bytes each in UTF-8; the output is over 5 MB.
    assert.ok(sink.maxBuffered <= 3 * (CHUNK_LENGTH + 200), `held ${sink.maxBuffered} bytes unwritten`);
    assert.ok(source.whole().length > 20 * CHUNK_LENGTH);
  });

  it('a reader that goes away (EPIPE) ends the writing quietly and stops rendering', async () => {
    const source = pieces(40_000);
    const sink = new SlowSink(200_000, 'EPIPE');
    const outcome = await writeChunks(source.iterable, sink);
    assert.deepEqual(outcome, { kind: 'closed' });
    assert.ok(source.pulled() < 10_000, `rendering stopped early (${source.pulled()} of 40,000 pieces taken)`);
    // An error reported after the end must not crash the process either.
    assert.doesNotThrow(() => sink.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
  });

  it('another write error is reported with its code', async () => {
    const outcome = await writeChunks(pieces(40_000).iterable, new SlowSink(100_000, 'ENOSPC'));
    assert.deepEqual(outcome, { kind: 'failed', code: 'ENOSPC' });
  });

  it('an empty output and a short one are written and flushed', async () => {
    for (const text of ['', 'No problems (1 file checked).\n']) {
      const sink = new SlowSink();
      assert.deepEqual(await writeChunks([text], sink), { kind: 'written' });
      assert.equal(Buffer.concat(sink.received).toString('utf8'), text);
    }
  });
});

describe('the CLI process and its stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-stream-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const values = ['implicit', 'authorisation_code', 'client_credentials'];
  const file = join(dir, 'tenant.yaml');
  writeFileSync(file, `clients:\n  - name: Big\n    app_type: spa\n    token_endpoint_auth_method: none\n    grant_types:\n${Array.from({ length: 6000 }, (_, i) => `      - ${values[i % 3]}\n`).join('')}`);

  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    it(`${format}: a slow reader of the pipe gets every byte the file redirection gets, and the exit code`, async () => {
      const toFile = join(dir, `${format}.out`);
      const redirected = spawnSync('sh', ['-c', `"$0" "$1" --format "$2" "$3" > "$4"`, process.execPath, CLI, format, file, toFile], { env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(redirected.status, 1);
      const expected = readFileSync(toFile);
      assert.ok(expected.length > 1_000_000, `${expected.length} bytes: more than a pipe holds`);
      const child = spawn(process.execPath, [CLI, '--format', format, file], { env: { ...process.env, NO_COLOR: '1' } });
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      // Read in bursts with pauses, so the process must wait for the pipe to drain.
      child.stdout.on('data', (data: Buffer) => {
        chunks.push(data);
        if (chunks.length % 20 === 0) {
          child.stdout.pause();
          setTimeout(() => child.stdout.resume(), 20);
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '');
      assert.equal(code, 1);
      assert.ok(Buffer.concat(chunks).equals(expected), `${format}: the piped output equals the redirected one`);
    });
  }

  it('a pipe closed early (| head) ends the process with its exit code and no EPIPE noise', async () => {
    for (const format of ['stylish', 'json']) {
      const child = spawn(process.execPath, [CLI, '--format', format, file]);
      let stderr = '';
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '', `${format}: nothing on stderr`);
      assert.equal(code, 1, `${format}: the run's exit code`);
    }
  });
});
