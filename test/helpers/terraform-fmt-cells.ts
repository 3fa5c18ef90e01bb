/**
 * terraform fmt's alignment of `=` signs and trailing comments (hclwrite's formatCells), written line by line for
 * the simple HCL the tests generate: no string holds `#`, `/*` or `=` (a URL's `//` is fine), and there are no heredocs. A line's
 * `=` cell is an `=` after its first token with the brackets after it balanced (a line opening a multi-line value
 * has none); its comment cell a comment after other tokens. Runs of consecutive lines with an `=` cell get the `=`
 * one space after the run's longest key; then runs of consecutive lines with a trailing comment get it one space
 * after the run's longest line. Indentation and everything else is kept.
 */
export function terraformFmtCells(text: string): string {
  const lines = text.split('\n').map((raw) => {
    const cr = raw.endsWith('\r') ? '\r' : '';
    const content = cr ? raw.slice(0, -1) : raw;
    const marker = commentStart(content);
    const trailing = marker >= 0 && content.slice(0, marker).trim() !== '';
    const body = trailing ? content.slice(0, marker).trimEnd() : content;
    const comment = trailing ? content.slice(marker) : undefined;
    const equals = body.indexOf('=');
    const rhs = equals > 0 ? body.slice(equals) : '';
    const balanced = (rhs.match(/[[{(]/g) ?? []).length === (rhs.match(/[\]})]/g) ?? []).length;
    const assign = equals > 0 && body.slice(0, equals).trim() !== '' && balanced && !trailingOnly(body) ? { key: body.slice(0, equals).trimEnd(), rest: body.slice(equals) } : undefined;
    return { cr, body, comment, assign };
  });
  align(lines, (l) => l.assign !== undefined, (run) => {
    const width = Math.max(...run.map((l) => l.assign!.key.length));
    for (const l of run) l.body = `${l.assign!.key.padEnd(width)} ${l.assign!.rest}`;
  });
  align(lines, (l) => l.comment !== undefined, (run) => {
    const width = Math.max(...run.map((l) => l.body.length));
    for (const l of run) l.body = `${l.body.padEnd(width)} ${l.comment!}`;
  });
  return lines.map((l) => `${l.body}${l.cr}`).join('\n');
}

/** Where a line's first comment starts (`#`, `//`, `/*` outside a double-quoted string), or -1. */
function commentStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '#' || (c === '/' && (line[i + 1] === '/' || line[i + 1] === '*'))) return i;
  }
  return -1;
}

/** A comment-only line is no attribute, whatever it says. */
function trailingOnly(body: string): boolean {
  return /^\s*(#|\/\/|\/\*)/.test(body);
}

function align<T>(lines: T[], member: (line: T) => boolean, set: (run: T[]) => void): void {
  let run: T[] = [];
  for (const line of [...lines, undefined]) {
    if (line !== undefined && member(line)) {
      run.push(line);
      continue;
    }
    if (run.length > 0) set(run);
    run = [];
  }
}
