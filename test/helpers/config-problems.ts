/**
 * Broken `.grantlintrc.json` files for the config problem tests: a config holding several problems at once (unknown
 * keys at the top and in overrides, unknown rule ids, severities, malformed values, missing `files`), written in
 * each way a person writes JSON (one line, pretty, JSONC with comments and trailing commas, CRLF), with what
 * each problem should say and the text it should sit on.
 */
import fc from 'fast-check';
import { ALL_RULES } from '../../server/src/engine/index';

/** A JSON value whose objects keep their keys in order (so a test controls the order they are written in). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { readonly pairs: readonly (readonly [string, JsonValue])[] };

/** One problem: where it goes, the text it should be reported on, and what its message should match. */
export interface Problem {
  readonly kind: string;
  /** The text of the key or value at fault as written (`{` for an override that lacks `files`). */
  readonly culprit: string;
  readonly message: RegExp;
}

/** A config text and the problems in it. */
export interface BrokenConfig {
  readonly text: string;
  readonly problems: readonly Problem[];
}

interface Style {
  readonly indent: number;
  readonly comments: boolean;
  readonly trailingCommas: boolean;
  readonly crlf: boolean;
}

const TOP_KEYS = ['rules', 'legacyTenant', 'ignore', 'overrides', '$schema'];
const OVERRIDE_KEYS = ['files', 'pointer', 'rules'];
const SETTINGS = ['off', 'hint', 'information', 'warning', 'error'];
const RULE_IDS = ALL_RULES.map((rule) => rule.id);

/** Misspellings of a name a did-you-mean should see through: another case, one letter more, less or changed. */
export function slipsOf(name: string): string[] {
  return [name.toLowerCase(), name.toUpperCase(), `${name}s`, name.slice(1), `${name.slice(0, -1)}x`].filter((slip) => slip !== name);
}

/** A rule id's slips that are not another rule's id. */
const ruleSlipsOf = (id: string) => slipsOf(id).filter((slip) => !RULE_IDS.includes(slip));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quoted = (text: string) => JSON.stringify(text);

/** The message of a did-you-mean pointing at `meant`. */
const meaning = (meant: string) => `; did you mean '${escape(meant)}'\\?$`;

/** Where a problem is written: in the top object, in `rules`, in an override (its own keys or its rules). */
type Placement = 'top' | 'rules' | 'override' | 'override-rules' | 'overrides-item';

interface Planted {
  readonly placement: Placement;
  readonly pair?: readonly [string, JsonValue];
  readonly item?: JsonValue;
  readonly problem: Problem;
  /** For an override: the entry lacks `files`. */
  readonly noFiles?: boolean;
}

const plantArb: fc.Arbitrary<Planted> = fc.oneof(
  fc.constantFrom(...TOP_KEYS).chain((key) => fc.constantFrom(...slipsOf(key)).map((slip): Planted => ({
    placement: 'top',
    pair: [slip, true],
    problem: { kind: 'unknown top key', culprit: quoted(slip), message: new RegExp(`^unknown key '${escape(slip)}' \\(expected rules, legacyTenant, ignore or overrides\\)${meaning(key)}`) },
  }))),
  fc.constantFrom(...RULE_IDS).chain((id) => fc.constantFrom(...ruleSlipsOf(id)).map((slip): Planted => ({
    placement: 'rules',
    pair: [slip, 'off'],
    problem: { kind: 'unknown rule id', culprit: quoted(slip), message: new RegExp(`^unknown rule id '${escape(slip)}' in 'rules'${meaning(id)}`) },
  }))),
  fc.constantFrom(...SETTINGS).chain((setting) => fc.constantFrom(...slipsOf(setting)).map((slip): Planted => ({
    placement: 'rules',
    pair: ['implicit-grant', slip],
    problem: { kind: 'severity', culprit: quoted(slip), message: new RegExp(`^'rules\\.implicit-grant' must be one of off, hint, information, warning, error${meaning(setting)}`) },
  }))),
  fc.constantFrom<JsonValue>(2, true, null, 'loud').map((value): Planted => ({
    placement: 'rules',
    pair: ['legacy-grant-type', value],
    problem: { kind: 'severity', culprit: JSON.stringify(value), message: /^'rules\.legacy-grant-type' must be one of off, hint, information, warning, error$/ },
  })),
  fc.constantFrom<JsonValue>('yes', 1, null).map((value): Planted => ({
    placement: 'top',
    pair: ['legacyTenant', value],
    problem: { kind: 'legacyTenant', culprit: JSON.stringify(value), message: /^'legacyTenant' must be true or false$/ },
  })),
  fc.constantFrom<JsonValue>(5, false).map((value): Planted => ({
    placement: 'top',
    pair: ['ignore', ['generated/**', value]],
    problem: { kind: 'ignore', culprit: JSON.stringify(value), message: /^'ignore' must be a glob or a list of globs$/ },
  })),
  fc.constantFrom(...OVERRIDE_KEYS).chain((key) => fc.constantFrom(...slipsOf(key)).map((slip): Planted => ({
    placement: 'override',
    pair: [slip, '/clients/0'],
    problem: { kind: 'unknown override key', culprit: quoted(slip), message: new RegExp(`^unknown key '${escape(slip)}' in 'overrides\\[\\d+\\]' \\(expected files, pointer or rules\\)${meaning(key)}`) },
  }))),
  fc.constant<Planted>({
    placement: 'override',
    pair: ['pointer', 'clients/0'],
    problem: { kind: 'pointer', culprit: quoted('clients/0'), message: /^'overrides\[\d+\]\.pointer' must be a JSON pointer such as "\/clients\/0"$/ },
  }),
  fc.constant<Planted>({
    placement: 'override',
    noFiles: true,
    problem: { kind: 'files', culprit: '{', message: /^'overrides\[\d+\]\.files' is required$/ },
  }),
  fc.constantFrom(...RULE_IDS).chain((id) => fc.constantFrom(...ruleSlipsOf(id)).map((slip): Planted => ({
    placement: 'override-rules',
    pair: [slip, 'warning'],
    problem: { kind: 'unknown rule id in an override', culprit: quoted(slip), message: new RegExp(`^unknown rule id '${escape(slip)}' in 'overrides\\[\\d+\\]\\.rules'${meaning(id)}`) },
  }))),
  fc.constantFrom<JsonValue>(7, 'clients').map((value): Planted => ({
    placement: 'overrides-item',
    item: value,
    problem: { kind: 'override not an object', culprit: JSON.stringify(value), message: /^'overrides\[\d+\]' must be an object$/ },
  })),
);

/** A config with one to six problems, shuffled among valid settings, written in any style. */
export const brokenConfigArb: fc.Arbitrary<BrokenConfig> = fc
  .record({
    planted: fc.array(plantArb, { minLength: 1, maxLength: 6 }),
    style: fc.record({ indent: fc.constantFrom(0, 2, 4), comments: fc.boolean(), trailingCommas: fc.boolean(), crlf: fc.boolean() }),
    overrideCount: fc.integer({ min: 1, max: 2 }),
    seed: fc.nat(),
  })
  .map(({ planted, style, overrideCount, seed }) => assemble(planted, style, overrideCount, seed));

/** Builds the config: the valid frame, then each problem where it belongs (a key used twice keeps one problem). */
function assemble(planted: readonly Planted[], style: Style, overrideCount: number, seed: number): BrokenConfig {
  const top: [string, JsonValue][] = [];
  const rules: [string, JsonValue][] = [['implicit-grant', 'off']];
  const overrides: { pairs: [string, JsonValue][]; noFiles: boolean; rules: [string, JsonValue][] }[] = [];
  for (let i = 0; i < overrideCount; i++) overrides.push({ pairs: [['files', `part${i}/*.yaml`]], noFiles: false, rules: [['legacy-grant-type', 'hint']] });
  const items: JsonValue[] = [];
  const problems: Problem[] = [];
  const used = new Set<string>();
  planted.forEach((plant, index) => {
    const override = overrides[(seed + index) % overrides.length]!;
    const target = plant.placement === 'top' ? top : plant.placement === 'rules' ? rules : plant.placement === 'override' ? override.pairs : override.rules;
    if (plant.pair) {
      // One problem per key and object: a repeated key would hide the first (the last one wins, as in JSON.parse).
      const id = `${plant.placement}:${plant.placement.startsWith('override') ? overrides.indexOf(override) : '-'}:${plant.pair[0]}`;
      if (used.has(id)) return;
      used.add(id);
      target.push([...plant.pair]);
    }
    if (plant.noFiles) {
      if (override.noFiles) return;
      override.noFiles = true;
    }
    if (plant.item !== undefined) items.push(plant.item);
    problems.push(plant.problem);
  });
  const overrideValues: JsonValue[] = overrides.map((o) => ({ pairs: [...(o.noFiles ? o.pairs.filter(([k]) => k !== 'files') : o.pairs), ['rules', { pairs: o.rules }]] }));
  // Items that are not objects go at the end, so the overrides above keep their indexes.
  const all: [string, JsonValue][] = [['rules', { pairs: rules }], ...top, ['overrides', [...overrideValues, ...items]]];
  const rotated = all.map((_, i) => all[(i + seed) % all.length]!);
  return { text: render({ pairs: rotated }, style), problems };
}

/** JSON text for `value` in `style`: indented or on one line, with a comment before each key and trailing commas. */
function render(value: JsonValue, style: Style): string {
  const newline = style.crlf ? '\r\n' : '\n';
  const write = (v: JsonValue, depth: number): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const entries = Array.isArray(v) ? v.map((item) => write(item, depth + 1)) : v.pairs.map(([k, item]) => `${style.comments ? `/* ${k.replace(/\*/g, '')} */ ` : ''}${JSON.stringify(k)}: ${write(item, depth + 1)}`);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return `${open}${close}`;
    const tail = style.trailingCommas ? ',' : '';
    if (style.indent === 0) return `${open} ${entries.join(', ')}${tail} ${close}`;
    const pad = ' '.repeat(style.indent * (depth + 1));
    const comment = style.comments && !Array.isArray(v) ? `${pad}// settings${newline}` : '';
    return `${open}${newline}${comment}${entries.map((e) => `${pad}${e}`).join(`,${newline}`)}${tail}${newline}${' '.repeat(style.indent * depth)}${close}`;
  };
  return `${write(value, 0)}${newline}`;
}
