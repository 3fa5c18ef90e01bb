/**
 * A Terraform file holding the credentials resource of a client of another file judges that client as a guest
 * (lint.ts guestClients). The guest's nodes are copied into the file's offset range only when read, and lintText
 * first judges its twin (the same client in its own file's offsets, nothing copied): a guest whose twin has no
 * findings is passed over. Both shortcuts are held here to the plain guest, over generated split modules in HCL
 * and Terraform JSON (every app type, grant mix, party and method; multi-line lists with comments; CRLF):
 * - the lazy guest reads, node for node, as the guest copied whole;
 * - the twin has the guest's facts (client.ts factsKey) and the same findings by rule, so "no findings" is decided
 *   alike, with and without a legacy tenant.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { lintClient, lintText, type ClientEntry } from '../../server/src/engine/index';
import { factsKey } from '../../server/src/engine/client';
import { linkedClient } from '../../server/src/engine/links';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { ProjectGraph } from '../../server/src/workspace/project-graph';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';
import { MemoryProject } from '../helpers/memory-project';
import { renderSplitProject, splitProjectArb } from '../helpers/split-project-generator';

before(() => loadHclParser());

const ROOT = '/p';

const rulesOf = (entry: ClientEntry, legacyTenant: boolean) => lintClient(entry, { ...DEFAULT_SETTINGS, legacyTenant }).map((finding) => finding.ruleId).sort();

test('a guest read lazily is the guest copied whole, and its twin is judged as it is', () => {
  let guests = 0;
  let clean = 0;
  let withFindings = 0;
  fc.assert(
    fc.property(
      splitProjectArb.filter((project) => project.form.terraform !== 'directory'),
      ({ clients, form }) => {
        const texts = new Map(Object.entries(renderSplitProject(clients, form)).map(([path, text]) => [`${ROOT}/${path}`, text]));
        const graph = new ProjectGraph(new MemoryProject(texts), { isReported: () => true });
        for (const [path, text] of texts) {
          const links = graph.linksFor(path).links;
          const result = lintText({ path, text, links });
          for (const guest of result.guests) {
            assert.ok(links?.kind === 'terraform-module' && guest.resourceName !== undefined, path);
            const linked = linkedClient(links, guest.resourceName, path)!;
            const copied: ClientEntry = { ...linked.entry, credentials: guest.credentials, createTimeMethod: false };
            assert.deepEqual({ ...guest }, copied, `${path}: guest ${guest.resourceName}`);
            const twin: ClientEntry = { ...linked.unshifted, credentials: guest.credentials, createTimeMethod: false };
            for (const legacyTenant of [false, true]) {
              assert.equal(factsKey(twin, legacyTenant), factsKey(guest, legacyTenant), `${path}: guest ${guest.resourceName}`);
              const found = rulesOf(guest, legacyTenant);
              assert.deepEqual(rulesOf(twin, legacyTenant), found, `${path}: guest ${guest.resourceName}`);
              if (found.length === 0) clean++;
              else withFindings++;
            }
            guests++;
          }
        }
      },
    ),
    { numRuns: 150 },
  );
  assert.ok(guests > 100 && clean > 20 && withFindings > 100, `${guests} guests, ${clean} clean and ${withFindings} with findings`);
});
