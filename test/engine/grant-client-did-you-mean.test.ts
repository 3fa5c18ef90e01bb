/**
 * A deploy-cli client grant whose `client_id` names no client of its tenant gets a note (grantsWithoutClientNotes);
 * where one client's name is a small edit away (a letter dropped, added or swapped, or the case), the note asks
 * `did you mean '<name>'?`, within 120 characters. Generated over YAML tenants (block and flow entries, quoted
 * names) and directory tenants (`clients/*.json`, `grants/*.json`), client names short and long, and names far from
 * every client, which get the plain note and no suggestion; two clients equally close get none either.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grantsWithoutClientNotes, lintText } from '../../server/src/engine/lint';
import { MAX_MESSAGE_LENGTH, readsAs } from '../../server/src/engine/rules/messages';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { MemoryProject } from '../helpers/memory-project';

function notesOf(texts: Map<string, string>, path: string): string[] {
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const text = texts.get(path)!;
  const input = { path, text, links: graph.linksFor(path).links };
  return grantsWithoutClientNotes(input, lintText(input)).map((note) => note.message);
}

const CLIENT_NAMES = ['Billing Worker', 'Ledger Export', 'Customer Identity Platform Background Synchronisation Worker For EU Data Residency'];

/** Misspellings of `name` a small edit away: a letter dropped, swapped with the next, added, and the case changed. */
function nearMisses(name: string): string[] {
  const i = name.indexOf(' ') + 2;
  return [
    name.slice(0, i) + name.slice(i + 1),
    name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2),
    name.slice(0, i) + 'x' + name.slice(i),
    name.toLowerCase(),
    name.toUpperCase(),
  ];
}

// Far: another client's name, a shorter name, a name a word or more away (more than three edits), or unrelated.
const FAR_NAMES = ['Reports Dashboard', 'Billing', 'Mobile App', 'Partner Portal Backend Sync Job', 'Old Ledger Export', 'Billing Workers EU'];

/** A tenant holding `clients` and one grant naming `written`: each tenant form, the grant's path within it. */
const TENANTS: readonly { readonly form: string; readonly build: (clients: readonly string[], written: string) => { texts: Map<string, string>; path: string } }[] = [
  {
    form: 'YAML block',
    build: (clients, written) => ({
      path: '/t/tenant.yaml',
      texts: new Map([['/t/tenant.yaml', `clients:\n${clients.map((c) => `  - name: ${c}\n    app_type: non_interactive\n    grant_types: [client_credentials]\n`).join('')}clientGrants:\n  - client_id: ${written}\n    audience: https://billing.acme.example\n    scope: [charge]\n`]]),
    }),
  },
  {
    form: 'YAML flow, quoted',
    build: (clients, written) => ({
      path: '/t/tenant.yml',
      texts: new Map([['/t/tenant.yml', `clients:\n${clients.map((c) => `  - { name: "${c}", app_type: non_interactive, grant_types: [client_credentials] }\n`).join('')}clientGrants: [{ client_id: '${written}', audience: https://billing.acme.example, scope: [charge] }]\n`]]),
    }),
  },
  {
    form: 'directory',
    build: (clients, written) => ({
      path: '/t/grants/g.json',
      texts: new Map([
        ['/t/tenant.json', '{ "friendly_name": "Acme" }\n'],
        ...clients.map((c, n): [string, string] => [`/t/clients/c${n}.json`, JSON.stringify({ name: c, app_type: 'non_interactive', grant_types: ['client_credentials'] }, null, 2)]),
        ['/t/grants/g.json', JSON.stringify({ client_id: written, audience: 'https://billing.acme.example', scope: ['charge'] }, null, 2)],
      ]),
    }),
  },
];

test('a client_id a small edit away from one client of the tenant gets "did you mean" with that name, within 120 characters', () => {
  for (const tenant of TENANTS) {
    for (const client of CLIENT_NAMES) {
      for (const written of nearMisses(client)) {
        const { texts, path } = tenant.build(['Reports Dashboard', client], written);
        const notes = notesOf(texts, path);
        const name = `${tenant.form}: ${written}`;
        assert.equal(notes.length, 1, name);
        const note = notes[0]!;
        assert.ok(note.length <= MAX_MESSAGE_LENGTH, `${name}: ${note.length}`);
        assert.match(note, /^client grant for '.+' not checked: /, name);
        if (client.length < 40) {
          assert.ok(note.includes(`'${written}'`), name);
          assert.ok(note.endsWith(`did you mean '${client}'?`), `${name}: ${note}`);
        } else assert.match(note, /did you mean '.+'\?$/, `${name}: ${note}`);
      }
    }
  }
});

test('a client_id far from every client name, or equally close to two, gets the plain note and no suggestion', () => {
  for (const tenant of TENANTS) {
    for (const written of FAR_NAMES) {
      const { texts, path } = tenant.build(['Billing Worker', 'Ledger Export'], written);
      const notes = notesOf(texts, path);
      assert.equal(notes.length, 1, `${tenant.form}: ${written}`);
      assert.match(notes[0]!, /^client grant for '.+' not checked: no client of this tenant is named so( \(deploy-cli sends it as a client id\))?$/, `${tenant.form}: ${written}`);
    }
    const { texts, path } = tenant.build(['Billing Worker A', 'Billing Worker B'], 'Billing Worker');
    assert.doesNotMatch(notesOf(texts, path)[0] ?? '', /did you mean/, `${tenant.form}: tie`);
  }
});

test('grants naming unknown clients alike in name get notes that tell them apart, whatever part differs', () => {
  const start = 'Nordlicht Zahlungsabwicklung Hintergrunddienst für ';
  const end = ' (Produktionsumgebung Region Europa)';
  const middles = [['Großkunden', 'Kleinkunden'], ['Mittelkunden', 'Privatkunden'], ['A', 'B']] as const;
  for (const [a, b] of middles) {
    for (const at of ['middle', 'start', 'end'] as const) {
      const nameOf = (m: string) => (at === 'middle' ? `${start}${m}${end}` : at === 'start' ? `${m} ${start.trim()}${end}` : `${start.trim()}${end} ${m}`);
      const clients = ['Großkunden-Dienst', 'Kleinkunden-Dienst'].map((m) => nameOf(m));
      const grants = [nameOf(a), nameOf(b)];
      const text = `clients:\n${clients.map((c) => `  - name: "${c}"\n    grant_types: [client_credentials]\n`).join('')}clientGrants:\n${grants.map((g) => `  - client_id: "${g}"\n    audience: https://api.example.com/\n    scope: []\n`).join('')}`;
      const notes = notesOf(new Map([['/t/tenant.yaml', text]]), '/t/tenant.yaml');
      assert.equal(notes.length, 2, `${at} ${a}/${b}: ${JSON.stringify(notes)}`);
      const shown = notes.map((note) => /^client grant for '(.*?)' not checked/.exec(note)![1]!);
      for (const [i, name] of grants.entries()) {
        assert.ok(notes[i]!.length <= MAX_MESSAGE_LENGTH, notes[i]);
        assert.ok(readsAs(shown[i]!, name), `${shown[i]} reads as ${name}`);
        for (const other of [...grants, ...clients].filter((o) => o !== name)) assert.ok(!readsAs(shown[i]!, other), `${shown[i]} does not read as ${other}`);
      }
    }
  }
});
