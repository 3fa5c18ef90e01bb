/**
 * Fixes across files (Finding.fixesElsewhere), rendered file by file. Linking copies another file's values into
 * this file's model at offsets of their own range (engine/links.ts); a fix's edits on such copies are mapped back to
 * the other file's own nodes and rendered against that file's text, exactly as a fix of that file would be.
 */
import type { ArrayNode, Format, ObjectNode, ParsedFile, Prop, ValueNode } from '../model';
import { formatOf } from '../lint';
import { isLinkedOffset, linkedSpan, type IndexedFile, type ProjectLinks } from '../links';
import { EditRenderer } from './render';
import { editTarget, type Fix, type SemanticEdit, type TextEdit } from './semantic';

/** One file's part of a fix across files: its path (as the links name it), the text rendered against, its edits. */
export interface FileEdits {
  readonly path: string;
  readonly text: string;
  readonly edits: readonly TextEdit[];
}

/** A fix across files: the edits of the linted file (`own`, possibly none) and those of each other file. */
export interface RenderedElsewhere {
  readonly own: readonly TextEdit[];
  readonly others: readonly FileEdits[];
}

/**
 * Renders fixes across files for one linted file (`text`, `format`, `parsed`) with the project links it was linted
 * with. One instance per lint result; the other files' node indexes and renderers are made once per parse of them.
 */
export class ElsewhereRenderer {
  private readonly own: EditRenderer;

  constructor(
    text: string,
    format: Format,
    parsed: ParsedFile,
    private readonly links: ProjectLinks,
  ) {
    this.own = new EditRenderer(text, format, parsed);
  }

  /**
   * The fix's edits by file, or undefined when one of its values cannot be found again in its file (that file
   * changed since the link was made) or an edit renders to nothing: the fix is then not offered.
   */
  render(fix: Fix): RenderedElsewhere | undefined {
    const ownEdits: SemanticEdit[] = [];
    const byFile = new Map<IndexedFile, SemanticEdit[]>();
    for (const edit of fix.edits) {
      const start = editTarget(edit).start;
      if (!isLinkedOffset(start)) {
        ownEdits.push(edit);
        continue;
      }
      const file = linkedSpan(this.links, { start, end: start })?.file;
      if (!file) return undefined;
      const list = byFile.get(file) ?? [];
      list.push(edit);
      byFile.set(file, list);
    }
    const others: FileEdits[] = [];
    for (const [file, edits] of byFile) {
      const target = this.fileOf(file);
      if (!target) return undefined;
      const mapped = edits.map((edit) => originalEdit(edit, target.nodes, file.base));
      if (mapped.some((edit) => edit === undefined)) return undefined;
      const rendered = target.renderer.render(mapped as SemanticEdit[]);
      if (rendered.length === 0) return undefined;
      others.push({ path: file.path, text: file.text, edits: rendered });
    }
    if (others.length === 0) return undefined;
    const own = ownEdits.length > 0 ? this.own.render(ownEdits) : [];
    if (ownEdits.length > 0 && own.length === 0) return undefined;
    return { own, others };
  }

  private fileOf(file: IndexedFile): OtherFile | undefined {
    const kept = otherFiles.get(file.parsed);
    if (kept && kept.text === file.text) return kept.made;
    const format = formatOf(file.path);
    // A file with a syntax error has no fix of its own either: its structure around an edit is a guess.
    const made = format && file.parsed.errors.length === 0 ? { renderer: new EditRenderer(file.text, format, file.parsed), nodes: indexNodes(file.parsed) } : undefined;
    otherFiles.set(file.parsed, { text: file.text, made });
    return made;
  }
}

/** Another file's renderer and node index. */
interface OtherFile {
  readonly renderer: EditRenderer;
  readonly nodes: NodeIndex;
}

/**
 * Other files' renderers and node indexes by their parse, made once while the parse lives: a server renders the
 * fixes of each edit of a file again, and indexing a linked file of thousands of resources for each edit cost more
 * than the edit's lint. Both depend only on the other file's text and parse (kept with them, checked on use).
 */
const otherFiles = new WeakMap<ParsedFile, { readonly text: string; readonly made: OtherFile | undefined }>();

/** A file's nodes by their extent and kind, and its properties by their key's start. */
interface NodeIndex {
  readonly nodes: ReadonlyMap<string, ValueNode>;
  readonly props: ReadonlyMap<number, Prop>;
}

function indexNodes(parsed: ParsedFile): NodeIndex {
  const nodes = new Map<string, ValueNode>();
  const props = new Map<number, Prop>();
  const visit = (node: ValueNode): void => {
    nodes.set(nodeKey(node, 0), node);
    if (node.kind === 'object') {
      for (const prop of node.props) {
        props.set(prop.keySpan.start, prop);
        visit(prop.value);
      }
    } else if (node.kind === 'array') node.items.forEach(visit);
  };
  for (const document of parsed.documents) if (document.root) visit(document.root);
  return { nodes, props };
}

/** Extent, kind and path: a Terraform block and the objects its labels make may share one extent. */
function nodeKey(node: ValueNode, base: number): string {
  return `${node.start - base}:${node.end - base}:${node.kind}:${node.path.join('\u0000')}`;
}

/** The edit on the other file's own nodes (a copy's offsets less the file's base), or undefined when one is gone. */
function originalEdit(edit: SemanticEdit, index: NodeIndex, base: number): SemanticEdit | undefined {
  const node = <T extends ValueNode>(copy: T): T | undefined => {
    return index.nodes.get(nodeKey(copy, base)) as T | undefined;
  };
  const prop = (copy: Prop): Prop | undefined => {
    const found = index.props.get(copy.keySpan.start - base);
    return found && found.key === copy.key ? found : undefined;
  };
  switch (edit.kind) {
    case 'removeItems': {
      const owner = prop(edit.owner);
      const array = node<ArrayNode>(edit.array);
      const items = edit.items.map((item) => node(item));
      return owner && array && items.every((item) => item !== undefined) ? { ...edit, owner, array, items: items as ValueNode[] } : undefined;
    }
    case 'addItems': {
      const owner = prop(edit.owner);
      const array = node<ArrayNode>(edit.array);
      return owner && array ? { ...edit, owner, array } : undefined;
    }
    case 'setField': {
      const object = node<ObjectNode>(edit.object);
      return object ? { ...edit, object } : undefined;
    }
    case 'removeField': {
      const object = node<ObjectNode>(edit.object);
      const removed = prop(edit.prop);
      return object && removed ? { ...edit, object, prop: removed } : undefined;
    }
    case 'replaceScalar': {
      const target = node(edit.node);
      return target ? { ...edit, node: target } : undefined;
    }
    case 'wrapInList': {
      const target = node(edit.node);
      return target?.kind === 'string' ? { ...edit, node: target } : undefined;
    }
  }
}
