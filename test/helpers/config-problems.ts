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
  /** The keys written, in order (the same key twice for a repeated key). */
  readonly pairs?: readonly (readonly [string, JsonValue])[];
  readonly item?: JsonValue;
  readonly problems: readonly Problem[];
  /** For an override: the entry lacks `files`. */
  readonly noFiles?: boolean;
}

/** The rule id the valid frame sets in `rules` (no problem is planted on it). */
const FRAME_RULE = 'unknown-grant-type';
/** The rule id the valid frame sets in each override's `rules`. */
const FRAME_OVERRIDE_RULE = 'legacy-grant-type';

/** A valid value for each key, written under a misspelling of it or under a repeat. */
const VALID: Readonly<Record<string, JsonValue>> = {
  rules: { pairs: [] },
  legacyTenant: true,
  ignore: 'build/**',
  overrides: [],
  $schema: 'https://example.com/grantlintrc.schema.json',
  files: 'other/*.yaml',
  pointer: '/clients/0',
};

/** A severity that is not one, written as text, and the message's ending: the word meant where there is one. */
interface BadSeverity {
  readonly value: JsonValue;
  readonly ending: string;
}

/** Misspelt words (`warn`, `Error`), ESLint's numbers 0/1/2 (read as off, warning, error), and values meaning nothing. */
const badSeverityArb: fc.Arbitrary<BadSeverity> = fc.oneof(
  fc.constantFrom(...SETTINGS).chain((setting) => fc.constantFrom(...slipsOf(setting)).map((slip) => ({ value: slip, ending: meaning(setting) }))),
  fc.constantFrom<[number, string]>([0, 'off'], [1, 'warning'], [2, 'error']).map(([value, meant]) => ({ value, ending: meaning(meant) })),
  fc.constantFrom<JsonValue>(true, null, 'loud', 'fatal', 7, { pairs: [] }).map((value) => ({ value, ending: '$' })),
);

const severityProblem = (where: string, id: string, bad: BadSeverity): Problem => ({
  kind: 'severity',
  culprit: render(bad.value, { indent: 0, comments: false, trailingCommas: false, crlf: false }).trimEnd(),
  message: new RegExp(`^'${escape(where)}\\.${escape(id)}' must be one of off, hint, information, warning, error${bad.ending}`),
});

const unknownRuleProblem = (where: string, slip: string, id: string): Problem => ({
  kind: 'unknown rule id',
  culprit: quoted(slip),
  message: new RegExp(`^unknown rule id '${escape(slip)}' in '${where}'${meaning(id)}`),
});

const ruleSlipArb = fc.constantFrom(...RULE_IDS).chain((id) => fc.constantFrom(...ruleSlipsOf(id)).map((slip) => ({ id, slip })));

const topKeyProblem = (slip: string, key: string): Problem => ({
  kind: 'unknown top key',
  culprit: quoted(slip),
  message: new RegExp(`^unknown key '${escape(slip)}' \\(expected rules, legacyTenant, ignore or overrides\\)${meaning(key)}`),
});

const overrideKeyProblem = (slip: string, key: string): Problem => ({
  kind: 'unknown override key',
  culprit: quoted(slip),
  message: new RegExp(`^unknown key '${escape(slip)}' in 'overrides\\[\\d+\\]' \\(expected files, pointer or rules\\)${meaning(key)}`),
});

const OVERRIDE_WHERE = 'overrides\\[\\d+\\]';

const repeatProblem = (key: string, where: string | undefined): Problem => ({
  kind: 'repeated key',
  culprit: quoted(key),
  message: new RegExp(`^repeated key '${escape(key)}'${where === undefined ? '' : ` in '${where}'`}: only the last is read, the one at \\d+:\\d+ is lost$`),
});

/**
 * A misspelt key (top or override) whose value has problems of its own: reported with the unknown key, each named
 * under the key as written, since a key whose did-you-mean is known is checked as that key.
 */
const misspeltKeyWithProblemsArb: fc.Arbitrary<Planted> = fc.oneof(
  fc.record({ slip: fc.constantFrom(...slipsOf('rules')), rule: ruleSlipArb, bad: badSeverityArb }).map(({ slip, rule, bad }): Planted => ({
    placement: 'top',
    pairs: [[slip, { pairs: [[rule.slip, 'off'], ['implicit-grant', bad.value]] }]],
    problems: [topKeyProblem(slip, 'rules'), unknownRuleProblem(escape(slip), rule.slip, rule.id), severityProblem(slip, 'implicit-grant', bad)],
  })),
  fc.constantFrom(...slipsOf('legacyTenant')).map((slip): Planted => ({
    placement: 'top',
    pairs: [[slip, 'yes']],
    problems: [topKeyProblem(slip, 'legacyTenant'), { kind: 'legacyTenant', culprit: '"yes"', message: new RegExp(`^'${escape(slip)}' must be true or false$`) }],
  })),
  fc.constantFrom(...slipsOf('ignore')).map((slip): Planted => ({
    placement: 'top',
    pairs: [[slip, ['generated/**', 5]]],
    problems: [topKeyProblem(slip, 'ignore'), { kind: 'ignore', culprit: '5', message: new RegExp(`^'${escape(slip)}' must be a glob or a list of globs$`) }],
  })),
  fc.constantFrom(...slipsOf('overrides')).map((slip): Planted => ({
    placement: 'top',
    pairs: [[slip, [{ pairs: [['files', '*.yaml']] }, 'clients']]],
    problems: [topKeyProblem(slip, 'overrides'), { kind: 'override not an object', culprit: '"clients"', message: new RegExp(`^'${escape(slip)}\\[1\\]' must be an object$`) }],
  })),
  fc.record({ slip: fc.constantFrom(...slipsOf('rules')), rule: ruleSlipArb }).map(({ slip, rule }): Planted => ({
    placement: 'override',
    pairs: [[slip, { pairs: [[rule.slip, 'off']] }]],
    problems: [overrideKeyProblem(slip, 'rules'), unknownRuleProblem(`${OVERRIDE_WHERE}\\.${escape(slip)}`, rule.slip, rule.id)],
  })),
  fc.constantFrom(...slipsOf('pointer')).map((slip): Planted => ({
    placement: 'override',
    pairs: [[slip, 'clients/0']],
    problems: [overrideKeyProblem(slip, 'pointer'), { kind: 'pointer', culprit: '"clients/0"', message: new RegExp(`^'${OVERRIDE_WHERE}\\.${escape(slip)}' must be a JSON pointer such as "/clients/0"$`) }],
  })),
  fc.constantFrom(...slipsOf('files')).map((slip): Planted => ({
    placement: 'override',
    pairs: [[slip, 5]],
    problems: [overrideKeyProblem(slip, 'files'), { kind: 'ignore', culprit: '5', message: new RegExp(`^'${OVERRIDE_WHERE}\\.${escape(slip)}' must be a glob or a list of globs$`) }],
  })),
);

/**
 * A key written twice in one object: reported on the repeat, and the earlier value still checked (here: a bad
 * severity before the repeat of a rule id). The frame already writes `rules` and `overrides` at the top once.
 */
const repeatedKeyArb: fc.Arbitrary<Planted> = fc.oneof(
  fc.constantFrom('rules', 'overrides').map((key): Planted => ({ placement: 'top', pairs: [[key, VALID[key]!]], problems: [repeatProblem(key, undefined)] })),
  fc.record({ slip: ruleSlipArb }).map(({ slip }): Planted => ({
    placement: 'top',
    pairs: [['rules', { pairs: [[slip.slip, 'off']] }]],
    problems: [repeatProblem('rules', undefined), unknownRuleProblem('rules', slip.slip, slip.id)],
  })),
  fc.constantFrom('legacyTenant', 'ignore', '$schema').map((key): Planted => ({ placement: 'top', pairs: [[key, VALID[key]!], [key, VALID[key]!]], problems: [repeatProblem(key, undefined)] })),
  fc.record({ id: fc.constantFrom(...RULE_IDS.filter((id) => id !== FRAME_RULE)), bad: badSeverityArb }).map(({ id, bad }): Planted => ({
    placement: 'rules',
    pairs: [[id, bad.value], [id, 'warning']],
    problems: [severityProblem('rules', id, bad), repeatProblem(id, 'rules')],
  })),
  fc.constant<Planted>({ placement: 'override', pairs: [['pointer', '/clients/0'], ['pointer', '/clients/1']], problems: [repeatProblem('pointer', OVERRIDE_WHERE)] }),
  fc.constantFrom(...RULE_IDS.filter((id) => id !== FRAME_OVERRIDE_RULE)).map((id): Planted => ({
    placement: 'override-rules',
    pairs: [[id, 'off'], [id, 'hint']],
    problems: [repeatProblem(id, `${OVERRIDE_WHERE}\\.rules`)],
  })),
);

const plantArb: fc.Arbitrary<Planted> = fc.oneof(
  fc.constantFrom(...TOP_KEYS).chain((key) => fc.constantFrom(...slipsOf(key)).map((slip): Planted => ({
    placement: 'top',
    pairs: [[slip, VALID[key]!]],
    problems: [topKeyProblem(slip, key)],
  }))),
  ruleSlipArb.map(({ id, slip }): Planted => ({
    placement: 'rules',
    pairs: [[slip, 'off']],
    problems: [unknownRuleProblem('rules', slip, id)],
  })),
  fc.record({ id: fc.constantFrom('implicit-grant', 'legacy-grant-type'), bad: badSeverityArb }).map(({ id, bad }): Planted => ({
    placement: 'rules',
    pairs: [[id, bad.value]],
    problems: [severityProblem('rules', id, bad)],
  })),
  fc.constantFrom<JsonValue>('yes', 1, null).map((value): Planted => ({
    placement: 'top',
    pairs: [['legacyTenant', value]],
    problems: [{ kind: 'legacyTenant', culprit: JSON.stringify(value), message: /^'legacyTenant' must be true or false$/ }],
  })),
  fc.constantFrom<JsonValue>(5, false).map((value): Planted => ({
    placement: 'top',
    pairs: [['ignore', ['generated/**', value]]],
    problems: [{ kind: 'ignore', culprit: JSON.stringify(value), message: /^'ignore' must be a glob or a list of globs$/ }],
  })),
  fc.constantFrom(...OVERRIDE_KEYS).chain((key) => fc.constantFrom(...slipsOf(key)).map((slip): Planted => ({
    placement: 'override',
    pairs: [[slip, VALID[key]!]],
    problems: [overrideKeyProblem(slip, key)],
  }))),
  fc.constant<Planted>({
    placement: 'override',
    pairs: [['pointer', 'clients/0']],
    problems: [{ kind: 'pointer', culprit: quoted('clients/0'), message: /^'overrides\[\d+\]\.pointer' must be a JSON pointer such as "\/clients\/0"$/ }],
  }),
  fc.constant<Planted>({
    placement: 'override',
    noFiles: true,
    problems: [{ kind: 'files', culprit: '{', message: /^'overrides\[\d+\]\.files' is required$/ }],
  }),
  ruleSlipArb.map(({ id, slip }): Planted => ({
    placement: 'override-rules',
    pairs: [[slip, 'warning']],
    problems: [unknownRuleProblem(`${OVERRIDE_WHERE}\\.rules`, slip, id)],
  })),
  fc.constantFrom<JsonValue>(7, 'clients').map((value): Planted => ({
    placement: 'overrides-item',
    item: value,
    problems: [{ kind: 'override not an object', culprit: JSON.stringify(value), message: /^'overrides\[\d+\]' must be an object$/ }],
  })),
  misspeltKeyWithProblemsArb,
  repeatedKeyArb,
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
  const rules: [string, JsonValue][] = [[FRAME_RULE, 'off']];
  const overrides: { pairs: [string, JsonValue][]; noFiles: boolean; rules: [string, JsonValue][] }[] = [];
  for (let i = 0; i < overrideCount; i++) overrides.push({ pairs: [['files', `part${i}/*.yaml`]], noFiles: false, rules: [[FRAME_OVERRIDE_RULE, 'hint']] });
  const items: JsonValue[] = [];
  const problems: Problem[] = [];
  // The frame's own keys, which no plant may write again (but the top object's, which a plant repeats on purpose).
  const used = new Set<string>([`rules:-:${FRAME_RULE}`, ...overrides.flatMap((_, i) => [`override:${i}:files`, `override-rules:${i}:${FRAME_OVERRIDE_RULE}`])]);
  planted.forEach((plant, index) => {
    const override = overrides[(seed + index) % overrides.length]!;
    const target = plant.placement === 'top' ? top : plant.placement === 'rules' ? rules : plant.placement === 'override' ? override.pairs : override.rules;
    if (plant.pairs) {
      // One plant per key and object: two plants writing one key would add a repeat neither expects.
      const id = `${plant.placement}:${plant.placement.startsWith('override') ? overrides.indexOf(override) : '-'}:${plant.pairs[0]![0]}`;
      if (used.has(id)) return;
      used.add(id);
      target.push(...plant.pairs.map(([key, value]): [string, JsonValue] => [key, value]));
    }
    if (plant.noFiles) {
      if (override.noFiles) return;
      override.noFiles = true;
    }
    if (plant.item !== undefined) items.push(plant.item);
    problems.push(...plant.problems);
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
