/**
 * Long client names (60–110 characters, not ASCII) that share long starts and ends and differ in the middle, at the
 * start or at the end: where a message or note has no room for them whole, each clipped name keeps what tells it
 * apart from the other clients of its project (tenant.yaml, deploy-cli directory, Terraform module). Generated over
 * the message kinds that name a client (a client grant whose client lacks client_credentials, is public, or is
 * third-party and granted the Management API, or an audience of a host of its own that only ends like it), the did-you-mean note on a misspelt `client_id` (whose related place
 * is the suggested client's name) and the "fix edits <file>" note of a fix in a client's file.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { grantsWithoutClientNotes, lintText } from '../../server/src/engine/lint';
import { MAX_MESSAGE_LENGTH, readsAs } from '../../server/src/engine/rules/messages';
import { elsewhereFixNotes } from '../../server/src/cli/notes';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

before(() => loadHclParser());

const STARTS = ['Nordlicht Zahlungsabwicklung – Abrechnungsdienst für ', '顧客管理ポータル — シングルページアプリケーション（本番環境・', 'Öffentliche Kasse – Schnittstelle für '];
const ENDS = [' (Produktion, Region Europa)', '）東京リージョン フロントエンド・バックエンド連携', ' – Mandantenfähig, Zone Süd-Ost'];
const MIDDLES = ['Großkunden', 'Kleinkunden', 'Geschäftskunden', 'Behörden'];

type Where = 'middle' | 'start' | 'end';

/** `count` names of 60–110 characters alike but for one part: in their middle, at their start or at their end. */
function namesOf(where: Where, count: number, seed: number): string[] {
  const start = STARTS[seed % STARTS.length]!;
  const end = ENDS[(seed + 1) % ENDS.length]!;
  const middle = MIDDLES[seed % MIDDLES.length]!;
  const names = MIDDLES.slice(0, count).map((part, i) => {
    if (where === 'middle') return `${start}${part}${end}`;
    if (where === 'start') return `${['Nordwerk', 'Südhafen', 'Ostbahn', 'Westpark'][i]!}-${start}${middle}${end}`;
    return `${start}${middle}${end} ${['Hamburg', 'München', 'Köln', 'Dresden'][i]!}`;
  });
  for (const name of names) assert.ok(name.length >= 60 && name.length <= 110, `${name.length}: ${name}`);
  return names;
}

type Kind = 'lacks' | 'public' | 'third-party' | 'third-party-own-host';
const AUDIENCE: Record<Kind, string> = {
  lacks: 'https://billing.example.com/api',
  public: 'https://billing.example.com/api',
  'third-party': 'https://nordlicht.eu.auth0.com/api/v2/',
  'third-party-own-host': 'https://reports.nordlicht.example/api/v2/',
};
const RULE: Record<Kind, string> = {
  lacks: 'client-grant-without-client-credentials',
  public: 'client-grant-without-client-credentials',
  'third-party': 'third-party-system-api-grant',
  'third-party-own-host': 'third-party-system-api-grant',
};

/** A client's settings of `kind` (deploy-cli keys). */
function settingsOf(kind: Kind): Record<string, unknown> {
  if (kind === 'public') return { app_type: 'spa', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'] };
  if (kind === 'third-party' || kind === 'third-party-own-host') return { app_type: 'regular_web', is_first_party: false, token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'] };
  return { app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'] };
}

/** A letter of `name`'s differing part swapped with the next: a typo a small edit away from `name` alone. */
function misspelt(name: string, where: Where): string {
  const at = where === 'start' ? 1 : where === 'end' ? name.length - 2 : name.search(/Groß|Klein|Geschä|Behör/) + 2;
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

interface Project {
  readonly texts: Map<string, string>;
  /** The files holding client grants, to lint. */
  readonly grantFiles: readonly string[];
  /** Each client's file and the text of its `name` value as written there. */
  readonly clientFile: (name: string) => string;
}

const FORMS: readonly { readonly form: string; readonly build: (names: readonly string[], kind: Kind, typo: string | undefined) => Project }[] = [
  {
    form: 'tenant.yaml',
    build: (names, kind, typo) => {
      const yamlValue = (value: unknown) => JSON.stringify(value);
      const clients = names.map((name) => `  - name: ${yamlValue(name)}\n${Object.entries(settingsOf(kind)).map(([key, value]) => `    ${key}: ${yamlValue(value)}\n`).join('')}`);
      const grants = [...names, ...(typo ? [typo] : [])].map((name) => `  - client_id: ${yamlValue(name)}\n    audience: ${AUDIENCE[kind]}\n    scope: [read:things]\n`);
      return { texts: new Map([['/t/tenant.yaml', `clients:\n${clients.join('')}clientGrants:\n${grants.join('')}`]]), grantFiles: ['/t/tenant.yaml'], clientFile: () => '/t/tenant.yaml' };
    },
  },
  {
    form: 'deploy-cli directory',
    build: (names, kind, typo) => {
      const texts = new Map<string, string>([['/t/tenant.json', '{ "friendly_name": "Nordlicht" }\n']]);
      for (const name of names) texts.set(`/t/clients/${name}.json`, JSON.stringify({ name, ...settingsOf(kind) }, null, 2));
      const grantFiles = [...names, ...(typo ? [typo] : [])].map((name, i) => {
        const path = `/t/grants/g${i}.json`;
        texts.set(path, JSON.stringify({ client_id: name, audience: AUDIENCE[kind], scope: ['read:things'] }, null, 2));
        return path;
      });
      return { texts, grantFiles, clientFile: (name) => `/t/clients/${name}.json` };
    },
  },
  {
    form: 'Terraform module',
    build: (names, kind) => {
      const settings = settingsOf(kind);
      const clients = names.map(
        (name, i) =>
          `resource "auth0_client" "c${i}" {\n  name = ${JSON.stringify(name)}\n  app_type = "${String(settings.app_type)}"\n${kind.startsWith('third-party') ? '  is_first_party = false\n' : ''}  grant_types = ["authorization_code"]\n}\n` +
          `resource "auth0_client_credentials" "c${i}" {\n  client_id = auth0_client.c${i}.id\n  authentication_method = "${String(settings.token_endpoint_auth_method)}"\n}\n`,
      );
      const grants = names.map((_, i) => `resource "auth0_client_grant" "g${i}" {\n  client_id = auth0_client.c${i}.id\n  audience = "${AUDIENCE[kind]}"\n  scopes = ["read:things"]\n}\n`);
      return {
        texts: new Map([
          ['/t/main.tf', clients.join('\n')],
          ['/t/grants.tf', grants.join('\n')],
        ]),
        grantFiles: ['/t/grants.tf'],
        clientFile: () => '/t/main.tf',
      };
    },
  },
];

/** The quoted values of a message (`'…'`), in order. */
function quoted(message: string): string[] {
  return [...message.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

/** Every shown name reads as its own client only: no other client of the project could be the one meant. */
function assertApart(shown: string, own: string, names: readonly string[], label: string): void {
  assert.ok(readsAs(shown, own), `${label}: '${shown}' does not read as its own name ${own}`);
  for (const other of names) if (other !== own) assert.ok(!readsAs(shown, other), `${label}: '${shown}' reads as ${other} too`);
}

const CASES = FORMS.flatMap((form) => (['middle', 'start', 'end'] as const).flatMap((where) => [2, 3, 4].flatMap((count) => (['lacks', 'public', 'third-party', 'third-party-own-host'] as const).map((kind) => ({ form, where, count, kind, seed: count + where.length })))));

test('a long client name clipped in a message keeps what tells it from the other clients of its project', () => {
  for (const { form, where, count, kind, seed } of CASES) {
    const names = namesOf(where, count, seed);
    const project = form.build(names, kind, undefined);
    const graph = new ProjectGraph(new MemoryProject(project.texts), { isReported: () => true });
    const shownBy = new Map<string, string>();
    for (const path of project.grantFiles) {
      const text = project.texts.get(path)!;
      const result = lintText({ path, text, links: graph.linksFor(path).links });
      for (const finding of result.findings.filter((f) => f.ruleId === RULE[kind])) {
        const label = `${form.form}, ${where}, ${count} ${kind}: ${finding.message}`;
        assert.ok(finding.message.length <= MAX_MESSAGE_LENGTH, label);
        // A host of the user's own: the message says the audience only ends like the Management API's.
        if (kind === 'third-party-own-host') assert.match(finding.message, /^Audience of third-party client '[^']+' ends like the Management API's; if (it is your own API|yours), silence this\.$/, label);
        const shown = quoted(finding.message)[0]!;
        const own = names.find((name) => readsAs(shown, name))!;
        assert.ok(own !== undefined, label);
        assertApart(shown, own, names, label);
        shownBy.set(own, shown);
      }
    }
    const label = `${form.form}, ${where}, ${count} ${kind}`;
    assert.equal(shownBy.size, count, `${label}: one finding for each client`);
    assert.equal(new Set(shownBy.values()).size, count, `${label}: different clients are shown as different text`);
  }
});

test('a did-you-mean note keeps what tells the suggested client from the others, and its related place is that client\'s name', () => {
  for (const { form, where, count, kind, seed } of CASES.filter((c) => c.form.form !== 'Terraform module' && c.kind === 'lacks')) {
    const names = namesOf(where, count, seed);
    for (const meant of names) {
      const typo = misspelt(meant, where);
      const project = form.build(names, kind, typo);
      const graph = new ProjectGraph(new MemoryProject(project.texts), { isReported: () => true });
      const path = project.grantFiles.at(-1)!;
      const text = project.texts.get(path)!;
      const input = { path, text, links: graph.linksFor(path).links };
      const notes = grantsWithoutClientNotes(input, lintText(input));
      const label = `${form.form}, ${where}, ${count}: ${typo}`;
      assert.equal(notes.length, 1, label);
      const note = notes[0]!;
      assert.ok(note.message.length <= MAX_MESSAGE_LENGTH, `${label}: ${note.message}`);
      assert.match(note.message, /did you mean '[^']+'\?$/, label);
      assertApart(quoted(note.message).at(-1)!, meant, names, `${label}: ${note.message}`);
      // The related place: the suggested client's name, in its own file (directory) or the tenant file.
      const related = note.related?.[0];
      assert.ok(related, `${label}: no related place`);
      assert.ok(related.message.length <= MAX_MESSAGE_LENGTH, related.message);
      const file = project.clientFile(meant);
      const fileText = project.texts.get(file)!;
      const [start, end] = related.elsewhere
        ? [offsetOf(fileText, related.elsewhere.start), offsetOf(fileText, related.elsewhere.end)]
        : [related.span.start, related.span.end];
      if (related.elsewhere) assert.equal(related.elsewhere.path, file, label);
      assert.equal(JSON.parse(fileText.slice(start, end)), meant, `${label}: related at ${fileText.slice(start, end)}`);
    }
  }
});

test('the "fix edits <file>" note names a long client file by what tells it from the other client files', () => {
  for (const { where, count, seed } of CASES.filter((c) => c.form.form === 'deploy-cli directory' && c.kind === 'lacks')) {
    const names = namesOf(where, count, seed);
    const project = FORMS[1]!.build(names, 'lacks', undefined);
    const graph = new ProjectGraph(new MemoryProject(project.texts), { isReported: () => true });
    const shown = (path: string) => path.replace(/^\/t\//, '');
    const files = names.map((name) => shown(project.clientFile(name)));
    const seen = new Set<string>();
    for (const path of project.grantFiles) {
      const input = { path, text: project.texts.get(path)!, links: graph.linksFor(path).links };
      for (const note of elsewhereFixNotes(lintText(input), input.links, shown)) {
        const label = `${where}, ${count}: ${note.message}`;
        assert.ok(note.message.length <= MAX_MESSAGE_LENGTH, label);
        const file = / fix edits (.+?)(?:, another file)?; /.exec(note.message)?.[1];
        assert.ok(file, label);
        const own = files.find((name) => readsAs(file, name));
        assert.ok(own !== undefined, label);
        assertApart(file, own, files, label);
        seen.add(file);
      }
    }
    assert.equal(seen.size, count, `${where}, ${count}: one note for each client's file, each told apart`);
  }
});

function offsetOf(text: string, position: { readonly line: number; readonly character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
}
