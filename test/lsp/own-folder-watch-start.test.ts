/**
 * An editor that watches no files for the server (Neovim 0.7, Helix): a linked file changed on disk at any moment
 * around a document's opening must end in the dependent's diagnostics. The workspace scan reads every project
 * before any folder is watched, so a change made after that read and before the document's folder watch starts
 * sends no event: the server compares what it read with the disk when the watch starts. Each moment is tried for
 * a Terraform module (main.tf depending on credentials.tf) and a deploy-cli directory (a grant depending on its
 * client file), each in a folder of its own so that every case starts with its project read and no watch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diagnosticSummary, TestServer, WITHOUT_WATCHING } from './helpers';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const findings = diagnosticSummary;

const MAIN_TF = `resource "auth0_client" "web" {
  name        = "Web"
  app_type    = "regular_web"
  grant_types = ["authorization_code", "client_credentials"]
}
`;
const credentialsTf = (method: string): string => `resource "auth0_client_credentials" "web" {
  client_id             = auth0_client.web.id
  authentication_method = "${method}"
}
`;
const GRANT = json({ client_id: 'Jobs', audience: 'https://api.example.com/', scope: ['read:items'] });
const jobs = (grants: string[]): string => json({ name: 'Jobs', app_type: 'non_interactive', grant_types: grants });

/** A project kind: its files, the dependent document, and the linked file's change on disk that clears its finding. */
interface Kind {
  readonly name: string;
  files(dir: string): Record<string, string>;
  readonly dependent: { readonly rel: string; readonly text: string; readonly before: readonly string[] };
  readonly linked: { readonly rel: string; readonly changed: string };
}

const KINDS: readonly Kind[] = [
  {
    name: 'Terraform module',
    files: (dir) => ({ [`${dir}/main.tf`]: MAIN_TF, [`${dir}/credentials.tf`]: credentialsTf('none') }),
    dependent: { rel: 'main.tf', text: MAIN_TF, before: ['4:public-client-credentials:1'] },
    linked: { rel: 'credentials.tf', changed: credentialsTf('client_secret_post') },
  },
  {
    name: 'deploy-cli directory',
    files: (dir) => ({
      [`${dir}/tenant.json`]: json({ flags: {} }),
      [`${dir}/clients/Jobs.json`]: jobs(['authorization_code']),
      [`${dir}/grants/Jobs-api.json`]: GRANT,
    }),
    dependent: { rel: 'grants/Jobs-api.json', text: GRANT, before: ['2:client-grant-without-client-credentials:2'] },
    linked: { rel: 'clients/Jobs.json', changed: jobs(['client_credentials']) },
  },
];

/** When the linked file is rewritten, relative to the dependent's opening; `open` opens it, `write` rewrites. */
interface Moment {
  readonly name: string;
  run(server: TestServer, step: { open: () => Promise<string>; write: () => void; other: string }): Promise<string>;
}

const MOMENTS: readonly Moment[] = [
  {
    name: 'after the scan read the project, just before the document opens',
    run: async (_server, { open, write }) => {
      write();
      return open();
    },
  },
  {
    name: 'just after didOpen, before the first publication',
    run: async (_server, { open, write }) => {
      const uri = await open();
      write();
      return uri;
    },
  },
  {
    name: 'right after the first publication',
    run: async (server, { open, write }) => {
      const uri = await open();
      await server.waitForDiagnostics(uri);
      write();
      return uri;
    },
  },
  {
    name: 'while a second document of another folder opens',
    run: async (server, { open, write, other }) => {
      await server.open(other, MAIN_TF);
      write();
      return open();
    },
  },
  {
    name: 'while the projects are read again (settings changed)',
    run: async (server, { open, write }) => {
      const uri = await open();
      await server.waitForDiagnostics(uri);
      await server.configurationChanged({ ...server.settings, maxFileSize: 4_000_000 });
      write();
      return uri;
    },
  },
];

/** Waits until the dependent's diagnostics are `expected`, then checks that they stay so (no late stale one). */
async function endsAs(server: TestServer, uri: string, expected: readonly string[], what: string): Promise<void> {
  await server.waitFor(`${what}: ${expected.join(', ') || 'no finding'}`, () => {
    const last = server.lastPublication(uri);
    return last && findings(last).join() === expected.join() ? true : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.deepEqual(findings(server.lastPublication(uri)!), expected, what);
}

describe('an editor that watches no files: a linked file changed on disk around a document\'s opening is never missed', () => {
  let server: TestServer;
  const dirOf = (kind: number, moment: number) => `k${kind}m${moment}`;
  before(async () => {
    const files: Record<string, string> = {};
    KINDS.forEach((kind, k) => MOMENTS.forEach((_moment, m) => Object.assign(files, kind.files(dirOf(k, m)), { [`other${k}m${m}/main.tf`]: MAIN_TF })));
    server = await TestServer.start({ capabilities: WITHOUT_WATCHING, settings: { workspaceScan: { enabled: true } }, files, waitMs: 6000 });
    // Every project is read by the scan before any document opens (no folder is watched yet).
    await server.waitForScans(1);
  });
  after(async () => {
    await server.stop();
  });

  KINDS.forEach((kind, k) =>
    MOMENTS.forEach((moment, m) =>
      it(`${kind.name}: changed ${moment.name}`, async () => {
        const dir = dirOf(k, m);
        const uri = await moment.run(server, {
          open: () => server.open(`${dir}/${kind.dependent.rel}`, kind.dependent.text),
          write: () => void server.write(`${dir}/${kind.linked.rel}`, kind.linked.changed),
          other: `other${k}m${m}/main.tf`,
        });
        await endsAs(server, uri, [], `${kind.dependent.rel} after ${kind.linked.rel} changed on disk`);
        // And back: the watch, now started, sees the next change too.
        server.write(`${dir}/${kind.linked.rel}`, kind.files(dir)[`${dir}/${kind.linked.rel}`]!);
        await endsAs(server, uri, kind.dependent.before, `${kind.dependent.rel} after ${kind.linked.rel} set back on disk`);
        await server.close(uri);
      }),
    ),
  );
});
