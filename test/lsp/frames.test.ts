/**
 * A frame the server cannot read ends it (stderr, exit code 1) instead of leaving it alive and deaf. The framing
 * checker is tested on generated streams cut at every kind of chunk boundary; the server as a child process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FrameChecker, MAX_HEADER_BYTES } from '../../server/src/lsp/frames';
import { SERVER_PATH } from './helpers';

const ASCII_TEXT = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 });
const HEADER_NAME = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/).filter((name) => name.toLowerCase() !== 'content-length');
const BODY = fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'x', params: [value] }), 'utf8'));

/** A well-formed frame: Content-Length anywhere among other headers, any spacing, then the body. */
const FRAME = fc
  .record({
    body: BODY,
    others: fc.array(fc.tuple(HEADER_NAME, ASCII_TEXT.map((v) => v.trim())), { maxLength: 2 }),
    position: fc.nat(),
    spacing: fc.constantFrom(' ', '', '  ', '\t'),
    name: fc.constantFrom('Content-Length', 'content-length', 'CONTENT-LENGTH'),
  })
  .map(({ body, others, position, spacing, name }) => {
    const lines = others.map(([n, v]) => `${n}: ${v}`);
    lines.splice(position % (lines.length + 1), 0, `${name}:${spacing}${body.length}`);
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'ascii'), body]);
  });

/** Cuts bytes into chunks at the given (sorted, deduplicated) offsets. */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const offsets = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const at of [...offsets, bytes.length]) {
    chunks.push(bytes.subarray(from, at));
    from = at;
  }
  return chunks;
}

function firstProblem(bytes: Buffer, cuts: readonly number[]): string | undefined {
  const checker = new FrameChecker();
  let problem: string | undefined;
  for (const chunk of chunked(bytes, cuts)) problem ??= checker.push(chunk);
  return problem;
}

/** Header blocks no client may send, each with the problem it must be named by. */
const BAD_HEADERS: readonly [string, RegExp][] = [
  ['Content-Type: application/json\r\n\r\n', /without Content-Length/],
  ['Content-Length: abc\r\n\r\n', /not a number/],
  ['Content-Length: -5\r\n\r\n', /not a number/],
  ['Content-Length: 1e3\r\n\r\n', /not a number/],
  ['Content-Length: 99999999999999999999\r\n\r\n', /not a number/],
  ['Content-Length: 2\n\n', /\\n without \\r/],
  ['Content-Length: 2\r\r\n', /\\r without \\n/],
  ['Content-Length 2\r\n\r\n', /not 'Name: value'/],
  ['{"jsonrpc":"2.0"}\r\n\r\n', /not 'Name: value'/],
  ['Content-Length: 2\u0000\r\n\r\n', /byte 0x00/],
];

describe('frame checker', () => {
  test('well-formed streams, cut into chunks anywhere, have no problem', () => {
    fc.assert(
      fc.property(fc.array(FRAME, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 8 }), (frames, cuts) => {
        assert.equal(firstProblem(Buffer.concat(frames), cuts), undefined);
      }),
    );
  });

  test('a bad header after any number of good frames is named, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.array(FRAME, { maxLength: 3 }), fc.constantFrom(...BAD_HEADERS), fc.array(fc.nat(), { maxLength: 8 }), (frames, [bad, expected], cuts) => {
        const problem = firstProblem(Buffer.concat([...frames, Buffer.from(bad, 'latin1'), Buffer.from('{}')]), cuts);
        assert.match(problem ?? '(none)', expected);
      }),
    );
  });

  test('a header that never ends is named once it passes the size no client sends', () => {
    const endless = Buffer.from(`Content-Length: 2\r\nX-Padding: ${'a'.repeat(MAX_HEADER_BYTES)}`, 'ascii');
    assert.match(firstProblem(endless, []) ?? '(none)', /without the blank line/);
    assert.equal(firstProblem(endless.subarray(0, MAX_HEADER_BYTES - 10), []), undefined, 'a header still arriving is not a problem yet');
  });

  test('a body longer than its Content-Length leaves bytes that are named as a bad header', () => {
    const body = '{"jsonrpc":"2.0","method":"initialized","params":{}}';
    const stream = Buffer.from(`Content-Length: ${body.length - 5}\r\n\r\n${body}Content-Length: 2\r\n\r\n{}`);
    assert.match(firstProblem(stream, []) ?? '(none)', /not 'Name: value'/);
  });
});

/** Starts the server over stdio, writes the bytes, and resolves with its exit code and stderr (or 'still running'). */
function serverAfter(bytes: Buffer, withinMs: number): Promise<{ code: number | null | 'still running'; stderr: string; stdout: string }> {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'grantlint-frames-')));
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { cwd: workspace, stdio: 'pipe', detached: true });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stdin.write(bytes);
  // stdin stays open: the client is still there, waiting for an answer.
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve({ code: 'still running', stderr, stdout });
    }, withinMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      rmSync(workspace, { recursive: true, force: true });
      resolve({ code, stderr, stdout });
    });
  });
}

function frame(body: string): Buffer {
  return Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]);
}

describe('the server and a frame it cannot read', () => {
  const initialize = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  const cases: [string, Buffer][] = [
    ['a bad Content-Length', Buffer.from('Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0"}')],
    ['no Content-Length', Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n{}')],
    ['a header without \\r\\n\\r\\n', Buffer.from('Content-Length: 2\n\n{}')],
    ['a body that is not JSON', frame('{"jsonrpc": "2.0", "id": 2, "method": ')],
    ['a bad frame after a good one', Buffer.concat([initialize, Buffer.from('Content-Length: 5\r\nbroken\r\n\r\n{}')])],
  ];
  for (const [name, bytes] of cases) {
    test(`${name}: logged on stderr, non-zero exit within seconds, nothing but protocol on stdout`, { timeout: 30_000 }, async () => {
      const result = await serverAfter(bytes, 10_000);
      assert.notEqual(result.code, 'still running', 'the server stayed alive after a frame it cannot read');
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /^grantlint-language-server: cannot read the client's messages: .+\n$/);
      assert.ok(!result.stdout.includes('cannot read'), 'the message is never written to the protocol channel');
    });
  }
});
