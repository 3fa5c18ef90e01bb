/**
 * A Terraform client grant referencing an `auth0_client` its module does not declare gets a note (terraform plan
 * refuses the reference); where one of the module's `auth0_client` resource names is a small edit away (a letter
 * dropped, added or swapped), the note asks `did you mean <resource>?` within 120 characters and carries the
 * resource's label as its related place, in the grant's file or another file of the module. Generated over HCL and
 * `.tf.json`, the client in the grant's file or in another, short and long resource names, and names far from every
 * resource (the plain note, no suggestion, no place). Two resources equally close get no suggestion either.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { grantsWithoutClientNotes, lintText } from '../../server/src/engine/lint';
import { otherFileLocation } from '../../server/src/engine/links';
import { MAX_MESSAGE_LENGTH, readsAs } from '../../server/src/engine/rules/messages';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';

const RESOURCES = ['billing_worker_eu', 'ledger', 'customer_identity_platform_background_synchronisation_worker_for_eu'];

/** Misspellings a small edit away: a letter dropped, the second and third swapped (they differ in every name), one added. */
function nearMisses(name: string): string[] {
  return [name.slice(0, 2) + name.slice(3), name[0]! + name[2]! + name[1]! + name.slice(3), `${name.slice(0, 2)}x${name.slice(2)}`];
}

const FAR = ['reporting', 'billing', 'partner_portal_sync', 'ledger_export_v2'];

type Layout = 'hcl-same-file' | 'hcl-other-file' | 'tf-json-other-file';

/** A module of `resources` and one grant referencing `written`; the grant's path. */
function module(layout: Layout, resources: readonly string[], written: string): { texts: Map<string, string>; path: string } {
  if (layout === 'tf-json-other-file') {
    const clients = Object.fromEntries(resources.map((r) => [r, { name: r, app_type: 'non_interactive', grant_types: ['client_credentials'] }]));
    const grant = { resource: { auth0_client_grant: { g: { client_id: `\${auth0_client.${written}.id}`, audience: 'https://api.example.com/', scopes: [] } } } };
    return {
      path: '/m/grants.tf.json',
      texts: new Map([
        ['/m/main.tf.json', JSON.stringify({ resource: { auth0_client: clients } }, null, 2)],
        ['/m/grants.tf.json', JSON.stringify(grant, null, 2)],
      ]),
    };
  }
  const clients = resources.map((r) => `resource "auth0_client" "${r}" {\n  name        = "${r}"\n  app_type    = "non_interactive"\n  grant_types = ["client_credentials"]\n}\n`).join('\n');
  const grant = `resource "auth0_client_grant" "g" {\n  client_id = auth0_client.${written}.id\n  audience  = "https://api.example.com/"\n  scopes    = []\n}\n`;
  return layout === 'hcl-same-file'
    ? { path: '/m/main.tf', texts: new Map([['/m/main.tf', `${clients}\n${grant}`]]) }
    : { path: '/m/grants.tf', texts: new Map([['/m/main.tf', clients], ['/m/grants.tf', grant]]) };
}

function notesOf(layout: Layout, resources: readonly string[], written: string) {
  const { texts, path } = module(layout, resources, written);
  const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
  const input = { path, text: texts.get(path)!, links: graph.linksFor(path).links };
  return { notes: grantsWithoutClientNotes(input, lintText(input)), input, texts };
}

before(async () => {
  await loadHclParser();
});

const LAYOUTS: readonly Layout[] = ['hcl-same-file', 'hcl-other-file', 'tf-json-other-file'];

test('a reference a small edit from a module resource asks "did you mean", with the resource\'s label as its place', () => {
  fc.assert(
    fc.property(fc.constantFrom(...LAYOUTS), fc.constantFrom(...RESOURCES), fc.nat(2), (layout, meant, miss) => {
      const written = nearMisses(meant)[miss]!;
      const { notes, input, texts } = notesOf(layout, RESOURCES, written);
      assert.equal(notes.length, 1, `${layout} ${written}`);
      const note = notes[0]!;
      assert.ok(note.message.length <= MAX_MESSAGE_LENGTH, note.message);
      // The resource meant, whole or clipped so that it still reads as it.
      const suggested = /did you mean (.+)\?$/.exec(note.message)?.[1];
      assert.ok(suggested !== undefined && readsAs(suggested, meant), note.message);
      const related = note.related?.[0];
      assert.ok(related, `${layout}: a related place`);
      // The place is the resource's label, `"<name>"`, in whichever file declares it.
      const elsewhere = related.elsewhere ?? otherFileLocation(input.links, related.span);
      const file = elsewhere ? elsewhere.path : input.path;
      const lines = texts.get(file)!.split('\n');
      const label = elsewhere ? lines[elsewhere.start.line]!.slice(elsewhere.start.character) : input.text.slice(related.span.start);
      assert.ok(label.startsWith(`"${meant}"`), `${layout}: ${label.slice(0, 40)}`);
      assert.ok(related.message.length <= MAX_MESSAGE_LENGTH && related.message.includes(meant), related.message);
    }),
    { numRuns: 40 },
  );
});

test('a reference far from every resource, or as close to two, gets the plain note and no place', () => {
  for (const layout of LAYOUTS) {
    for (const written of FAR) {
      const { notes } = notesOf(layout, RESOURCES, written);
      assert.equal(notes.length, 1, `${layout} ${written}`);
      assert.match(notes[0]!.message, /declares no such resource( \(terraform plan refuses it\))?$/);
      assert.equal(notes[0]!.related, undefined);
    }
    const { notes } = notesOf(layout, ['billing_a', 'billing_b'], 'billing_c');
    assert.doesNotMatch(notes[0]!.message, /did you mean/);
  }
});
