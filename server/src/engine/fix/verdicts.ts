/**
 * Fix verdicts remembered across clients (lint.ts withCheckedFixes). Checking a fix simulates it and runs every
 * rule on the result; a tenant that repeats one configuration thousands of times asks the same question thousands
 * of times: a directory of `clients/*.json`, and again for each of them when a `tenant.json` flag changes.
 *
 * Two clients answer alike when the rules see the same facts (factsKey: the rules read nothing else), the file's
 * rule settings are the same, and the finding, the fix's edits and the errors before the fix sit at the same
 * places in each. A place is told as a fact field and an offset from that field's key, and each field's nodes
 * must sit at the same offsets in both clients, so where the client is in its file does not matter and a
 * verdict never crosses to a client laid out differently. Whatever cannot be placed so is checked afresh and not
 * remembered: YAML copies (aliases, merge keys), values in other files, a key the fix would add, settings with
 * JSON pointer overrides (they depend on where the client is). The tests hold the remembered verdicts to checking
 * every fix afresh, on generated tenants of every format.
 */
import { FACT_FIELDS, factsKey } from '../client';
import type { ClientEntry } from '../discover';
import type { ObjectNode, Prop, Span, ValueNode } from '../model';
import type { Finding, RaisedError } from '../rules/api';
import { anchoredValueSpan } from '../rules/api';
import type { FileSettings } from '../settings';
import type { Fix, SemanticEdit } from './semantic';

/** What checking a fix found: it works, it leaves its finding, or it raises a new error (`raised`). */
export interface FixVerdict {
  readonly verdict: 'works' | 'finding-stays' | 'new-error';
  readonly raised?: RaisedError;
}

/**
 * A client's fact fields as places (ClientLayout.of), with a key that is equal for two clients exactly when their
 * facts, their settings' rules and the layout of their fact fields are.
 */
export class ClientLayout {
  private constructor(
    private readonly anchor: Span,
    /** Each fact field's text, from its key to the end of its value, in the order the key lists them; disjoint. */
    private readonly regions: readonly Span[],
    readonly key: string,
  ) {}

  /**
   * The layout of `entry`'s fact fields (and of its Terraform credentials resource's attributes), or undefined
   * when a verdict for it may not be shared: pointer overrides in `settings`, merge keys, copies, or nodes
   * outside their field's text.
   */
  static of(entry: ClientEntry, settings: FileSettings): ClientLayout | undefined {
    if (settings.pointerOverrides.length > 0 || entry.node.merged || entry.credentials?.merged) return undefined;
    const parts: (string | number)[] = [rulesKey(settings), '\u0001', factsKey(entry, settings.legacyTenant), '\u0001'];
    const regions: Span[] = [];
    const placeFields = (props: readonly Prop[], factsOnly: boolean): boolean => {
      for (const prop of props) {
        if (factsOnly && !FACT_FIELDS.has(prop.key)) continue;
        const region = { start: prop.keySpan.start, end: prop.value.end };
        if (prop.source || region.end < region.start || !laidOut(prop.value, region, parts)) return false;
        parts.push(';');
        regions.push(region);
      }
      return true;
    };
    if (!placeFields(entry.node.props, true)) return undefined;
    parts.push('\u0002');
    if (entry.credentials && !placeFields(entry.credentials.props, false)) return undefined;
    const sorted = [...regions].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start < sorted[i - 1]!.end) return undefined;
    const layout = new ClientLayout(entry.anchor, regions, '');
    // Where missing-key findings point: a field's key when no name comes first, so that is part of the layout too.
    parts.push('\u0002', layout.inRegion(entry.anchor) ?? 'a');
    return new ClientLayout(entry.anchor, regions, parts.join(''));
  }

  /** `span` as a place the same in every client with this layout's key, or undefined when it is not in one. */
  place(span: Span): string | undefined {
    return this.inRegion(span) ?? (span.start === this.anchor.start && span.end === this.anchor.end ? 'a' : undefined);
  }

  /** A finding's place and rule (positionKey's identity, lint.ts), or undefined when it cannot be placed. */
  findingPlace(finding: Finding): string | undefined {
    if (anchoredValueSpan(finding)) return undefined;
    const at = this.place(finding.span);
    return at === undefined ? undefined : `${finding.ruleId}@${at}`;
  }

  /** The node an edit names, as a place: the client itself, its credentials resource, or a node in a field. */
  private nodePlace(node: ValueNode | ObjectNode, entry: ClientEntry): string | undefined {
    if (node === entry.node) return 'N';
    if (node === entry.credentials) return 'C';
    return node.origin ? undefined : this.inRegion(node);
  }

  /** A fix's edits as places and values, or undefined when one of them cannot be placed. */
  editsPlace(fix: Fix, entry: ClientEntry): string | undefined {
    const out: string[] = [];
    for (const edit of fix.edits) {
      const placed = this.editPlace(edit, entry);
      if (placed === undefined) return undefined;
      out.push(placed);
    }
    return out.join('|');
  }

  private editPlace(edit: SemanticEdit, entry: ClientEntry): string | undefined {
    switch (edit.kind) {
      case 'removeItems': {
        const items = edit.items.map((item) => this.nodePlace(item, entry));
        const parts = [this.inRegion(edit.owner.keySpan), this.nodePlace(edit.array, entry), ...items];
        return parts.includes(undefined) ? undefined : `-i${parts.join(',')}`;
      }
      case 'addItems': {
        const parts = [this.inRegion(edit.owner.keySpan), this.nodePlace(edit.array, entry)];
        return parts.includes(undefined) ? undefined : `+i${parts.join(',')}${JSON.stringify(edit.values)}`;
      }
      case 'replaceScalar': {
        const at = this.nodePlace(edit.node, entry);
        return at === undefined ? undefined : `=${at}${JSON.stringify(edit.value)}`;
      }
      case 'wrapInList': {
        const at = this.nodePlace(edit.node, entry);
        return at === undefined ? undefined : `[${at}`;
      }
      case 'setField': {
        const at = this.nodePlace(edit.object, entry);
        return at === undefined ? undefined : `+f${at}${JSON.stringify([edit.key, edit.value])}`;
      }
      case 'removeField': {
        const parts = [this.nodePlace(edit.object, entry), this.inRegion(edit.prop.keySpan)];
        return parts.includes(undefined) ? undefined : `-f${parts.join(',')}${JSON.stringify(edit.prop.key)}`;
      }
    }
  }

  private inRegion(span: Span): string | undefined {
    for (let i = 0; i < this.regions.length; i++) {
      const region = this.regions[i]!;
      if (region.start <= span.start && span.end <= region.end) return `${i}.${span.start - region.start}.${span.end - region.start}`;
    }
    return undefined;
  }
}

/**
 * Verdicts by key (layout, errors before, finding, edits). Bounded: the map starts again when full, so a
 * long-lived server does not grow without limit; a key is a few hundred characters.
 */
class FixVerdicts {
  private readonly verdicts = new Map<string, FixVerdict>();
  /** Off only where the tests hold remembered verdicts to fresh ones. */
  enabled = true;
  /** How many verdicts were answered from memory in this process (the tests show the memory is used). */
  answered = 0;

  constructor(private readonly limit: number) {}

  get(key: string): FixVerdict | undefined {
    const verdict = this.verdicts.get(key);
    if (verdict) this.answered++;
    return verdict;
  }

  set(key: string, verdict: FixVerdict): void {
    if (this.verdicts.size >= this.limit) this.verdicts.clear();
    this.verdicts.set(key, verdict);
  }
}

/** Verdicts remembered in this process, across files and edits. */
export const fixVerdicts = new FixVerdicts(8192);

/**
 * Adds the offsets of `node` and everything in it (relative to `region.start`) to `parts`; false when a node is a
 * copy or lies outside the region (its text is elsewhere).
 */
function laidOut(node: ValueNode, region: Span, parts: (string | number)[]): boolean {
  if (node.origin || node.start < region.start || node.end > region.end) return false;
  parts.push(node.start - region.start, ',', node.end - region.start, ',');
  if (node.kind === 'array') {
    parts.push('[');
    for (const item of node.items) if (!laidOut(item, region, parts)) return false;
    parts.push(']');
  } else if (node.kind === 'object') {
    if (node.merged) return false;
    parts.push('{');
    for (const prop of node.props) {
      if (prop.source || prop.keySpan.start < region.start || prop.keySpan.end > region.end) return false;
      parts.push(prop.keySpan.start - region.start, ',', prop.keySpan.end - region.start, ':');
      if (!laidOut(prop.value, region, parts)) return false;
    }
    parts.push('}');
  }
  return true;
}

/** The settings' rule severities as text, once per settings object. */
const rulesKeys = new WeakMap<FileSettings, string>();

function rulesKey(settings: FileSettings): string {
  let key = rulesKeys.get(settings);
  if (key === undefined) {
    key = [...settings.rules].map(([id, severity]) => `${id}=${severity}`).sort().join(',');
    rulesKeys.set(settings, key);
  }
  return key;
}
