/**
 * The walls between layers bite: a file placed in a layer that imports what the layer may not gets a lint error
 * (docs/architecture.md). Each probe is written into the real source tree (the type-aware lint needs it inside
 * the project), linted with the project's eslint.config.mjs, and deleted.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');

interface Probe {
  readonly layer: string;
  readonly source: string;
  /** Whether the wall must stop it. */
  readonly refused: boolean;
}

const PROBES: readonly Probe[] = [
  { layer: 'engine', source: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n", refused: true },
  { layer: 'engine', source: "import { join } from 'path';\nexport const probe = join;\n", refused: true },
  { layer: 'engine', source: "import { walkTree } from '../workspace/index';\nexport const probe = walkTree;\n", refused: true },
  { layer: 'engine', source: "import { hoverAt } from '../service/hover';\nexport const probe = hoverAt;\n", refused: true },
  { layer: 'engine', source: "import { DiagnosticSeverity } from 'vscode-languageserver/node';\nexport const probe = DiagnosticSeverity;\n", refused: true },
  { layer: 'service', source: "import { toDiagnostic } from '../lsp/diagnostics';\nexport const probe = toDiagnostic;\n", refused: true },
  { layer: 'service', source: "import { run } from '../cli/main';\nexport const probe = run;\n", refused: true },
  { layer: 'workspace', source: "import { toDiagnostic } from '../lsp/diagnostics';\nexport const probe = toDiagnostic;\n", refused: true },
  { layer: 'workspace', source: "import { run } from '../cli/main';\nexport const probe = run;\n", refused: true },
  { layer: 'cli', source: "import { toDiagnostic } from '../lsp/diagnostics';\nexport const probe = toDiagnostic;\n", refused: true },
  // What each layer may use passes, so the walls are not simply refusing everything.
  { layer: 'engine', source: "import { ALL_RULES } from './rules/index';\nexport const probe = ALL_RULES;\n", refused: false },
  { layer: 'workspace', source: "import { readFileSync } from 'node:fs';\nimport { lintText } from '../engine/index';\nexport const probe = [readFileSync, lintText];\n", refused: false },
  { layer: 'service', source: "import { walkTree } from '../workspace/index';\nexport const probe = walkTree;\n", refused: false },
];

describe('the walls between layers', () => {
  const eslint = new ESLint({ cwd: ROOT });
  for (const [index, probe] of PROBES.entries()) {
    const first = probe.source.split('\n')[0];
    test(`${probe.layer}: ${first} is ${probe.refused ? 'refused' : 'allowed'}`, async () => {
      const file = join(ROOT, 'server', 'src', probe.layer, `wall-probe-${process.pid}-${index}.ts`);
      writeFileSync(file, probe.source);
      try {
        const [result] = await eslint.lintFiles([file]);
        const walls = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
        const other = result!.messages.filter((m) => m.ruleId !== 'no-restricted-imports');
        assert.deepEqual(other, [], 'no other problem in the probe');
        assert.equal(walls.length > 0, probe.refused, JSON.stringify(result!.messages));
        if (probe.refused) assert.equal(walls[0]!.severity, 2, 'an error, which fails npm test');
      } finally {
        rmSync(file, { force: true });
      }
    });
  }
});
