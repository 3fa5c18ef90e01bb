/** What configuration means for one file, after config files, overrides and command-line options are merged. */
import type { NodePath, ParsedFile, ValueNode } from './model';
import type { Finding, SeveritySetting } from './rules/api';

export interface PointerOverride {
  /** The JSON pointer, split into its tokens; findings at or under it take these severities. */
  readonly pointer: readonly string[];
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  /** Where this override was written (its config file's path), to explain a severity; absent when not known. */
  readonly source?: string;
}

export interface FileSettings {
  readonly legacyTenant: boolean;
  /** Severity per rule id for the whole file. */
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  /** Overrides limited to a JSON pointer, applied in order after `rules`. */
  readonly pointerOverrides: readonly PointerOverride[];
  /**
   * Where each entry of `rules` was set: a config file's path, or a description such as "the editor's
   * grantlint.rules setting". Only explains a severity (severitySource); absent entries are not known.
   */
  readonly ruleSources?: ReadonlyMap<string, string>;
}

export const DEFAULT_SETTINGS: FileSettings = { legacyTenant: false, rules: new Map(), pointerOverrides: [] };

/**
 * The severity a finding is shown with, or 'off' when it is not shown: the one resolver behind diagnostics, the
 * CLI, hover and completion. The rule's own severity for this case (`finding.severity`, which some rules vary),
 * then the file's rules (config file, overrides by files, then the editor's or CLI's rules, as merged by
 * workspace/config.ts settingsFor), then each pointer override whose pointer holds `finding.path`, in order.
 */
export function resolveSeverity(finding: Pick<Finding, 'ruleId' | 'severity' | 'path'>, settings: FileSettings): SeveritySetting {
  let severity: SeveritySetting = settings.rules.get(finding.ruleId) ?? finding.severity;
  for (const override of settings.pointerOverrides) {
    const set = override.rules.get(finding.ruleId);
    if (set && isUnderPointer(finding.path, override.pointer)) severity = set;
  }
  return severity;
}

/**
 * Where the severity resolveSeverity gives `finding` was set: the source of the last setting it applied (a
 * pointer override's config file, else the file rule's source), or undefined when the rule's own severity stands
 * or the setting's source is not known.
 */
export function severitySource(finding: Pick<Finding, 'ruleId' | 'path'>, settings: FileSettings): string | undefined {
  let source = settings.rules.has(finding.ruleId) ? settings.ruleSources?.get(finding.ruleId) : undefined;
  for (const override of settings.pointerOverrides) {
    if (override.rules.has(finding.ruleId) && isUnderPointer(finding.path, override.pointer)) source = override.source;
  }
  return source;
}

/** Whether any rule is turned off anywhere in these settings (for the whole file or under a pointer). */
export function turnsAnyRuleOff(settings: FileSettings): boolean {
  const off = (rules: ReadonlyMap<string, SeveritySetting>): boolean => [...rules.values()].includes('off');
  return off(settings.rules) || settings.pointerOverrides.some((o) => off(o.rules));
}

/**
 * Whether a node at `path` is at or under `pointer`. For a Terraform resource (HCL or JSON, whose model paths
 * start at `resource`), the pointer may leave out `/resource`: `/auth0_client/kiosk` is
 * `/resource/auth0_client/kiosk`, the resource block `resource "auth0_client" "kiosk"`.
 */
function isUnderPointer(path: NodePath, pointer: readonly string[]): boolean {
  if (path[0] === TERRAFORM_RESOURCES && pointer.length > 0 && pointer[0] !== TERRAFORM_RESOURCES) return startsWith(path, pointer, 1);
  return startsWith(path, pointer, 0);
}

const TERRAFORM_RESOURCES = 'resource';

/**
 * Whether a pointer override can apply anywhere in a parsed file: some node of one of its documents is at or under
 * `pointer`, matched as findings are (isUnderPointer, so `/auth0_client/kiosk` finds the Terraform resource). A
 * pointer that reaches nothing silences nothing: the CLI names such overrides. Linear in the file's nodes.
 */
export function pointerReaches(parsed: ParsedFile, pointer: readonly string[]): boolean {
  const reaches = (node: ValueNode): boolean => {
    if (isUnderPointer(node.path, pointer)) return true;
    if (node.kind === 'object') return node.props.some((prop) => reaches(prop.value));
    if (node.kind === 'array') return node.items.some(reaches);
    return false;
  };
  return parsed.documents.some((document) => document.root !== undefined && reaches(document.root));
}

function startsWith(path: NodePath, pointer: readonly string[], from: number): boolean {
  if (pointer.length > path.length - from) return false;
  return pointer.every((token, i) => token === String(path[from + i]));
}

/** RFC 6901: "/clients/0/grant_types" → ["clients", "0", "grant_types"]. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Whether two settings mean the same (they are rebuilt for every lint, so identity says nothing). */
export function sameSettings(a: FileSettings, b: FileSettings): boolean {
  if (a === b) return true;
  if (a.legacyTenant !== b.legacyTenant || !sameRules(a.rules, b.rules) || a.pointerOverrides.length !== b.pointerOverrides.length) return false;
  return a.pointerOverrides.every((o, i) => {
    const other = b.pointerOverrides[i]!;
    return o.pointer.join('/') === other.pointer.join('/') && o.pointer.length === other.pointer.length && sameRules(o.rules, other.rules);
  });
}

function sameRules(a: ReadonlyMap<string, SeveritySetting>, b: ReadonlyMap<string, SeveritySetting>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, setting] of a) if (b.get(id) !== setting) return false;
  return true;
}
