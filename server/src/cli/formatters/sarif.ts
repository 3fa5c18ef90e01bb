import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '../../engine/rules/index';
import { docsUrl } from '../../engine/rules/api';
import type { Severity } from '../../engine/rules/api';
import type { CliFinding, CliNote, CliRelated, FileReport } from '../report';
import { allFindings } from '../report';
import { fromRepositoryRoot, repositoryRoot } from '../repository-root';
import { batchesOf, jsonWithArrayItems } from './json-stream';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning, indented by 2, yielded a batch of results at a time: the log with its
 * rules is rendered once, and each finding's result object is made only as its batch is written. Notes, which
 * are no rule's finding, are the run's invocation's `toolExecutionNotifications` (SARIF §3.20.21), level `note`,
 * with their location (and a suggested client's place as `properties.relatedLocations`); a run without notes has
 * no `invocations`. A finding's related places are its result's
 * `relatedLocations` (SARIF §3.27.22), numbered from 1, each with its message; the result's message is left as the
 * other formats give it (no embedded links).
 *
 * Paths (`artifactLocation.uri`) are as the report shows them, relative to the working directory, when `cwd` is
 * not given, is the root of a git repository or lies in none. Run from a subfolder of a repository, they are
 * relative to its root (sarifArtifacts), which is where code scanning resolves a relative path.
 */
export function* sarifChunks(reports: readonly FileReport[], version: string, cwd?: string): Generator<string> {
  const ruleIndex = new Map(ALL_RULES.map((rule, index) => [rule.id, index]));
  const artifacts = sarifArtifacts(cwd);
  const location = (f: CliFinding | CliNote | CliRelated) => locationOf(f, artifacts);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'grantlint',
            version,
            informationUri: 'https://github.com/grantlint/grantlint',
            rules: ALL_RULES.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: docsUrl(rule.id),
              help: { text: `${rule.summary} See ${docsUrl(rule.id)}` },
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        ...(artifacts.originalUriBaseIds ? { originalUriBaseIds: artifacts.originalUriBaseIds } : {}),
        ...invocations(reports, location),
        results: [],
      },
    ],
  };
  yield* jsonWithArrayItems(sarif, 'results', batchesOf(allFindings(reports), (finding) => result(finding, ruleIndex, location)));
  yield '\n';
}

type Located = (f: CliFinding | CliNote | CliRelated) => { physicalLocation: object };

function invocations(reports: readonly FileReport[], location: Located): { invocations?: object[] } {
  const notes = reports.flatMap((report) => report.notes ?? []);
  if (notes.length === 0) return {};
  return { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notes.map((n) => notification(n, location)) }] };
}

function notification(n: CliNote, location: Located): object {
  return {
    level: 'note',
    message: { text: n.message },
    locations: [location(n)],
    // A notification has no relatedLocations (SARIF §3.58): the client a note suggests goes in its property bag.
    ...(n.client !== null || n.related.length > 0
      ? { properties: { ...(n.client !== null ? { client: n.client } : {}), ...(n.related.length > 0 ? { relatedLocations: n.related.map((r, i) => relatedLocation(r, i, location)) } : {}) } }
      : {}),
  };
}

/** The base id of paths relative to the repository's root (SARIF §3.4.4; its value in `run.originalUriBaseIds`). */
const SOURCE_ROOT = '%SRCROOT%';

/** How a report's paths become SARIF artifact locations, and the run's `originalUriBaseIds` they need, if any. */
interface SarifArtifacts {
  readonly artifactLocation: (file: string) => { readonly uri: string; readonly uriBaseId?: string };
  readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
}

/**
 * Run from a subfolder of a git repository, a file inside the repository is named relative to its root with
 * `uriBaseId` `%SRCROOT%`, and `originalUriBaseIds` gives that root as an absolute `file:` URI ending in `/` (SARIF
 * §3.14.14), so viewers that do not assume the repository root can resolve it too. A file outside the repository
 * keeps the path shown (a relative `uri` with no base may not name it). Anywhere else, the paths as shown.
 */
function sarifArtifacts(cwd: string | undefined): SarifArtifacts {
  const asShown: SarifArtifacts = { artifactLocation: (file) => ({ uri: encodeURI(file) }) };
  if (cwd === undefined) return asShown;
  const root = repositoryRoot(cwd);
  if (root === undefined || root === resolve(cwd)) return asShown;
  return {
    artifactLocation: (file) => {
      const rel = fromRepositoryRoot(root, cwd, file);
      return rel === undefined ? { uri: encodeURI(file) } : { uri: encodeURI(rel), uriBaseId: SOURCE_ROOT };
    },
    originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
  };
}

function locationOf(f: CliFinding | CliNote | CliRelated, artifacts: SarifArtifacts): { physicalLocation: object } {
  return {
    physicalLocation: {
      artifactLocation: artifacts.artifactLocation(f.file),
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
    },
  };
}

/** A related place as a SARIF location: its `id` (unique in its result, §3.28.2), its place, then its message. */
function relatedLocation(r: CliRelated, i: number, location: Located): object {
  return { id: i + 1, ...location(r), message: { text: r.message } };
}

function result(f: CliFinding, ruleIndex: ReadonlyMap<string, number>, location: Located): object {
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f)],
    ...(f.related.length > 0 ? { relatedLocations: f.related.map((r, i) => relatedLocation(r, i, location)) } : {}),
    // The client's name, for reviewers of a tenant with many clients (a property bag, SARIF §3.8).
    ...(f.client !== null ? { properties: { client: f.client } } : {}),
  };
}
