import type { LineIndex, Span, TextEdit } from '../engine/index';
import type { Range, RangeEdit } from './types';

export function spanToRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function toRangeEdit(lines: LineIndex, edit: TextEdit): RangeEdit {
  return { range: spanToRange(lines, edit), newText: edit.newText };
}
