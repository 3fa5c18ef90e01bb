/**
 * Keeps `terraform fmt`'s alignment when a quick fix puts a comment line inside a Terraform block or takes a
 * comment off a line's end. terraform fmt lines up the `=` of consecutive lines that each hold a whole attribute,
 * and the trailing comments of consecutive lines that end in one; any other line (a comment line, a blank, a brace,
 * a line opening a multi-line value) ends such a run (hclwrite's formatCells). So a comment line put in a run of
 * attributes splits it in two, each then aligned on its own, and a comment taken off a line splits a run of
 * trailing comments. Only runs the fix changed are aligned again, and only where terraform fmt had aligned them
 * before: a file its author aligns otherwise is left as written.
 */
import type { ParsedFile, TextEdit, ValueNode } from '../engine/index';
import { LineIndex, propSpan } from '../engine/index';

/** One line as formatCells sees it: where its `=` cell and its trailing comment cell start. */
interface Cells {
  /** For a line holding a whole attribute: the key's end (before the spaces to the `=`) and the `=`. */
  readonly assign?: { readonly keyEnd: number; readonly equals: number };
  /** For a line ending in a comment: the end of what comes before it (blanks left out) and the comment's start. */
  readonly comment?: { readonly contentEnd: number; readonly start: number };
}

/**
 * `edits` (a fix on the HCL `text`, parsed as `parsed`, that inserts whole comment lines at line starts and deletes
 * trailing comments) with the edits that align again, as terraform fmt would, the runs of `=` signs and of trailing
 * comments the fix split or shortened. Offsets are UTF-16 code units of `text`; the edits returned are sorted and do
 * not overlap. A fix with edits of other shapes is returned as it is.
 */
export function withFmtAlignment(text: string, parsed: ParsedFile, edits: readonly TextEdit[]): TextEdit[] {
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const inserted = new Set<number>();
  const cut = new Set<number>();
  for (const edit of edits) {
    const line = lineOf(edit.start);
    if (edit.start === edit.end && edit.start === lines.lineStart(line) && /^[ \t]*(#|\/\/|\/\*)[^\r\n]*\r?\n$/.test(edit.newText)) inserted.add(line);
    else if (edit.newText === '' && lineOf(edit.end) === line && /^[ \t]*\r?$/.test(text.slice(edit.end, lineEnd(text, edit.end)))) cut.add(line);
    else return [...edits];
  }
  const cells = cellsOfLines(text, parsed, lines);
  const touched = [...inserted, ...cut];
  const hasAssign = (line: number): boolean => cells.get(line)?.assign !== undefined;
  const hadComment = (line: number): boolean => cells.get(line)?.comment !== undefined;
  const hasComment = (line: number): boolean => hadComment(line) && !cut.has(line);
  // A comment line inserted before line n ends the runs that reached line n - 1.
  const splitAtInserted = (line: number): boolean => inserted.has(line);
  const never = (): boolean => false;
  const out: TextEdit[] = [...edits];
  const start = (line: number): number => lines.lineStart(line);

  // `=` signs: one space after the longest key of the run.
  const keyWidth = (line: number): number => cells.get(line)!.assign!.keyEnd - start(line);
  const shift = new Map<number, number>();
  for (const [run, was] of changedRuns(runsNear(touched, lines.lineCount, hasAssign, never), runsNear(touched, lines.lineCount, hasAssign, splitAtInserted))) {
    const wasWidest = Math.max(...was.map(keyWidth));
    if (!was.every((line) => cells.get(line)!.assign!.equals - start(line) === wasWidest + 1)) continue;
    const widest = Math.max(...run.map(keyWidth));
    for (const line of run) {
      const { keyEnd, equals } = cells.get(line)!.assign!;
      const spaces = widest - keyWidth(line) + 1;
      shift.set(line, spaces - (equals - keyEnd));
      if (spaces !== equals - keyEnd) out.push({ start: keyEnd, end: equals, newText: ' '.repeat(spaces) });
    }
  }
  // Trailing comments: one space after the longest line of the run (its `=` where it moved).
  const contentWidth = (line: number): number => cells.get(line)!.comment!.contentEnd - start(line);
  for (const [run, was] of changedRuns(runsNear(touched, lines.lineCount, hadComment, never), runsNear(touched, lines.lineCount, hasComment, splitAtInserted))) {
    const wasWidest = Math.max(...was.map(contentWidth));
    if (!was.every((line) => cells.get(line)!.comment!.start - start(line) === wasWidest + 1)) continue;
    const width = (line: number): number => contentWidth(line) + (shift.get(line) ?? 0);
    const widest = Math.max(...run.map(width));
    for (const line of run) {
      const comment = cells.get(line)!.comment!;
      const spaces = widest - width(line) + 1;
      if (spaces !== comment.start - comment.contentEnd) out.push({ start: comment.contentEnd, end: comment.start, newText: ' '.repeat(spaces) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The runs (consecutive original line indexes that `member` holds, cut before each line `split` holds) that reach
 * the `touched` lines or their neighbours.
 */
function runsNear(touched: readonly number[], lineCount: number, member: (line: number) => boolean, split: (line: number) => boolean): number[][] {
  const lines = new Set<number>();
  for (const line of touched) {
    for (const from of [line - 1, line, line + 1]) {
      if (from < 0 || from >= lineCount || !member(from)) continue;
      let first = from;
      let last = from;
      while (first > 0 && member(first - 1)) first--;
      while (last + 1 < lineCount && member(last + 1)) last++;
      for (let k = first; k <= last; k++) lines.add(k);
    }
  }
  const runs: number[][] = [];
  let current: number[] = [];
  for (const line of [...lines].sort((a, b) => a - b)) {
    if (current.length > 0 && (split(line) || line !== current[current.length - 1]! + 1)) {
      runs.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** The runs after the fix that differ from the run their lines formed before, each with that run. */
function changedRuns(before: readonly number[][], after: readonly number[][]): [number[], number[]][] {
  const changed: [number[], number[]][] = [];
  for (const run of after) {
    const was = before.find((b) => b.includes(run[0]!));
    if (was && (was.length !== run.length || was.some((line, i) => line !== run[i]))) changed.push([run, was]);
  }
  return changed;
}

/** Each line's cells, by line index, for the lines that have an `=` cell or a trailing comment. */
function cellsOfLines(text: string, parsed: ParsedFile, lines: LineIndex): Map<number, Cells> {
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const assigns = new Map<number, { keyEnd: number; equals: number }>();
  const visit = (node: ValueNode): void => {
    if (node.kind === 'array') node.items.forEach(visit);
    if (node.kind !== 'object') return;
    for (const prop of node.props) {
      const between = text.slice(prop.keySpan.end, prop.value.start);
      const line = lineOf(prop.keySpan.start);
      const first = /^[ \t]*$/.test(text.slice(lines.lineStart(line), prop.keySpan.start));
      // A whole attribute on one line (terraform fmt leaves a line opening a multi-line value out of the run).
      if (first && /^[ \t]*=/.test(between) && !/[\r\n]/.test(text.slice(prop.keySpan.start, propSpan(prop).end))) assigns.set(line, { keyEnd: prop.keySpan.end, equals: prop.keySpan.end + between.indexOf('=') });
      visit(prop.value);
    }
  };
  for (const document of parsed.documents) if (document.root) visit(document.root);
  const comments = new Map<number, { contentEnd: number; start: number }>();
  for (const comment of [...parsed.comments, ...(parsed.strayDirectives ?? [])]) {
    const line = lineOf(comment.span.start);
    const content = text.slice(lines.lineStart(line), comment.span.start);
    if (/^[ \t]*$/.test(content) || !/^[ \t]*\r?$/.test(text.slice(comment.span.end, lineEnd(text, comment.span.end)))) continue;
    comments.set(line, { contentEnd: lines.lineStart(line) + content.trimEnd().length, start: comment.span.start });
  }
  const cells = new Map<number, Cells>();
  for (const line of new Set([...assigns.keys(), ...comments.keys()])) {
    const assign = assigns.get(line);
    const comment = comments.get(line);
    cells.set(line, { ...(assign && { assign }), ...(comment && { comment }) });
  }
  return cells;
}

function lineEnd(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  return lf < 0 ? text.length : lf;
}
