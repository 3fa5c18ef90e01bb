/**
 * A syntax error in one Terraform resource costs that resource only (rule book: a client whose text holds a syntax
 * error gets only parse-error): tree-sitter's recovery may read an open string on to the end of the file, or a
 * bracket left open over the blocks after it, so the reader reads the blocks around an error each on its own
 * (parse/hcl.ts readBlockByBlock). Generated over modules of clients (with other resources between them, their
 * credentials in a sibling credentials.tf or beside them) with an error of each kind in a resource at the start,
 * in the middle and at the end: every other resource keeps exactly the findings it has in the module without the
 * broken resource, in main.tf and in credentials.tf. After a heredoc or block comment never closed the rest of the
 * file is its text (as Terraform reads it): the resources after it may go, and the parse-error says so.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/engine/lint';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

/** Each kind of syntax error, as the last lines of a resource's body; `swallows`: the rest of the file is its text. */
const ERRORS: readonly { readonly kind: string; readonly lines: string; readonly swallows?: true }[] = [
  { kind: 'unclosed string in a list', lines: '  callbacks = ["https://a.example.com", "]\n' },
  { kind: 'unclosed string value', lines: '  description = "a client\n' },
  { kind: 'unclosed string, one of two on a line', lines: '  web_origins = ["https://a.example.com", "https://b]\n' },
  { kind: "unclosed '['", lines: '  callbacks = ["https://a.example.com",\n' },
  { kind: "unclosed '[' over lines", lines: '  callbacks = [\n    "https://a.example.com",\n' },
  { kind: "unclosed '{'", lines: '  jwt_configuration {\n    alg = "RS256"\n' },
  { kind: "unclosed '{' of an object", lines: '  client_metadata = {\n    team = "a"\n' },
  { kind: 'heredoc without end', lines: '  description = <<EOT\n  some text\n', swallows: true },
  { kind: "stray ']'", lines: '  callbacks = ["https://a.example.com"]]\n' },
  { kind: "':' for '='", lines: '  callbacks: ["https://a.example.com"]\n' },
  { kind: 'two attributes on a line', lines: '  name = "Web"; description = "x"\n' },
  // Layouts HCL rejects that tree-sitter reads without an error node (parse/hcl-layout.ts), and a comma it trips on.
  { kind: 'two arguments on a line, no separator', lines: '  name = "Web" description = "x"\n' },
  { kind: "a nested block's '}' after its argument", lines: '  jwt_configuration {\n    alg = "RS256" }\n' },
  { kind: 'a one-line nested block left open', lines: '  jwt_configuration { alg = "RS256"\n  }\n' },
  { kind: 'a comma after an argument', lines: '  description = "x",\n' },
  { kind: 'unclosed block comment', lines: '  /* a comment\n', swallows: true },
  // Mistakes reported from the text mended (parse/hcl-strings.ts textMistakes), and a '[' left open alone.
  { kind: "';' between arguments", lines: '  app_type = "spa"; grant_types = ["implicit"]\n' },
  { kind: "';' between list items", lines: '  callbacks = ["https://a.example.com"; "https://b.example.com"]\n' },
  { kind: 'no comma between list items', lines: '  callbacks = [\n    "https://a.example.com" # first\n    "https://b.example.com"\n  ]\n' },
  { kind: 'an argument with no value yet', lines: '  description =\n' },
  { kind: "':' for '=' in a nested block", lines: '  refresh_token {\n    rotation_type: "rotating"\n  }\n' },
  { kind: "'[' alone on its line", lines: '  callbacks = [\n' },
];

/**
 * Clients that give findings in main.tf and, through their credentials, in credentials.tf, or through the
 * provider's create-time method.
 */
const CLIENTS: readonly { readonly appType: string; readonly grants: string; readonly method?: string }[] = [
  { appType: 'spa', grants: '"authorization_code", "authorization_code", "implicit"', method: 'client_secret_post' },
  { appType: 'spa', grants: '"implicit"', method: 'client_secret_basic' },
  { appType: 'non_interactive', grants: '"authorization_code"' },
  { appType: 'native', grants: '"password", "implicit"', method: 'client_secret_post' },
  { appType: 'regular_web', grants: '"authorization_code", "implicit", "implicit"' },
  // Without credentials: judged by the provider's create-time method (none), which holds only while no error may
  // hide a credentials resource.
  { appType: 'spa', grants: '"authorization_code", "client_credentials"' },
  { appType: 'native', grants: '"client_credentials", "refresh_token"' },
];

interface Module {
  /** Each resource's text of main.tf, in order; the one at `broken` is broken by `error`. */
  readonly resources: readonly { readonly name: string; readonly text: string; readonly client: boolean; readonly method?: string }[];
  readonly broken: number;
  readonly error: (typeof ERRORS)[number];
  readonly siblingCredentials: boolean;
}

const moduleArb: fc.Arbitrary<Module> = fc
  .record({
    clients: fc.array(fc.nat(CLIENTS.length - 1), { minLength: 2, maxLength: 5 }),
    others: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    where: fc.constantFrom('start' as const, 'middle' as const, 'end' as const),
    error: fc.constantFrom(...ERRORS),
    siblingCredentials: fc.boolean(),
    indentedLists: fc.boolean(),
  })
  .map(({ clients, others, where, error, siblingCredentials, indentedLists }) => {
    const resources: { name: string; text: string; client: boolean; method?: string }[] = [];
    clients.forEach((pick, i) => {
      const client = CLIENTS[pick]!;
      const name = `c${i}`;
      const grants = indentedLists ? `[\n    ${client.grants.split(', ').join(',\n    ')},\n  ]` : `[${client.grants}]`;
      resources.push({ name, client: true, ...(client.method ? { method: client.method } : {}), text: `resource "auth0_client" "${name}" {\n  name        = "C${i}"\n  app_type    = "${client.appType}"\n  grant_types = ${grants}\n}\n` });
      if (others[i]) resources.push({ name: `v${i}`, client: false, text: `variable "v${i}" {\n  type    = string\n  default = "x"\n}\n` });
    });
    const clientIndexes = resources.flatMap((r, i) => (r.client ? [i] : []));
    const brokenClient = where === 'start' ? 0 : where === 'end' ? clientIndexes.length - 1 : Math.floor(clientIndexes.length / 2);
    const broken = clientIndexes[brokenClient]!;
    const target = resources[broken]!;
    resources[broken] = { ...target, text: target.text.replace(/\}\n$/, `${error.lines}}\n`) };
    return { resources, broken, error, siblingCredentials };
  });

/**
 * The credentials resources of the clients that set a method (the others keep the provider's default), but the
 * one of the resource at `leftOut`: a credentials resource referencing a client the module does not declare makes
 * every client's create-time method unknown.
 */
function credentialsOf(module: Module, leftOut = -1): string {
  return module.resources
    .filter((r, i) => r.method !== undefined && i !== leftOut)
    .map((r) => `resource "auth0_client_credentials" "${r.name}" {\n  client_id             = auth0_client.${r.name}.id\n  authentication_method = "${r.method}"\n}\n`)
    .join('\n');
}

/**
 * The findings of the module's files, each as `file resource rule severity +start-end` (the resource whose text
 * holds it, and where in it), parse errors apart. `without`: the broken resource left out of main.tf, with its
 * credentials resource.
 */
function findings(module: Module, without: boolean): { lines: string[]; parseErrors: string[] } {
  const kept = module.resources.filter((_, i) => !without || i !== module.broken);
  const credentials = credentialsOf(module, without ? module.broken : -1);
  const main = kept.map((r) => r.text).join('\n') + (module.siblingCredentials ? '' : `\n${credentials}`);
  const files = new Map([['/m/main.tf', main], ...(module.siblingCredentials ? ([['/m/credentials.tf', credentials]] as const) : [])]);
  const graph = new ProjectGraph(new MemoryProject(files), { isReported: () => true });
  const lines: string[] = [];
  const parseErrors: string[] = [];
  for (const [path, text] of files) {
    const result = lintText({ path, text, links: graph.linksFor(path).links });
    const starts = [...text.matchAll(/^resource "([^"]+)" "([^"]+)"/gm)].map((m) => ({ at: m.index, name: m[1] === 'auth0_client' ? m[2]! : `${m[1]}.${m[2]}` }));
    for (const finding of result.findings) {
      if (finding.ruleId === 'parse-error') {
        parseErrors.push(finding.message);
        continue;
      }
      const owner = starts.filter((s) => s.at <= finding.span.start).pop();
      // Where in its resource, not the message: a file with a syntax error offers no fixes, which some messages say.
      const at = owner ? `+${finding.span.start - owner.at}-${finding.span.end - owner.at}` : `${finding.span.start}`;
      lines.push(`${path.slice(3)} ${owner?.name ?? '-'} ${finding.ruleId} ${finding.severity} ${at}`);
    }
  }
  return { lines: lines.sort(), parseErrors };
}

test('a syntax error of each kind costs only its resource: the others keep the findings they have without it', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(moduleArb, (module) => {
      const brokenName = module.resources[module.broken]!.name;
      const clients = module.resources.filter((r) => r.client).map((r) => r.name);
      // What may differ: the broken resource's own findings and its credentials'; after a heredoc or comment that
      // swallows the rest of main.tf, those of the resources after it (the credentials beside the clients come after
      // them all), and of the credentials, in either file, of the clients it swallows.
      const swallowed = module.error.swallows ? module.resources.slice(module.broken + 1).map((r) => r.name) : [];
      const lost = new Set([brokenName, ...swallowed].flatMap((name) => [name, `auth0_client_credentials.${name}`]));
      if (module.error.swallows && !module.siblingCredentials) for (const name of clients) lost.add(`auth0_client_credentials.${name}`);
      const judged = (line: string) => !lost.has(line.split(' ')[1]!);
      const broken = findings(module, false);
      const clean = findings(module, true);
      const where = `${module.error.kind} in ${brokenName} of ${clients.join(', ')}${module.siblingCredentials ? ', credentials.tf' : ''}`;
      if (module.error.swallows && !module.siblingCredentials) {
        // The credentials resources after it are swallowed too: their clients' methods are unknown, so some of those
        // clients' findings go; none is new.
        const was = clean.lines.filter(judged);
        assert.deepEqual(broken.lines.filter(judged).filter((line) => !was.includes(line)), [], where);
      } else {
        assert.deepEqual(broken.lines.filter(judged), clean.lines.filter(judged), where);
      }
      assert.ok(broken.lines.every((line) => line.split(' ')[1] !== brokenName), `${where}: the broken resource has findings\n${broken.lines.join('\n')}`);
      assert.ok(broken.parseErrors.length > 0, where);
      if (module.error.swallows) assert.match(broken.parseErrors[0]!, /nothing after it is read/, where);
      seen.add(module.error.kind);
    }),
    { numRuns: 150 },
  );
  assert.equal(seen.size, ERRORS.length, `kinds not generated: ${ERRORS.filter((e) => !seen.has(e.kind)).map((e) => e.kind)}`);
});
