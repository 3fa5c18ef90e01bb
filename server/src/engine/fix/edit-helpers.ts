/** Small helpers both renderers use (render.ts for JSON and YAML, render-hcl.ts for Terraform HCL). */
import type { TextEdit } from './semantic';

/** Deletions that touch or overlap, merged (one item's comma and the next item's deletion meet). */
export function mergeAdjacent(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && last.newText === '' && edit.newText === '' && edit.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, edit.end), newText: '' };
    else out.push(edit);
  }
  return out;
}

/** The offset past the spaces and tabs at `offset`. */
export function skipBlanks(text: string, offset: number): number {
  let p = offset;
  while (text[p] === ' ' || text[p] === '\t') p++;
  return p;
}

/** The offset before the spaces and tabs that end at `offset`. */
export function blanksBefore(text: string, offset: number): number {
  let p = offset;
  while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
  return p;
}
