/**
 * Rule book, invariant 5: a fix never changes what any other client resolves to, and never leaves an alias without
 * its anchor. A fix whose edits reach YAML anchored content (through-anchor.ts) is withheld where another client
 * uses that content; where only the finding's own client does (an anchor in a top-level `x-` key that one client
 * aliases or merges, an anchor inside the client that only it uses), the fix is offered with its edits moved from
 * the copies the client holds to the text they come from (the anchored origin), which lint.ts then checks on the
 * model like any fix (simulate.ts applies an edit of an origin to its copies).
 *
 * Who uses a node as written: every client whose resolved value holds a copy of it (through an alias or a merge
 * key, directly or through other anchors, in its document), and the client that holds its text, if any. Text
 * outside every client inside an anchored node is a definition, not a use; a copy outside every client (another
 * top-level key, a client grant) is a use by something other than a client, which withholds the fix as well.
 */
import type { ClientEntry } from '../discover';
import type { Anchor, ArrayNode, ObjectNode, ParsedFile, Prop, Span, ValueNode } from '../model';
import { getOwnProp, propSpan } from '../model';
import type { Fix, SemanticEdit } from './semantic';
import { reachesThroughAnchor } from './through-anchor';

/** A use outside every client (a copy in another top-level key, a client grant). */
const ELSEWHERE = 'elsewhere';
/** A client (by its node), or a use outside every client. */
type User = ObjectNode | typeof ELSEWHERE;

/** A use of a node as written (UseIndex.firstUseBy): by a client, or (undefined) by something outside every client. */
interface Use {
  readonly user: ObjectNode | undefined;
  readonly span: Span;
}

/** The anchors of one YAML file with its clients: which fixes through an anchor may be offered, and how. */
export class AnchorScope {
  private index: UseIndex | undefined;
  private readonly offeredFixes = new WeakMap<ObjectNode, WeakMap<Fix, Fix | null>>();

  /**
   * `parsed`: the file as read; `clients`: every client found in it (lintText's), the only users a fix may leave
   * unchanged besides the finding's own client.
   */
  constructor(
    readonly anchors: readonly Anchor[],
    private readonly parsed: ParsedFile,
    private readonly clients: readonly ClientEntry[],
  ) {}

  /**
   * The fix to offer for a finding of `client`: `fix` itself when it reaches through no YAML anchor; a fix with
   * the same title and safety whose edits target the anchored text as written, when only `client` uses every node
   * it edits and no anchor it deletes keeps an alias; undefined (withheld) otherwise. The result still has to be
   * checked on the model (lint.ts).
   */
  offered(fix: Fix, client: ClientEntry): Fix | undefined {
    if (!reachesThroughAnchor(fix, this.anchors)) return fix;
    let known = this.offeredFixes.get(client.node);
    if (!known) this.offeredFixes.set(client.node, (known = new WeakMap()));
    const cached = known.get(fix);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.retargeted(fix, client.node);
    known.set(fix, found ?? null);
    return found;
  }

  /**
   * For a fix `offered` withholds: the first use (in file order) by something other than `client` of the anchored
   * content it would edit, so the message can name it (`x-copy` at 9:11); undefined where none can be named (the
   * text the fix edits cannot be told). Asked only for a withheld fix; the uses are found in one walk of the file,
   * on the first such fix (UseIndex.firstUseBy).
   */
  otherUse(fix: Fix, client: ClientEntry): AnchorOtherUse | undefined {
    const index = (this.index ??= new UseIndex(this.parsed, this.clients, this.anchors));
    const edits: SemanticEdit[] = [];
    for (const edit of fix.edits) {
      const moved = index.retarget(edit);
      if (!moved) return undefined;
      edits.push(moved);
    }
    const changed = new Set(edits.flatMap((edit) => index.changedBy(edit)).map(written));
    const use = index.firstUseBy(changed, client.node) ?? index.mergeUseBy(edits, client.node) ?? index.keptAlias(edits);
    if (!use) return undefined;
    return { name: this.nameOf(use.user ?? this.userAt(use.span.start)), span: use.span };
  }

  /** The clients in file order, found by node or by place when a withheld fix's other use is named. */
  private byNode: Map<ObjectNode, ClientEntry> | undefined;
  private inOrder: ClientEntry[] | undefined;

  /** A client by its name (`client 'Sharer'`), or the top-level key whose value holds `offset` (`x-copy`). */
  private nameOf(user: ObjectNode | string): string {
    if (typeof user === 'string') return user;
    const entry = (this.byNode ??= new Map(this.clients.map((c) => [c.node, c]))).get(user);
    return entry?.name !== undefined ? `client '${clip(entry.name)}'` : 'another client';
  }

  /** Who a place belongs to: the client whose text holds it, else the top-level key whose value does. */
  private userAt(offset: number): ObjectNode | string {
    const clients = (this.inOrder ??= [...this.clients].sort((a, b) => a.node.start - b.node.start));
    // The last client starting at or before the place (clients do not overlap).
    let low = 0;
    let high = clients.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (clients[mid]!.node.start <= offset) low = mid + 1;
      else high = mid;
    }
    const client = clients[low - 1];
    if (client && offset < client.node.end) return client.node;
    for (const doc of this.parsed.documents) {
      if (doc.root?.kind !== 'object') continue;
      const prop = doc.root.props.find((p) => p.keySpan.start <= offset && offset < Math.max(p.value.end, p.keySpan.end));
      if (prop) return `${clip(prop.key)}`;
    }
    return 'another key';
  }

  private retargeted(fix: Fix, client: ObjectNode): Fix | undefined {
    const index = (this.index ??= new UseIndex(this.parsed, this.clients, this.anchors));
    const edits: SemanticEdit[] = [];
    for (const edit of fix.edits) {
      const moved = index.retarget(edit);
      if (!moved || !index.usedOnlyBy(moved, client)) return undefined;
      edits.push(moved);
    }
    if (index.deletesAnchorInUse(edits)) return undefined;
    return edits.every((edit, i) => edit === fix.edits[i]) ? fix : { ...fix, edits };
  }
}

/** Something other than a finding's client that uses the YAML anchored content a withheld fix would edit. */
export interface AnchorOtherUse {
  /** What uses it: a top-level key (`x-copy`, `clientGrants`), or another client (`client 'Sharer'`). */
  readonly name: string;
  /** Where: its alias or merge key, or the anchored value itself where the client that holds it uses it. */
  readonly span: Span;
}

/** Names longer than this are cut (with `…`), so a message naming one stays on one line of the Problems panel. */
const NAME_LENGTH = 24;

function clip(name: string): string {
  return name.length > NAME_LENGTH ? `${name.slice(0, NAME_LENGTH - 1)}…` : name;
}

/** The file's anchor scope (AnchorScope), or undefined when it has no anchors. */
export function anchorScope(parsed: ParsedFile, clients: readonly ClientEntry[]): AnchorScope | undefined {
  const anchors = parsed.anchors;
  return anchors && anchors.length > 0 ? new AnchorScope(anchors, parsed, clients) : undefined;
}

/** The node as written that a node's text is: its origin for a copy, else itself. */
function written(node: ValueNode): ValueNode {
  return node.origin ?? node;
}

/** Who uses each node as written, and where each sits (its prop, a prop's mapping), found in one walk of the file. */
class UseIndex {
  private readonly users = new Map<ValueNode, Set<User>>();
  /** Nodes as written (the walk met their text), with the prop that holds each one that is a prop's value. */
  private readonly placed = new Set<ValueNode>();
  private readonly parents = new Map<ValueNode, Prop>();
  private readonly objects = new Map<Prop, ObjectNode>();
  /** Anchored mappings some `<<` merges: mappings take props from them, and no copy says so. */
  private readonly mergeSources = new Set<ValueNode>();
  /** Anchors that aliases use, by the node they name and in order of their `&name` (found by binary search). */
  private readonly anchorsOn = new Map<ValueNode, Anchor[]>();
  private readonly byStart: Anchor[];

  private readonly clientNodes: Set<ValueNode>;
  private readonly anchored: Set<ValueNode>;

  constructor(
    private readonly parsed: ParsedFile,
    clients: readonly ClientEntry[],
    anchors: readonly Anchor[],
  ) {
    const clientNodes = (this.clientNodes = new Set<ValueNode>(clients.map((c) => c.node)));
    const anchored = (this.anchored = new Set<ValueNode>(anchors.map((a) => a.node)));
    for (const anchor of anchors) if (anchor.mergeSource) this.mergeSources.add(anchor.node);
    this.byStart = anchors.filter((a) => a.aliases.length > 0).sort((a, b) => a.span.start - b.span.start);
    for (const anchor of this.byStart) {
      const on = this.anchorsOn.get(anchor.node);
      if (on) on.push(anchor);
      else this.anchorsOn.set(anchor.node, [anchor]);
    }
    // Depth first with a stack of its own: a document may nest deeper than the call stack goes.
    const stack: { node: ValueNode; user: User | undefined }[] = [];
    for (const doc of parsed.documents) if (doc.root) stack.push({ node: doc.root, user: ELSEWHERE });
    while (stack.length > 0) {
      const { node, user: outer } = stack.pop()!;
      // A client's node starts its uses; anchored text outside every client is a definition (undefined: no use).
      const user = clientNodes.has(node) ? (node as ObjectNode) : outer === ELSEWHERE && !node.origin && anchored.has(node) ? undefined : outer;
      if (user !== undefined) {
        const key = written(node);
        let set = this.users.get(key);
        if (!set) this.users.set(key, (set = new Set()));
        set.add(user);
      }
      if (!node.origin) this.placed.add(node);
      if (node.kind === 'array') for (const item of node.items) stack.push({ node: item, user });
      else if (node.kind === 'object') {
        for (const prop of node.props) {
          if (!node.origin) {
            this.parents.set(prop.value, prop);
            this.objects.set(prop, node);
          }
          stack.push({ node: prop.value, user });
        }
        for (const prop of node.merged ?? []) stack.push({ node: prop.value, user });
      }
    }
  }

  /**
   * The edit moved from copies to the text they come from: a list's items by position, a prop by its source.
   * The edit itself when it edits no copy; undefined when the text cannot be told (a list not held by a key, a
   * key's anchor) or moving it would change more than the copy (a merged prop that another prop would replace).
   */
  retarget(edit: SemanticEdit): SemanticEdit | undefined {
    switch (edit.kind) {
      case 'removeItems':
      case 'addItems': {
        const array = written(edit.array);
        if (array === edit.array) return edit;
        if (array.kind !== 'array' || !this.placed.has(array)) return undefined;
        const owner = this.parents.get(array);
        if (!owner) return undefined;
        if (edit.kind === 'addItems') return { kind: 'addItems', owner, array, values: edit.values };
        const items = this.itemsAsWritten(edit.array, array, edit.items);
        return items && { kind: 'removeItems', owner, array, items };
      }
      case 'setField': {
        const object = written(edit.object);
        if (object === edit.object) return edit;
        if (object.kind !== 'object' || !this.placed.has(object)) return undefined;
        return { kind: 'setField', object, key: edit.key, value: edit.value };
      }
      case 'removeField': {
        const prop = edit.prop.source ?? edit.prop;
        if (prop === edit.prop && !edit.object.origin) return edit;
        if (edit.prop.shadowed) return undefined;
        const object = this.objects.get(prop);
        return object && { kind: 'removeField', object, prop };
      }
      case 'replaceScalar': {
        const node = written(edit.node);
        if (node === edit.node) return edit;
        return this.placed.has(node) ? { kind: 'replaceScalar', node, value: edit.value } : undefined;
      }
      case 'wrapInList': {
        const node = written(edit.node);
        if (node === edit.node) return edit;
        return node.kind === 'string' && this.placed.has(node) ? { kind: 'wrapInList', node } : undefined;
      }
      default: {
        const unknown: never = edit;
        return unknown;
      }
    }
  }

  /** The items as written at the copies' positions (a copy's items stand for its origin's, in order). */
  private itemsAsWritten(copy: ArrayNode, array: ArrayNode, items: readonly ValueNode[]): ValueNode[] | undefined {
    const out: ValueNode[] = [];
    for (const item of items) {
      const at = copy.items.indexOf(item);
      const same = at >= 0 ? array.items[at] : undefined;
      if (!same) return undefined;
      out.push(same);
    }
    return out;
  }

  /**
   * Whether only `client` uses what the edit (as moved) changes: the list, mapping or scalar it edits, and a value
   * it replaces or removes. A mapping that a `<<` merges gains no key: the mappings that merge it hold no copy of
   * it, yet would take the key.
   */
  usedOnlyBy(edit: SemanticEdit, client: ObjectNode): boolean {
    if (edit.kind === 'setField' && this.mergeSources.has(edit.object)) return false;
    return this.changedBy(edit).every((node) => {
      const users = this.users.get(written(node));
      if (!users) return this.placed.has(node);
      for (const user of users) if (user !== client) return false;
      return true;
    });
  }

  /** The nodes an edit (as moved) changes: the list, mapping or scalar it edits, and a value it replaces or removes. */
  changedBy(edit: SemanticEdit): ValueNode[] {
    switch (edit.kind) {
      case 'removeItems':
      case 'addItems':
        return [edit.array];
      case 'setField': {
        // An alias written as the value is replaced, not what it names.
        const existing = getOwnProp(edit.object, edit.key);
        return existing && !existing.value.origin ? [edit.object, existing.value] : [edit.object];
      }
      case 'removeField':
        // Every mapping that holds the prop, or merges it without a key of its own, holds a copy of its value.
        return [edit.prop.value];
      default:
        return [edit.node];
    }
  }

  /**
   * For each node as written that something uses: its first use in file order, and the first by another user than
   * that one (`firstUseBy` needs no more: whichever client asks, one of the two is not its own). Made in one walk
   * when a withheld fix first asks, so naming the other use costs no walk per finding (a tenant of thousands of
   * clients aliasing one shared list withholds a fix for each of them).
   */
  private firstUses: Map<ValueNode, [Use, Use | undefined]> | undefined;

  /**
   * The first use in file order, by a user other than `client`, of a node as written in `targets`: where a copy of
   * it stands (its alias; a merged value at its merge key) or where it is written (the client that holds it).
   */
  firstUseBy(targets: ReadonlySet<ValueNode>, client: ObjectNode): Use | undefined {
    const uses = (this.firstUses ??= this.walkFirstUses());
    let first: Use | undefined;
    for (const target of targets) {
      const pair = uses.get(target);
      const use = pair && (pair[0].user !== client ? pair[0] : pair[1]);
      if (use && (!first || use.span.start < first.span.start)) first = use;
    }
    return first;
  }

  /** The walk of the constructor again, keeping each node's first two uses by different users (firstUses). */
  private walkFirstUses(): Map<ValueNode, [Use, Use | undefined]> {
    const uses = new Map<ValueNode, [Use, Use | undefined]>();
    const stack: { node: ValueNode; user: User | undefined }[] = [];
    for (const doc of this.parsed.documents) if (doc.root) stack.push({ node: doc.root, user: ELSEWHERE });
    while (stack.length > 0) {
      const { node, user: outer } = stack.pop()!;
      const user = this.clientNodes.has(node) ? (node as ObjectNode) : outer === ELSEWHERE && !node.origin && this.anchored.has(node) ? undefined : outer;
      if (user !== undefined) {
        // A copy stands at its alias (a merged value at its merge key), as findings about it do.
        const use: Use = { user: user === ELSEWHERE ? undefined : user, span: { start: node.start, end: node.end } };
        const key = written(node);
        const pair = uses.get(key);
        if (!pair) uses.set(key, [use, undefined]);
        else if (use.span.start < pair[0].span.start) uses.set(key, [use, pair[0].user !== use.user ? pair[0] : pair[1]]);
        else if (use.user !== pair[0].user && (!pair[1] || use.span.start < pair[1].span.start)) pair[1] = use;
      }
      if (node.kind === 'array') for (const item of node.items) stack.push({ node: item, user });
      else if (node.kind === 'object') for (const prop of [...node.props, ...(node.merged ?? [])]) stack.push({ node: prop.value, user });
    }
    return uses;
  }

  /**
   * A key a setField adds to a mapping that `<<` merges reaches every mapping merging it, which holds no copy of it:
   * the first such merge's alias outside `client`.
   */
  mergeUseBy(edits: readonly SemanticEdit[], client: ObjectNode): Use | undefined {
    const outside = (alias: Span) => alias.start < client.start || client.end < alias.end;
    let first: Span | undefined;
    for (const edit of edits) {
      if (edit.kind !== 'setField' || !this.mergeSources.has(edit.object)) continue;
      for (const anchor of this.anchorsOn.get(edit.object) ?? []) {
        const alias = anchor.aliases.find(outside);
        if (alias && (!first || alias.start < first.start)) first = alias;
      }
    }
    return first && { user: undefined, span: { start: first.start, end: first.end } };
  }

  /** The first alias that stays while the edits delete its anchor (keptAliasOf), as a use at its place. */
  keptAlias(edits: readonly SemanticEdit[]): Use | undefined {
    const alias = this.keptAliasOf(edits);
    return alias && { user: undefined, span: { start: alias.start, end: alias.end } };
  }

  /**
   * Whether the edits delete an anchor (its `&name` goes with a removed item or prop, or with a block value a
   * setField replaces) while an alias of it stays. The renderer keeps the anchor of a list it empties (`&a []`)
   * and of a scalar or flow value it replaces.
   */
  deletesAnchorInUse(edits: readonly SemanticEdit[]): boolean {
    return this.keptAliasOf(edits) !== undefined;
  }

  /** An alias that stays while the edits delete its anchor (deletesAnchorInUse), the first in file order. */
  private keptAliasOf(edits: readonly SemanticEdit[]): Span | undefined {
    const removed: Span[] = [];
    const deleted = new Set<Anchor>();
    const add = (found: readonly Anchor[] | undefined) => found?.forEach((a) => deleted.add(a));
    for (const edit of edits) {
      switch (edit.kind) {
        case 'removeItems':
          for (const item of edit.items) {
            removed.push(item);
            add(this.anchorsOn.get(item));
            add(this.anchorsWithin(item));
          }
          break;
        case 'removeField': {
          const span = propSpan(edit.prop);
          removed.push(span);
          add(this.anchorsWithin(span));
          add(this.anchorsOn.get(edit.prop.value));
          break;
        }
        case 'setField': {
          const existing = getOwnProp(edit.object, edit.key);
          if (!existing) break;
          const value = existing.value;
          add(this.anchorsWithin(value));
          if ((value.kind === 'object' || value.kind === 'array') && !value.flow) add(this.anchorsOn.get(value));
          break;
        }
        case 'replaceScalar':
        case 'wrapInList':
          add(this.anchorsWithin(edit.node));
          break;
        case 'addItems':
          break;
      }
    }
    let kept: Span | undefined;
    for (const anchor of deleted) {
      const alias = anchor.aliases.find((a) => !removed.some((span) => span.start <= a.start && a.end <= span.end));
      if (alias && (!kept || alias.start < kept.start)) kept = alias;
    }
    return kept;
  }

  /** The anchors in use whose `&name` lies within `span`. */
  private anchorsWithin(span: Span): Anchor[] {
    let low = 0;
    let high = this.byStart.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.byStart[mid]!.span.start < span.start) low = mid + 1;
      else high = mid;
    }
    const out: Anchor[] = [];
    for (let i = low; i < this.byStart.length && this.byStart[i]!.span.start < span.end; i++) if (this.byStart[i]!.span.end <= span.end) out.push(this.byStart[i]!);
    return out;
  }
}
