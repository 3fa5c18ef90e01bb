/**
 * Reads a `.grantlintrc.json` text into plain settings, walking jsonc-parser's syntax tree so that every problem
 * is found in one pass and placed on the key or value at fault (the editor underlines it there; the CLI names its
 * line and column). Nothing is read as code.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SeveritySetting } from '../engine/index';
import { ALL_RULES, LineIndex, parsePointer, ruleById, SEVERITIES } from '../engine/index';
import { ConfigError, type ConfigIssue } from './config-error';
import { didYouMean } from './did-you-mean';

/** One `overrides` entry as written: globs and pointer not yet resolved. */
export interface OverrideText {
  readonly files: readonly string[];
  readonly pointer: readonly string[] | undefined;
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  /** Its place in the list, as in "overrides[2]". */
  readonly index: number;
}

/** A valid config file's settings as written. */
export interface ConfigText {
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  readonly legacyTenant: boolean | undefined;
  readonly ignore: readonly string[];
  readonly overrides: readonly OverrideText[];
}

const TOP_KEYS = ['$schema', 'rules', 'legacyTenant', 'ignore', 'overrides'];
const OVERRIDE_KEYS = ['files', 'pointer', 'rules'];
const SETTINGS: readonly string[] = ['off', ...SEVERITIES];
const RULE_IDS = ALL_RULES.map((rule) => rule.id);

/**
 * The settings of a config file's text. Errors: ConfigError naming `file` with every problem found: the first
 * JSON syntax error alone (a broken document says nothing reliable about its keys), else each unknown key, rule id,
 * severity and malformed value, in the order they appear, each with a did-you-mean where a known name is close.
 */
export function readConfigText(text: string, file: string): ConfigText {
  const lines = new LineIndex(text);
  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, { allowTrailingComma: true });
  const first = syntax[0];
  if (first) throw new ConfigError(file, [placed(lines, first.offset, Math.max(1, first.length), `JSON syntax error (${printParseErrorCode(first.error)})`)]);
  if (!root || root.type !== 'object') throw new ConfigError(file, [placed(lines, root?.offset ?? 0, root?.length ?? 0, 'the config must be a JSON object')]);
  const issues = new Issues(lines);
  const props = properties(root);
  for (const { key } of props.values()) {
    if (!TOP_KEYS.includes(key.value as string)) issues.add(key, unknownKey(key.value as string, 'expected rules, legacyTenant, ignore or overrides', TOP_KEYS));
  }
  const legacyNode = props.get('legacyTenant')?.value;
  const legacyTenant = legacyNode === undefined ? undefined : legacyNode.value;
  if (legacyNode && typeof legacyTenant !== 'boolean') issues.add(legacyNode, `'legacyTenant' must be true or false`);
  const config: ConfigText = {
    rules: readRules(props.get('rules')?.value, 'rules', issues),
    legacyTenant: typeof legacyTenant === 'boolean' ? legacyTenant : undefined,
    ignore: readGlobs(props.get('ignore')?.value, 'ignore', issues),
    overrides: readOverrides(props.get('overrides')?.value, issues),
  };
  if (issues.list.length > 0) throw new ConfigError(file, issues.sorted());
  return config;
}

/** The problems found so far, each with its offset so they can be told in the file's order. */
class Issues {
  readonly list: { readonly offset: number; readonly issue: ConfigIssue }[] = [];

  constructor(private readonly lines: LineIndex) {}

  /** A problem on `node`; `wholeNode` false marks only its first character (an object missing a key). */
  add(node: Node, message: string, wholeNode = true): void {
    this.list.push({ offset: node.offset, issue: placed(this.lines, node.offset, wholeNode ? node.length : 1, message) });
  }

  sorted(): ConfigIssue[] {
    return [...this.list].sort((a, b) => a.offset - b.offset).map((entry) => entry.issue);
  }
}

function placed(lines: LineIndex, offset: number, length: number, message: string): ConfigIssue {
  return { message, range: { start: lines.positionAt(offset), end: lines.positionAt(offset + length) } };
}

function unknownKey(key: string, expected: string, known: readonly string[], where?: string): string {
  return `unknown key '${key}'${where === undefined ? '' : ` in '${where}'`} (${expected})${didYouMean(key, known)}`;
}

/** An object's properties by key, the last of a repeated key winning (as JSON.parse has it). */
function properties(node: Node): Map<string, { readonly key: Node; readonly value: Node }> {
  const byKey = new Map<string, { readonly key: Node; readonly value: Node }>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    // Without a syntax error every property has its key and value; the check keeps strict typing honest.
    if (key && value) byKey.set(key.value as string, { key, value });
  }
  return byKey;
}

function readRules(node: Node | undefined, where: string, issues: Issues): Map<string, SeveritySetting> {
  const rules = new Map<string, SeveritySetting>();
  if (node === undefined) return rules;
  if (node.type !== 'object') {
    issues.add(node, `'${where}' must be an object of rule id to severity`);
    return rules;
  }
  for (const [id, { key, value }] of properties(node)) {
    const known = ruleById(id) !== undefined;
    if (!known) issues.add(key, `unknown rule id '${id}' in '${where}'${didYouMean(id, RULE_IDS)}`);
    const setting: unknown = value.value;
    if (value.type !== 'string' || !SETTINGS.includes(setting as string)) {
      const hint = typeof setting === 'string' ? didYouMean(setting, SETTINGS) : '';
      issues.add(value, `'${where}.${id}' must be one of off, hint, information, warning, error${hint}`);
    } else if (known) rules.set(id, setting as SeveritySetting);
  }
  return rules;
}

/** A glob or a list of globs; the problem sits on the first item that is not a string, else on the value. */
function readGlobs(node: Node | undefined, where: string, issues: Issues): string[] {
  if (node === undefined) return [];
  if (node.type === 'string') return [node.value as string];
  const items = node.type === 'array' ? (node.children ?? []) : undefined;
  const bad = items ? items.find((item) => item.type !== 'string') : node;
  if (bad) {
    issues.add(bad, `'${where}' must be a glob or a list of globs`);
    return [];
  }
  return (items ?? []).map((item) => item.value as string);
}

function readOverrides(node: Node | undefined, issues: Issues): OverrideText[] {
  if (node === undefined) return [];
  if (node.type !== 'array') {
    issues.add(node, `'overrides' must be a list`);
    return [];
  }
  const overrides: OverrideText[] = [];
  for (const [index, entry] of (node.children ?? []).entries()) {
    const where = `overrides[${index}]`;
    if (entry.type !== 'object') {
      issues.add(entry, `'${where}' must be an object`);
      continue;
    }
    const props = properties(entry);
    for (const { key } of props.values()) {
      if (!OVERRIDE_KEYS.includes(key.value as string)) issues.add(key, unknownKey(key.value as string, 'expected files, pointer or rules', OVERRIDE_KEYS, where));
    }
    const filesNode = props.get('files')?.value;
    if (filesNode === undefined) issues.add(entry, `'${where}.files' is required`, false);
    const pointerNode = props.get('pointer')?.value;
    const pointer = pointerNode?.type === 'string' ? parsePointer(pointerNode.value as string) : undefined;
    if (pointerNode && !pointer) issues.add(pointerNode, `'${where}.pointer' must be a JSON pointer such as "/clients/0"`);
    const files = readGlobs(filesNode, `${where}.files`, issues);
    overrides.push({ files, pointer, rules: readRules(props.get('rules')?.value, `${where}.rules`, issues), index });
  }
  return overrides;
}
