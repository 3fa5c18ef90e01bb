/**
 * An open JSON document leaves plain syntax errors to the editor's own JSON support, but not the parse errors that
 * support does not report as errors (VS Code only warns of a duplicate key, accepts comments and trailing commas in
 * JSONC, and ignores a byte order mark; a bare LSP client shows nothing): those fail the CLI, so the server publishes
 * them with reportJsonSyntaxErrors off, and the held-fixes note names a line where an error is shown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { messageOf, TestServer } from './helpers';

/** A JSON file kind: its path, a clean text, the line of a key to repeat, and the end of a list or object to put a comma after. */
interface FileKind {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  /** A whole line (without its line break) holding one key of an object. */
  readonly keyLine: string;
  /** The last value of a list or object, followed by its closing bracket. */
  readonly lastValue: string;
  /** Whether a strict reader (JSON.parse in auth0-deploy-cli, Terraform's JSON syntax) reads it: comments and trailing commas fail. */
  readonly strict: boolean;
  /** Whether auth0-deploy-cli reads it (a byte order mark fails). */
  readonly deployCli: boolean;
}

const FILE_KINDS: readonly FileKind[] = [
  {
    name: 'deploy-cli client',
    path: 'tenant/clients/Portal.json',
    text: '{\n  "name": "Portal",\n  "app_type": "regular_web",\n  "token_endpoint_auth_method": "client_secret_post",\n  "grant_types": ["authorization_code", "implicit", "authorization_code"]\n}\n',
    keyLine: '  "grant_types": ["authorization_code", "implicit", "authorization_code"]',
    lastValue: '"authorization_code"]',
    strict: true,
    deployCli: true,
  },
  {
    name: 'deploy-cli grant',
    path: 'tenant/grants/Portal-api.json',
    text: '{\n  "client_id": "Portal",\n  "audience": "https://api.example.com",\n  "scope": ["read:reports"]\n}\n',
    keyLine: '  "audience": "https://api.example.com",',
    lastValue: '"read:reports"]',
    strict: true,
    deployCli: true,
  },
  {
    name: 'deploy-cli tenant.json',
    path: 'tenant/tenant.json',
    text: '{\n  "friendly_name": "Test",\n  "flags": {\n    "allow_legacy_delegation_grant_types": false\n  }\n}\n',
    keyLine: '  "friendly_name": "Test",',
    lastValue: 'false\n  }',
    strict: true,
    deployCli: true,
  },
  {
    name: 'Management API export',
    path: 'export/clients.json',
    text: '[\n  {\n    "name": "Portal",\n    "app_type": "spa",\n    "token_endpoint_auth_method": "none",\n    "grant_types": ["authorization_code", "implicit", "authorization_code"]\n  }\n]\n',
    keyLine: '    "grant_types": ["authorization_code", "implicit", "authorization_code"]',
    lastValue: '"authorization_code"]',
    strict: false,
    deployCli: false,
  },
  {
    name: 'Terraform .tf.json',
    path: 'infra/main.tf.json',
    text: '{\n  "resource": {\n    "auth0_client": {\n      "portal": {\n        "name": "Portal",\n        "app_type": "regular_web",\n        "grant_types": ["authorization_code", "implicit", "authorization_code"]\n      }\n    }\n  }\n}\n',
    keyLine: '        "grant_types": ["authorization_code", "implicit", "authorization_code"]',
    lastValue: '"authorization_code"]',
    strict: true,
    deployCli: false,
  },
];

/** A parse error kind the editor's JSON support does not report as an error: the text with it, and the line it is on (0-based), or undefined where this file kind has none. */
interface ErrorKind {
  readonly name: string;
  readonly make: (kind: FileKind) => { text: string; line: number } | undefined;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

/** `text` with `insert` put at the start of `kind.keyLine`: the error is on that line. */
function beforeKeyLine(kind: FileKind, insert: string): { text: string; line: number } {
  const at = kind.text.indexOf(kind.keyLine);
  assert.ok(at >= 0, kind.name);
  return { text: kind.text.slice(0, at) + insert + kind.text.slice(at), line: lineOf(kind.text, at) };
}

const ERROR_KINDS: readonly ErrorKind[] = [
  { name: 'duplicate key', make: (kind) => ({ text: beforeKeyLine(kind, `${kind.keyLine.replace(/,$/, '')},\n`).text, line: lineOf(kind.text, kind.text.indexOf(kind.keyLine)) + 1 }) },
  { name: 'line comment', make: (kind) => (kind.strict ? beforeKeyLine(kind, '  // why this client exists\n') : undefined) },
  { name: 'block comment', make: (kind) => (kind.strict ? beforeKeyLine(kind, '  /* why */ ') : undefined) },
  {
    name: 'trailing comma',
    make: (kind) => {
      if (!kind.strict) return undefined;
      const at = kind.text.indexOf(kind.lastValue);
      const comma = at + kind.lastValue.search(/\s*[\]}]$/);
      return { text: `${kind.text.slice(0, comma)},${kind.text.slice(comma)}`, line: lineOf(kind.text, comma) };
    },
  },
  { name: 'byte order mark', make: (kind) => (kind.deployCli ? { text: `\uFEFF${kind.text}`, line: 0 } : undefined) },
];

/** The text in CRLF line endings, as a Windows checkout holds it: lines are the same. */
const LINE_ENDINGS = [(text: string) => text, (text: string) => text.replace(/\n/g, '\r\n')];

const HELD_NOTE = /until the (?:syntax )?error on line (\d+) is mended/;

describe('JSON parse errors an editor does not report as errors', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ settings: { workspaceScan: false } });
  });
  after(async () => {
    await server.stop();
  });

  it('are published for an open file of each kind with reportJsonSyntaxErrors off, on their line', async () => {
    let cases = 0;
    for (const [k, fileKind] of FILE_KINDS.entries()) {
      for (const errorKind of ERROR_KINDS) {
        const made = errorKind.make(fileKind);
        if (!made) continue;
        for (const [e, ending] of LINE_ENDINGS.entries()) {
          const label = `${errorKind.name} in a ${fileKind.name}${e === 1 ? ' (CRLF)' : ''}`;
          const uri = await server.open(`k${k}-${cases}/${fileKind.path}`, ending(made.text));
          const diagnostics = await server.waitForCurrent(uri);
          const errors = diagnostics.filter((d) => d.code === 'parse-error');
          assert.ok(
            errors.some((d) => d.range.start.line === made.line && d.severity === 1),
            `${label}: a parse-error on line ${made.line + 1}; got ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.code, messageOf(d)]))}`,
          );
          assertNoteNamesShownError(diagnostics, label);
          await server.close(uri);
          cases++;
        }
      }
    }
    assert.ok(cases >= 20, `${cases} cases`);
  });

  it('still leaves a plain syntax error to the editor, beside a duplicate key that is reported', async () => {
    const kind = FILE_KINDS[0]!;
    const withDuplicate = ERROR_KINDS[0]!.make(kind)!;
    // A missing comma after "name": a syntax error every JSON support reports, before the duplicate key.
    const text = withDuplicate.text.replace('"Portal",', '"Portal"');
    const uri = await server.open('mixed/clients/Portal.json', text);
    const errors = (await server.waitForCurrent(uri)).filter((d) => d.code === 'parse-error');
    assert.deepEqual(
      errors.map((d) => [d.range.start.line, /^Duplicate key/.test(messageOf(d))]),
      [[withDuplicate.line, true]],
    );
    await server.close(uri);
  });
});

/** The held-fixes note, where there is one, names the line of a parse-error this publication shows. */
function assertNoteNamesShownError(diagnostics: readonly Diagnostic[], label: string): void {
  const errorLines = new Set(diagnostics.filter((d) => d.code === 'parse-error').map((d) => d.range.start.line + 1));
  for (const diagnostic of diagnostics) {
    const named = HELD_NOTE.exec(messageOf(diagnostic));
    if (named) assert.ok(errorLines.has(Number(named[1])), `${label}: the note names line ${named[1]}, where no error is shown`);
  }
}
