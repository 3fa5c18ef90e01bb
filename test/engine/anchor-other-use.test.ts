/**
 * Rule book, invariant 5: a fix is not offered where it would edit YAML anchored content that something other than
 * the finding's client uses (an alias outside the clients counts as a use). The message saying so names that other
 * use and its place (`x-copy at 5:9`), so the user knows which alias a hand edit also changes: the CLI's message
 * with its note (at most 120 characters, the note compact when the full one does not fit) and the hover alike, where every fix is withheld ("no fix") and where the preferred one is
 * ("not offered", an item alias whose removal is left). Over generated tenants: the client takes the anchored content through a
 * list alias, a merge key or an item alias (flow, block and next-line lists), and the other use is an `x-` key's
 * alias before or after the clients, an alias nested in an `x-` key, a second client's alias or merge key (its name
 * cut when long), or a merge key in an `x-` key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCliFindings } from '../../server/src/cli/report';
import { DEFAULT_SETTINGS, lintText } from '../../server/src/engine/index';
import { clauseForms } from '../../server/src/engine/rules/messages';
import { LineIndex } from '../../server/src/engine/text';
import { analyze } from '../../server/src/service/analysis';
import { hoverAt } from '../../server/src/service/hover';

const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/';
type Via = 'list-alias' | 'merge' | 'item-alias';
type Other = 'x-key' | 'x-key-after' | 'x-nested' | 'client' | 'long-client' | 'x-merge';
type Style = 'flow' | 'block' | 'block-next-line';
const VIAS: readonly Via[] = ['list-alias', 'merge', 'item-alias'];
const OTHERS: readonly Other[] = ['x-key', 'x-key-after', 'x-nested', 'client', 'long-client', 'x-merge'];
const STYLES: readonly Style[] = ['flow', 'block', 'block-next-line'];
/** Grants whose fixes edit the anchored list (legacy, first-party-only on a third-party client, unknown). */
const GRANT_SETS: readonly (readonly string[])[] = [
  [`${LEGACY}ro`, 'authorization_code'],
  ['password', 'authorization_code'],
  [`${LEGACY}ro`, `${LEGACY}delegation/refresh_token`],
  ['code', 'refresh_token'],
];
const LONG_NAME = 'Sharer with a rather long and descriptive client name';

function list(values: readonly string[], style: Style, indent: string): string {
  if (style === 'flow') return ` [${values.join(', ')}]`;
  if (style === 'block') return values.map((v) => `\n${indent}- ${v}`).join('');
  return values.map((v) => `\n${indent}-\n${indent}  ${v}`).join('');
}

interface Made {
  readonly text: string;
  /** Where the other use stands (its alias or merge key), and what the message calls it. */
  readonly at: number;
  readonly name: string;
  readonly label: string;
}

function make(via: Via, other: Other, style: Style, grants: readonly string[]): Made {
  const lines: string[] = [];
  let anchorName: string;
  // The anchored content, at the top.
  if (via === 'list-alias') {
    anchorName = 'legacy';
    lines.push(`x-legacy: &legacy${list(grants, style, '  ')}`);
  } else if (via === 'merge') {
    anchorName = 'base';
    lines.push('x-base: &base', '  app_type: regular_web', `  grant_types:${list(grants, style, '    ')}`);
  } else {
    // The first grant alone is anchored (the unknown `code`, whose fix replaces the scalar; a removal would drop the alias).
    anchorName = 'first';
    lines.push(`x-first: &first code`);
  }
  const alias = `*${anchorName}`;
  // A merged value stands at its merge key, as findings about it do.
  const marker = other === 'x-merge' || (via === 'merge' && (other === 'client' || other === 'long-client')) ? '<<' : alias;
  const otherLines = (): string[] => {
    switch (other) {
      case 'x-key':
      case 'x-key-after':
        return [`x-copy: ${via === 'item-alias' ? `[${alias}]` : alias}`];
      case 'x-nested':
        return ['x-wrap:', `  inner: ${via === 'item-alias' ? `[${alias}]` : alias}`];
      case 'x-merge':
        return via === 'merge' ? ['x-other:', `  <<: ${alias}`] : ['x-other:', `  <<: {grant_types: ${via === 'item-alias' ? `[${alias}]` : alias}}`];
      default:
        return [];
    }
  };
  if (other !== 'x-key-after') lines.push(...otherLines());
  lines.push('clients:', '  - name: Target', '    is_first_party: false', '    app_type: regular_web');
  if (via === 'list-alias') lines.push(`    grant_types: ${alias}`);
  else if (via === 'merge') lines.push(`    <<: ${alias}`);
  else lines.push(`    grant_types:${list([alias, ...grants.slice(1)], style, '      ')}`);
  if (other === 'client' || other === 'long-client') {
    lines.push(`  - name: ${other === 'long-client' ? LONG_NAME : 'Sharer'}`, '    is_first_party: false');
    if (via === 'merge') lines.push(`    <<: ${alias}`);
    else lines.push(`    grant_types: ${via === 'item-alias' ? `[${alias}, refresh_token]` : alias}`);
  }
  if (other === 'x-key-after') lines.push(...otherLines());
  const text = `${lines.join('\n')}\n`;
  // The other use is the last occurrence of its marker (the target's comes first, or it is the x- key before them).
  const targetAt = text.indexOf('name: Target');
  const occurrences = [...text.matchAll(new RegExp(marker.replace(/[*]/g, '\\*'), 'g'))].map((m) => m.index);
  const at = other === 'x-key' || other === 'x-nested' || other === 'x-merge' ? occurrences.find((o) => o < targetAt)! : occurrences.filter((o) => o > targetAt).at(-1)!;
  const name = { 'x-key': 'x-copy', 'x-key-after': 'x-copy', 'x-nested': 'x-wrap', 'x-merge': 'x-other', client: "client 'Sharer'", 'long-client': `client '${LONG_NAME.slice(0, 23)}…'` }[other];
  return { text, at, name, label: `${via}, other use ${other}, ${style} list, [${grants.join(', ')}]` };
}

test('a fix withheld by an anchor names the other use of the anchored value, and where it is', () => {
  let named = 0;
  for (const via of VIAS) {
    for (const other of OTHERS) {
      for (const style of STYLES) {
        for (const grants of via === 'item-alias' ? GRANT_SETS.filter((g) => g[0] === 'code') : GRANT_SETS) {
          const { text, at, name, label } = make(via, other, style, grants);
          const where = `${label}\n${text}`;
          const result = lintText({ path: 'tenant.yaml', text });
          const start = text.indexOf('name: Target');
          const end = text.indexOf('- name:', start) < 0 ? text.length : text.indexOf('- name:', start);
          const own = result.findings.filter((f) => f.span.start >= start && f.span.end <= end && f.grantItem !== undefined);
          assert.ok(own.length > 0, `the target has findings: ${where}`);
          const position = new LineIndex(text).positionAt(at);
          const place = `${name} at ${position.line + 1}:${position.character + 1}`;
          const cli = toCliFindings('tenant.yaml', text, result);
          const analysis = analyze({ path: 'tenant.yaml', text, settings: DEFAULT_SETTINGS })!;
          for (const finding of own) {
            const message = cli[result.findings.indexOf(finding)]!.message;
            const md = hoverAt(analysis, finding.span.start + 1)!.markdown.replace(/\\(.)/g, '$1');
            if (finding.preferredFixWithheldByAnchor) {
              // An item alias: removing the alias item is left, replacing the anchored value is not.
              assert.equal(via, 'item-alias', where);
              const title = finding.preferredFix!.title;
              // The fullest note that fits beside the message (withNotes): it names the other use and its place.
              const notes = [`(not offered: "${title}", which would edit YAML anchored content that ${place} also uses; edit the anchor by hand)`, `(not offered: "${title}": anchor also used by ${place})`, `(preferred fix not offered: anchor also used by ${place})`, `(not offered: anchor shared with ${place})`];
              assert.ok(notes.some((n) => message.includes(n)), `${message}\n${where}`);
              assert.ok(message.length <= 120, `${message.length} characters: ${message}`);
              assert.ok(md.includes(`**Not offered:** ${title}: it would edit YAML anchored content that ${place} also uses;`), `${md}\n${where}`);
              named++;
              continue;
            }
            assert.equal(finding.fixesWithheldByAnchor, true, `every fix is withheld: ${finding.message}\n${where}`);
            const note = /\(no fix: [^)]*\)/.exec(message)?.[0] ?? '';
            // The name gives way before the rule's first clause would be cut (the hover keeps it); the place stays.
            const placeOnly = `(no fix: anchor also used at ${position.line + 1}:${position.character + 1})`;
            const sentenceWhole = [finding.message, ...clauseForms(finding.message)].some((form) => message.startsWith(form));
            assert.ok([`(no fix: the YAML anchored value is also used by ${place}; edit it by hand)`, `(no fix: anchor also used by ${place})`, `(no fix: anchor shared with ${place})`].includes(note) || (note === placeOnly && sentenceWhole), `${message}\n${where}`);
            assert.ok(message.length <= 120, `${message.length} characters: ${message}`);
            assert.ok(md.includes(`**No quick fix:** the YAML anchored value is also used by ${place} (a fix would change it too)`), `${md}\n${where}`);
            named++;
          }
        }
      }
    }
  }
  assert.ok(named >= VIAS.length * OTHERS.length * STYLES.length, `${named} findings named their other use`);
});

test('the note stays within 120 characters with the longest name and a place far down a large file', () => {
  const padding = Array.from({ length: 12_000 }, (_, i) => `x-pad-${i}: ${i}`).join('\n');
  const text = `${padding}\nx-legacy: &legacy [password]\nclients:\n  - name: Target\n    is_first_party: false\n    grant_types: *legacy\n  - name: ${'N'.repeat(200)}\n    is_first_party: false\n    grant_types:\n${' '.repeat(200)}*legacy\n`;
  const result = lintText({ path: 'tenant.yaml', text });
  const cli = toCliFindings('tenant.yaml', text, result);
  const notes = cli.map((f) => /\(no fix: [^)]*\)/.exec(f.message)?.[0]).filter((n): n is string => n !== undefined);
  assert.ok(notes.length >= 1, cli.map((f) => f.message).join('\n'));
  for (const finding of cli) assert.ok(finding.message.length <= 120, `${finding.message.length} characters: ${finding.message}`);
  // The place far down is kept whole; the long name gives way to the rule's sentence.
  assert.ok(notes.some((n) => n.includes(`client '${'N'.repeat(23)}…' at 12009:201`) || n === '(no fix: anchor also used at 12009:201)'), notes.join('\n'));
});
