/**
 * A client grant kept by a grantlint-disable comment at the end of one of its lines (where it silences nothing) is
 * told so, also where no fix exists to hold back (a Terraform `auth0_client_grant`, which no fix removes): the
 * message names the comment's line and no longer only says to remove the grant the comment keeps (U48, U49).
 * Every line of the grant, in YAML `clientGrants` and Terraform, with `#` and `//`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { CliFinding } from '../../server/src/cli/report';

const COMMENT = 'grantlint-disable-line third-party-system-api-grant -- partner sync';

const FORMS: Record<string, { file: string; before: string[]; grant: string[]; markers: string[] }> = {
  yaml: {
    file: 'tenant.yaml',
    before: ['clients:', '  - name: Partner', '    app_type: non_interactive', '    is_first_party: false', '    grant_types: [client_credentials]', 'clientGrants:'],
    grant: ['  - client_id: Partner', '    audience: https://acme.eu.auth0.com/api/v2/', '    scope:', '      - read:users'],
    markers: ['#'],
  },
  terraform: {
    file: 'main.tf',
    before: ['resource "auth0_client" "partner" {', '  name           = "Partner"', '  app_type       = "non_interactive"', '  is_first_party = false', '  grant_types    = ["client_credentials"]', '}', ''],
    grant: ['resource "auth0_client_grant" "mgmt" {', '  client_id = auth0_client.partner.id', '  audience  = "https://acme.eu.auth0.com/api/v2/"', '  scopes    = ["read:users"]', '}'],
    markers: ['#', '//'],
  },
};

for (const [name, form] of Object.entries(FORMS)) {
  test(`a client grant kept by an end-of-line comment says so (${name})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantlint-held-grant-'));
    try {
      for (const marker of form.markers) {
        for (let at = 0; at < form.grant.length; at++) {
          const grant = form.grant.map((line, i) => (i === at ? `${line} ${marker} ${COMMENT}` : line));
          const text = [...form.before, ...grant, ''].join('\n');
          writeFileSync(join(dir, form.file), text);
          const findings = JSON.parse([...(await run(['--format', 'json', form.file], dir)).stdout].join('')) as CliFinding[];
          const finding = findings.find((f) => f.ruleId === 'third-party-system-api-grant');
          assert.ok(finding, text);
          const line = form.before.length + at + 1;
          assert.match(finding.message, new RegExp(`comment at (?:the )?end of line ${line} may mean`), `${finding.message}\n${text}`);
          assert.doesNotMatch(finding.message, /remove this client grant/, text);
          assert.equal(finding.fixable, false, text);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
