/**
 * `--format json` marks `safelyFixable` on exactly the findings `--fix` really clears, even among findings alike in
 * rule, severity and client: suppression comments at the ends of lines, some removed together with the item a
 * fix removes, some left. Generated files in YAML (block lists, flow lists over lines), HCL (`#`, `//` and `/* *\/`
 * comments) and JSON with comments; every comment carries its own note number, so the oracle tells which comments
 * are still reported after `--fix` by their text, not by their place.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';

const FORMS = ['yaml-block', 'yaml-flow', 'hcl', 'jsonc'] as const;
type Form = (typeof FORMS)[number];

const directiveArb = fc.record({
  keyword: fc.constantFrom('grantlint-disable-line', 'grantlint-disable-next-line'),
  rule: fc.constantFrom('implicit-grant', 'duplicate-grant-type', 'public-client-credentials', 'unknown-grant-type'),
  marker: fc.constantFrom('#', '//', '/*'),
});
type Directive = typeof directiveArb extends fc.Arbitrary<infer T> ? T : never;

const itemArb = fc.record({
  grant: fc.constantFrom('authorization_code', 'refresh_token', 'implicit', 'client_credentials'),
  directive: fc.option(directiveArb, { nil: undefined }),
});
const clientArb = fc.record({
  appType: fc.constantFrom('regular_web', 'spa', 'non_interactive'),
  items: fc.array(itemArb, { minLength: 1, maxLength: 5 }),
});
type Client = typeof clientArb extends fc.Arbitrary<infer T> ? T : never;

/** The text of a file of `clients` in `form`, each directive numbered ("note N") from 1 in file order. */
function fileText(form: Form, clients: readonly Client[]): { name: string; text: string } {
  let note = 0;
  const comment = (directive: Directive | undefined): string => {
    if (!directive) return '';
    note++;
    const body = `${directive.keyword} ${directive.rule} -- note ${note}`;
    if (form === 'hcl' && directive.marker === '/*') return ` /* ${body} */`;
    return form === 'hcl' || form === 'jsonc' ? ` ${form === 'jsonc' || directive.marker === '//' ? '//' : '#'} ${body}` : `  # ${body}`;
  };
  if (form === 'jsonc') {
    const client = clients[0]!;
    const items = client.items.map((item, i) => `    ${JSON.stringify(item.grant)}${i < client.items.length - 1 ? ',' : ''}${comment(item.directive)}`);
    return { name: 'client.json', text: ['{', '  "name": "Client 0",', `  "app_type": ${JSON.stringify(client.appType)},`, '  "grant_types": [', ...items, '  ]', '}', ''].join('\n') };
  }
  if (form === 'hcl') {
    const blocks = clients.map((client, c) => {
      const items = client.items.map((item) => `    ${JSON.stringify(item.grant)},${comment(item.directive)}`);
      return [`resource "auth0_client" "c${c}" {`, `  name        = "Client ${c}"`, `  app_type    = ${JSON.stringify(client.appType)}`, '  grant_types = [', ...items, '  ]', '}'].join('\n');
    });
    return { name: 'main.tf', text: `${blocks.join('\n\n')}\n` };
  }
  const lines = ['clients:'];
  clients.forEach((client, c) => {
    lines.push(`  - name: Client ${c}`, `    app_type: ${client.appType}`);
    if (form === 'yaml-block') {
      lines.push('    grant_types:');
      for (const item of client.items) lines.push(`      - ${item.grant}${comment(item.directive)}`);
    } else {
      lines.push('    grant_types: [');
      client.items.forEach((item, i) => lines.push(`      ${item.grant}${i < client.items.length - 1 ? ',' : ''}${comment(item.directive)}`));
      lines.push('    ]');
    }
  });
  return { name: 'tenant.yaml', text: `${lines.join('\n')}\n` };
}

async function jsonFindings(file: string, cwd: string): Promise<CliFinding[]> {
  const outcome = await run(['--format', 'json', file], cwd);
  return JSON.parse([...outcome.stdout].join('')) as CliFinding[];
}

/** The note number of the suppression comment a finding is about, read from the line it points at. */
function noteOf(text: string, finding: CliFinding): string {
  const line = text.split('\n')[finding.line - 1] ?? '';
  const note = /note (\d+)/.exec(line.slice(finding.column - 1));
  assert.ok(note, `no note at ${finding.line}:${finding.column} in:\n${text}`);
  return note[1]!;
}

test('safelyFixable marks exactly the suppression comments --fix removes, among comments alike', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-safely-fixable-'));
  let compared = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FORMS), fc.array(clientArb, { minLength: 1, maxLength: 3 }), async (form, clients) => {
        const { name, text } = fileText(form, clients);
        const file = join(dir, name);
        writeFileSync(file, text);
        const before = (await jsonFindings(name, dir)).filter((f) => f.ruleId === 'unused-suppression');
        await run(['--fix', name], dir);
        const fixed = readFileSync(file, 'utf8');
        const after = new Set((await jsonFindings(name, dir)).filter((f) => f.ruleId === 'unused-suppression').map((f) => noteOf(fixed, f)));
        for (const finding of before) {
          const note = noteOf(text, finding);
          assert.equal(finding.safelyFixable, !after.has(note), `note ${note} (${finding.line}:${finding.column}) in:\n${text}\nafter --fix:\n${fixed}`);
          compared++;
        }
      }),
      { numRuns: 120 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(compared > 100, `only ${compared} comments compared`);
});

test('a comment removed with the item on its line is counted among what --fix clears', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-safely-fixable-'));
  try {
    const text = ['clients:', '  - name: Web', '    app_type: regular_web', '    grant_types:', '      - authorization_code', '      - authorization_code  # grantlint-disable-line implicit-grant', '      - refresh_token  # grantlint-disable-line implicit-grant', ''].join('\n');
    writeFileSync(join(dir, 'tenant.yaml'), text);
    const findings = await jsonFindings('tenant.yaml', dir);
    assert.deepEqual(
      findings.map((f) => [f.line, f.ruleId, f.safelyFixable]),
      [
        [6, 'duplicate-grant-type', true],
        [6, 'unused-suppression', true],
        [7, 'unused-suppression', false],
      ],
    );
    const stylish = [...(await run(['--no-color', 'tenant.yaml'], dir)).stdout].join('');
    assert.match(stylish, /^1 error and 1 warning can be fixed with --fix\.$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A client grant of one third-party client to the Management API: anchored, a merged copy, plain or held by a comment. */
const grantArb = fc.constantFrom('anchored', 'merged', 'plain', 'held', 'my-account-held');

/** The grants' YAML, each with its own scope (`s<i>`) to tell which are left after `--fix`; merged copies use the last anchor. */
function grantsYaml(kinds: readonly string[]): string {
  const lines = ['clients:', '  - name: Partner', '    app_type: non_interactive', '    is_first_party: false', '    token_endpoint_auth_method: client_secret_post', '    grant_types: [client_credentials]', 'clientGrants:'];
  let anchor: number | undefined;
  kinds.forEach((kind, i) => {
    if (kind === 'merged' && anchor !== undefined) lines.push(`  - <<: *g${anchor}`, `    scope: [s${i}]`);
    else if (kind === 'anchored' || kind === 'merged') {
      anchor = i;
      lines.push(`  - &g${i}`, '    client_id: Partner', '    audience: https://acme.eu.auth0.com/api/v2/', `    scope: [s${i}]`);
    } else {
      const api = kind === 'my-account-held' ? 'me/' : 'api/v2/';
      lines.push(`  - client_id: Partner${kind === 'plain' ? '' : ' # grantlint-disable-line third-party-system-api-grant'}`, `    audience: https://acme.eu.auth0.com/${api}`, `    scope: [s${i}]`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** The scope marker of the client grant whose lines hold a finding's line. */
function grantOf(text: string, line: number): string {
  const lines = text.split('\n');
  let start = line - 1;
  while (start > 0 && !lines[start]!.startsWith('  - ')) start--;
  for (let i = start; i < lines.length && (i === start || !lines[i]!.startsWith('  - ')); i++) {
    const scope = /scope: \[(s\d+)\]/.exec(lines[i]!);
    if (scope) return scope[1]!;
  }
  throw new Error(`no grant at line ${line}:\n${text}`);
}

test('safelyFixable marks exactly the client grants --fix removes, among anchored, merged and held grants of one client', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-safely-fixable-'));
  let compared = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(grantArb, { minLength: 2, maxLength: 5 }), async (kinds) => {
        const text = grantsYaml(kinds);
        writeFileSync(join(dir, 'tenant.yaml'), text);
        const before = (await jsonFindings('tenant.yaml', dir)).filter((f) => f.ruleId === 'third-party-system-api-grant');
        await run(['--fix', 'tenant.yaml'], dir);
        const fixed = readFileSync(join(dir, 'tenant.yaml'), 'utf8');
        for (const finding of before) {
          const scope = grantOf(text, finding.line);
          assert.equal(finding.safelyFixable, !fixed.includes(`[${scope}]`), `${scope} (${finding.line}:${finding.column}) in:\n${text}\nafter --fix:\n${fixed}`);
          compared++;
        }
      }),
      { numRuns: 80, includeErrorInReport: true },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(compared > 150, `only ${compared} grants compared`);
});

test('safelyFixable tells apart client grants alike but for the comment that keeps one, wherever it is', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantlint-safely-fixable-'));
  let compared = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.nat(3), fc.nat(2), async (count, heldAt, commentLine) => {
        const held = heldAt % count;
        const comment = ' # grantlint-disable-line third-party-system-api-grant';
        const lines = ['clients:', '  - name: Partner', '    app_type: non_interactive', '    is_first_party: false', '    token_endpoint_auth_method: client_secret_post', '    grant_types: [client_credentials]', 'clientGrants:'];
        for (let i = 0; i < count; i++) {
          const entry = ['  - client_id: Partner', '    audience: https://acme.eu.auth0.com/api/v2/', '    scope: [read:users]'];
          if (i === held) entry[commentLine] += comment;
          lines.push(...entry);
        }
        const text = `${lines.join('\n')}\n`;
        writeFileSync(join(dir, 'tenant.yaml'), text);
        const before = (await jsonFindings('tenant.yaml', dir)).filter((f) => f.ruleId === 'third-party-system-api-grant');
        await run(['--fix', 'tenant.yaml'], dir);
        const fixed = readFileSync(join(dir, 'tenant.yaml'), 'utf8');
        assert.ok(fixed.includes(comment), `the held grant is kept:\n${fixed}`);
        assert.equal(before.length, count);
        before.forEach((finding) => {
          // The finding is on the grant's client_id line: the held grant's entry starts there.
          const heldLine = 8 + held * 3;
          assert.equal(finding.safelyFixable, finding.line !== heldLine, `${finding.line}:${finding.column} in:\n${text}\nafter --fix:\n${fixed}`);
          compared++;
        });
      }),
      { numRuns: 40, includeErrorInReport: true },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(compared > 80, `only ${compared} grants compared`);
});
