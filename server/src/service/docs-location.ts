/**
 * Where a rule's documentation page is read from. The VS Code extension and the npm package carry every page
 * (docs/rules/<rule-id>.md beside dist/), so links work offline: a `file:` URI of the bundled page when it is on
 * disk, else the page in the repository (a server bundled without the docs).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl } from '../engine/index';

/** The rules folder beside the bundle (dist/server.js), or beside the sources when run unbundled. */
const CANDIDATES = [resolve(__dirname, '../docs/rules'), resolve(__dirname, '../../../docs/rules')];

let bundledFolder: string | null | undefined;

/** The folder holding the bundled rule pages, or undefined when the server was installed without them. */
function bundledRulesFolder(): string | undefined {
  if (bundledFolder === undefined) bundledFolder = CANDIDATES.find((dir) => existsSync(join(dir, 'README.md')) || existsSync(join(dir, 'parse-error.md'))) ?? null;
  return bundledFolder ?? undefined;
}

/** The bundled page of a rule as an absolute path, when it is on disk. */
function bundledRulePage(ruleId: string): string | undefined {
  const folder = bundledRulesFolder();
  if (!folder || !/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  const path = join(folder, `${ruleId}.md`);
  return existsSync(path) ? path : undefined;
}

/**
 * The URI of a rule's page: `file:` of the bundled page when there is one, else its https URL in the repository.
 * Looked up on disk once per rule: every finding's report asks.
 */
export function ruleDocsUri(ruleId: string): string {
  let uri = docsUris.get(ruleId);
  if (uri === undefined) {
    const page = bundledRulePage(ruleId);
    uri = page ? pathToFileURL(page).href : docsUrl(ruleId);
    docsUris.set(ruleId, uri);
  }
  return uri;
}

const docsUris = new Map<string, string>();
