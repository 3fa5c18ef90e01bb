/**
 * HCL's line layout (engine/parse/hcl-layout.ts): tree-sitter reads layouts that Terraform rejects without an error
 * node (`resource "x" "y" { name = "a"` then more lines; `grant_types = [...] }`; `a = 1 b = 2`), and commas
 * between arguments give tree-sitter's errors a name of their own. Generated over the layouts of a block holding
 * arguments (a resource, a nested `refresh_token` or `jwt_configuration` block, a `dynamic` block's `content`),
 * each valid or invalid as `terraform fmt` reads it (checked by hand), in modules of one file and modules split over
 * files (clients, credentials): an invalid layout gets a parse-error in HCL's terms inside its resource, which then
 * gets no findings, and every other resource keeps the findings it has without the broken one; a valid layout gets
 * no parse-error, read whole or in parts. A bracket, string or interpolation left open in an attribute names the
 * closer that is missing.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText, parseText } from '../../server/src/engine/lint';
import { parseHcl } from '../../server/src/engine/parse/hcl';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

/** Where the layout is used: the resource's own body, or a block nested in it (at `indent`). */
type Host = 'resource' | 'refresh_token' | 'jwt_configuration' | 'dynamic content';

/** The arguments of each host, each on one line (the first is what a one-line block keeps). */
const ARGUMENTS: Readonly<Record<Host, readonly string[]>> = {
  resource: ['grant_types = ["implicit", "authorization_code"]', 'name = "Client"', 'app_type = "spa"'],
  refresh_token: ['rotation_type = "rotating"', 'expiration_type = "expiring"', 'leeway = 0'],
  jwt_configuration: ['alg = "RS256"', 'lifetime_in_seconds = 36000'],
  'dynamic content': ['alg = "RS256"', 'secret_encoded = false'],
};

/**
 * A layout of a block: its text from `header` (`resource "auth0_client" "c0"`, `refresh_token`) to its `}`, with
 * `args` (at least two) and, inside it, the block's lines at `indent` plus two spaces. `error`: the parse-error's
 * message for an invalid layout.
 */
interface Layout {
  readonly kind: string;
  readonly error?: RegExp;
  /** Several mistakes (a comma after each argument): one error each. */
  readonly several?: true;
  /** Only for a block that may hold a nested block (the resource). */
  readonly resourceOnly?: true;
  render(header: string, args: readonly string[], indent: string): string;
}

const lines = (indent: string, args: readonly string[]) => args.map((a) => `${indent}  ${a}`).join('\n');

const LAYOUTS: readonly Layout[] = [
  // Valid: as terraform fmt writes it, and what HCL takes besides.
  { kind: 'lines', render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}}` },
  { kind: 'one argument on one line', render: (h, a) => `${h} { ${a[0]} }` },
  { kind: 'a block comment in a one-line block', render: (h, a) => `${h} { /* only */ ${a[0]} }` },
  { kind: 'comments everywhere', render: (h, a, i) => `${h} { # opens\n${i}  // own line\n${a.map((x) => `${i}  ${x} # after`).join('\n')}\n${i}  # before the close\n${i}}` },
  { kind: 'block comment after the open', render: (h, a, i) => `${h} { /* a note */\n${lines(i, a)}\n${i}}` },
  { kind: 'a block comment after the last argument', render: (h, a, i) => `${h} {\n${lines(i, a)} /* end */\n${i}}` },
  { kind: 'an object literal with commas', render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}  client_metadata = { team = "a", tier = "b" }\n${i}}` },
  { kind: 'a one-line block with a list over lines', render: (h, _a, i) => `${h} { callbacks = [\n${i}    "https://a.example.com",\n${i}  ] }` },
  { kind: 'a heredoc last', render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}  description = <<EOT\ntext }\nEOT\n${i}}` },
  { kind: 'an empty block over lines', render: (h, _a, i) => `${h} {\n${i}}` },
  { kind: 'an empty block', render: (h) => `${h} {}` },
  // Invalid: what Terraform rejects and tree-sitter reads.
  { kind: "'}' after the last argument", error: /HCL needs a new line after argument '[a-z_]+' before '\}'/, render: (h, a, i) => `${h} {\n${lines(i, a)} }` },
  { kind: "'}' after a multi-line list", error: /new line after argument 'callbacks' before '\}'/, render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}  callbacks = [\n${i}    "https://a.example.com",\n${i}  ] }` },
  { kind: "'}' after a block comment", error: /new line after argument '[a-z_]+' before '\}'/, render: (h, a, i) => `${h} {\n${lines(i, a)} /* end */ }` },
  { kind: 'an argument after the open, then lines', error: /a one-line block must close on its line: put '[a-z_]+' after '\{' on a new line/, render: (h, a, i) => `${h} { ${a[0]}\n${lines(i, a.slice(1))}\n${i}}` },
  { kind: 'an argument after the open, then the close', error: /a one-line block must close on its line/, render: (h, a, i) => `${h} { ${a[0]}\n${i}}` },
  { kind: 'an argument after the open, then a comment', error: /a one-line block must close on its line/, render: (h, a, i) => `${h} { ${a[0]} # note\n${i}}` },
  { kind: 'two arguments in a one-line block', error: /a one-line block holds one argument; put each argument on its own line/, render: (h, a) => `${h} { ${a[0]} ${a[1]} }` },
  { kind: 'two arguments on one line', error: /HCL needs a new line after argument '[a-z_]+': put '[a-z_]+' on its own line/, render: (h, a, i) => `${h} {\n${i}  ${a[0]} ${a[1]}\n${lines(i, a.slice(2))}\n${i}}` },
  { kind: 'commas between arguments, over lines', several: true, error: /HCL separates arguments with new lines, not commas: remove the ',' after '[a-z_]+'/, render: (h, a, i) => `${h} {\n${a.map((x) => `${i}  ${x},`).join('\n')}\n${i}}` },
  { kind: 'commas between arguments, on one line', several: true, error: /HCL separates arguments with new lines, not commas/, render: (h, a) => `${h} { ${a.join(', ')} }` },
  { kind: "'{' on the next line", error: /a block's labels and '\{' must be on the line of its type/, render: (h, a, i) => `${h}\n${i}{\n${lines(i, a)}\n${i}}` },
  { kind: 'a nested block in a one-line block', resourceOnly: true, error: /a one-line block holds one argument, not a block; put block 'refresh_token' on its own line/, render: (h) => `${h} { refresh_token { leeway = 0 } }` },
  { kind: "an argument after a nested block's '}'", resourceOnly: true, error: /new line after the '\}' of block 'refresh_token': put '[a-z_]+' on its own line/, render: (h, a, i) => `${h} {\n${i}  refresh_token {\n${i}    leeway = 0\n${i}  } ${a[0]}\n${lines(i, a.slice(1))}\n${i}}` },
  { kind: "'}' after a nested block's '}'", resourceOnly: true, error: /new line after the '\}' of block 'refresh_token' before '\}'/, render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}  refresh_token {\n${i}    leeway = 0\n${i}  } }` },
  { kind: "a value on the line after its '='", error: /HCL needs the value of '[a-z_]+' on the line of its '=': put it after '[a-z_]+ ='/, render: (h, a, i) => `${h} {\n${a.map((x) => `${i}  ${x.replace(' = ', ' =\n' + i + '    ')}`).slice(0, 1).join('\n')}\n${lines(i, a.slice(1))}\n${i}}` },
  { kind: "a value after a comment that ends the '=' line", error: /HCL needs the value of '[a-z_]+' on the line of its '='/, render: (h, a, i) => `${h} {\n${lines(i, a.slice(1))}\n${i}  ${a[0]!.replace(' = ', ' = # why\n' + i + '    ')}\n${i}}` },
  { kind: "a value after a block comment on the '=' line", render: (h, a, i) => `${h} {\n${lines(i, a.slice(1))}\n${i}  ${a[0]!.replace(' = ', ' = /* why */ ')}\n${i}}` },
  // Mistakes tree-sitter only quotes the text around, named in HCL's terms at their character (one error each).
  { kind: "';' between arguments", error: /^HCL syntax error: ';' is not allowed in HCL: put '[a-z_]+' on its own line$/, render: (h, a, i) => `${h} {\n${i}  ${a[0]}; ${a[1]}\n${lines(i, a.slice(2))}\n${i}}` },
  { kind: "';' in a one-line block", error: /^HCL syntax error: ';' is not allowed in HCL: put '[a-z_]+' on its own line$/, render: (h, a) => `${h} { ${a[0]}; ${a[1]} }` },
  { kind: "':' for '='", error: /^HCL syntax error: use '=' to set an argument, not ':' \('[a-z_]+'\)$/, render: (h, a, i) => `${h} {\n${i}  ${a[0]!.replace(' = ', ': ')}\n${lines(i, a.slice(1))}\n${i}}` },
  { kind: 'an argument with no value yet', error: /^HCL syntax error: 'description' has no value yet: write it after '=' on the same line$/, render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}  description =\n${i}}` },
  { kind: 'list items without a comma', error: /^HCL syntax error: separate list items with ',': add one after '"https:\/\/a.example.com"'$/, render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}  callbacks = ["https://a.example.com" "https://b.example.com"]\n${i}}` },
  { kind: "'[' alone on its line", error: /^HCL syntax error: missing '\]'; the '\[' on line \d+ is never closed$/, render: (h, a, i) => `${h} {\n${lines(i, a)}\n${i}  callbacks = [\n${i}}` },
];

/** A client resource whose block at `host` is laid out as `layout`; the other arguments stand one a line. */
function hostedClient(name: string, host: Host, layout: Layout): string {
  const header = `resource "auth0_client" "${name}"`;
  if (host === 'resource') return `${layout.render(header, ARGUMENTS.resource, '')}\n`;
  const nested =
    host === 'dynamic content'
      ? `  dynamic "jwt_configuration" {\n    for_each = [1]\n    ${layout.render('content', ARGUMENTS[host], '    ')}\n  }`
      : `  ${layout.render(host, ARGUMENTS[host], '  ')}`;
  return `${header} {\n${lines('', ARGUMENTS.resource)}\n${nested}\n}\n`;
}

/** A client with findings of its own (implicit-grant, and one judged by its method: public-client-credentials). */
function plainClient(name: string, withCredentials: boolean): string {
  const grants = withCredentials ? '"implicit"' : '"authorization_code", "client_credentials"';
  return `resource "auth0_client" "${name}" {\n  name        = "${name}"\n  app_type    = "spa"\n  grant_types = [${grants}]\n}\n`;
}

const credentials = (name: string) => `resource "auth0_client_credentials" "${name}" {\n  client_id             = auth0_client.${name}.id\n  authentication_method = "client_secret_post"\n}\n`;

interface Module {
  readonly layout: Layout;
  readonly host: Host;
  /** Where the hosted client stands among the others. */
  readonly at: number;
  readonly others: number;
  readonly split: boolean;
  readonly crlf: boolean;
}

const moduleArb: fc.Arbitrary<Module> = fc
  .record({
    layout: fc.constantFrom(...LAYOUTS),
    host: fc.constantFrom<Host>('resource', 'refresh_token', 'jwt_configuration', 'dynamic content'),
    at: fc.nat(3),
    others: fc.integer({ min: 1, max: 3 }),
    split: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map((m) => ({ ...m, host: m.layout.resourceOnly ? 'resource' : m.host, at: Math.min(m.at, m.others) }));

/** The module's files; `without`: the hosted client left out. */
function files(module: Module, without: boolean): Map<string, string> {
  const names = Array.from({ length: module.others }, (_, i) => `c${i}`);
  const clients = names.map((name, i) => plainClient(name, i % 2 === 0));
  if (!without) clients.splice(module.at, 0, hostedClient('hosted', module.host, module.layout));
  const creds = names.filter((_, i) => i % 2 === 0).map(credentials);
  const eol = (text: string) => (module.crlf ? text.replace(/\n/g, '\r\n') : text);
  if (!module.split) return new Map([['/m/main.tf', eol([...clients, ...creds].join('\n'))]]);
  return new Map([
    ['/m/main.tf', eol(clients.join('\n'))],
    ['/m/credentials.tf', eol(creds.join('\n'))],
  ]);
}

/** Every finding as `file resource rule +offset-in-resource`, and the parse-errors (file, resource, message). */
function findings(texts: Map<string, string>): { lines: string[]; parseErrors: { resource: string; message: string }[] } {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const out: string[] = [];
  const parseErrors: { resource: string; message: string }[] = [];
  for (const [path, text] of texts) {
    const result = lintText({ path, text, links: graph.linksFor(path).links });
    const starts = [...text.matchAll(/^resource "([^"]+)" "([^"]+)"/gm)].map((m) => ({ at: m.index, name: `${m[1]}.${m[2]}` }));
    for (const finding of result.findings) {
      const owner = starts.filter((s) => s.at <= finding.span.start).pop();
      if (finding.ruleId === 'parse-error') parseErrors.push({ resource: owner?.name ?? '-', message: finding.message });
      else out.push(`${path} ${owner?.name ?? '-'} ${finding.ruleId} +${finding.span.start - (owner?.at ?? 0)}`);
    }
  }
  return { lines: out.sort(), parseErrors };
}

test('each layout HCL rejects gets a parse-error in its resource, which costs that resource only; valid ones none', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(moduleArb, (module) => {
      const where = `${module.layout.kind} in ${module.host}${module.split ? ', split module' : ''}${module.crlf ? ', CRLF' : ''}`;
      const texts = files(module, false);
      const result = findings(texts);
      const hosted = (line: string) => line.split(' ')[1] === 'auth0_client.hosted';
      const context = `${where}\n${texts.get('/m/main.tf')}`;
      // A large file is read in parts (parse/hcl.ts readInParts): its parts are checked alike.
      const main = texts.get('/m/main.tf')!;
      assert.deepEqual(parseHcl(main, 64).errors, parseHcl(main, Number.POSITIVE_INFINITY).errors, `${context}\nread in parts`);
      if (!module.layout.error) {
        assert.deepEqual(result.parseErrors, [], context);
        assert.ok(result.lines.some(hosted), `${context}\nthe valid client is judged`);
      } else {
        assert.ok(result.parseErrors.length > 0, `${context}\nno parse-error`);
        assert.match(result.parseErrors[0]!.message, module.layout.error, context);
        // One mistake, one error.
        if (!module.layout.several) assert.equal(result.parseErrors.length, 1, `${context}\n${JSON.stringify(result.parseErrors)}`);
        assert.equal(result.parseErrors[0]!.resource, 'auth0_client.hosted', context);
        assert.ok(result.parseErrors.every((e) => e.message.length <= 120), context);
        assert.deepEqual(result.lines.filter(hosted), [], `${context}\nthe broken client has findings`);
        // The others keep what they have without the broken client (offsets are within each resource).
        assert.deepEqual(result.lines, findings(files(module, true)).lines, context);
      }
      seen.add(module.layout.kind);
    }),
    { numRuns: 400 },
  );
  assert.deepEqual(
    LAYOUTS.filter((l) => !seen.has(l.kind)).map((l) => l.kind),
    [],
    'layouts not generated',
  );
});

test('HCL takes the valid layouts at the top level, between blocks; two items on a line are an error there too', () => {
  const valid = ['x = 1\ny = 2\n', 'variable "a" {}\nvariable "b" {} # note\nlocals { a = 1 }\n', 'locals {\n  a = 1\n} # end\n/* c */ locals {\n  b = 2\n}'];
  for (const text of valid) assert.deepEqual(parseText(text, 'hcl').errors, [], text);
  const invalid: [string, RegExp][] = [
    ['x = 1 y = 2\n', /new line after argument 'x': put 'y' on its own line/],
    ['variable "a" {} variable "b" {}\n', /new line after the '\}' of block 'variable\.a': put 'variable\.b' on its own line/],
    ['locals { a = 1 } x = 2\n', /new line after the '\}' of block 'locals'/],
    ['x = 1, y = 2\n', /not commas: remove the ',' after 'x'/],
  ];
  for (const [text, message] of invalid) {
    const errors = parseText(text, 'hcl').errors.filter((e) => !e.cascade);
    assert.ok(errors.length > 0 && message.test(errors[0]!.message), `${text}: ${JSON.stringify(errors)}`);
  }
});

/** Each opener left open in an attribute, the closer the message must name, and how the rest of the line goes. */
const OPENERS: readonly { readonly open: string; readonly value: string; readonly message: RegExp }[] = [
  { open: '[', value: '["implicit", "authorization_code",', message: /missing '\]'; the '\[' on line \d+ is never closed/ },
  { open: '[ over lines', value: '[\n    "implicit",\n    "authorization_code",', message: /missing '\]'; the '\[' on line \d+ is never closed/ },
  { open: '{', value: '{\n    team = "a"', message: /missing '\}'; the '\{' on line \d+ is never closed/ },
  { open: '(', value: 'concat(["implicit"], var.extra', message: /missing '\)'; the '\(' on line \d+ is never closed/ },
  { open: '"', value: '"a client', message: /this string is not closed on its line/ },
  // Last in its block, the block's `}` on the next line closes the interpolation (which may span lines): the string
  // is then what is left open on its line.
  { open: '${ and its quote', value: '"client ${var.env', message: /missing '\}'; the '\$\{' on line \d+ is never closed|this string is not closed on its line/ },
  { open: '${', value: '"client ${var.env"', message: /missing '\}'; the '\$\{' on line \d+ is never closed before the string's end/ },
];

test('a bracket, string or interpolation left open in an attribute names the closer that is missing', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...OPENERS),
      fc.constantFrom('resource', 'nested'),
      fc.constantFrom('first', 'middle', 'last'),
      fc.boolean(),
      (opener, host, place, crlf) => {
        const broken = `description = ${opener.value}`;
        const args = [...ARGUMENTS.resource];
        args.splice(place === 'first' ? 0 : place === 'middle' ? 1 : args.length, 0, broken);
        const body = host === 'resource' ? lines('', args) : `${lines('', ARGUMENTS.resource)}\n  jwt_configuration {\n${lines('  ', args.map((a) => a.replace(/\n/g, '\n  ')))}\n  }`;
        let text = `${plainClient('before', true)}\nresource "auth0_client" "broken" {\n${body}\n}\n\n${plainClient('after', true)}`;
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const result = lintText({ path: '/m/main.tf', text });
        const messages = result.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.message);
        const context = `${opener.open} in ${host}, ${place}\n${text}\n${JSON.stringify(messages)}`;
        assert.ok(messages.length > 0, context);
        assert.match(messages[0]!, opener.message, context);
        // No message names a closer that is not the one missing (`missing '{'` for a list's `[`).
        const closer = /missing '(.)'/.exec(messages[0]!)?.[1];
        for (const message of messages) for (const named of message.matchAll(/missing '([^'])'/g)) if (closer) assert.equal(named[1], closer, context);
        const judged = new Set(result.findings.filter((f) => f.ruleId !== 'parse-error').map((f) => text.slice(0, f.span.start).match(/resource "auth0_client" "(\w+)"/g)?.pop()));
        assert.ok(!judged.has('resource "auth0_client" "broken"'), context);
      },
    ),
    { numRuns: 150 },
  );
});
