/**
 * Re-lints a document after an edit by re-reading only the client the edit touched, when it can prove that is
 * enough: a deploy-cli YAML file whose clients form a block list, an edit inside one client's lines, and a client
 * that still reads as exactly one list entry at the same column. The rest of the model is shifted in place and the
 * other clients' findings are reused. Anything else falls back to a full `lintText`. The random-edit test checks
 * that both paths always give the same findings.
 */
import { clientEntry, type ClientEntry } from './discover';
import { relintOneHclBlock } from './incremental-hcl';
import type { ProjectLinks } from './links';
import { sameLinksFor } from './links';
import type { LintFinding, LintResult } from './lint';
import { fileFindings, grantFindingsAfterClientEdit, lintClientInFile, lintText, suppressionJudge } from './lint';
import type { ArrayNode, Comment, Format, ObjectNode, ParsedFile, Prop, Span, ValueNode } from './model';
import { getProp, getValue } from './model';
import { countBefore } from './search';
import { mayHoldAnchors, parseYaml } from './parse/yaml';
import type { Finding, RelatedInfo } from './rules/api';
import { hasDirectives } from './suppression';
import type { FileSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings';
import { DEFAULT_MAX_FILE_SIZE, exceedsUtf8Bytes } from './limits';
import { contentEnd, endOfLine, placeOfSpans, startOfLine } from './text';


export interface IncrementalOutcome {
  readonly result: LintResult;
  /** Whether only one client was re-read. */
  readonly incremental: boolean;
  /** What changed since the previously linted text (undefined on the first lint). */
  readonly change: Change | undefined;
  /**
   * Findings that only moved: each new finding mapped to the previous result's finding it was moved from, the
   * text of its client unchanged and the client at least two after the edited one (so even what it reads of the
   * line above is unchanged). A caller that rendered the old finding may move its rendering instead.
   */
  readonly moved?: ReadonlyMap<Finding, Finding>;
}

export class IncrementalLinter {
  private text: string | undefined;
  private result: LintResult | undefined;
  private links: ProjectLinks | undefined;

  constructor(
    readonly path: string,
    readonly format: Format,
    private settings: FileSettings = DEFAULT_SETTINGS,
    readonly maxFileSize?: number,
  ) {}

  /** New settings invalidate every cached finding. */
  setSettings(settings: FileSettings): void {
    this.settings = settings;
    this.text = undefined;
    this.result = undefined;
  }

  /**
   * Lints `text`. `known`, when the caller knows it (an editor reports where each edit went), is the range that
   * changed since the last call, or a range covering it; without it the texts are compared, which costs a pass
   * over both. `links`: the rest of the file's project; findings are reused only while it indexes the other files
   * as the previous call's did (`sameLinksFor`). `parsed`: the file already parsed by the caller, used when a
   * whole re-read is needed and its text is `text`; the caller hands it over (a later edit may move it in place).
   */
  lint(text: string, known?: Change, links?: ProjectLinks, parsed?: { readonly text: string; readonly file: ParsedFile }): IncrementalOutcome {
    // Another file of the project changed: every finding may change, so nothing is reused.
    if (!sameLinksFor(this.links, links, this.path)) {
      this.text = undefined;
      this.result = undefined;
    }
    this.links = links;
    const previous = this.result;
    const previousText = this.text;
    const change = previousText === undefined ? undefined : known && fits(known, previousText, text) ? known : changedRange(previousText, text);
    let outcome: IncrementalOutcome | undefined;
    // An empty change: the text is the same (compared through the change, not character by character).
    if (previous && previousText !== undefined && change && change.start === change.oldEnd && change.start === change.newEnd) outcome = { result: previous, incremental: true, change };
    else if (previous && previousText !== undefined && change) outcome = this.tryOneClient(previousText, previous, text, change);
    outcome ??= {
      result: lintText({ path: this.path, text, format: this.format, settings: this.settings, maxFileSize: this.maxFileSize, links: this.links, parsed }),
      incremental: false,
      change,
    };
    this.text = text;
    this.result = outcome.result;
    return outcome;
  }

  private tryOneClient(oldText: string, previous: LintResult, newText: string, change: Change): IncrementalOutcome | undefined {
    if (this.format === 'hcl') {
      // Client grants and findings linked across files read more than one block: such a file is re-read whole.
      if (previous.grants.length > 0 || previous.linkedFindings.length > 0) return undefined;
      if (exceedsUtf8Bytes(newText, this.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return undefined;
      const outcome = relintOneHclBlock(oldText, previous, newText, change, this.settings, this.links);
      return outcome && { result: outcome.result, incremental: true, change, moved: outcome.moved };
    }
    if (this.format !== 'yaml' || previous.parsed.errors.length > 0 || !previous.isClientConfig) return undefined;
    // Client grants read the clients they name: in a file read alone they are re-judged below, grant by grant; with
    // links (another file's clients, a module's guests) the file is re-read whole.
    const withGrants = previous.grants.length > 0 || previous.linkedFindings.length > 0;
    if (withGrants && (this.links !== undefined || previous.guests.length > 0)) return undefined;
    // An edit to an anchor changes every client that uses it: a file with anchors is re-read whole.
    if (previous.parsed.anchors && previous.parsed.anchors.length > 0) return undefined;
    if (exceedsUtf8Bytes(newText, this.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return undefined;
    // Suppression comments, in place or stray (after a value: reported), are the whole file's concern: re-read whole.
    if (hasDirectives(previous.parsed.comments) || previous.parsed.strayDirectives !== undefined) return undefined;
    const list = clientList(previous);
    if (!list) return undefined;
    const index = clientAt(oldText, list, change);
    if (index === undefined) return undefined;
    const region = regionOf(oldText, list, index);
    if (change.start < region.start || change.oldEnd > region.end) return undefined;
    const delta = newText.length - oldText.length;
    const replacement = readOneClient(newText, region.start, region.end + delta, list.array, index);
    if (!replacement) return undefined;
    const old = previous.clients[index]!;
    const edited = clientEntry(replacement.node, old.source, old.documentIndex, old.tenantFlags);
    // A grant names its client by name: a new name may take a grant from the client or give it one, and the names
    // the grants' messages are told apart from change, so every grant is judged again (the file is not re-read).
    const renamed = edited.name !== old.name;
    // Where each kept grant finding lies around the edit, as the model stood (placeAround).
    const grantPlaces = renamed ? [] : previous.linkedFindings.map((finding, i) => placeAround(finding, previous.linkedClients[i]!, region));

    shiftAfter(previous.parsed, list, previous.clients[index]!.documentIndex, index, replacement.node, region.end, delta);
    (list.array.items as ValueNode[])[index] = replacement.node;
    const comments = spliceComments(previous.parsed.comments, region, delta, replacement.comments);
    const parsed: ParsedFile = { ...previous.parsed, comments };
    const clients = previous.clients.map((entry, i) => {
      if (i === index) return edited;
      if (i > index) move(entry.anchor, delta);
      return entry;
    });
    const moved = new Map<Finding, Finding>();
    const clientFindings = previous.clientFindings.map((findings, i) => {
      if (i === index) return lintClientInFile(clients[i]!, this.settings, true);
      // Related information may point outside its client (the tenant's flags, before or after the clients): each
      // place moves only if it lies after the edited client.
      if (i < index) return findings.map((f) => (f.related.some((r) => r.span.start >= region.end) ? shiftFinding(f, region.end, delta) : f));
      return findings.map((f) => {
        const shifted = shiftFinding(f, region.end, delta);
        // Its rendering moves by whole lines only if all of it does: a related place above the edit (the tenant's
        // flags) stays where it is.
        if (i > index + 1 && f.related.every((r) => r.span.start >= region.end)) moved.set(shifted, f);
        return shifted;
      });
    });
    let linkedFindings = previous.linkedFindings;
    let linkedClients = previous.linkedClients;
    if (withGrants) {
      // After a rename every grant is judged anew: nothing is kept.
      const kept = renamed ? [] : previous.linkedFindings.map((finding, i) => {
        const client = previous.linkedClients[i] === old ? edited : previous.linkedClients[i]!;
        // Wholly before the edit: as it was. Wholly after: moved, and its rendering may be moved. Else: made anew
        // where it lies (a grant's fix may edit its client on the other side of the edit).
        if (grantPlaces[i] === 'before') return { finding, client };
        const shifted = shiftFinding(finding, region.end, delta);
        if (grantPlaces[i] === 'after') moved.set(shifted, finding);
        return { finding: shifted, client };
      });
      const found = grantFindingsAfterClientEdit({ path: this.path, text: newText, settings: this.settings }, parsed, clients, previous.grants, renamed ? 'every grant' : edited, kept);
      if (!found) return undefined;
      linkedFindings = found.map((f) => f.finding);
      linkedClients = found.map((f) => f.client);
    }
    const findings: LintFinding[] = fileFindings(parsed, newText, [...clientFindings, linkedFindings], this.settings, () => suppressionJudge(parsed, [...clients, ...previous.grants], clients, this.settings));
    return { result: { ...previous, parsed, clients, clientFindings, linkedFindings, linkedClients, findings }, incremental: true, change, moved };
  }
}

interface ClientList {
  readonly prop: Prop;
  readonly array: ArrayNode;
}

/** The single block list of deploy-cli clients the file has, if that is what it is. */
function clientList(result: LintResult): ClientList | undefined {
  const first = result.clients[0];
  if (!first || result.clients.some((c) => c.source !== 'deploy-cli-yaml' || c.documentIndex !== first.documentIndex)) return undefined;
  const root = result.parsed.documents[first.documentIndex]?.root;
  if (root?.kind !== 'object') return undefined;
  const prop = getProp(root, 'clients');
  const array = getValue(root, 'clients');
  if (!prop || array?.kind !== 'array' || array.flow || prop.value !== array) return undefined;
  if (array.items.length !== result.clients.length || array.items.some((item) => item.kind !== 'object')) return undefined;
  return { prop, array };
}

export interface Change {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * The changed range: what lies between the common prefix and the common suffix. Compared a block at a time
 * (substring comparison is native), then a character at a time, so a one-key edit in a large file stays cheap.
 */
export function changedRange(oldText: string, newText: string): Change {
  const max = Math.min(oldText.length, newText.length);
  const BLOCK = 2048;
  let start = 0;
  while (start + BLOCK <= max && oldText.substring(start, start + BLOCK) === newText.substring(start, start + BLOCK)) start += BLOCK;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  const room = max - start;
  while (
    suffix + BLOCK <= room &&
    oldText.substring(oldText.length - suffix - BLOCK, oldText.length - suffix) === newText.substring(newText.length - suffix - BLOCK, newText.length - suffix)
  ) {
    suffix += BLOCK;
  }
  while (suffix < room && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** Whether a change reported by a caller can describe going from `oldText` to `newText`. */
function fits(change: Change, oldText: string, newText: string): boolean {
  return (
    change.start >= 0 &&
    change.start <= change.oldEnd &&
    change.start <= change.newEnd &&
    change.oldEnd <= oldText.length &&
    oldText.length - change.oldEnd === newText.length - change.newEnd
  );
}

/**
 * One change covering two successive ones: `first` from text A to B, `second` from B to C. What neither touched,
 * at the start and at the end, stays outside; the result may cover more than changed, never less.
 */
export function mergeChanges(first: Change, second: Change, lengthOfB: number): Change {
  const start = Math.min(first.start, second.start);
  // Unchanged characters at the end of C: those after both changes (each counted from its own text's end).
  const suffix = Math.min(lengthOfB - first.newEnd, lengthOfB - second.oldEnd);
  const lengthOfA = lengthOfB - (first.newEnd - first.oldEnd);
  const lengthOfC = lengthOfB + (second.newEnd - second.oldEnd);
  return { start, oldEnd: lengthOfA - suffix, newEnd: lengthOfC - suffix };
}

/** The offset just after the line break that ends the line holding `offset`. */
function afterLine(text: string, offset: number): number {
  const end = endOfLine(text, offset);
  return text.startsWith('\r\n', end) ? end + 2 : text.startsWith('\n', end) ? end + 1 : end;
}

/** An offset on the last line of a node's content. */
function lastContentOffset(text: string, node: ValueNode): number {
  return Math.max(node.start, contentEnd(text, node.end) - 1);
}

/**
 * A client's lines: from the line after the previous client (or after the `clients:` key) through the line its
 * content ends on, so comment and blank lines before a client belong to it.
 */
function regionOf(text: string, list: ClientList, index: number): Span {
  const items = list.array.items;
  const start = index === 0 ? afterLine(text, list.prop.keySpan.end) : afterLine(text, lastContentOffset(text, items[index - 1]!));
  return { start, end: afterLine(text, lastContentOffset(text, items[index]!)) };
}

function clientAt(text: string, list: ClientList, change: Change): number | undefined {
  const items = list.array.items;
  if (items.length === 0) return undefined;
  // The last client whose lines start at or before the change (the first when none does).
  return Math.max(0, countBefore(items.length, (i) => regionOf(text, list, i).start <= change.start) - 1);
}

/** Reads the new text of one client's lines; undefined unless it is exactly one list entry at the list's column. */
function readOneClient(text: string, start: number, end: number, list: ArrayNode, index: number): { node: ObjectNode; comments: Comment[] } | undefined {
  // The slice must still end a line: an edit that joined the client's last line to the next one spans both.
  if (end < start || (end < text.length && text[end - 1] !== '\n')) return undefined;
  const slice = text.slice(start, end);
  // Anchors, aliases and merge keys typed into the client may refer across clients: the file is read whole.
  if (mayHoldAnchors(slice)) return undefined;
  const listColumn = list.start - startOfLine(text, list.start);
  if (!staysInsideEntry(slice, listColumn)) return undefined;
  const parsed = parseYaml(slice);
  if (parsed.errors.length > 0 || parsed.documents.length !== 1 || hasDirectives(parsed.comments) || parsed.strayDirectives !== undefined) return undefined;
  const root = parsed.documents[0]!.root;
  if (root?.kind !== 'array' || root.flow || root.items.length !== 1 || root.items[0]!.kind !== 'object') return undefined;
  if (root.start - startOfLine(slice, root.start) !== listColumn) return undefined;
  const node = relocate(root.items[0] as ObjectNode, start, [...list.path, index]);
  const comments = parsed.comments.map((c) => ({ span: { start: c.span.start + start, end: c.span.end + start }, text: c.text }));
  return { node: node as ObjectNode, comments };
}

/**
 * In the whole file, an entry ends at the first content line indented no deeper than its dash; read alone, a
 * slice cannot see that. So: after the dash line, every line with content must be indented deeper.
 */
function staysInsideEntry(slice: string, dashColumn: number): boolean {
  let seenDash = false;
  for (const line of slice.split('\n')) {
    const content = line.search(/[^ \t\r]/);
    if (content < 0 || line[content] === '#') continue;
    if (!seenDash) {
      if (content !== dashColumn || line[content] !== '-') return false;
      seenDash = true;
    } else if (content <= dashColumn) {
      return false;
    }
  }
  return seenDash;
}

// ---- moving nodes in place: the model is this class's own, so it may rewrite positions it owns ----

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function move(span: Span, delta: number): void {
  const s = span as Mutable<Span>;
  s.start += delta;
  s.end += delta;
}

/** Moves a freshly read node by `delta` and gives it (and its subtree) paths under `path`. */
function relocate(node: ValueNode, delta: number, path: readonly (string | number)[]): ValueNode {
  const m = node as Mutable<ValueNode>;
  move(m, delta);
  m.path = path;
  if (node.kind === 'object') {
    for (const prop of node.props) {
      move(prop.keySpan, delta);
      relocate(prop.value, delta, [...path, prop.key]);
    }
  } else if (node.kind === 'array') {
    node.items.forEach((item, i) => relocate(item, delta, [...path, i]));
  }
  return node;
}

function moveSubtree(node: ValueNode, delta: number): void {
  move(node, delta);
  if (node.kind === 'object') {
    const props = node.props;
    for (let i = 0; i < props.length; i++) moveProp(props[i]!, delta);
  } else if (node.kind === 'array') {
    const items = node.items;
    for (let i = 0; i < items.length; i++) moveSubtree(items[i]!, delta);
  }
}

function moveProp(prop: Prop, delta: number): void {
  move(prop.keySpan, delta);
  moveSubtree(prop.value, delta);
}

/**
 * Shifts everything after the edited client (entry `index` of the list) by `delta`, and stretches what holds
 * it: the list, the `clients` property, the document's root and the document. The list's earlier entries and
 * whatever comes before it are not visited, so an edit costs the part of the file after it, not all of it.
 */
function shiftAfter(parsed: ParsedFile, list: ClientList, documentIndex: number, index: number, newNode: ObjectNode, regionEnd: number, delta: number): void {
  const oldEnd = list.array.items[index]!.end;
  // A container ends after the region (it moves with the text), or where the old client ended (it ends where
  // the new one does).
  const stretch = (span: Span): void => {
    const s = span as Mutable<Span>;
    if (s.end >= regionEnd) s.end += delta;
    else if (s.end === oldEnd) s.end = newNode.end;
  };
  const documents = parsed.documents;
  for (let d = documentIndex; d < documents.length; d++) {
    const doc = documents[d]!;
    if (d > documentIndex) {
      if (doc.root) moveSubtree(doc.root, delta);
      move(doc.span, delta);
      continue;
    }
    const root = doc.root as ObjectNode;
    stretch(root);
    // (A property's span follows its key and value.)
    for (const prop of root.props) if (prop.keySpan.start >= regionEnd) moveProp(prop, delta);
    stretch(list.array);
    const items = list.array.items;
    for (let i = index + 1; i < items.length; i++) moveSubtree(items[i]!, delta);
    const span = doc.span as Mutable<Span>;
    if (span.start >= regionEnd) move(span, delta);
    else if (span.end >= regionEnd) span.end += delta;
  }
}

function spliceComments(comments: readonly Comment[], region: Span, delta: number, replacement: readonly Comment[]): Comment[] {
  const before = comments.filter((c) => c.span.end <= region.start);
  const after = comments.filter((c) => c.span.start >= region.end).map((c) => ({ span: { start: c.span.start + delta, end: c.span.end + delta }, text: c.text }));
  return [...before, ...replacement, ...after];
}

/** `span` moved by `delta` when it lies at or after `from` (the end of the edited region, before the edit). */
function shiftSpan(span: Span, from: number, delta: number): Span {
  return span.start >= from ? { start: span.start + delta, end: span.end + delta } : span;
}

/**
 * A finding with the places after the edited region moved (its fixes point at nodes that were moved in place): a
 * later client's finding moves with its client, and related information moves with what it points at.
 */
function shiftFinding(finding: Finding, from: number, delta: number): Finding {
  const related: RelatedInfo[] = finding.related.map((r) => ({ ...r, span: shiftSpan(r.span, from, delta) }));
  return { ...finding, span: shiftSpan(finding.span, from, delta), related };
}

/**
 * Where a client-grant finding lies around an edited client's lines (`region`, as the model stood before the
 * edit): with its grant's `client_id`, its related places and its client (which its fixes may edit) all before the
 * region, all after it, or neither.
 */
function placeAround(finding: Finding, client: ClientEntry, region: Span): 'before' | 'after' | 'around' {
  return placeOfSpans([finding.span, client.node, ...finding.related.map((r) => r.span)], region.start, region.end);
}
