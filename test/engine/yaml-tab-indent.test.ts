/**
 * A line of a tenant.yaml indented with a tab (an editor set to tabs) is a syntax error that yaml's recovery
 * carries to the end of the file: every later client turned into one unreadable key and went unchecked. The
 * reader reads past such lines (parse/yaml.ts readPastTabLines). Property: on tenants written in every form the
 * generators know, a tab put into any line of a client leaves each other client with exactly the findings it has
 * in the file without the tab; the client the line stands in gets only the parse-error.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, type LintResult } from '../../server/src/engine/index';
import { clientsArb, renderYaml, styleArb } from '../robustness/generators';
import { lint } from '../helpers/lint';

const PATH = '/t/tenant.yaml';

/** Each finding as `line rule message` (1-based line), parse errors apart. */
function findingLines(text: string, result: LintResult): { rules: string[]; parseErrorLines: number[] } {
  const index = new LineIndex(text);
  const rules: string[] = [];
  const parseErrorLines: number[] = [];
  for (const f of result.findings) {
    const line = index.positionAt(f.span.start).line;
    if (f.ruleId === 'parse-error') parseErrorLines.push(line);
    else rules.push(`${line} ${f.ruleId} ${f.message}`);
  }
  return { rules, parseErrorLines };
}

/** The 0-based line each client starts on (its `-` line) in a clean reading. */
function clientStartLines(text: string, result: LintResult): number[] {
  const index = new LineIndex(text);
  return result.clients.map((c) => index.positionAt(c.node.start).line);
}

/**
 * The same text with a tab in the indentation of line `line`: in place of its space at `at` (modulo how many it has;
 * the parser may split the indentation into tokens there, `  ` then `\t  `), else before the line.
 */
function withTab(text: string, line: number, at = 0): string {
  const lines = text.split('\n');
  const current = lines[line]!;
  const spaces = /^ */.exec(current)![0].length;
  const where = spaces > 0 ? at % spaces : 0;
  lines[line] = spaces > 0 ? `${current.slice(0, where)}\t${current.slice(where + 1)}` : `\t${current}`;
  return lines.join('\n');
}

/** The same text with the whole indentation of line `line` one tab (as an editor set to tabs writes it). */
function withTabIndent(text: string, line: number): string {
  const lines = text.split('\n');
  lines[line] = `\t${lines[line]!.replace(/^ +/, '')}`;
  return lines.join('\n');
}

describe('a line indented with a tab in tenant.yaml', () => {
  test('a user report: the clients after the line are still checked', () => {
    const text = [
      'clients:',
      '  - name: a',
      '    app_type: spa',
      '\tgrant_types: [implicit]',
      '  - name: b',
      '    app_type: spa',
      '    token_endpoint_auth_method: none',
      '    grant_types: [client_credentials]',
      '  - name: c',
      '    app_type: non_interactive',
      '    grant_types: [implicit]',
      '',
    ].join('\n');
    const { rules, parseErrorLines } = findingLines(text, lint(PATH, text));
    assert.deepEqual(parseErrorLines, [3]);
    assert.deepEqual(
      rules.map((r) => r.split(' ').slice(0, 2).join(' ')),
      ['7 public-client-credentials', '10 m2m-without-client-credentials', '10 implicit-grant'],
    );
  });

  test('a nested list item indented with a tab is not read as a client of its own', () => {
    // yaml's recovery makes the item `- rotation_type: rotating` a second entry of `clients`: a guess, so the
    // entry gets no findings (it would get missing-grant-types), and the client the line belongs to none either.
    const text = ['clients:', '\t- name: a', '    app_type: native', '    refresh_token:', '\t- rotation_type: rotating', ''].join('\n');
    const { rules, parseErrorLines } = findingLines(text, lint(PATH, text));
    assert.ok(parseErrorLines.includes(4), `the tab line is reported: ${parseErrorLines.join(', ')}`);
    assert.deepEqual(rules, []);
  });

  test('generated tenants, the indentation of one or two lines one tab: read past where a reading as written exists, never a guess', () => {
    let recovered = 0;
    fc.assert(
      fc.property(clientsArb, styleArb, fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), (clients, style, picks) => {
        const clean = renderYaml(clients, { ...style, crlf: false, bom: false });
        const cleanResult = lint(PATH, clean);
        fc.pre(cleanResult.parsed.errors.length === 0 && cleanResult.clients.length > 0);
        const starts = clientStartLines(clean, cleanResult);
        const lines = clean.split('\n');
        const candidates = lines.map((_, i) => i).filter((i) => i >= starts[0]! && /^ +\S/.test(lines[i]!) && !/^ *#/.test(lines[i]!));
        fc.pre(candidates.length > 0);
        const tabLines = [...new Set(picks.map((pick) => candidates[pick % candidates.length]!))].sort((x, y) => x - y);
        let text = clean;
        for (const line of tabLines) text = withTabIndent(text, line);
        const got = findingLines(text, lint(PATH, text));
        const expected = findingLines(clean, cleanResult);
        if (got.parseErrorLines.length === 0) return;
        for (const line of tabLines) assert.ok(got.parseErrorLines.includes(line) || got.parseErrorLines.some((l) => l < line), `the tab line ${line} is reported: ${got.parseErrorLines.join(', ')}`);
        // The clients holding a tab line (and, for a client's first line, the one before): no findings.
        const held = new Set<number>();
        for (const line of tabLines) {
          const owner = starts.filter((s) => s <= line).length - 1;
          held.add(owner);
          if (starts.includes(line) && owner > 0) held.add(owner - 1);
        }
        const clientOf = (line: number) => starts.filter((s) => s <= line).length - 1;
        const at = (entry: string) => Number(entry.split(' ', 1)[0]);
        const firstHeld = Math.min(...[...held].map((i) => starts[i] ?? 0));
        assert.deepEqual(got.rules.filter((r) => at(r) < firstHeld), expected.rules.filter((r) => at(r) < firstHeld), 'before the first broken client: as written');
        assert.deepEqual(got.rules.filter((r) => held.has(clientOf(at(r)))), [], 'the clients holding a tab line: nothing');
        const others = (r: string) => at(r) >= firstHeld && !held.has(clientOf(at(r)));
        if (got.parseErrorLines.length === tabLines.length) {
          recovered++;
          assert.deepEqual(got.rules.filter(others), expected.rules.filter(others), 'read past every tab line: the rest as written');
        } else {
          for (const finding of got.rules.filter(others)) assert.ok(expected.rules.includes(finding), `no guessed finding: ${finding}`);
        }
      }),
      { numRuns: Number(process.env['TAB_RUNS'] ?? 300) },
    );
    assert.ok(recovered > 50, `read past the tab lines in only ${recovered} files`);
  });

  test("a tab at any place of any line's indentation: the line gets a parse-error, or the file reads as before", () => {
    // Block lists under their key, a nested mapping, `-` then the value on the next line, a flow list, comments.
    const clean = [
      'clients:',
      '  - name: A',
      '    app_type: native',
      '    grant_types:',
      '      - authorization_code',
      '      - refresh_token # kept',
      '    refresh_token:',
      '      rotation_type: rotating',
      '  -',
      '    name: B',
      '    grant_types: [implicit,',
      '      password]',
      '',
    ].join('\n');
    const expected = findingLines(clean, lint(PATH, clean));
    const lines = clean.split('\n');
    lines.forEach((line, i) => {
      const spaces = /^ */.exec(line)![0].length;
      for (let at = 0; at < spaces; at++) {
        const text = withTab(clean, i, at);
        const got = findingLines(text, lint(PATH, text));
        if (!got.parseErrorLines.includes(i)) assert.deepEqual(got, expected, `a tab at ${i + 1}:${at + 1} read as a guess\n${text}`);
      }
    });
  });

  test('generated tenants: other clients keep exactly their findings, the one holding the line gets none', () => {
    fc.assert(
      fc.property(clientsArb, styleArb, fc.nat(), (clients, style, pick) => {
        const clean = renderYaml(clients, { ...style, crlf: false });
        const cleanResult = lint(PATH, clean);
        fc.pre(cleanResult.parsed.errors.length === 0 && cleanResult.clients.length > 0);
        const starts = clientStartLines(clean, cleanResult);
        const lines = clean.split('\n');
        // Lines of the clients list: from the first client's line to the last non-empty one.
        const candidates = lines.map((_, i) => i).filter((i) => i >= starts[0]! && lines[i]!.trim() !== '');
        const line = candidates[pick % candidates.length]!;
        const tabbed = withTab(clean, line, Math.floor(pick / candidates.length));
        const text = style.crlf ? tabbed.replace(/\n/g, '\r\n') : tabbed;
        const result = lint(PATH, text);
        const got = findingLines(text, result);
        const expected = findingLines(clean, cleanResult);
        if (!got.parseErrorLines.includes(line)) {
          // A tab yaml accepts there (before a comment, inside a flow list): the file reads as before.
          assert.deepEqual(got, expected);
          return;
        }
        // The client the line stands in, and, when it is a client's first line, the one before it (whose
        // last value the rest of that client then continues): they get no findings. Every other client keeps its own.
        const owner = starts.filter((s) => s <= line).length - 1;
        const heldFrom = starts.includes(line) && owner > 0 ? starts[owner - 1]! : starts[owner] ?? 0;
        const heldTo = owner + 1 < starts.length ? starts[owner + 1]! - 1 : lines.length;
        const outside = (entry: string) => {
          const at = Number(entry.split(' ', 1)[0]);
          return at < heldFrom || at > heldTo;
        };
        assert.deepEqual(got.rules.filter(outside), expected.rules.filter(outside), 'the other clients keep their findings');
        assert.deepEqual(got.rules.filter((r) => !outside(r)), [], 'the client holding the tab gets no findings');
        assert.ok(got.parseErrorLines.every((l) => l >= heldFrom && l <= heldTo), `parse errors only in the client holding the tab: ${got.parseErrorLines.join(', ')} (${heldFrom}-${heldTo})`);
        assert.ok(result.findings.every((f) => f.fixes.length === 0), 'no fixes in a file with a syntax error');
      }),
      { numRuns: 400 },
    );
  });
});
