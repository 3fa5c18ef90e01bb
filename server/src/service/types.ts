/**
 * Plain data the service layer hands to the protocol layer. The shapes match LSP's structurally (0-based lines,
 * UTF-16 characters), so the protocol layer passes them through without copying.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface RangeEdit {
  readonly range: Range;
  readonly newText: string;
}
