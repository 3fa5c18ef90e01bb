// The build's one patch of a dependency's source, kept apart so a test can check it still applies.

const LOOKUP = 'node_process.env.LOG_TOKENS';

/**
 * `yaml`'s parser reads `process.env.LOG_TOKENS` (a debugging switch) once per token. Every read of
 * process.env calls into the runtime: about 130 ms for a 10,000-client tenant, a tenth of reading it. The
 * bundle reads the switch once, when the module loads. Returns the patched source of
 * `yaml/dist/parse/parser.js`; throws when the source no longer reads the switch that way (a new `yaml`
 * version): the build must then fail, not ship an unpatched parser quietly.
 */
export function patchYamlParserSource(source) {
  if (!source.includes(LOOKUP)) {
    throw new Error(`${LOOKUP} not found in yaml's parser: the yaml version changed (package.json pins it); check the patch in scripts/yaml-parser-patch.mjs`);
  }
  return source.split(LOOKUP).join('LOG_TOKENS_ONCE') + `\nvar LOG_TOKENS_ONCE = node_process.env.LOG_TOKENS;\n`;
}
