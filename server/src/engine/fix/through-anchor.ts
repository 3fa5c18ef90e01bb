/**
 * Rule book, invariant 5: a fix never changes what any other client resolves to, and never leaves an alias
 * without its anchor; where the only edit would be to anchored content that another client also uses, the fix
 * is not offered. Checked on a fix's semantic edits before it is offered (lint.ts).
 */
import type { Anchor, Span, ValueNode } from '../model';
import { propSpan, getOwnProp } from '../model';
import type { Fix, SemanticEdit } from './semantic';

/**
 * Whether `fix` would edit YAML anchored content that an alias uses, or a copy made by resolving one: any edit
 * whose target is a copy (a node with `origin`), or that touches the extent of an anchored node (from its
 * `&name` to the node's end) that has aliases, unless every such alias is removed by the same fix. Removing an
 * alias itself (a list item written as `*name`) edits only the alias. `anchors` are the file's (ParsedFile).
 */
export function reachesThroughAnchor(fix: Fix, anchors: readonly Anchor[] | undefined): boolean {
  const touches: Touch[] = [];
  const removedAliases: Span[] = [];
  for (const edit of fix.edits) {
    const touch = touchOf(edit, removedAliases);
    if (!touch) return true;
    touches.push(touch);
  }
  if (!anchors || anchors.length === 0) return false;
  for (const anchor of anchors) {
    if (anchor.aliases.length === 0) continue;
    const extent = { start: anchor.span.start, end: Math.max(anchor.node.end, anchor.span.end) };
    if (!touches.some((touch) => touchesExtent(touch, extent))) continue;
    const allRemoved = anchor.aliases.every((alias) => removedAliases.some((removed) => removed.start <= alias.start && alias.end <= removed.end));
    if (!allRemoved) return true;
  }
  return false;
}

/** What an edit changes: the node whose content changes, and the spans it replaces or removes. */
interface Touch {
  readonly container: Span;
  readonly pieces: readonly Span[];
}

/** The edit's touch, or undefined when it targets a copy. Records the aliases a removal takes out. */
function touchOf(edit: SemanticEdit, removedAliases: Span[]): Touch | undefined {
  switch (edit.kind) {
    case 'removeItems':
      if (edit.array.origin) return undefined;
      for (const item of edit.items) removedAliases.push(item);
      // An item that is a copy is an alias written in this list: removing it edits only the alias.
      return { container: edit.array, pieces: edit.items.filter((item) => !item.origin) };
    case 'addItems':
      return edit.array.origin ? undefined : { container: edit.array, pieces: [] };
    case 'setField': {
      if (edit.object.origin) return undefined;
      const existing = getOwnProp(edit.object, edit.key);
      return { container: edit.object, pieces: existing ? [propSpan(existing)] : [] };
    }
    case 'removeField': {
      // A merged prop is no text of the client's: only an own prop can be removed (with any alias it holds).
      if (edit.object.origin || !edit.object.props.includes(edit.prop)) return undefined;
      const span = propSpan(edit.prop);
      removedAliases.push(span);
      return { container: edit.object, pieces: [span] };
    }
    case 'replaceScalar':
    case 'wrapInList':
      return isCopy(edit.node) ? undefined : { container: edit.node, pieces: [edit.node] };
    default: {
      // A new kind of edit must say here what it touches; until it does, it is never offered through an anchor.
      const unknown: never = edit;
      return unknown;
    }
  }
}

function isCopy(node: ValueNode): boolean {
  return node.origin !== undefined;
}

/** The anchored extent holds the changed node (an insertion or change inside it), or meets a replaced piece. */
function touchesExtent(touch: Touch, extent: Span): boolean {
  if (extent.start <= touch.container.start && touch.container.end <= extent.end) return true;
  return touch.pieces.some((piece) => piece.start < extent.end && extent.start < Math.max(piece.end, piece.start + 1));
}
