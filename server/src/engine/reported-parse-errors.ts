/** Which of a file's parse errors become `parse-error` findings: the readers' errors without their repeats. */
import type { ParsedFile, ParseError } from './model';

/**
 * The parse errors to report, in position order: one per place (span), the first the reader gave there, so a
 * YAML syntax error the parser reports twice at one node (once per check that trips on it) is shown once; and in
 * Terraform HCL, no syntax error inside the range of an earlier reported one: after, say, one missing closing
 * quote, tree-sitter's error recovery re-reads the rest of the file with strings and code swapped and reports a
 * dozen errors within the first error's range. The earliest error is always kept, span and message unchanged.
 * Exact errors (a duplicate key or block, read exactly) are never dropped for lying inside a syntax error. A JSON
 * error the reader marked as a cascade of an earlier one (ParseError.cascade) is not reported: one mistake, one error
 * (in HCL, the text an open string read on into; its range still holds the errors inside it).
 */
export function reportedParseErrors(parsed: ParsedFile): readonly ParseError[] {
  const errors = parsed.errors;
  if (errors.length < 2) return errors.filter((error) => !error.cascade);
  const ordered = errors.map((error, index) => ({ error, index })).sort((a, b) => a.error.span.start - b.error.span.start || a.index - b.index);
  const places = new Set<string>();
  // The furthest end of the reported HCL syntax errors so far: those start at or before any later error, so an
  // error ending at or before it lies inside their range.
  let syntaxEnd = Number.NEGATIVE_INFINITY;
  const kept: ParseError[] = [];
  for (const { error } of ordered) {
    if (error.cascade) {
      // Not reported, but in HCL its range is still the earlier mistake's aftermath (an open string read on).
      if (parsed.format === 'hcl' && error.span.end > error.span.start) syntaxEnd = Math.max(syntaxEnd, error.span.end);
      continue;
    }
    const place = `${error.span.start}:${error.span.end}`;
    if (places.has(place)) continue;
    const cascade = parsed.format === 'hcl' && !error.exact;
    if (cascade && !error.cause && error.span.end <= syntaxEnd && kept.length > 0) continue;
    places.add(place);
    kept.push(error);
    if (cascade && error.span.end > error.span.start) syntaxEnd = Math.max(syntaxEnd, error.span.end);
  }
  return kept;
}
