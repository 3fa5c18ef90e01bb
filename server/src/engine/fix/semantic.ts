/** Fixes are described as semantic edits on model nodes; `render.ts` turns them into minimal text edits. */
import type { ArrayNode, ObjectNode, Prop, StringNode, ValueNode } from '../model';

export type PlainValue = string | number | boolean | null | readonly string[];

export type SemanticEdit =
  /** Remove items from a list (the owner is the `key: [...]` property holding it). */
  | { readonly kind: 'removeItems'; readonly owner: Prop; readonly array: ArrayNode; readonly items: readonly ValueNode[] }
  /** Replace one scalar, keeping its quoting style. */
  | { readonly kind: 'replaceScalar'; readonly node: ValueNode; readonly value: PlainValue }
  /** Set a field: replace the value when the key exists, else add the key. */
  | { readonly kind: 'setField'; readonly object: ObjectNode; readonly key: string; readonly value: PlainValue }
  /** Append items to a list. */
  | { readonly kind: 'addItems'; readonly owner: Prop; readonly array: ArrayNode; readonly values: readonly string[] }
  /** Turn a lone string into a one-item list. */
  | { readonly kind: 'wrapInList'; readonly node: StringNode }
  /** Remove a property from its object (with its own lines where it has them). */
  | { readonly kind: 'removeField'; readonly object: ObjectNode; readonly prop: Prop };

/**
 * Rule book, "Safe and unsafe fixes": a safe fix gives what the author evidently meant and lets the client do
 * nothing it could not do before; everything else is unsafe. `--fix` and fix-on-save apply safe fixes only.
 */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  /** Says exactly what changes, e.g. "Replace legacy grant 'ro' with 'password'". */
  readonly title: string;
  readonly edits: readonly SemanticEdit[];
  /** Every fix declares it; only a safe fix is applied without the user choosing it. */
  readonly safety: FixSafety;
}

/** Whether a fix may be applied without the user choosing it (`--fix`, fix-on-save). */
export function isSafeFix(fix: Fix): boolean {
  return fix.safety === 'safe';
}

/** A text edit in offsets of the original text. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The node an edit changes (its list, its object or the scalar itself): where the edit lies in a file. */
export function editTarget(edit: SemanticEdit): ValueNode {
  switch (edit.kind) {
    case 'removeItems':
    case 'addItems':
      return edit.array;
    case 'setField':
    case 'removeField':
      return edit.object;
    default:
      return edit.node;
  }
}
