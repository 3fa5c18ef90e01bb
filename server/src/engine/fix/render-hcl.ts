/**
 * Renders semantic edits as text edits on Terraform HCL, keeping the file as a person wrote it (rule book,
 * invariants 1-6): an item leaves a one-line or multi-line list with its comma (a trailing comma, the comments
 * of the other items and the list's own comments stay, and no line is left ending in blanks), a new item joins
 * it after the last item's comments (append-items.ts), a value is replaced in place, an attribute is set where it is or added to the block that
 * holds the object, its `=` aligned as `terraform fmt` aligns the run of single-line attributes it joins (only
 * that run's lines change). Line endings follow the file's.
 */
import type { ArrayNode, ObjectNode, Prop, ValueNode } from '../model';
import { getOwnProp, propSpan } from '../model';
import { detectEol, endOfLine, startOfLine } from '../text';
import { appendAfterKept, appendItems, fillEmptyList, itemIndent, type PassRemovals } from './append-items';
import { blanksBefore, mergeAdjacent, skipBlanks, tidyDeletions } from './edit-helpers';
import { emptyList } from './empty-list';
import { keepRemovedComments } from './keep-comments';
import type { PlainValue, SemanticEdit, TextEdit } from './semantic';

/** HCL's comments: `#` and `//` to the end of the line, and block comments. */
const HCL_COMMENTS = { hash: true, slashes: true } as const;

export class HclEditRenderer {
  private readonly eol: string;

  constructor(private readonly text: string) {
    this.eol = detectEol(text);
  }

  /** Renders the edits of one fix together: several edits to one list or one block merge into one change. */
  render(edits: readonly SemanticEdit[], pass?: (array: ArrayNode) => PassRemovals | undefined): TextEdit[] {
    const out: TextEdit[] = [];
    const removals = new Map<ArrayNode, Set<ValueNode>>();
    const inserts = new Map<ObjectNode, [string, PlainValue][]>();
    for (const edit of edits) {
      switch (edit.kind) {
        case 'removeItems': {
          const set = removals.get(edit.array) ?? new Set<ValueNode>();
          edit.items.forEach((item) => set.add(item));
          removals.set(edit.array, set);
          break;
        }
        case 'replaceScalar':
          out.push({ start: edit.node.start, end: edit.node.end, newText: renderValue(edit.value) });
          break;
        case 'setField': {
          const existing = getOwnProp(edit.object, edit.key);
          if (existing) out.push({ start: existing.value.start, end: existing.value.end, newText: renderValue(edit.value) });
          else inserts.set(edit.object, [...(inserts.get(edit.object) ?? []), [edit.key, edit.value]]);
          break;
        }
        case 'addItems':
          out.push(...this.addItems(edit.array, edit.values, pass?.(edit.array)));
          break;
        case 'wrapInList':
          out.push({ start: edit.node.start, end: edit.node.end, newText: `[${this.text.slice(edit.node.start, edit.node.end)}]` });
          break;
        case 'removeField':
          out.push(this.removeField(edit.object, edit.prop));
          break;
      }
    }
    for (const [array, items] of removals) out.push(...this.removeItems(array, items));
    for (const [object, fields] of inserts) out.push(...this.insertAttributes(object, fields));
    return mergeAdjacent(out);
  }

  // ---- lists ----

  private removeItems(array: ArrayNode, removed: ReadonlySet<ValueNode>): TextEdit[] {
    const items = array.items;
    // Emptying the list: `[]`, or its comments kept inside it, each on a line of its own (empty-list.ts).
    if (items.every((item) => removed.has(item))) return [emptyList(this.text, array, { ...HCL_COMMENTS, hashAfterBlank: false, directives: true }, this.eol)];
    const edits: TextEdit[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (!removed.has(item)) continue;
      const comma = this.commaAfter(item.end);
      if (comma !== undefined) {
        // The last item before a trailing comma, sharing its line with the item kept before it: the comma before
        // it goes instead, so the list keeps its trailing comma (`["a", "b",]` → `["a",]`, not `["a", ]`).
        const previous = i === items.length - 1 ? lastKeptBefore(items, i, removed) : undefined;
        const before = previous && this.commaAfter(previous.end);
        if (before !== undefined && !/[\r\n]/.test(this.text.slice(before, item.start)) && !this.hasComment(before, item.start)) {
          edits.push({ start: before, end: item.end, newText: '' });
          continue;
        }
        // The item, its comma and the blanks after it (but one, before a comment); its whole line when nothing else
        // stands there.
        const after = skipBlanks(this.text, comma + 1);
        // A blank before the item already parts the comment from what stays before it (`"a", # note`).
        const beforeComment = (this.text[after] === '#' || this.text.startsWith('//', after)) && after > comma + 1 && !/[ \t]/.test(this.text[item.start - 1] ?? '');
        // `/* note */ "b",]`: the blank before the item goes instead, where none stands between its comma and the `]`;
        // `/* note */ "b", ]` loses both blanks, so the comment meets the `]` as `terraform fmt` writes it.
        const blockBefore = this.text.slice(0, blanksBefore(this.text, item.start)).endsWith('*/');
        const start = this.text[after] === ']' && (after === comma + 1 || blockBefore) ? blanksBefore(this.text, item.start) : item.start;
        edits.push(this.wholeLineIfAlone(start, beforeComment ? after - 1 : after));
        continue;
      }
      // The last item, without a comma after it: on its own line, its line goes (the comma before it may stay:
      // HCL takes a trailing comma); on a shared line, the separator before it goes with it.
      const previous = lastKeptBefore(items, i, removed);
      const before = previous && this.commaAfter(previous.end);
      const alone = this.wholeLineIfAlone(item.start, item.end);
      if (alone.start < item.start || before === undefined) edits.push(alone);
      // A comment ends the line of the item kept before: it stays, with that item's comma (a trailing comma), and
      // the `]` keeps its line at the removed item's place.
      else if (this.hasComment(before, item.start)) edits.push({ start: item.start, end: skipBlanks(this.text, item.end), newText: '' });
      else edits.push({ start: before, end: item.end, newText: '' });
    }
    // Deletions that meet merge, and none leaves a line ending in blanks or holding only blanks; the comments
    // they took are written back where the items stood (keep-comments.ts).
    const syntax = { ...HCL_COMMENTS, hashAfterBlank: false, directives: true };
    return keepRemovedComments(this.text, array, [...removed], tidyDeletions(this.text, edits), syntax, this.eol);
  }

  private addItems(array: ArrayNode, values: readonly string[], removals?: PassRemovals): TextEdit[] {
    const last = array.items[array.items.length - 1];
    const rendered = values.map((v) => renderValue(v));
    const layout = { eol: this.eol, indent: itemIndent(this.text, array), comments: HCL_COMMENTS, blankBeforeClose: true };
    // Other fixes of this pass remove the last items, keeping their comments as lines: the new ones go before those.
    const afterKept = removals && (appendAfterKept(this.text, array, rendered, layout, removals) ?? this.addAfterKeptOnItsLine(array, rendered, removals));
    if (afterKept) return afterKept;
    if (!last) {
      // `[ # comment ]`: the comments stay, before the new items (on lines of their own, each with its comma).
      return fillEmptyList(this.text, array, rendered, { ...layout, trailingComma: true }) ?? [{ start: array.start, end: array.end, newText: `[${rendered.join(', ')}]` }];
    }
    // The last item's comments stay with it (append-items.ts).
    return appendItems(this.text, array, last, rendered, layout);
  }

  /**
   * New items where other fixes of this pass remove every item after the last one kept, the first of them on the
   * kept item's line: each goes right after the kept item's comma, with a comma of its own, so the comments the
   * removed items leave stay after the new items and are not read as theirs (`["a", /* old *\/ "a"]` →
   * `["a", "b", /* old *\/]`, as `terraform fmt` writes it); on lines of their own below it where a removal takes
   * the rest of its line or a line comment ends it. Undefined where a removal takes the kept item's comma and leaves
   * none after it (appendItems places them then).
   */
  private addAfterKeptOnItsLine(array: ArrayNode, rendered: readonly string[], removals: PassRemovals): TextEdit[] | undefined {
    const items = array.items;
    let keptIndex = items.length - 1;
    while (keptIndex >= 0 && removals.items.has(items[keptIndex]!)) keptIndex--;
    if (keptIndex < 0 || keptIndex === items.length - 1) return undefined;
    const kept = items[keptIndex]!;
    const next = items[keptIndex + 1]!;
    if (/[\r\n]/.test(this.text.slice(kept.end, next.start))) return undefined;
    const comma = this.commaAfter(kept.end);
    if (comma === undefined || comma > next.start) return undefined;
    const at = comma + 1;
    const lineEnd = endOfLine(this.text, at);
    const indent = itemIndent(this.text, array);
    const trailing = this.commaAfter(items[items.length - 1]!.end) !== undefined ? ',' : '';
    const below = [{ start: lineEnd, end: lineEnd, newText: rendered.map((value) => `${this.eol}${indent}${value}`).join(',') + trailing }];
    // Right after the comma at `from`; but a line comment ending the kept item's line (`"a", "b", # old` without
    // `"b"`) would end the new item's line and read as its: the new items go on lines of their own below it.
    const inlineAt = (from: number, clash?: TextEdit): TextEdit[] | undefined => {
      if (!/#|\/\//.test(stripStrings(this.text.slice(from, lineEnd))) || lineEnd >= array.end - 1) {
        return [{ start: from, end: from, newText: rendered.map((value) => ` ${value},`).join('') }];
      }
      return removals.deleted.some((d) => d !== clash && d.start <= lineEnd && lineEnd < d.end) ? undefined : below;
    };
    const clash = removals.deleted.find((d) => d.start <= at && comma < d.end);
    if (!clash) return inlineAt(at);
    if (clash.newText !== '') return undefined;
    const rest = this.text.slice(clash.end, lineEnd);
    // The removal takes the kept item's comma and leaves the removed item's in its place (`"a", "b", /* c */]`
    // without `"b"`): the new items follow that comma.
    if (clash.start === comma && rest.startsWith(',') && !/^,[ \t]*$/.test(rest)) {
      const after = clash.end + 1;
      if (removals.deleted.some((d) => d !== clash && d.start <= after && clash.end < d.end)) return undefined;
      return inlineAt(after, clash);
    }
    // `"a", "a",` over lines loses the rest of its line but a comma: the new items take lines of their own below
    // it, a comma after the last where the list's last item had one.
    const commaStays = clash.start === at ? /^[ \t]*$/.test(rest) : clash.start === comma && /^,[ \t]*$/.test(rest);
    if (!commaStays || lineEnd >= array.end - 1) return undefined;
    if (removals.deleted.some((d) => d !== clash && d.start <= lineEnd && lineEnd < d.end)) return undefined;
    return below;
  }

  // ---- attributes ----

  private removeField(object: ObjectNode, prop: Prop): TextEdit {
    const start = prop.keySpan.start;
    const end = propSpan(prop).end;
    if (object.flow) {
      // `{ a = 1, b = 2 }`: the element and its comma (or the comma before it, for the last one).
      const comma = this.commaAfter(end);
      if (comma !== undefined) return { start, end: skipBlanks(this.text, comma + 1), newText: '' };
      const index = object.props.indexOf(prop);
      const before = index > 0 ? this.commaAfter(propSpan(object.props[index - 1]!).end) : undefined;
      return before !== undefined ? { start: before, end, newText: '' } : { start, end, newText: '' };
    }
    return this.wholeLineIfAlone(start, end);
  }

  /**
   * New attributes in a block: after its last attribute, at its indentation, or first in the block when it has
   * none. The `=` signs line up with the run of single-line attributes the new lines join.
   */
  private insertAttributes(object: ObjectNode, fields: readonly [string, PlainValue][]): TextEdit[] {
    const attributes = object.props.filter((p) => this.isAttribute(p));
    const last = attributes[attributes.length - 1];
    if (!last) return [this.firstAttributes(object, fields)];
    const indent = indentAt(this.text, last.keySpan.start);
    const at = endOfLine(this.text, this.trailingCommentEnd(propSpan(last).end));
    // The `}` stands on the last attribute's line: a line added after it would land outside the block.
    const closeOnLine = at >= object.end;
    if (closeOnLine && (object.flow || startOfLine(this.text, last.keySpan.start) === startOfLine(this.text, object.start))) return [this.onOneLine(object, last, fields)];
    const run = this.isSingleLine(last) ? this.runEndingWith(object, last) : [];
    const width = Math.max(0, ...run.map((p) => p.key.length), ...fields.map(([key]) => key.length));
    const edits: TextEdit[] = run.length > 0 ? this.align(run, width) : [];
    const lines = fields.map(([key, value]) => `${this.eol}${indent}${key.padEnd(run.length > 0 ? width : key.length)} = ${renderValue(value)}`);
    // `  app_type = "native" }`: the new lines go before the `}`, which takes a line of its own.
    if (closeOnLine) edits.push({ start: blanksBefore(this.text, object.end - 1), end: object.end - 1, newText: `${lines.join('')}${this.eol}${indentAt(this.text, object.start)}` });
    else edits.push({ start: at, end: at, newText: lines.join('') });
    return edits;
  }

  /**
   * New attributes for an object expression or a block written on one line. The object takes them as elements
   * (`{ a = 1, b = 2 }`); the block (`resource "x" "y" { a = 1 }`, which HCL allows to hold one argument only) opens
   * over lines, each attribute on a line of its own, aligned as `terraform fmt` aligns them.
   */
  private onOneLine(object: ObjectNode, last: Prop, fields: readonly [string, PlainValue][]): TextEdit {
    const close = object.end - 1;
    const lastEnd = propSpan(last).end;
    if (object.flow) return { start: lastEnd, end: lastEnd, newText: fields.map(([key, value]) => `, ${key} = ${renderValue(value)}`).join('') };
    const blockIndent = indentAt(this.text, object.start);
    const props = object.props;
    // Only attributes and blanks between the braces (no comment to carry over): each gets its line, aligned.
    const bounds = [object.start + 1, ...props.flatMap((prop) => [prop.keySpan.start, propSpan(prop).end]), close];
    const blankBetween = bounds.every((at, i) => i % 2 === 1 || /^[ \t]*$/.test(this.text.slice(at, bounds[i + 1])));
    const plain = blankBetween && props.every((prop) => this.isAttribute(prop));
    const width = plain ? Math.max(...props.map((p) => p.key.length), ...fields.map(([key]) => key.length)) : 0;
    const existing = plain
      ? props.map((prop) => `${prop.key.padEnd(width)} ${this.text.slice(this.text.indexOf('=', prop.keySpan.end), propSpan(prop).end)}`)
      : [this.text.slice(object.start + 1, close).trim()];
    const added = fields.map(([key, value]) => `${key.padEnd(width)} = ${renderValue(value)}`);
    const body = [...existing, ...added].map((line) => `${blockIndent}  ${line}`).join(this.eol);
    return { start: object.start, end: object.end, newText: `{${this.eol}${body}${this.eol}${blockIndent}}` };
  }

  /** Attributes for a block that has none: first in the block (an empty one-line block opens over lines). */
  private firstAttributes(object: ObjectNode, fields: readonly [string, PlainValue][]): TextEdit {
    const blockIndent = indentAt(this.text, object.start);
    const indent = blockIndent + '  ';
    const width = Math.max(...fields.map(([key]) => key.length));
    const lines = fields.map(([key, value]) => `${indent}${key.padEnd(width)} = ${renderValue(value)}`);
    const open = object.start; // the `{`
    const lineEnd = endOfLine(this.text, open);
    if (lineEnd >= object.end - 1) {
      // `{}` or `{ }` on one line.
      return { start: open, end: object.end, newText: `{${this.eol}${lines.join(this.eol)}${this.eol}${blockIndent}}` };
    }
    return { start: lineEnd, end: lineEnd, newText: lines.map((line) => `${this.eol}${line}`).join('') };
  }

  /** The run of single-line attributes on consecutive lines that ends with `last`. */
  private runEndingWith(object: ObjectNode, last: Prop): Prop[] {
    const byLine = new Map<number, Prop>();
    for (const prop of object.props) byLine.set(startOfLine(this.text, prop.keySpan.start), prop);
    const run = [last];
    let lineStart = startOfLine(this.text, last.keySpan.start);
    while (lineStart > 0) {
      lineStart = startOfLine(this.text, lineStart - 1);
      const prop = byLine.get(lineStart);
      if (!prop || !this.isAttribute(prop) || !this.isSingleLine(prop)) break;
      run.unshift(prop);
    }
    return run;
  }

  /** Edits that pad each attribute's key to `width` before its `=` (none where it already is). */
  private align(run: readonly Prop[], width: number): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const prop of run) {
      const equals = this.text.indexOf('=', prop.keySpan.end);
      if (equals < 0 || equals > prop.value.start) continue;
      const padding = ' '.repeat(width - prop.key.length + 1);
      if (this.text.slice(prop.keySpan.end, equals) !== padding) edits.push({ start: prop.keySpan.end, end: equals, newText: padding });
    }
    return edits;
  }

  /** `key = value`, not a nested block (`key { ... }`) nor a dynamic block standing for one. */
  private isAttribute(prop: Prop): boolean {
    return /^[ \t]*=/.test(this.text.slice(prop.keySpan.end, prop.value.start));
  }

  private isSingleLine(prop: Prop): boolean {
    return !/[\r\n]/.test(this.text.slice(prop.keySpan.start, propSpan(prop).end));
  }

  // ---- trivia ----

  /**
   * A deletion of [start, end), widened to its whole line (line break included) when nothing else stands on that
   * line but blanks and a comment after it, which goes with it.
   */
  private wholeLineIfAlone(start: number, end: number): TextEdit {
    const lineStart = startOfLine(this.text, start);
    const lineEnd = endOfLine(this.text, end);
    const before = this.text.slice(lineStart, start);
    const rest = this.text.slice(end, lineEnd);
    const alone = /^[ \t]*$/.test(before) && (/^[ \t]*$/.test(rest) || /^[ \t]*(#|\/\/)/.test(rest) || /^[ \t]*\/\*(?:(?!\*\/).)*\*\/[ \t]*$/.test(rest));
    if (!alone) return { start, end, newText: '' };
    const breakLength = this.text.startsWith('\r\n', lineEnd) ? 2 : this.text.startsWith('\n', lineEnd) ? 1 : 0;
    if (breakLength > 0) return { start: lineStart, end: lineEnd + breakLength, newText: '' };
    const previousBreak = lineStart >= 2 && this.text.startsWith('\r\n', lineStart - 2) ? 2 : lineStart >= 1 ? 1 : 0;
    return { start: lineStart - previousBreak, end: lineEnd, newText: '' };
  }

  /** The end of a `#` or `//` comment after `end` on its line, else `end`. */
  private trailingCommentEnd(end: number): number {
    const lineEnd = endOfLine(this.text, end);
    return /^[ \t]*(#|\/\/)/.test(this.text.slice(end, lineEnd)) ? lineEnd : end;
  }

  /** The offset of the `,` after `offset`, past blanks, line breaks and comments; undefined when none follows. */
  private commaAfter(offset: number): number | undefined {
    let p = offset;
    for (;;) {
      while (p < this.text.length && /[ \t\r\n]/.test(this.text[p]!)) p++;
      if (this.text[p] === '#' || this.text.startsWith('//', p)) p = endOfLine(this.text, p);
      else if (this.text.startsWith('/*', p)) {
        const close = this.text.indexOf('*/', p + 2);
        p = close < 0 ? this.text.length : close + 2;
      } else return this.text[p] === ',' ? p : undefined;
    }
  }

  /** Whether [start, end) holds a comment (the gaps of a list hold only blanks, commas and comments). */
  private hasComment(start: number, end: number): boolean {
    return /#|\/\/|\/\*/.test(stripStrings(this.text.slice(start, end)));
  }
}

function lastKeptBefore(items: readonly ValueNode[], index: number, removed: ReadonlySet<ValueNode>): ValueNode | undefined {
  for (let i = index - 1; i >= 0; i--) if (!removed.has(items[i]!)) return items[i];
  return undefined;
}

/** A value as HCL writes it: strings quoted with HCL's escapes (`${` and `%{` doubled), lists on one line. */
function renderValue(value: PlainValue): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v)).join(', ')}]`;
  if (typeof value !== 'string') return String(value);
  return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** The text with quoted strings blanked, so a `#` inside a value is not taken for a comment. */
function stripStrings(text: string): string {
  return text.replace(/"(?:[^"\\\r\n]|\\.)*"/g, (s) => ' '.repeat(s.length));
}


/** The blanks that start the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const start = startOfLine(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

