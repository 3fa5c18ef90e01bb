/**
 * Reads a `.grantlintrc.json` text into plain settings, walking jsonc-parser's syntax tree so that every problem
 * is found in one pass and placed on the key or value at fault (the editor underlines it there; the CLI names its
 * line and column). Nothing is read as code.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SeveritySetting } from '../engine/index';
import { ALL_RULES, LineIndex, parsePointer, ruleById, SEVERITIES } from '../engine/index';
import { ConfigError, type ConfigIssue } from './config-error';
import { closestName, didYouMean, severityMeant } from '../engine/did-you-mean';

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
 * severity, malformed value and repeated key, in the order they appear, each with a did-you-mean where a known name
 * is close. An unknown key whose did-you-mean is a known key has its value checked as that key's (its settings are
 * not used), so the problems under a misspelt `"Rules"` show in the same run; every value of a repeated key is
 * checked, the last one used (as JSON.parse has it).
 */
export function readConfigText(text: string, file: string): ConfigText {
  const lines = new LineIndex(text);
  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, { allowTrailingComma: true });
  const first = syntax[0];
  if (first) throw new ConfigError(file, [placed(lines, first.offset, Math.max(1, first.length), `JSON syntax error (${printParseErrorCode(first.error)})`)]);
  if (!root || root.type !== 'object') throw new ConfigError(file, [placed(lines, root?.offset ?? 0, root?.length ?? 0, 'the config must be a JSON object')]);
  const issues = new Issues(lines);
  let rules = new Map<string, SeveritySetting>();
  let legacyTenant: boolean | undefined;
  let ignore: string[] = [];
  let overrides: OverrideText[] = [];
  for (const { name, key, value } of properties(root, undefined, issues)) {
    const as = knownOrMeant(name, key, TOP_KEYS, issues, (meant) => unknownKey(name, 'expected rules, legacyTenant, ignore or overrides', TOP_KEYS, undefined, meant));
    const own = as === name;
    if (as === 'rules') {
      const read = readRules(value, name, issues);
      if (own) rules = read;
    } else if (as === 'legacyTenant') {
      if (typeof value.value !== 'boolean') issues.add(value, `'${name}' must be true or false`);
      else if (own) legacyTenant = value.value;
    } else if (as === 'ignore') {
      const read = readGlobs(value, name, issues);
      if (own) ignore = read;
    } else if (as === 'overrides') {
      const read = readOverrides(value, name, issues);
      if (own) overrides = read;
    }
  }
  if (issues.list.length > 0) throw new ConfigError(file, issues.sorted());
  return { rules, legacyTenant, ignore, overrides };
}

/**
 * The key `name` is read as: itself when known; else (reported as unknown) the known key its did-you-mean names,
 * whose checks its value gets; else undefined.
 */
function knownOrMeant(name: string, key: Node, known: readonly string[], issues: Issues, message: (meant: string | undefined) => string): string | undefined {
  if (known.includes(name)) return name;
  const meant = closestName(name, known);
  issues.add(key, message(meant));
  return meant;
}

/** The problems found so far, each with its offset so they can be told in the file's order. */
class Issues {
  readonly list: { readonly offset: number; readonly issue: ConfigIssue }[] = [];

  constructor(private readonly lines: LineIndex) {}

  /** A problem on `node`; `wholeNode` false marks only its first character (an object missing a key). */
  add(node: Node, message: string, wholeNode = true): void {
    this.list.push({ offset: node.offset, issue: placed(this.lines, node.offset, wholeNode ? node.length : 1, message) });
  }

  /** An offset as the CLI names a place: `3:5`, 1-based. */
  positionText(offset: number): string {
    const { line, character } = this.lines.positionAt(offset);
    return `${line + 1}:${character + 1}`;
  }

  sorted(): ConfigIssue[] {
    return [...this.list].sort((a, b) => a.offset - b.offset).map((entry) => entry.issue);
  }
}

function placed(lines: LineIndex, offset: number, length: number, message: string): ConfigIssue {
  return { message, range: { start: lines.positionAt(offset), end: lines.positionAt(offset + length) } };
}

function unknownKey(key: string, expected: string, known: readonly string[], where: string | undefined, meant = closestName(key, known)): string {
  return `unknown key '${key}'${where === undefined ? '' : ` in '${where}'`} (${expected})${meant === undefined ? '' : `; did you mean '${meant}'?`}`;
}

/** One property of an object: its key (decoded) and the nodes of its key and value. */
interface Property {
  readonly name: string;
  readonly key: Node;
  readonly value: Node;
}

/**
 * An object's properties in the order written, each repeat of a key reported on the repeat (JSON allows it, but
 * only the last value is read, so an earlier one would be lost without a word). `where`: the object's name.
 */
function properties(node: Node, where: string | undefined, issues: Issues): Property[] {
  const list: Property[] = [];
  const seen = new Map<string, Node>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    // Without a syntax error every property has its key and value; the check keeps strict typing honest.
    if (!key || !value) continue;
    const name = key.value as string;
    const earlier = seen.get(name);
    if (earlier) {
      const at = issues.positionText(earlier.offset);
      issues.add(key, `repeated key '${name}'${where === undefined ? '' : ` in '${where}'`}: only the last is read, the one at ${at} is lost`);
    }
    seen.set(name, key);
    list.push({ name, key, value });
  }
  return list;
}

function readRules(node: Node | undefined, where: string, issues: Issues): Map<string, SeveritySetting> {
  const rules = new Map<string, SeveritySetting>();
  if (node === undefined) return rules;
  if (node.type !== 'object') {
    issues.add(node, `'${where}' must be an object of rule id to severity`);
    return rules;
  }
  for (const { name: id, key, value } of properties(node, where, issues)) {
    const known = ruleById(id) !== undefined;
    if (!known) issues.add(key, `unknown rule id '${id}' in '${where}'${didYouMean(id, RULE_IDS)}`);
    const setting: unknown = value.value;
    if (value.type !== 'string' || !SETTINGS.includes(setting as string)) {
      issues.add(value, `'${where}.${id}' must be one of off, hint, information, warning, error${severityMeant(setting, SETTINGS)}`);
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

function readOverrides(node: Node, name: string, issues: Issues): OverrideText[] {
  if (node.type !== 'array') {
    issues.add(node, `'${name}' must be a list`);
    return [];
  }
  const overrides: OverrideText[] = [];
  for (const [index, entry] of (node.children ?? []).entries()) {
    const where = `${name}[${index}]`;
    if (entry.type !== 'object') {
      issues.add(entry, `'${where}' must be an object`);
      continue;
    }
    let files: string[] | undefined;
    let pointer: readonly string[] | undefined;
    let rules = new Map<string, SeveritySetting>();
    for (const { name: keyName, key, value } of properties(entry, where, issues)) {
      const as = knownOrMeant(keyName, key, OVERRIDE_KEYS, issues, (meant) => unknownKey(keyName, 'expected files, pointer or rules', OVERRIDE_KEYS, where, meant));
      const own = as === keyName;
      if (as === 'files') {
        const read = readGlobs(value, `${where}.${keyName}`, issues);
        if (own) files = read;
      } else if (as === 'pointer') {
        const read = value.type === 'string' ? parsePointer(value.value as string) : undefined;
        if (!read) issues.add(value, `'${where}.${keyName}' must be a JSON pointer such as "/clients/0"`);
        else if (own) pointer = read;
      } else if (as === 'rules') {
        const read = readRules(value, `${where}.${keyName}`, issues);
        if (own) rules = read;
      }
    }
    if (files === undefined) issues.add(entry, `'${where}.files' is required`, false);
    overrides.push({ files: files ?? [], pointer, rules, index });
  }
  return overrides;
}
