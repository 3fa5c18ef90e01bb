/**
 * Renders semantic edits to the smallest text edits that keep the rule book's fix invariants: comments, key
 * order, quoting, indentation and line endings outside the edited bytes are never touched.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { ArrayNode, Format, ObjectNode, ParsedFile, Prop, Span, ValueNode } from '../model';
import { getOwnProp, propSpan } from '../model';
import type { NextLineDirective } from '../suppression';
import { nextLineDirectives } from '../suppression';
import { parseHcl } from '../parse/hcl';
import { parseYaml } from '../parse/yaml';
import { contentEnd, detectEol, endOfLine, startOfLine } from '../text';
import { keepDirectivesOnTheirNodes } from './directives';
import { HclEditRenderer } from './render-hcl';
import { appendAfterKept, appendItems, fillEmptyList, itemIndent, type ListCommentSyntax, type PassRemovals } from './append-items';
import { blanksBefore, mergeAdjacent, skipBlanks, tidyDeletions } from './edit-helpers';
import { emptyList, suppressionGoesWithItem } from './empty-list';
import { keepRemovedComments } from './keep-comments';
import type { PlainValue, SemanticEdit, TextEdit } from './semantic';

export class EditRenderer {
  private readonly eol: string;
  /** Terraform HCL has a renderer of its own (render-hcl.ts). */
  private readonly hcl: HclEditRenderer | undefined;
  private readonly itemIndexes = new Map<ArrayNode, Map<ValueNode, number>>();

  /** The file's `grantlint-disable-next-line` comments with their targets, read when a fix first removes a node. */
  private directives: readonly NextLineDirective[] | undefined;
  /** Whether the text holds a directive's words at all, found once: every fix of a large file is rendered. */
  private mayHoldDirectives: boolean | undefined;

  /**
   * `parsed`: the text's parse, whose suppression comments fixes keep on their nodes (fix/directives.ts). Without
   * it, a text that holds a suppression comment is parsed when a fix first removes something.
   */
  constructor(
    private readonly text: string,
    private readonly format: Format,
    private readonly parsed?: ParsedFile,
  ) {
    this.eol = detectEol(text);
    this.hcl = format === 'hcl' ? new HclEditRenderer(text) : undefined;
  }

  /**
   * Renders the edits of one fix together, so several edits to one list or object merge into one change. A
   * suppression comment above a node the fix removes goes with it (fix/directives.ts).
   */
  render(edits: readonly SemanticEdit[], pass?: (array: ArrayNode) => PassRemovals | undefined): TextEdit[] {
    const rendered = this.renderEdits(edits, pass);
    const removed = removedExtents(edits);
    // JSON has no comments that are directives (parse/json.ts): only YAML and HCL are read for them.
    this.mayHoldDirectives ??= this.format !== 'json' && this.text.includes('grantlint-disable-next-line');
    if (removed.length === 0 || !this.mayHoldDirectives) return rendered;
    this.directives ??= nextLineDirectives(this.parsed ?? (this.format === 'yaml' ? parseYaml(this.text) : parseHcl(this.text)));
    return [...keepDirectivesOnTheirNodes(this.text, this.directives, removed, rendered)];
  }

  private renderEdits(edits: readonly SemanticEdit[], pass?: (array: ArrayNode) => PassRemovals | undefined): TextEdit[] {
    if (this.hcl) return this.hcl.render(edits, pass);
    const out: TextEdit[] = [];
    const removals = new Map<ArrayNode, { owner: Prop; items: Set<ValueNode> }>();
    const inserts = new Map<ObjectNode, [string, PlainValue][]>();
    const additions: { owner: Prop; array: ArrayNode; values: readonly string[] }[] = [];
    for (const edit of edits) {
      switch (edit.kind) {
        case 'removeItems': {
          const group = removals.get(edit.array) ?? { owner: edit.owner, items: new Set<ValueNode>() };
          edit.items.forEach((item) => group.items.add(item));
          removals.set(edit.array, group);
          break;
        }
        case 'replaceScalar': {
          const range = this.valueRange(edit.node);
          const tags = this.withoutTags(edit.node, edit.value);
          out.push({ start: tags.start, end: range.end, newText: tags.kept + this.scalarLike(edit.node, edit.value) });
          break;
        }
        case 'setField': {
          const existing = getOwnProp(edit.object, edit.key);
          if (existing) {
            out.push(this.replaceValue(existing, edit.value));
          } else {
            const list = inserts.get(edit.object) ?? [];
            list.push([edit.key, edit.value]);
            inserts.set(edit.object, list);
          }
          break;
        }
        case 'addItems':
          additions.push(edit);
          break;
        case 'wrapInList':
          out.push({ start: edit.node.start, end: edit.node.end, newText: `[${this.text.slice(edit.node.start, edit.node.end)}]` });
          break;
        case 'removeField':
          out.push(...this.removeField(edit.object, edit.prop));
          break;
      }
    }
    // Insertions go after the last line that stays: when one fix removes the last item of a block list and adds
    // a field after it (set the auth method to none and drop client_credentials), the removed line is no anchor.
    const deleted: TextEdit[] = [];
    for (const [array, group] of removals) for (const edit of this.removeItems(group.owner, array, group.items)) deleted.push(edit);
    out.push(...deleted);
    for (const addition of additions) out.push(...this.addItems(addition.owner, addition.array, addition.values, deleted, pass?.(addition.array)));
    for (const [object, fields] of inserts) out.push(this.insertFields(object, fields, deleted));
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  // ---- values ----

  private renderScalar(value: Exclude<PlainValue, readonly string[]>): string {
    if (typeof value !== 'string') return String(value);
    if (this.format === 'json') return JSON.stringify(value);
    return isSafePlainYaml(value) ? value : JSON.stringify(value);
  }

  private renderInlineList(values: readonly string[]): string {
    return `[${values.map((v) => this.renderScalar(v)).join(', ')}]`;
  }

  /** A replacement for an existing scalar in the same quoting style. */
  private scalarLike(node: ValueNode, value: PlainValue): string {
    if (isList(value)) return this.renderInlineList(value);
    if (typeof value === 'string' && node.kind === 'string' && this.format === 'yaml') {
      if (node.quote === 'single') return `'${value.replace(/'/g, "''")}'`;
      if (node.quote === 'double') return JSON.stringify(value);
    }
    return this.renderScalar(value);
  }

  private replaceValue(prop: Prop, value: PlainValue): TextEdit {
    const node = prop.value;
    if (node.start === node.end) {
      // `key:` with nothing after it in YAML (the empty value sits after any spaces that follow the colon).
      const space = this.text[node.start - 1] === ' ' ? '' : ' ';
      return { start: node.start, end: node.end, newText: `${space}${isList(value) ? this.renderInlineList(value) : this.renderScalar(value)}` };
    }
    if (this.format === 'yaml' && (node.kind === 'object' || node.kind === 'array') && !node.flow) {
      // A block collection starts on the lines below its key; the new value goes after the colon, and the
      // collection's lines go (a comment after the colon stays, after the new value).
      const colon = this.text.indexOf(':', prop.keySpan.end);
      if (colon >= 0 && colon < node.start) {
        const rest = this.text.slice(colon + 1, endOfLine(this.text, colon + 1));
        const comment = /^\s+#/.test(rest) ? rest : '';
        const rendered = isList(value) ? this.renderInlineList(value) : this.renderScalar(value);
        return { start: colon + 1, end: contentEnd(this.text, node.end), newText: ` ${rendered}${comment}` };
      }
    }
    const range = this.valueRange(node);
    const tags = this.withoutTags(node, value);
    // A value whose source begins with a stray break (a lone CR after the colon) still needs a space after `:`.
    const space = this.format === 'yaml' && this.text[tags.start - 1] === ':' ? ' ' : '';
    return { start: tags.start, end: range.end, newText: space + tags.kept + this.scalarLike(node, value) };
  }

  /**
   * A YAML value's tag (`!!seq []`, `!!str x`) names the type of what it replaces: it stays where it names the new
   * value's type too (`- !!str client-credentials` becomes `- !!str client_credentials`, as quotes stay), and goes
   * otherwise (a `!!seq null` would read as the string "null"; a custom tag's meaning is unknown); an anchor stays.
   * Returns where the replacement starts and the anchors and tags to write before the new value, as written.
   */
  private withoutTags(node: ValueNode, value: PlainValue): { start: number; kept: string } {
    const at = this.propertiesStart(node);
    if (at === node.start) return { start: node.start, kept: '' };
    const kept = this.text
      .slice(at, node.start)
      .split(/[ \t]+/)
      .filter((token) => token.startsWith('&') || (token.startsWith('!') && tagFits(token, value)));
    return { start: at, kept: kept.map((a) => `${a} `).join('') };
  }

  /** A YAML block scalar (`|`, `>`) ends after its last line break, which is not part of what is replaced. */
  private valueRange(node: ValueNode): { start: number; end: number } {
    const blockScalar = this.format === 'yaml' && node.kind === 'string' && (this.text[node.start] === '|' || this.text[node.start] === '>');
    return { start: node.start, end: blockScalar ? Math.max(node.start, contentEnd(this.text, node.end)) : node.end };
  }

  // ---- lists ----

  private removeItems(owner: Prop, array: ArrayNode, removed: Set<ValueNode>): TextEdit[] {
    const items = array.items;
    // Work per removed item, never per item of the list: fix all renders one fix per finding, and a list of
    // 40,000 client grants with a finding each would otherwise cost 40,000 walks of 40,000 items.
    const indexOf = this.itemIndex(array);
    const positions = [...removed].map((item) => indexOf.get(item)).filter((i): i is number => i !== undefined).sort((a, b) => a - b);
    // The items are distinct nodes of this list, so all are removed when as many are.
    const all = positions.length === items.length;
    if (!array.flow) {
      // Removing some entries: each entry's lines go but for its comments, which stay as lines of their own where
      // it stood, as when the list is emptied (removeEntry).
      if (!all) return this.joinedAtEnd(positions.flatMap((i) => this.removeEntry(items[i]!)));
      // Emptying a block list: write `[]` after the key's colon and after any anchor or tag there
      // (`grant_types: &g []`, never `[] &g`); each entry's lines go but for its comments, which stay as lines of
      // their own where the entry stood (comment lines between entries stay as they are).
      const entries = this.joinedAtEnd(positions.flatMap((i) => this.removeEntry(items[i]!)));
      return [{ ...this.afterKeyProperties(owner, array), newText: ' []' }, ...entries];
    }
    // Emptying a bracketed list: `[]`, or its comments kept inside it, each on a line of its own (empty-list.ts).
    if (all) return [emptyList(this.text, array, { ...this.listComments(), hashAfterBlank: true, directives: this.format === 'yaml' }, this.eol)];
    const edits: TextEdit[] = [];
    // The nearest item before the current one that stays: the one just before it, unless that one goes too.
    let keptAt = -1;
    let previous = -2;
    for (const i of positions) {
      const item = items[i]!;
      if (i - 1 !== previous) keptAt = i - 1;
      previous = i;
      const lastKept = keptAt >= 0 ? items[keptAt] : undefined;
      // An item's anchor or tag (`&a x`, `!!str x`) goes with it.
      const start = this.propertiesStart(item);
      const comma = this.separatorAfter(item.end);
      if (comma !== undefined) {
        // The last item before a trailing comma, on a line it shares with the item kept before it: the separator
        // before it goes instead, so the list keeps its trailing comma (`[a, b,]` → `[a,]`, not `[a, ]`).
        const before = i === items.length - 1 && lastKept ? this.separatorAfter(lastKept.end) : undefined;
        if (before !== undefined && this.sameLineClear(before, start)) {
          edits.push({ start: before, end: item.end, newText: '' });
          continue;
        }
        // The item and the comma after it go, with the spaces that followed on that line (but one, before a comment:
        // `#` must follow a blank to start one).
        const after = skipBlanks(this.text, comma + 1);
        // `/* note */ "b",]`: the blank before the item goes instead, where none stands between its comma and the `]`.
        const from = after === comma + 1 && this.text[after] === ']' ? blanksBefore(this.text, start) : start;
        // A blank before the item already parts the comment from what stays before it (`a, # note`).
        const keepBlank = this.text[after] === '#' && after > comma + 1 && !/[ \t]/.test(this.text[from - 1] ?? '');
        edits.push(this.wholeLineIfAlone(from, keepBlank ? after - 1 : after));
        continue;
      }
      // The last item has no comma after it: the one before it goes instead (a trailing comma is no JSON).
      const before = lastKept && this.separatorAfter(lastKept.end);
      const sameLine = before !== undefined && this.sameLineClear(before, start);
      const alone = this.wholeLineIfAlone(start, item.end).start < start;
      if (before !== undefined && sameLine) {
        edits.push({ start: before, end: item.end, newText: '' });
      } else if (before !== undefined && !alone && this.format === 'yaml') {
        // A YAML flow list over lines whose last item shares its line with the `]` (and maybe a comment): the `]`
        // joins the item kept before it; where a comment ends that item's line, the comma stays (YAML takes a
        // trailing comma) and the `]` keeps its line, at the removed item's place.
        if (this.hasCommentBetween(before, start)) edits.push({ start, end: skipBlanks(this.text, item.end), newText: '' });
        else edits.push({ start: before, end: item.end, newText: '' });
      } else {
        if (before !== undefined) edits.push({ start: before, end: before + 1, newText: '' });
        edits.push(this.wholeLineIfAlone(start, item.end));
      }
    }
    // Deletions that meet merge, and none leaves a line ending in blanks or holding only blanks; the comments
    // they took are written back where the items stood (keep-comments.ts).
    const syntax = { ...this.listComments(), hashAfterBlank: true, directives: this.format === 'yaml' };
    return keepRemovedComments(this.text, array, positions.map((i) => items[i]!), tidyDeletions(this.text, edits), syntax, this.eol);
  }

  /** Whether `from` and `to` lie on one line with no comment between them (a separator and the item after it). */
  private sameLineClear(from: number, to: number): boolean {
    return !/[\r\n]/.test(this.text.slice(from, to)) && !this.hasCommentBetween(from, to);
  }

  /** Each item's index in its list, made once per list and renderer (a pass of fix all). */
  private itemIndex(array: ArrayNode): Map<ValueNode, number> {
    let index = this.itemIndexes.get(array);
    if (!index) this.itemIndexes.set(array, (index = new Map(array.items.map((item, i) => [item, i]))));
    return index;
  }

  /** Where a YAML flow item's anchor and tag begin (`&a !!str x`), or the item's own start when it has none. */
  private propertiesStart(item: ValueNode): number {
    if (this.format !== 'yaml') return item.start;
    let at = item.start;
    for (;;) {
      let p = at;
      while (p > 0 && (this.text[p - 1] === ' ' || this.text[p - 1] === '\t')) p--;
      let q = p;
      while (q > 0 && !/[\s,[\]{}]/.test(this.text[q - 1]!)) q--;
      if (q === p || !/^[&!]/.test(this.text.slice(q, p))) return at;
      at = q;
    }
  }

  /**
   * A deletion of [start, end), widened to its whole line (line break included) when nothing else stands on that
   * line but blanks and the item's own trailing comment, so no blank line is left behind.
   */
  private wholeLineIfAlone(start: number, end: number): TextEdit {
    const lineStart = startOfLine(this.text, start);
    const lineEnd = endOfLine(this.text, end);
    const rest = this.text.slice(end, lineEnd);
    // Before it: blanks, and in JSONC block comments (`/* note */ "value"`), which the line keeps (keep-comments.ts);
    // each comment ends at its own `*/` (`/* a */ "kept", /* b */` holds an item).
    const before = this.text.slice(lineStart, start);
    const blankBefore = this.format === 'json' ? /^[ \t]*(?:\/\*(?:(?!\*\/).)*\*\/[ \t]*)*$/.test(before) : /^[ \t]*$/.test(before);
    // After it: blanks, or a comment (in YAML a `#` starts one only after a blank, which may be the last deleted byte).
    const afterBlank = end > 0 && /[ \t]/.test(this.text[end - 1]!);
    const commentAfter = this.isTrailingComment(rest) || (afterBlank && (this.format === 'yaml' ? rest.startsWith('#') : rest.startsWith('//')));
    const alone = blankBefore && (/^[ \t]*$/.test(rest) || commentAfter);
    if (!alone || lineEnd >= this.text.length) return { start, end, newText: '' };
    return { start: lineStart, end: lineEnd + (this.text.startsWith('\r\n', lineEnd) ? 2 : 1), newText: '' };
  }

  private isTrailingComment(rest: string): boolean {
    return this.format === 'yaml' ? /^[ \t]+#/.test(rest) : /^[ \t]*\/\//.test(rest);
  }

  /** The offset of the `,` that follows a flow item (past blanks, line breaks and comments), or undefined. */
  private separatorAfter(offset: number): number | undefined {
    const at = this.skipTrivia(offset);
    return this.text[at] === ',' ? at : undefined;
  }

  /** Skips blanks, line breaks and comments (YAML `#`; JSONC `//` and block comments). */
  private skipTrivia(offset: number): number {
    let p = offset;
    for (;;) {
      while (p < this.text.length && /[ \t\r\n\uFEFF]/.test(this.text[p]!)) p++;
      if (this.format === 'yaml' && this.text[p] === '#') p = endOfLine(this.text, p);
      else if (this.format === 'json' && this.text.startsWith('//', p)) p = endOfLine(this.text, p);
      else if (this.format === 'json' && this.text.startsWith('/*', p)) {
        const close = this.text.indexOf('*/', p + 2);
        p = close < 0 ? this.text.length : close + 2;
      } else return p;
    }
  }

  /** Whether a gap between tokens (blanks, commas, comments only) holds a comment. */
  private hasCommentBetween(start: number, end: number): boolean {
    const slice = this.text.slice(start, end);
    // The text between may hold items (strings with `//` or ` #` in them: a grant URI): only comments count.
    if (this.format === 'json') {
      const scanner = createScanner(slice, false);
      for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) return true;
      return false;
    }
    return yamlCommentIn(slice);
  }

  /**
   * The place after a block collection's key where a flow value goes: after the colon and after an anchor or tag
   * written there (`grant_types: &g`, `grant_types: !!seq`), before any comment.
   */
  private afterKeyProperties(owner: Prop, node: ValueNode): { start: number; end: number } {
    const colon = this.text.indexOf(':', owner.keySpan.end);
    const lineEnd = Math.min(endOfLine(this.text, colon + 1), node.start);
    const properties = /^(?:[ \t]+[&!][^\s#,[\]{}]*)*/.exec(this.text.slice(colon + 1, lineEnd))![0];
    const at = colon + 1 + properties.length;
    return { start: at, end: at };
  }

  /**
   * Deletions of whole lines, merged where they meet. The last entry of a file without a final line break takes
   * the break before it (deleteLines), which the entry before it takes too: merged, the deletion starts at a line
   * and runs to the end of the text, so it takes the break before that line instead, and the file still ends
   * without one.
   */
  private joinedAtEnd(edits: readonly TextEdit[]): TextEdit[] {
    return mergeAdjacent(edits).map((edit) => {
      const reachesEnd = edit.end === this.text.length && !this.text.endsWith('\n');
      if (edit.newText !== '' || !reachesEnd || edit.start === 0 || this.text[edit.start - 1] !== '\n') return edit;
      return { start: edit.start - (this.text.startsWith('\r\n', edit.start - 2) ? 2 : 1), end: edit.end, newText: '' };
    });
  }

  /**
   * The deletions that take a block sequence entry out of its list: its lines, from its `-` (which may stand alone
   * on the line above the value, with an anchor or tag, or with comment lines between) to the end of the value's
   * last line, but for its comments (after the `-`, on lines between it and the value, after the value), which stay on
   * lines of their own at the `-`'s indentation (a comment line less indented stays as it is). A suppression
   * comment goes with the entry (empty-list.ts).
   */
  private removeEntry(item: ValueNode): TextEdit[] {
    const dash = this.dashOf(item);
    const first = startOfLine(this.text, dash);
    const column = dash - first;
    const last = endOfLine(this.text, contentEnd(this.text, item.end));
    const comments = this.entryComments(dash, item).filter((at) => {
      const ownLine = /^[ \t]*$/.test(this.text.slice(startOfLine(this.text, at), at));
      return !suppressionGoesWithItem(this.text.slice(at, endOfLine(this.text, at)), ownLine, at < item.start);
    });
    const edits: TextEdit[] = [];
    for (let lineStart = first; ; ) {
      const lineEnd = endOfLine(this.text, lineStart);
      const comment = comments.find((at) => lineStart <= at && at <= lineEnd);
      if (comment === undefined) edits.push(this.deleteLines(lineStart, lineStart));
      else if (lineStart + column < comment) edits.push({ start: lineStart + column, end: comment, newText: '' });
      const next = this.lineAfter(lineEnd);
      if (lineEnd >= last || next === lineEnd) break;
      lineStart = next;
    }
    return edits;
  }

  /**
   * Where the comments of a block sequence entry start: between its `-` and its value (after the `-`, an anchor or
   * a tag, or on lines of their own), in a block scalar's header (`| # note`), and after the value on its last line.
   */
  private entryComments(dash: number, item: ValueNode): number[] {
    const out: number[] = [];
    const isComment = (at: number) => this.text[at] === '#' && /[ \t\r\n]/.test(this.text[at - 1] ?? '\n');
    for (let p = dash + 1; p < item.start; p++) {
      if (!isComment(p)) continue;
      out.push(p);
      p = endOfLine(this.text, p);
    }
    const blockScalar = this.text[item.start] === '|' || this.text[item.start] === '>';
    const from = blockScalar ? item.start : item.end;
    const lineEnd = endOfLine(this.text, from);
    const after = blockScalar ? /^[|>][0-9+-]*[ \t]+#/.exec(this.text.slice(from, lineEnd)) : /^[ \t]+#/.exec(this.text.slice(from, lineEnd));
    if (after) out.push(from + after[0].length - 1);
    return out;
  }

  /** The offset of the `-` that starts a block sequence entry (the item's own offset when none is found). */
  private dashOf(item: ValueNode): number {
    let lineStart = startOfLine(this.text, item.start);
    // On the value's line: `- value`, `- &a value`, `- !!str value`.
    const before = this.text.slice(lineStart, item.start);
    const here = /^([ \t]*)-(?:[ \t]+[&!]\S*)*[ \t]+$/.exec(before);
    if (here) return lineStart + here[1]!.length;
    if (!/^[ \t]*(?:[&!]\S*[ \t]+)*$/.test(before)) return item.start;
    // The value starts its own line: the `-` stands on a line above, alone or with an anchor, tag or comment.
    while (lineStart > 0) {
      lineStart = startOfLine(this.text, lineStart - 1);
      const line = this.text.slice(lineStart, endOfLine(this.text, lineStart));
      const dash = /^([ \t]*)-(?:[ \t]+[&!]\S*)*[ \t]*(?:[ \t]#.*)?$/.exec(line);
      if (dash) return lineStart + dash[1]!.length;
      if (!/^[ \t]*(?:#.*)?$/.test(line)) break;
    }
    return item.start;
  }

  /** A line end at or before `at` that no deletion covers (deleted lines are skipped upwards). */
  private survivingLineEnd(at: number, deleted: readonly TextEdit[]): number {
    let moved = at;
    for (let guard = 0; guard <= deleted.length; guard++) {
      const covering = deleted.find((d) => d.start < moved && moved < d.end);
      if (!covering) break;
      moved = covering.start > 0 ? endOfLine(this.text, startOfLine(this.text, covering.start - 1)) : 0;
      if (moved > covering.start) moved = covering.start;
    }
    return moved;
  }

  private addItems(owner: Prop, array: ArrayNode, values: readonly string[], deleted: readonly TextEdit[] = [], removals?: PassRemovals): TextEdit[] {
    const last = array.items[array.items.length - 1];
    // Other fixes of this pass remove the last items, keeping their comments as lines: the new ones go before those.
    const afterKept = removals && this.addAfterKept(array, values, removals);
    if (afterKept) return afterKept;
    if (!last) {
      if (array.start === array.end || !array.flow) return [this.replaceValue(owner, values)];
      // `[ # none yet` then `]`: the comments stay, before the new items.
      const rendered = values.map((v) => this.renderScalar(v));
      const layout = { eol: this.eol, indent: itemIndent(this.text, array), comments: this.listComments(), trailingComma: false };
      return fillEmptyList(this.text, array, rendered, layout) ?? [{ start: array.start, end: array.end, newText: this.renderInlineList(values) }];
    }
    if (!array.flow) {
      const at = this.survivingLineEnd(endOfLine(this.text, contentEnd(this.text, last.end)), deleted);
      // The new entry lines up with the last entry's `-`, without its anchor or tag (`- &code x` is no template).
      const dash = this.dashOf(last);
      const indent = leadingWhitespace(this.text, dash);
      const lines = values.map((v) => `${this.eol}${indent}- ${this.scalarLike(last, v)}`).join('');
      return [{ start: at, end: at, newText: lines }];
    }
    // The last item's comments stay with it (append-items.ts). New items are quoted as it is (`['a', 'b']`).
    const rendered = values.map((v) => this.scalarLike(last, v));
    return appendItems(this.text, array, last, rendered, { eol: this.eol, indent: itemIndent(this.text, array), comments: this.listComments() });
  }

  /**
   * addItems where other fixes of the same pass remove the list's last items (PassRemovals): the new items follow the
   * last item kept, on the line after it (a block list: after its line, comment included), before the comments the
   * removed items leave on lines of their own. Undefined where the usual layout applies.
   */
  private addAfterKept(array: ArrayNode, values: readonly string[], removals: PassRemovals): TextEdit[] | undefined {
    const keptItems = array.items.filter((item) => !removals.items.has(item));
    const kept = keptItems[keptItems.length - 1];
    if (!kept || kept === array.items[array.items.length - 1]) return undefined;
    if (array.flow) {
      const rendered = values.map((v) => this.scalarLike(kept, v));
      return appendAfterKept(this.text, array, rendered, { eol: this.eol, indent: itemIndent(this.text, array), comments: this.listComments() }, removals);
    }
    const at = endOfLine(this.text, contentEnd(this.text, kept.end));
    const next = array.items[array.items.indexOf(kept) + 1]!;
    // The next entry on the kept one's line (`- a` then `- b` cannot share a line, but a guard costs nothing).
    if (at > next.start || removals.deleted.some((d) => d.start === at || (d.start < at && at < d.end))) return undefined;
    const indent = leadingWhitespace(this.text, this.dashOf(kept));
    return [{ start: at, end: at, newText: values.map((v) => `${this.eol}${indent}- ${this.scalarLike(kept, v)}`).join('') }];
  }

  /** The comments a flow list holds: `#` in YAML, `//` and block comments in JSONC. */
  private listComments(): ListCommentSyntax {
    return this.format === 'yaml' ? { hash: true, slashes: false } : { hash: false, slashes: true };
  }

  // ---- objects ----

  /**
   * Removes one property. A property on lines of its own loses those lines (its trailing comment goes with it,
   * comment lines around it stay); one that shares its line (a flow mapping, `- key: value` opening a list
   * item, a one-line JSON object) loses its text and one separator.
   */
  private removeField(object: ObjectNode, prop: Prop): TextEdit[] {
    const props = object.props;
    const at = props.findIndex((p) => p.key === prop.key && p.keySpan.start === prop.keySpan.start);
    if (at < 0) return [];
    const start = prop.keySpan.start;
    const end = contentEnd(this.text, propSpan(prop).end);
    // Invariant 5: never leave an alias without its anchor. No edits: the fix is not offered.
    if (this.format === 'yaml' && this.anchorsUsedElsewhere(start, end)) return [];
    const ownLine = /^[ \t]*$/.test(this.text.slice(startOfLine(this.text, start), start));
    const next = props[at + 1];
    if (this.format === 'yaml' && !object.flow) {
      if (ownLine) return props.length === 1 ? [{ start, end, newText: '{}' }] : [this.deleteLines(start, end)];
      // `- key: value` opening a list item: the next key moves up behind the dash (or, with comment lines
      // between, the first of them); an item left without keys becomes `{}`.
      if (!next) return [{ start, end, newText: '{}' }];
      const lineAfter = this.lineAfter(end);
      const content = lineAfter + (/^[ \t]*/.exec(this.text.slice(lineAfter))?.[0].length ?? 0);
      return [{ start, end: this.text[content] === '#' && content < next.keySpan.start ? content : next.keySpan.start, newText: '' }];
    }
    // JSON, or a YAML flow mapping: separators are commas. A comment after the property on its line goes with it.
    const ownEnd = this.trailingCommentEnd(end);
    if (props.length === 1) return [ownLine ? this.deleteLines(start, ownEnd) : { start, end, newText: '' }];
    if (next) {
      const comma = this.commaAfter(prop.value.end);
      if (comma >= 0 && ownLine && /^[ \t]*(\/\/.*|#.*)?$/.test(this.text.slice(comma + 1, endOfLine(this.text, comma)))) {
        return [this.deleteLines(start, comma + 1)];
      }
      return [{ start, end: next.keySpan.start, newText: '' }];
    }
    const previous = props[at - 1]!;
    const comma = this.commaAfter(previous.value.end);
    if (comma < 0) return [];
    const between = this.text.slice(comma + 1, start);
    // A comment after the comma belongs to the previous property: keep it, drop only the comma and this one's lines.
    if (ownLine && /\/\/|\/\*|#/.test(between)) {
      return [{ start: comma, end: comma + 1, newText: '' }, { start: endOfLine(this.text, startOfLine(this.text, start) - 1), end: ownEnd, newText: '' }];
    }
    return [{ start: comma, end: ownEnd, newText: '' }];
  }

  /** The end of a `//` or `#` comment that follows `end` on its line, else `end`. */
  private trailingCommentEnd(end: number): number {
    const lineEnd = endOfLine(this.text, end);
    const rest = this.text.slice(end, lineEnd);
    const comment = this.format === 'yaml' ? /^[ \t]+#/ : /^[ \t]*\/\//;
    return comment.test(rest) ? lineEnd : end;
  }

  /** The start of the line after the one holding `offset` (the end of the text on the last line). */
  private lineAfter(offset: number): number {
    const lineEnd = endOfLine(this.text, offset);
    return this.text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : this.text.startsWith('\n', lineEnd) ? lineEnd + 1 : lineEnd;
  }

  /** Whether [start, end) defines a YAML anchor (`&name`) that an alias (`*name`) outside it uses. */
  private anchorsUsedElsewhere(start: number, end: number): boolean {
    const inside = this.text.slice(start, end);
    const outside = this.text.slice(0, start) + ' ' + this.text.slice(end);
    for (const match of inside.matchAll(/(?:^|[\s[{,:])&([^\s[\]{},]+)/g)) {
      const name = match[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`\\*${name}(?![^\\s[\\]{},])`).test(outside)) return true;
    }
    return false;
  }

  /** Deletes the whole lines from the one holding `start` to the one holding `end`, with the final line break. */
  private deleteLines(start: number, end: number): TextEdit {
    const lineStart = startOfLine(this.text, start);
    const lineEnd = endOfLine(this.text, end);
    const breakLength = this.text.startsWith('\r\n', lineEnd) ? 2 : this.text.startsWith('\n', lineEnd) ? 1 : 0;
    if (breakLength > 0) return { start: lineStart, end: lineEnd + breakLength, newText: '' };
    // The last line of the file has no break after it: take the one before it instead.
    const before = lineStart >= 2 && this.text.startsWith('\r\n', lineStart - 2) ? 2 : lineStart >= 1 ? 1 : 0;
    return { start: lineStart - before, end: lineEnd, newText: '' };
  }

  /** The offset of the comma that follows `from`, past blanks and comments; -1 when something else comes first. */
  private commaAfter(from: number): number {
    let i = from;
    while (i < this.text.length) {
      const c = this.text[i]!;
      if (c === ',') return i;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
      else if (this.text.startsWith('//', i) || (c === '#' && this.format === 'yaml')) i = endOfLine(this.text, i);
      else if (this.text.startsWith('/*', i)) {
        const close = this.text.indexOf('*/', i + 2);
        if (close < 0) return -1;
        i = close + 2;
      } else return -1;
    }
    return -1;
  }

  private insertFields(object: ObjectNode, fields: readonly [string, PlainValue][], deleted: readonly TextEdit[] = []): TextEdit {
    const last = object.props[object.props.length - 1];
    if (this.format === 'json' || object.flow) {
      const pair = ([key, value]: [string, PlainValue]) =>
        `${this.format === 'json' ? JSON.stringify(key) : key}: ${isList(value) ? this.renderInlineList(value) : this.renderScalar(value)}`;
      if (!last) return { start: object.start, end: object.end, newText: `{ ${fields.map(pair).join(', ')} }` };
      // A key that starts its own line is followed by one more such line; one after others on its line (a flow
      // mapping over lines because a list in it is) by one more pair on that line.
      const ownLine = /^[ \t]*$/.test(this.text.slice(startOfLine(this.text, last.keySpan.start), last.keySpan.start));
      const separator = ownLine && this.text.slice(object.start, object.end).includes('\n') ? `,${this.eol}${leadingWhitespace(this.text, last.keySpan.start)}` : ', ';
      const end = propSpan(last).end;
      return { start: end, end, newText: fields.map((f) => separator + pair(f)).join('') };
    }
    const line = ([key, value]: [string, PlainValue], indent: string) =>
      isList(value) ? `${indent}${key}:` + value.map((v) => `${this.eol}${indent}  - ${this.renderScalar(v)}`).join('') : `${indent}${key}: ${this.renderScalar(value)}`;
    const place = this.newKeyPlace(object, deleted);
    const indent = ' '.repeat(place.column);
    if (place.startsLine) return { start: place.at, end: place.at, newText: fields.map((f) => line(f, indent) + this.eol).join('') };
    return { start: place.at, end: place.at, newText: fields.map((f) => this.eol + line(f, indent)).join('') };
  }

  /**
   * Where new keys go in a YAML block mapping, so that no value as written changes: beside the last `<<` entry where
   * the mapping has one (README: a setting a fix changes is written beside it), else after the last entry's value,
   * with all that value owns: the trailing blank lines of a block scalar that keeps them (`|+`, `>+`), which are
   * part of its value, inner values included (a nested mapping or list ending in one). A block scalar that ends the
   * text without a line break would gain one from a line after it (`|` and `|+` keep their last break): there the
   * new keys go before the last entry's key (and the comment lines just above it). `startsLine`: the place is the
   * start of a line, and the new lines end with a break; else it is the end of a line, and they begin with one.
   */
  private newKeyPlace(object: ObjectNode, deleted: readonly TextEdit[]): { at: number; startsLine: boolean; column: number } {
    const columnOf = (offset: number) => offset - startOfLine(this.text, offset);
    // A YAML block mapping has at least one key or `<<` entry.
    const last = object.props[object.props.length - 1];
    const merge = object.mergeEntry;
    // An alias or a list of aliases: no block scalar ends it.
    if (merge) {
      return { at: this.survivingLineEnd(endOfLine(this.text, contentEnd(this.text, merge.end)), deleted), startsLine: false, column: columnOf(merge.start) };
    }
    const anchor = last!;
    const column = columnOf(anchor.keySpan.start);
    const leaf = this.endsInBlockScalar(anchor.value);
    if (leaf) {
      const header = /^[|>][0-9+-]*/.exec(this.text.slice(leaf.start))![0];
      const endsWithBreak = leaf.end > 0 && this.text[leaf.end - 1] === '\n';
      if (!endsWithBreak && !header.includes('-')) {
        const keyLine = startOfLine(this.text, anchor.keySpan.start);
        if (/^[ \t]*$/.test(this.text.slice(keyLine, anchor.keySpan.start))) return { at: this.commentLinesAbove(keyLine), startsLine: true, column };
      } else if (header.includes('+') && endsWithBreak) {
        return { at: leaf.end, startsLine: true, column };
      }
    }
    return { at: this.survivingLineEnd(endOfLine(this.text, contentEnd(this.text, propSpan(anchor).end)), deleted), startsLine: false, column };
  }

  /** The block scalar (`|`, `>`) a YAML block value ends in, itself or its last entry's, at any depth; else undefined. */
  private endsInBlockScalar(value: ValueNode): ValueNode | undefined {
    let node = value;
    for (;;) {
      if (node.kind === 'object' && !node.flow && node.props.length > 0) {
        const lastProp = node.props[node.props.length - 1]!;
        // A `<<` entry written after the last key ends the mapping instead (an alias).
        if (node.mergeEntry && node.mergeEntry.start > lastProp.keySpan.start) return undefined;
        node = lastProp.value;
      }
      else if (node.kind === 'array' && !node.flow && node.items.length > 0) node = node.items[node.items.length - 1]!;
      else break;
    }
    return node.kind !== 'object' && node.kind !== 'array' && /^[|>]/.test(this.text.slice(node.start, node.start + 1)) ? node : undefined;
  }

  /** The start of the comment lines just above the line starting at `lineStart` (that line's start when none). */
  private commentLinesAbove(lineStart: number): number {
    let at = lineStart;
    while (at > 0) {
      const above = startOfLine(this.text, at - 1);
      if (!/^[ \t]*#/.test(this.text.slice(above, endOfLine(this.text, above)))) break;
      at = above;
    }
    return at;
  }
}

/** The extents of the nodes a fix removes: list items, and properties with their values. */
function removedExtents(edits: readonly SemanticEdit[]): Span[] {
  const out: Span[] = [];
  for (const edit of edits) {
    if (edit.kind === 'removeItems') for (const item of edit.items) out.push({ start: item.start, end: item.end });
    else if (edit.kind === 'removeField') out.push(propSpan(edit.prop));
  }
  return out;
}

/** Whether a YAML core tag (`!!str`, `!<tag:yaml.org,2002:str>`) names the type of `value`. */
function tagFits(tag: string, value: PlainValue): boolean {
  const name = /^!!([a-z]+)$/.exec(tag)?.[1] ?? /^!<tag:yaml\.org,2002:([a-z]+)>$/.exec(tag)?.[1];
  if (name === 'str') return typeof value === 'string';
  if (name === 'seq') return isList(value);
  if (name === 'bool') return typeof value === 'boolean';
  if (name === 'int') return typeof value === 'number' && Number.isInteger(value);
  if (name === 'float') return typeof value === 'number';
  if (name === 'null') return value === null;
  return false;
}

function isList(value: PlainValue): value is readonly string[] {
  return Array.isArray(value);
}

/** The whitespace between the start of the line and `offset` when only whitespace stands there. */
function leadingWhitespace(text: string, offset: number): string {
  const start = startOfLine(text, offset);
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : before.replace(/[^ \t]/g, ' ');
}

const YAML_RESERVED = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

/** A string that reads back as the same string when written as a YAML plain scalar. */
export function isSafePlainYaml(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_./:@-]*$/.test(value) && !YAML_RESERVED.test(value) && !/:(\s|$)/.test(value);
}

/** Applies non-overlapping text edits; throws if two overlap, which would be a renderer bug. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Whether two sets of edits can be applied together (no overlap; two inserts at one place conflict too). */
export function editsConflict(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) for (const y of b) if (editPairConflicts(x, y)) return true;
  return false;
}

function editPairConflicts(x: TextEdit, y: TextEdit): boolean {
  return (x.start < y.end && y.start < x.end) || (x.start === y.start && (x.start === x.end || y.start === y.end));
}

/**
 * The text edits taken so far in one pass of fix all, none clashing with another (editsConflict), kept sorted by
 * start: whether new edits clash with them is asked of their neighbours only, so a pass over thousands of fixes
 * does not compare every pair. Held to editsConflict by the fix-all tests.
 */
export class AcceptedEdits {
  private readonly sorted: TextEdit[] = [];
  /** No two taken edits clash; false once a fix brought edits that clash among themselves (then every pair is asked). */
  private disjoint = true;

  /** Whether any of `edits` clashes with an edit taken (as editsConflict(taken, edits)). */
  conflicts(edits: readonly TextEdit[]): boolean {
    if (!this.disjoint) return editsConflict(this.sorted, edits);
    return edits.some((edit) => this.conflictsWith(edit));
  }

  /** Takes a fix's edits (which `conflicts` said clash with none taken). */
  add(edits: readonly TextEdit[]): void {
    if (this.disjoint && clashAmong(edits)) this.disjoint = false;
    for (const edit of edits) this.sorted.splice(this.firstStartingAtOrAfter(edit.start), 0, edit);
  }

  private conflictsWith(edit: TextEdit): boolean {
    const at = this.firstStartingAtOrAfter(edit.start);
    // Taken edits do not overlap, so of those starting before this one only the last can reach into it.
    if (at > 0 && editPairConflicts(this.sorted[at - 1]!, edit)) return true;
    for (let i = at; i < this.sorted.length && this.sorted[i]!.start <= edit.end; i++) if (editPairConflicts(this.sorted[i]!, edit)) return true;
    return false;
  }

  /** The index of the first taken edit starting at or after `offset` (binary search; among equal starts, the first). */
  private firstStartingAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid]!.start < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** Whether two of `edits` clash (editsConflict's test), by one walk in start order. */
function clashAmong(edits: readonly TextEdit[]): boolean {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let reach = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ordered.length; i++) {
    const edit = ordered[i]!;
    const previous = ordered[i - 1];
    if (edit.start < reach) return true;
    if (previous && previous.start === edit.start && (previous.start === previous.end || edit.start === edit.end)) return true;
    reach = Math.max(reach, edit.end);
  }
  return false;
}

/**
 * Whether a YAML text that starts outside any scalar (at a separator) holds a comment: a `#` at its start or after a
 * blank or line break, outside quoted scalars (`"x #y"` holds none).
 */
function yamlCommentIn(slice: string): boolean {
  for (let i = 0; i < slice.length; i++) {
    const c = slice[i];
    if (c === '"') {
      for (i++; i < slice.length && slice[i] !== '"'; i++) if (slice[i] === '\\') i++;
    } else if (c === "'") {
      for (i++; i < slice.length; i++) {
        if (slice[i] !== "'") continue;
        if (slice[i + 1] !== "'") break;
        i++; // '' is a quote inside the scalar
      }
    } else if (c === '#' && (i === 0 || /[ \t\r\n]/.test(slice[i - 1]!))) {
      return true;
    }
  }
  return false;
}
