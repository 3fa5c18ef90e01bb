/**
 * A client whose text holds a syntax error gets only parse-error findings (rule book, "Where a finding points"),
 * so a suppression inside it cannot be known to silence nothing: it is not reported unused while the error stands.
 * A suppression in a client that parses is still reported when it silences nothing. Generated over the forms a
 * user writes (YAML block and flow lists, Terraform HCL with `#` and `//`; JSON has no suppression comments), with
 * the error in several places.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { holdsError, lintText } from '../../server/src/engine/index';
import { loadHclParser } from '../../server/src/workspace/tree-sitter';

before(() => loadHclParser());

type Form = 'yaml-block' | 'yaml-flow' | 'hcl-hash' | 'hcl-slashes';

/** A file of two clients: the first with a used suppression and, when `broken`, a syntax error; the second with an unused one. */
function file(form: Form, broken: 'none' | 'in-list' | 'after-list' | 'before-list'): { path: string; text: string } {
  switch (form) {
    case 'yaml-block':
    case 'yaml-flow': {
      const list = form === 'yaml-block' ? ['    grant_types:', '      - implicit', '      - authorization_code'] : ['    grant_types: [implicit, authorization_code]'];
      const lines = ['clients:', '  - name: Broken', '    app_type: regular_web', '    # grantlint-disable-next-line implicit-grant', ...list];
      if (broken === 'in-list') lines[lines.length - 1] = form === 'yaml-block' ? '      - "authorization_code' : '    grant_types: [implicit, authorization_code';
      if (broken === 'after-list') lines.push('    callbacks: [https://a.example.com');
      if (broken === 'before-list') lines.splice(3, 0, '    description: "unterminated');
      lines.push('  - name: Fine', '    app_type: regular_web', '    # grantlint-disable-next-line implicit-grant', '    grant_types: [authorization_code]', '');
      return { path: 'tenant.yaml', text: lines.join('\n') };
    }
    case 'hcl-hash':
    case 'hcl-slashes': {
      const c = form === 'hcl-hash' ? '#' : '//';
      const first = ['resource "auth0_client" "broken" {', '  name     = "Broken"', '  app_type = "regular_web"', `  ${c} grantlint-disable-next-line implicit-grant`, '  grant_types = ["implicit", "authorization_code"]', '}'];
      if (broken === 'in-list') first[4] = '  grant_types = ["implicit",, "authorization_code"]';
      if (broken === 'after-list') first.splice(5, 0, '  callbacks = [');
      if (broken === 'before-list') first.splice(3, 0, '  description = "a" "b"');
      const second = ['resource "auth0_client" "fine" {', '  name     = "Fine"', '  app_type = "regular_web"', `  ${c} grantlint-disable-next-line implicit-grant`, '  grant_types = ["authorization_code"]', '}'];
      return { path: 'main.tf', text: [...first, '', ...second, ''].join('\n') };
    }
  }
}

test('a suppression inside a client holding a syntax error is not reported unused; one in a client that parses is', () => {
  for (const form of ['yaml-block', 'yaml-flow', 'hcl-hash', 'hcl-slashes'] as const) {
    for (const broken of ['none', 'in-list', 'after-list', 'before-list'] as const) {
      {
        const { path, text } = file(form, broken);
        const result = lintText({ path, text });
        const unusedLines = result.findings.filter((f) => f.ruleId === 'unused-suppression').map((f) => text.slice(0, f.span.start).split('\n').length);
        const fineDirective = text.split('\n').findIndex((line, i) => line.includes('grantlint-disable') && text.split('\n').slice(0, i).some((l) => l.includes('Fine'))) + 1;
        const errors = result.findings.filter((f) => f.ruleId === 'parse-error');
        if (broken === 'none') {
          assert.equal(errors.length, 0, `${form}: ${text}`);
          assert.deepEqual(unusedLines, [fineDirective], `${form} ${broken}`);
        } else {
          assert.ok(errors.length > 0, `${form} ${broken}: a parse error`);
          // The second client's unused suppression is still said, unless the error swallowed that client too.
          const fine = result.clients.find((c) => c.name === 'Fine');
          const fineParses = fine !== undefined && !holdsError(fine, result.parsed.errors);
          assert.deepEqual(unusedLines, fineParses ? [fineDirective] : [], `${form} ${broken}: ${JSON.stringify(result.findings.map((f) => f.ruleId))}`);
        }
      }
    }
  }
});
