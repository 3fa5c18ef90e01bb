/**
 * Re-lints a Terraform HCL file after an edit by re-reading only the resource block the edit lies in, when it can
 * prove that is enough: the file parsed without errors and has no suppression comments, the edit lies strictly
 * inside the braces of one `auth0_client` or `auth0_client_credentials` block (its header untouched), and the
 * block's new text, read alone, is exactly one such block without errors, and the file has no client grants
 * (`auth0_client_grant`, checked against the clients they name) nor credentials blocks of clients of other files
 * of its module. A client keeps what the module's links gave it (`links`: a credentials block in another file,
 * the create-time method), and its findings are placed in the file with the same links. HCL's top-level blocks are read
 * independently, so the block then reads the same alone as in the file. The rest of the model is moved in place,
 * and only the client the block belongs to is linted again. Anything else returns undefined (a full re-read).
 * test/engine/incremental-hcl.test.ts checks both paths give the same findings after random edits.
 */
import type { ClientEntry } from './discover';
import type { LintResult } from './lint';
import type { ProjectLinks } from './links';
import { isLinkedOffset } from './links';
import { fileFindings, lintLinkedClientInFile, suppressionJudge } from './lint';
import type { Comment, ObjectNode, ParsedFile, Prop, Span, ValueNode } from './model';
import { getValue } from './model';
import { parseHcl } from './parse/hcl';
import type { Finding, RelatedInfo } from './rules/api';
import type { FileSettings } from './settings';
import { hasDirectives } from './suppression';
import { placeOfSpans, startOfLine } from './text';

export interface HclChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

export interface HclOutcome {
  readonly result: LintResult;
  /** New finding → the previous result's finding it only moved from (its client's text unchanged). */
  readonly moved: ReadonlyMap<Finding, Finding>;
}

/** The block an edit lies in: a client's body, or the body of the credentials resource linked to a client. */
interface Target {
  readonly body: ObjectNode;
  readonly type: 'auth0_client' | 'auth0_client_credentials';
  /** The clients whose findings depend on the block. */
  readonly clients: readonly number[];
}

/**
 * The result for `newText`, re-reading one resource block of `previous` (the result for `oldText`); undefined
 * when that cannot be proved enough. Moves `previous`'s model in place: only the returned result may be read.
 */
export function relintOneHclBlock(
  oldText: string,
  previous: LintResult,
  newText: string,
  change: HclChange,
  settings: FileSettings,
  links: ProjectLinks | undefined,
): HclOutcome | undefined {
  if (previous.format !== 'hcl' || previous.parsed.errors.length > 0 || !previous.isClientConfig) return undefined;
  if (previous.clients.length === 0 || previous.clients.some((c) => c.source !== 'terraform')) return undefined;
  // Suppression comments, in place or stray (after code: reported), are the whole file's concern: re-read whole.
  if (hasDirectives(previous.parsed.comments) || previous.parsed.strayDirectives !== undefined) return undefined;
  // Clients of other files whose credentials block is here (guests) are linted with this file: re-read whole.
  if (previous.guests.length > 0) return undefined;
  const root = previous.parsed.documents[0]?.root;
  if (previous.parsed.documents.length !== 1 || root?.kind !== 'object') return undefined;
  // Client grants are checked against the clients they name: a file with any is re-read whole.
  if (getValue(getValue(root, 'resource'), 'auth0_client_grant') !== undefined) return undefined;
  const target = targetOf(previous, change);
  if (!target) return undefined;

  const delta = change.newEnd - change.oldEnd;
  const oldBody = target.body;
  const header = startOfLine(oldText, blockKeyStart(root, target) ?? oldBody.start);
  const sliceEnd = oldBody.end + delta;
  const replacement = readBlockAlone(newText, header, sliceEnd, oldBody, target.type);
  if (!replacement) return undefined;
  if (target.type === 'auth0_client_credentials' && !sameClientLink(oldBody, replacement.body)) return undefined;

  // Everything from the old block's end on moves by delta; what holds the block stretches with it.
  const oldEnd = oldBody.end;
  // Where each client's text lies (before the model moves): a client wholly before the block keeps its findings
  // as they are; one wholly after it keeps them moved (the editor may move their rendering); any other (a
  // client before the block whose credentials resource lies after it) gets its findings made anew.
  const placeOf = previous.clients.map((entry) => place(entry, header, oldEnd));
  if (!replaceBody(root, oldBody, replacement.body)) return undefined;
  shiftTree(root, replacement.body, oldEnd, delta);
  const comments = spliceComments(previous.parsed.comments, { start: header, end: oldEnd }, delta, replacement.comments);
  const parsed: ParsedFile = { ...previous.parsed, comments };

  const relinted = new Set(target.clients);
  const clients: ClientEntry[] = previous.clients.map((entry, i) => {
    if (!relinted.has(i)) return moveEntry(entry, oldEnd, delta);
    if (target.type === 'auth0_client') return { ...entry, node: replacement.body, name: clientName(replacement.body, entry) };
    return { ...entry, credentials: replacement.body };
  });
  const moved = new Map<Finding, Finding>();
  const clientFindings = previous.clientFindings.map((findings, i) => {
    if (relinted.has(i)) return lintLinkedClientInFile(clients[i]!, settings, true, links);
    if (placeOf[i] === 'before') return findings;
    return findings.map((finding) => {
      const shifted = shiftFinding(finding, oldEnd, delta);
      if (placeOf[i] === 'after') moved.set(shifted, finding);
      return shifted;
    });
  });
  const findings = fileFindings(parsed, newText, clientFindings, settings, () => suppressionJudge(parsed, [...clients, ...previous.grants], clients, settings));
  return { result: { ...previous, parsed, clients, clientFindings, findings }, moved };
}

/** Where a client's text (its block and its credentials block) lies around the re-read block [header, oldEnd). */
function place(entry: ClientEntry, header: number, oldEnd: number): 'before' | 'after' | 'around' {
  const spans: Span[] = [entry.node, entry.anchor];
  // Credentials linked from another file of the module are not in this text: no edit here moves them.
  if (entry.credentials && !isLinkedOffset(entry.credentials.start)) spans.push(entry.credentials);
  return placeOfSpans(spans, header, oldEnd);
}

/** The client or credentials body holding the change strictly inside its braces, with the clients it concerns. */
function targetOf(previous: LintResult, change: HclChange): Target | undefined {
  // After the `{` (the body's start) and before the `}` (its end - 1): the header and braces stay as they were.
  const inside = (body: ObjectNode): boolean => body.start < change.start && change.oldEnd <= body.end - 1;
  const clients = previous.clients;
  for (let i = 0; i < clients.length; i++) {
    const client = clients[i]!;
    if (inside(client.node)) return { body: client.node, type: 'auth0_client', clients: [i] };
  }
  const credentials = resourcesOfType(previous.parsed.documents[0]!.root as ObjectNode, 'auth0_client_credentials').find(inside);
  if (!credentials) return undefined;
  const users: number[] = [];
  clients.forEach((client, i) => {
    if (client.credentials === credentials) users.push(i);
  });
  return { body: credentials, type: 'auth0_client_credentials', clients: users };
}

/** The bodies of the file's `resource "<type>" "<name>"` blocks. */
function resourcesOfType(root: ObjectNode, type: string): ObjectNode[] {
  const group = getValue(getValue(root, 'resource'), type);
  if (group?.kind !== 'object') return [];
  return group.props.map((p) => p.value).filter((v): v is ObjectNode => v.kind === 'object');
}

/** Where the block's header starts: the `resource` keyword's line holds the block's name label. */
function blockKeyStart(root: ObjectNode, target: Target): number | undefined {
  const group = getValue(getValue(root, 'resource'), target.type);
  if (group?.kind !== 'object') return undefined;
  return group.props.find((p) => p.value === target.body)?.keySpan.start;
}

/**
 * The block's new text, `text[start, end)` (from the start of its header line through its closing brace), read
 * alone: exactly one resource block of `type` with the old block's name, without errors or suppression comments,
 * its body ending at `end`; its nodes moved to file offsets and given the old body's path.
 */
function readBlockAlone(text: string, start: number, end: number, oldBody: ObjectNode, type: string): { body: ObjectNode; comments: Comment[] } | undefined {
  if (end <= start || end > text.length || text[end - 1] !== '}') return undefined;
  // The header line must hold only the header: what came before it on its line belongs to another block.
  const parsed = parseHcl(text.slice(start, end));
  if (parsed.errors.length > 0 || hasDirectives(parsed.comments) || parsed.strayDirectives !== undefined || parsed.documents.length !== 1) return undefined;
  const root = parsed.documents[0]!.root;
  if (root?.kind !== 'object' || root.props.length !== 1 || root.props[0]!.key !== 'resource') return undefined;
  const resource = root.props[0]!.value;
  if (resource.kind !== 'object' || resource.props.length !== 1 || resource.props[0]!.key !== type) return undefined;
  const group = resource.props[0]!.value;
  const name = oldBody.path[oldBody.path.length - 1];
  if (group.kind !== 'object' || group.props.length !== 1 || group.props[0]!.key !== name) return undefined;
  const body = group.props[0]!.value;
  if (body.kind !== 'object' || body.end !== end - start) return undefined;
  relocate(body, start, oldBody.path);
  const comments = parsed.comments.map((c) => ({ span: { start: c.span.start + start, end: c.span.end + start }, text: c.text }));
  return { body, comments };
}

/** Whether a credentials block still links to the same client (its `client_id` reads the same). */
function sameClientLink(before: ObjectNode, after: ObjectNode): boolean {
  const a = getValue(before, 'client_id');
  const b = getValue(after, 'client_id');
  if (!a || !b) return a === b;
  return a.kind === b.kind && 'value' in a && 'value' in b && a.value === b.value;
}

function clientName(body: ObjectNode, entry: ClientEntry): string | undefined {
  const name = getValue(body, 'name');
  const resourceName = String(entry.node.path[entry.node.path.length - 1]);
  return name?.kind === 'string' && !name.value.includes('${') ? name.value : resourceName;
}

/** Puts the new body where the old one was, in its group's props. */
function replaceBody(root: ObjectNode, oldBody: ObjectNode, newBody: ObjectNode): boolean {
  const [resource, type] = oldBody.path;
  const group = getValue(getValue(root, String(resource)), String(type));
  if (group?.kind !== 'object') return false;
  const props = group.props as Prop[];
  const index = props.findIndex((p) => p.value === oldBody);
  if (index < 0) return false;
  props[index] = { key: props[index]!.key, keySpan: props[index]!.keySpan, value: newBody };
  return true;
}

// ---- moving nodes in place: the model is the caller's own, so it may rewrite positions it owns ----

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Moves every span at or after `from` by `delta` and stretches every span that holds `from`, over the whole
 * model except the freshly read `skip` (already at its place). HCL groups blocks by type, not by position, so
 * the blocks after an edit are found anywhere in the tree.
 */
function shiftTree(node: ValueNode, skip: ValueNode, from: number, delta: number): void {
  if (node === skip || delta === 0) return;
  if (node.end < from) return;
  const m = node as Mutable<ValueNode>;
  if (m.start >= from) m.start += delta;
  m.end += delta;
  if (node.kind === 'object') {
    for (const prop of node.props) {
      const key = prop.keySpan as Mutable<Span>;
      // Grouping objects have a zero-width key at offset 0: it never moves.
      if (key.start >= from && key.end > key.start) {
        key.start += delta;
        key.end += delta;
      }
      shiftTree(prop.value, skip, from, delta);
    }
  } else if (node.kind === 'array') {
    for (const item of node.items) shiftTree(item, skip, from, delta);
  }
}

/** Moves a freshly read node by `delta` and gives it (and its subtree) paths under `path`. */
function relocate(node: ValueNode, delta: number, path: readonly (string | number)[]): void {
  const m = node as Mutable<ValueNode>;
  m.start += delta;
  m.end += delta;
  m.path = path;
  if (node.kind === 'object') {
    for (const prop of node.props) {
      const key = prop.keySpan as Mutable<Span>;
      key.start += delta;
      key.end += delta;
      relocate(prop.value, delta, [...path, prop.key]);
    }
  } else if (node.kind === 'array') {
    node.items.forEach((item, i) => relocate(item, delta, [...path, i]));
  }
}

function moveEntry(entry: ClientEntry, from: number, delta: number): ClientEntry {
  if (entry.anchor.start < from || delta === 0) return entry;
  return { ...entry, anchor: { start: entry.anchor.start + delta, end: entry.anchor.end + delta } };
}

function spliceComments(comments: readonly Comment[], region: Span, delta: number, replacement: readonly Comment[]): Comment[] {
  const before = comments.filter((c) => c.span.end <= region.start);
  const after = comments.filter((c) => c.span.start >= region.end).map((c) => ({ span: { start: c.span.start + delta, end: c.span.end + delta }, text: c.text }));
  return [...before, ...replacement, ...after].sort((a, b) => a.span.start - b.span.start);
}

function shiftSpan(span: Span, from: number, delta: number): Span {
  return span.start >= from ? { start: span.start + delta, end: span.end + delta } : span;
}

/**
 * A finding of a client not re-read, as a new object (its rendering may differ: its fixes point at nodes that
 * were moved in place), each of its spans after the block moved.
 */
function shiftFinding(finding: Finding, from: number, delta: number): Finding {
  const related: RelatedInfo[] = finding.related.map((r) => ({ ...r, span: shiftSpan(r.span, from, delta) }));
  return { ...finding, span: shiftSpan(finding.span, from, delta), related };
}
