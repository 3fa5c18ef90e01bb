/**
 * HCL mistakes that tree-sitter reports only by quoting the text around them (`unexpected '"spa"; grant_types ='`)
 * get one parse-error each, in HCL's terms, at the character at fault (parse/hcl-strings.ts textMistakes, parse/hcl.ts
 * withTextMistakesMended): a `;` (between arguments, after the last one, between list items), two list items without
 * a comma, an argument with no value yet, `name: value` for `name = value`; and a `[` left open alone on its line
 * names its bracket as `["a"` left open does. Generated over every place each can be written: the resource's body,
 * nested `refresh_token {}` and `jwt_configuration {}`, lists on one line and over lines, with comments, LF and CRLF,
 * one or two mistakes in the resource, the client's credentials beside it or in a sibling credentials.tf. Asserted:
 * the messages and places, one error per mistake, the other clients keep exactly their findings, and the same text
 * written validly gets no parse-error.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/lint';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

/** A block a mistake is written in, and the arguments it writes there: two scalars and a list. */
interface Place {
  readonly name: 'body' | 'refresh_token' | 'jwt_configuration';
  readonly scalars: readonly (readonly [string, string])[];
  readonly list: string;
  readonly items: readonly string[];
}

const PLACES: readonly Place[] = [
  { name: 'body', scalars: [['app_type', '"spa"'], ['grant_types', '["authorization_code", "implicit"]']], list: 'grant_types', items: ['"authorization_code"', '"implicit"'] },
  { name: 'refresh_token', scalars: [['rotation_type', '"rotating"'], ['expiration_type', '"expiring"']], list: 'grant_types', items: ['"refresh_token"', '"implicit"'] },
  { name: 'jwt_configuration', scalars: [['alg', '"RS256"'], ['lifetime_in_seconds', '3600']], list: 'grant_types', items: ['"password"', '"implicit"'] },
];

/**
 * A mistake as lines of a block (indented by `indent`), `§` where its error starts; `good`: the same written validly.
 * `width`: the error's width (0 where something is missing). `mended`: reported from the mended text; the `[` left
 * open is told from tree-sitter's errors (of the text with the others mended).
 */
interface Mistake {
  readonly kind: string;
  readonly bad: (p: Place, indent: string) => string;
  readonly good: (p: Place, indent: string) => string;
  readonly message: (p: Place, line: number) => RegExp;
  readonly width: 0 | 1;
  readonly mended: boolean;
}

const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const [S, T] = [0, 1];

const MISTAKES: readonly Mistake[] = [
  {
    kind: "';' between arguments",
    bad: (p, i) => `${i}${p.scalars[S]![0]} = ${p.scalars[S]![1]}§; ${p.scalars[T]![0]} = ${p.scalars[T]![1]}\n`,
    good: (p, i) => `${i}${p.scalars[S]![0]} = ${p.scalars[S]![1]}\n${i}${p.scalars[T]![0]} = ${p.scalars[T]![1]}\n`,
    message: (p) => new RegExp(`^HCL syntax error: ';' is not allowed in HCL: put '${p.scalars[T]![0]}' on its own line$`),
    width: 1,
    mended: true,
  },
  {
    kind: "';' after an argument, a comment after it",
    bad: (p, i) => `${i}${p.scalars[S]![0]} = ${p.scalars[S]![1]}§; # set\n`,
    good: (p, i) => `${i}${p.scalars[S]![0]} = ${p.scalars[S]![1]} # set\n`,
    message: (p) => new RegExp(`^HCL syntax error: ';' is not allowed in HCL: remove it after '${p.scalars[S]![0]}'$`),
    width: 1,
    mended: true,
  },
  {
    kind: "';' between list items",
    bad: (p, i) => `${i}${p.list} = [${p.items[0]}§; ${p.items[1]}]\n`,
    good: (p, i) => `${i}${p.list} = [${p.items[0]}, ${p.items[1]}]\n`,
    message: () => /^HCL syntax error: ';' is not allowed in HCL: separate items with ','$/,
    width: 1,
    mended: true,
  },
  {
    kind: 'no comma between list items, one line',
    bad: (p, i) => `${i}${p.list} = [${p.items[0]}§ ${p.items[1]}]\n`,
    good: (p, i) => `${i}${p.list} = [${p.items[0]}, ${p.items[1]}]\n`,
    message: (p) => new RegExp(`^HCL syntax error: separate list items with ',': add one after '${esc(p.items[0]!)}'$`),
    width: 0,
    mended: true,
  },
  {
    kind: 'no comma between list items, over lines with comments',
    bad: (p, i) => `${i}${p.list} = [\n${i}  ${p.items[0]}§ # the first\n${i}  // between\n${i}  ${p.items[1]},\n${i}]\n`,
    good: (p, i) => `${i}${p.list} = [\n${i}  ${p.items[0]}, # the first\n${i}  // between\n${i}  ${p.items[1]},\n${i}]\n`,
    message: (p) => new RegExp(`^HCL syntax error: separate list items with ',': add one after '${esc(p.items[0]!)}'$`),
    width: 0,
    mended: true,
  },
  {
    kind: 'no comma before the last item, over lines',
    bad: (p, i) => `${i}${p.list} = [\n${i}  ${p.items[0]},\n${i}  ${p.items[1]}§\n${i}  "client_credentials"\n${i}]\n`,
    good: (p, i) => `${i}${p.list} = [\n${i}  ${p.items[0]},\n${i}  ${p.items[1]},\n${i}  "client_credentials"\n${i}]\n`,
    message: (p) => new RegExp(`^HCL syntax error: separate list items with ',': add one after '${esc(p.items[1]!)}'$`),
    width: 0,
    mended: true,
  },
  {
    kind: 'an argument with no value yet',
    bad: (p, i) => `${i}${p.scalars[T]![0]} §=\n`,
    good: (p, i) => `${i}${p.scalars[T]![0]} = ${p.scalars[T]![1]}\n`,
    message: (p) => new RegExp(`^HCL syntax error: '${p.scalars[T]![0]}' has no value yet: write it after '=' on the same line$`),
    width: 1,
    mended: true,
  },
  {
    kind: 'an argument with no value yet, a comment after it',
    bad: (p, i) => `${i}${p.scalars[S]![0]} §= # to do\n`,
    good: (p, i) => `${i}${p.scalars[S]![0]} = ${p.scalars[S]![1]} # to do\n`,
    message: (p) => new RegExp(`^HCL syntax error: '${p.scalars[S]![0]}' has no value yet: write it after '=' on the same line$`),
    width: 1,
    mended: true,
  },
  {
    kind: "':' for '='",
    bad: (p, i) => `${i}${p.scalars[S]![0]}§: ${p.scalars[S]![1]}\n`,
    good: (p, i) => `${i}${p.scalars[S]![0]} = ${p.scalars[S]![1]}\n`,
    message: (p) => new RegExp(`^HCL syntax error: use '=' to set an argument, not ':' \\('${p.scalars[S]![0]}'\\)$`),
    width: 1,
    mended: true,
  },
  {
    kind: "'[' alone on its line, left open",
    bad: (p, i) => `${i}${p.list} = [§\n`,
    good: (p, i) => `${i}${p.list} = []\n`,
    message: (_, line) => new RegExp(`^HCL syntax error: missing '\\]'; the '\\[' on line ${line} is never closed$`),
    width: 0,
    mended: false,
  },
];

/** Other clients, each with findings in main.tf and, through its credentials, in credentials.tf. */
const OTHERS = [
  { appType: 'spa', grants: '"authorization_code", "implicit"', method: 'client_secret_post' },
  { appType: 'native', grants: '"password", "implicit"', method: 'client_secret_basic' },
  { appType: 'regular_web', grants: '"authorization_code", "implicit", "implicit"' },
] as const;

interface Case {
  readonly mistakes: readonly { readonly mistake: Mistake; readonly place: Place }[];
  readonly others: readonly number[];
  readonly brokenAt: number;
  readonly crlf: boolean;
  readonly siblingCredentials: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    first: fc.record({ mistake: fc.constantFrom(...MISTAKES), place: fc.constantFrom(...PLACES) }),
    second: fc.option(fc.record({ mistake: fc.constantFrom(...MISTAKES.filter((m) => m.mended)), place: fc.constantFrom(...PLACES) }), { nil: undefined }),
    others: fc.array(fc.nat(OTHERS.length - 1), { minLength: 1, maxLength: 3 }),
    brokenAt: fc.nat(3),
    crlf: fc.boolean(),
    siblingCredentials: fc.boolean(),
  })
  .map(({ first, second, others, brokenAt, crlf, siblingCredentials }) => {
    // Two mistakes in two blocks, the second one reported from the mended text; a '[' left open only after it (the
    // text after a bracket left open is read as Terraform does not mean it: Terraform reports the bracket only).
    const order: Place['name'][] = ['refresh_token', 'jwt_configuration', 'body'];
    const two = second && second.place.name !== first.place.name && (first.mistake.mended || order.indexOf(second.place.name) < order.indexOf(first.place.name));
    const mistakes = two ? [first, second] : [first];
    return { mistakes, others, brokenAt: Math.min(brokenAt, others.length), crlf, siblingCredentials };
  });

/** The broken client's resource, its mistakes written bad or good. */
function brokenResource(c: Case, good: boolean): string {
  const lines = (name: Place['name'], indent: string): string =>
    c.mistakes
      .filter((m) => m.place.name === name)
      .map((m) => (good ? m.mistake.good(m.place, indent) : m.mistake.bad(m.place, indent)))
      .join('');
  return [
    'resource "auth0_client" "broken" {\n',
    '  name = "Broken"\n',
    '  refresh_token {\n',
    '    leeway = 0\n',
    lines('refresh_token', '    '),
    '  }\n',
    '  # the token\n',
    '  jwt_configuration {\n',
    '    secret_encoded = false\n',
    lines('jwt_configuration', '    '),
    '  }\n',
    lines('body', '  '),
    '}\n',
  ].join('');
}

/** main.tf and credentials.tf (or main.tf alone); `broken`: the broken client's text, or none. */
function moduleFiles(c: Case, broken: string | undefined): Map<string, string> {
  const resources = c.others.map((pick, i) => {
    const o = OTHERS[pick]!;
    return `resource "auth0_client" "c${i}" {\n  name        = "C${i}"\n  app_type    = "${o.appType}"\n  grant_types = [${o.grants}]\n}\n`;
  });
  if (broken !== undefined) resources.splice(c.brokenAt, 0, broken);
  const credentials = c.others
    .map((pick, i) => ('method' in OTHERS[pick]! ? `resource "auth0_client_credentials" "c${i}" {\n  client_id             = auth0_client.c${i}.id\n  authentication_method = "${OTHERS[pick]!.method}"\n}\n` : ''))
    .join('');
  const eol = (text: string) => (c.crlf ? text.replace(/\n/g, '\r\n') : text);
  const main = resources.join('\n') + (c.siblingCredentials ? '' : `\n${credentials}`);
  return new Map([['/m/main.tf', eol(main)], ...(c.siblingCredentials ? ([['/m/credentials.tf', eol(credentials)]] as const) : [])]);
}

/** Each file's findings: parse errors, and the others as `file resource rule +offset-in-resource`. */
function lintModule(files: Map<string, string>): { parseErrors: { message: string; start: number; end: number }[]; lines: string[] } {
  const graph = new ProjectGraph(new MemoryProject(files), { isReported: () => true });
  const parseErrors: { message: string; start: number; end: number }[] = [];
  const lines: string[] = [];
  for (const [path, text] of files) {
    const starts = [...text.matchAll(/^resource "([^"]+)" "([^"]+)"/gm)].map((m) => ({ at: m.index, name: `${m[1]}.${m[2]}` }));
    for (const finding of lintText({ path, text, links: graph.linksFor(path).links }).findings) {
      if (finding.ruleId === 'parse-error') {
        if (path === '/m/main.tf') parseErrors.push({ message: finding.message, start: finding.span.start, end: finding.span.end });
        else parseErrors.push({ message: `${path}: ${finding.message}`, start: -1, end: -1 });
        continue;
      }
      const owner = starts.filter((s) => s.at <= finding.span.start).pop();
      lines.push(`${path} ${owner?.name ?? '-'} ${finding.ruleId} +${finding.span.start - (owner?.at ?? 0)}`);
    }
  }
  return { parseErrors, lines: lines.sort() };
}

test('each HCL mistake gets one parse-error in HCL terms at its character, costing only its resource; written validly, none', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(caseArb, (c) => {
      const marked = moduleFiles(c, brokenResource(c, false));
      const markedMain = marked.get('/m/main.tf')!;
      // The marks, in text order, are the mistakes' places in the resource's order of blocks.
      const marks: number[] = [];
      const unmarked = markedMain.replace(/§/g, (_, offset: number) => {
        marks.push(offset - marks.length);
        return '';
      });
      const order: Place['name'][] = ['refresh_token', 'jwt_configuration', 'body'];
      const byPlace = [...c.mistakes].sort((a, b) => order.indexOf(a.place.name) - order.indexOf(b.place.name));
      assert.equal(marks.length, byPlace.length);
      const expected = byPlace.map((m, i) => ({ ...m, start: marks[i]!, line: unmarked.slice(0, marks[i]).split('\n').length }));
      const files = new Map(marked);
      files.set('/m/main.tf', unmarked);
      const where = `${c.mistakes.map((m) => `${m.mistake.kind} in ${m.place.name}`).join(' and ')}${c.crlf ? ', CRLF' : ''}${c.siblingCredentials ? ', credentials.tf' : ''}\n${unmarked}`;

      const broken = lintModule(files);
      assert.equal(broken.parseErrors.length, expected.length, `one error per mistake: ${JSON.stringify(broken.parseErrors)}\n${where}`);
      expected.forEach((e, i) => {
        const error = broken.parseErrors[i]!;
        assert.match(error.message, e.mistake.message(e.place, e.line), where);
        assert.ok(error.message.length <= 120, error.message);
        const at = `${error.message} at ${JSON.stringify(unmarked.slice(error.start, error.start + 12))}\n${where}`;
        if (e.mistake.mended || expected.length === 1) assert.deepEqual([error.start, error.end], [e.start, e.start + e.mistake.width], at);
        // A '[' left open beside another mistake: where tree-sitter's recovery of the mended text stops, at the latest
        // on the '}' that closes its block (as with `["a"` left open).
        else assert.ok(e.start <= error.start && error.start <= unmarked.indexOf('}', e.start), at);
      });

      // The other clients keep exactly the findings they have without the broken one.
      const clean = lintModule(moduleFiles(c, undefined));
      const others = (lines: string[]) => lines.filter((line) => !line.includes('auth0_client.broken ') && !line.includes('.broken '));
      assert.deepEqual(others(broken.lines), clean.lines, where);
      assert.deepEqual(
        broken.lines.filter((line) => line.includes('.broken ')),
        [],
        `the broken client is not judged\n${where}`,
      );

      // Written validly: no parse-error.
      const good = lintModule(moduleFiles(c, brokenResource(c, true)));
      assert.deepEqual(good.parseErrors, [], `valid HCL is silent\n${moduleFiles(c, brokenResource(c, true)).get('/m/main.tf')}`);
      for (const m of c.mistakes) seen.add(m.mistake.kind);
    }),
    { numRuns: 200 },
  );
  assert.equal(seen.size, MISTAKES.length, `kinds not generated: ${MISTAKES.filter((m) => !seen.has(m.kind)).map((m) => m.kind)}`);
});

test('a mistake about a long name or item keeps its message within 120 characters, the name clipped', () => {
  const name = `a_${'very_'.repeat(14)}long_name`;
  const item = `"https://${'sub.'.repeat(14)}example.com"`;
  const texts = [
    `resource "auth0_client" "c" {\n  app_type = "spa"; ${name} = 1\n}\n`,
    `resource "auth0_client" "c" {\n  ${name} = 1;\n}\n`,
    `resource "auth0_client" "c" {\n  ${name}: 1\n}\n`,
    `resource "auth0_client" "c" {\n  ${name} =\n}\n`,
    `resource "auth0_client" "c" {\n  callbacks = [${item} "https://b.example.com"]\n}\n`,
    `resource "auth0_client" "c" {\n  callbacks = [${item}; "https://b.example.com"]\n}\n`,
  ];
  for (const text of texts) {
    const errors = lintText({ path: '/m/main.tf', text }).findings.filter((f) => f.ruleId === 'parse-error');
    assert.equal(errors.length, 1, `${text}\n${JSON.stringify(errors.map((e) => e.message))}`);
    assert.ok(errors[0]!.message.length <= 120, errors[0]!.message);
    assert.doesNotMatch(errors[0]!.message, /unexpected/, errors[0]!.message);
  }
});
