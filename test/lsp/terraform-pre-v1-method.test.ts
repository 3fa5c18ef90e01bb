/**
 * A Terraform client written for the auth0 provider before 1.0 (`token_endpoint_auth_method` on `auth0_client`)
 * over the protocol: the server judges it by the written method (no create-time default, so a native kiosk with a
 * secret keeps its client_credentials), says in its log once what the provider versions do with the attribute
 * (again only when that changes) and shows it as an information diagnostic, and its hover on the attribute says so;
 * a closed file of the workspace scan is logged too. The log holds no rule id: the rule book has no rule for it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { positionOf, TestServer } from './helpers';

const KIOSK_TF = `terraform {
  required_providers {
    auth0 = {
      source  = "auth0/auth0"
      version = "~> 0.49"
    }
  }
}

resource "auth0_client" "kiosk" {
  name                       = "Kiosk"
  app_type                   = "native"
  token_endpoint_auth_method = "client_secret_post"
  grant_types                = ["client_credentials"]
}
`;

const NOTE = /kiosk\/main\.tf:13:3: token_endpoint_auth_method is read as the auth method \(auth0 provider 0\.x\); v1 rejects it/;

/** rule@line (1-based), sorted; the note (no rule id, an information diagnostic) as note@line. */
function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code === undefined ? `note${d.severity === 3 ? '' : d.severity}` : String(d.code)}@${d.range.start.line + 1}`).sort();
}

describe('a Terraform client written for the provider before 1.0, in the language server', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({ files: { 'scanned/main.tf': KIOSK_TF }, settings: {} });
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  it('a closed file of the workspace scan is judged by the written method and its note is logged', async () => {
    const published = server.lastPublication(server.uri('scanned/main.tf'));
    assert.deepEqual(summary(published?.diagnostics ?? []), ['note@13', 'secret-on-public-app-type@13']);
    await server.waitFor('the note in the log', () => (server.logs.some((l) => /scanned\/main\.tf:13:3: token_endpoint_auth_method is read as the auth method/.test(l)) ? true : undefined));
  });

  it('an open document: judged by the written method, the note logged once, again only when it changes', async () => {
    const uri = await server.open('kiosk/main.tf', KIOSK_TF);
    const first = await server.waitForDiagnostics(uri);
    assert.deepEqual(summary(first.diagnostics), ['note@13', 'secret-on-public-app-type@13']);
    await server.waitFor('the note in the log', () => (server.logs.some((l) => NOTE.test(l)) ? true : undefined));
    // An edit that keeps the note does not log it again.
    const mark = server.mark();
    await server.change(uri, `# kiosk\n${KIOSK_TF}`);
    await server.waitForDiagnostics(uri, { after: mark });
    assert.equal(server.logs.filter((l) => /kiosk\/main\.tf:\d+:3: token_endpoint_auth_method/.test(l)).length, 1, server.logs.join('\n'));
    // Beside a credentials resource the note changes, and is logged.
    const credentials = `\nresource "auth0_client_credentials" "kiosk" {\n  client_id             = auth0_client.kiosk.id\n  authentication_method = "none"\n}\n`;
    const again = server.mark();
    await server.change(uri, KIOSK_TF + credentials);
    const both = await server.waitForDiagnostics(uri, { after: again });
    assert.deepEqual(summary(both.diagnostics), ['note@13']);
    await server.waitFor('the changed note in the log', () => (server.logs.some((l) => /kiosk\/main\.tf:13:3: .*both set the method/.test(l)) ? true : undefined));
    assert.ok(!server.logs.some((l) => /grantlint\([a-z-]+\)|\bpre-v1\b/.test(l)), 'no rule id in the log');
  });

  it('the hover on the attribute says what the provider versions do with it', async () => {
    const uri = await server.open('hover/main.tf', KIOSK_TF);
    await server.waitForDiagnostics(uri);
    const hover = await server.hover(uri, positionOf(KIOSK_TF, 'token_endpoint_auth_method', 2));
    const text = JSON.stringify(hover?.contents ?? '');
    assert.match(text, /before 1\.0/);
    assert.match(text, /v1 and later reject this attribute/);
  });
});
