/**
 * How findings are worded. A message says what is wrong and what to do in one line of at most
 * MAX_MESSAGE_LENGTH characters, so the Problems panel and the CLI show it whole; the Auth0 sources, API error
 * texts and background live in related information and on the rule's page (docs/rules/<id>.md).
 */
import { grantInfo } from '../catalogue';
import { clip, escapedBreaks } from './helpers';

/** Characters a finding's message may take (the width the Problems panel shows without cutting). */
export const MAX_MESSAGE_LENGTH = 120;

/** The fewest characters of a user's value a message keeps when it must clip it (plus the ellipsis). */
const MIN_VALUE_ROOM = 12;

/** Makes a message one line: line breaks and runs of white space in values become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * `before` + the value in quotes + `after`, within MAX_MESSAGE_LENGTH: a closing parenthesis of `after` gives way
 * first, then the value is clipped in its middle (with "…", its start and end kept); a value is never cut below
 * MIN_VALUE_ROOM characters (so `before` and `after` must leave
 * that room, which the message tests check on the longest values). `others`: where the value is a client's name,
 * the names of the other clients of its project (asked only when the value is clipped): the clip keeps the part
 * that tells it apart from them (clipApart).
 */
export function withValue(before: string, value: string, after: string, others?: () => readonly string[]): string {
  const flat = escapedBreaks(clip(value));
  // A closing parenthesis (why: `(token_endpoint_auth_method: none)`) gives way before the value is clipped: a
  // client's name says which client, and a name clipped to its first words may be any of several.
  const why = /^(.*) \([^()]*\)([.?!]?)$/.exec(after);
  if (why && before.length + flat.length + after.length + 2 > MAX_MESSAGE_LENGTH) after = `${why[1]!}${why[2]!}`;
  const room = Math.max(MIN_VALUE_ROOM, MAX_MESSAGE_LENGTH - before.length - after.length - 2);
  // Clipped in the middle: names differing only at their end (`… für Österreich`, `… für Deutschland`) stay apart;
  // a client's name keeps what tells it from the project's other clients (`others`), wherever that is.
  const shown = others && flat.length > room ? clipApart(flat, room, others()) : clipMiddle(flat, room);
  return `${before}'${shown}'${after}`;
}

/**
 * A message with text from elsewhere (a parser's error, a value) made one line and cut to MAX_MESSAGE_LENGTH
 * with "…".
 */
export function fitted(text: string): string {
  const flat = oneLine(text).trim();
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}

/**
 * A part of a note or message that fitsNames may clip: a name (a client's, a resource's: kept from its start) or a
 * place (`path:line:column`: kept from its end, where the file's name and the line are).
 */
export type NamePart = string | { readonly place: string };

/**
 * A note or message written in `forms`, fullest first, each a function of the same `names` (client and resource
 * names, places): the first form that fits MAX_MESSAGE_LENGTH with the names whole; else the last (most compact)
 * form with the longest names clipped with "…" until it fits, none below MIN_VALUE_ROOM characters, so a long
 * name cannot push out what the note says; at worst that form cut (fitted). Names are made one line first.
 * `others`: the names of the project's clients (asked only when a name is clipped): a clipped name that would read
 * as another of them, or as another name of the note, keeps the part that tells it apart (clipApart).
 */
export function fitsNames(forms: readonly ((...names: string[]) => string)[], names: readonly NamePart[], others?: () => readonly string[]): string {
  // A name is shown exactly (`'Native  App'` is not `'Native App'`), its line breaks written `\n`; a place on one line.
  const whole = names.map((part) => (typeof part === 'string' ? escapedBreaks(part) : oneLine(part.place)));
  for (const form of forms) {
    const text = form(...whole);
    if (text.length <= MAX_MESSAGE_LENGTH) return text;
  }
  const last = forms[forms.length - 1]!;
  const lengths = whole.map((name) => name.length);
  const shown = (): string[] => distinctClips(whole, lengths, (i) => typeof names[i] !== 'string', others);
  for (;;) {
    const text = last(...shown());
    const excess = text.length - MAX_MESSAGE_LENGTH;
    if (excess <= 0) return text;
    // The longest name gives way first, down to the next longest, so that names clipped keep equal room.
    const longest = Math.max(...lengths);
    if (longest <= MIN_VALUE_ROOM) return fitted(text);
    const next = Math.max(MIN_VALUE_ROOM, ...lengths.filter((length) => length < longest));
    const count = lengths.filter((length) => length === longest).length;
    const target = Math.max(next, longest - Math.ceil(excess / count));
    for (let i = 0; i < lengths.length; i++) if (lengths[i] === longest) lengths[i] = target;
  }
}

/**
 * Each of `whole` within its room in `lengths` (clipName); two different names that would be cut to the same text
 * (`'Backend service for t…'` twice, as names sharing a long start are) are cut in the middle instead, keeping
 * both ends, so the note still tells them apart.
 */
function distinctClips(whole: readonly string[], lengths: readonly number[], isPlace: (i: number) => boolean, others?: () => readonly string[]): string[] {
  const out = whole.map((name, i) => clipName(name, lengths[i]!, isPlace(i)));
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      if (out[i] !== out[j] || whole[i] === whole[j] || isPlace(i) || isPlace(j)) continue;
      out[i] = clipMiddle(whole[i]!, lengths[i]!);
      out[j] = clipMiddle(whole[j]!, lengths[j]!);
      if (out[i] !== out[j]) continue;
      // They differ in the middle (a typo and the name it misspells): each keeps the text around the first difference.
      const at = firstDifference(whole[i]!, whole[j]!);
      out[i] = clipAround(whole[i]!, lengths[i]!, at);
      out[j] = clipAround(whole[j]!, lengths[j]!, at);
    }
  }
  if (!others) return out;
  // A clipped name that still reads as another client of the project (`'Nordlicht Za…gion Europa)'` fits the
  // Großkunden and the Kleinkunden client) is clipped where it differs from them.
  let project: readonly string[] | undefined;
  for (let i = 0; i < out.length; i++) {
    if (isPlace(i) || out[i] === whole[i]) continue;
    const rivals = (project ??= others());
    const apart = rivals.some((rival) => rival !== whole[i] && readsAs(out[i]!, rival)) ? clipApart(whole[i]!, lengths[i]!, rivals) : out[i]!;
    // Two names of the note still read as different text (a typo and the client it misspells).
    if (!out.some((shown, j) => j !== i && shown === apart && whole[j] !== whole[i])) out[i] = apart;
  }
  return out;
}

/**
 * Whether `shown` (a name clipped with "…": its kept parts in order, the first at its start unless it begins with
 * "…", the last at its end unless it ends with one) may be `name` clipped: a reader could not tell them apart.
 */
export function readsAs(shown: string, name: string): boolean {
  if (!shown.includes('…')) return shown === name;
  const parts = shown.split('…');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!name.startsWith(first)) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return name.length - last.length >= at && name.endsWith(last);
}

/**
 * `name` within `room` characters, clipped so that it does not read as any of `others` (readsAs): cut in its
 * middle where that does (clipMiddle), else with the cut moved towards its start or end, the nearest that keeps what
 * differs, else a window of it that takes in where it differs from each; the middle cut where nothing tells them
 * apart in `room`. For the names of a project's clients that would clip the same.
 */
function clipApart(name: string, room: number, others: readonly string[]): string {
  if (name.length <= room) return name;
  const rivals = others.filter((other) => other !== name && other.length >= room - 1);
  const middle = clipMiddle(name, room);
  const confused = (shown: string): boolean => rivals.some((other) => readsAs(shown, other));
  if (!confused(middle)) return middle;
  // A cut in two (start and end kept) tells `name` from a rival when its start or its end is longer than the part
  // they share there: found from the shared lengths without reading the names again.
  const shared = rivals.map((other) => ({ prefix: sharedPrefix(name, other), suffix: sharedSuffix(name, other), length: other.length }));
  const kept = room - 1;
  const middleHead = Math.ceil(kept / 2);
  for (let step = 0; step <= kept; step++) {
    for (const head of step === 0 ? [middleHead] : [middleHead + step, middleHead - step]) {
      if (head < 0 || head > kept) continue;
      const tail = kept - head;
      if (shared.every((other) => head > other.prefix || tail > other.suffix || other.length < kept)) return `${name.slice(0, head)}…${name.slice(name.length - tail)}`;
    }
  }
  // They differ only in the middle: a window of the name that takes in some of where it differs from each rival
  // the cut in two leaves confused (from the first character it does not share with the rival to the last).
  const pending = rivals.filter((other) => readsAs(middle, other));
  const regions = pending.map((other) => {
    const from = sharedPrefix(name, other);
    return { from, to: Math.max(from + 1, name.length - sharedSuffix(name, other)) };
  });
  const width = room - 2;
  const low = Math.max(0, Math.max(...regions.map((region) => region.from)) - width + 1);
  const high = Math.min(...regions.map((region) => region.to)) - 1;
  // Tried from the middle of the windows that take in every difference (the differences read with context around).
  const starts = Array.from({ length: Math.max(0, high - low + 1) }, (_, i) => low + i).sort((x, y) => Math.abs(2 * x - low - high) - Math.abs(2 * y - low - high));
  for (const start of starts.slice(0, 16)) {
    const shown = windowOf(name, start, room);
    if (!confused(shown)) return shown;
  }
  return middle;
}

/** `name` shown from `start` within `room` characters, "…" where a part of it is left out. */
function windowOf(name: string, start: number, room: number): string {
  if (start <= 0) return `${name.slice(0, room - 1)}…`;
  if (start + room - 1 >= name.length) return `…${name.slice(name.length - room + 1)}`;
  return `…${name.slice(start, start + room - 2)}…`;
}

function sharedPrefix(a: string, b: string): number {
  return firstDifference(a, b);
}

function sharedSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * `name` within `room` characters around offset `at`: its start and end give way with "…", and the text before
 * `at` keeps a few characters so the difference reads in context.
 */
function clipAround(name: string, room: number, at: number): string {
  if (name.length <= room) return name;
  const start = Math.max(0, at - Math.floor(room / 3));
  const end = start + room - (start > 0 ? 1 : 0);
  // Near the end: the end is kept whole, the start gives way.
  if (end >= name.length) return `…${name.slice(name.length - room + 1)}`;
  return `${start > 0 ? '…' : ''}${name.slice(start, end - 1)}…`;
}

/** `name` within `room` characters, cut in the middle with "…" (its start and end kept, the start the longer). */
function clipMiddle(name: string, room: number): string {
  if (name.length <= room) return name;
  const head = Math.ceil((room - 1) / 2);
  return `${name.slice(0, head)}…${name.slice(name.length - (room - 1 - head))}`;
}

/** `name` within `room` characters: cut at its end with "…" (a place: at its start, keeping the file and line). */
function clipName(name: string, room: number, place: boolean): string {
  if (name.length <= room) return name;
  return place ? `…${name.slice(name.length - room + 1)}` : `${name.slice(0, room - 1)}…`;
}

/**
 * `base` with `; ${action}.` when that still fits in MAX_MESSAGE_LENGTH, else `base.` (a base that lists what to
 * set says what to do already; the action adds the alternative where there is room).
 */
export function withAction(base: string, action: string): string {
  const full = `${base}; ${action}.`;
  return full.length <= MAX_MESSAGE_LENGTH ? full : `${base}.`;
}

/**
 * A grant as messages name it: its value when short ('client_credentials'), else the Dashboard's label ("Device
 * Code"), since the full URI is under the squiggle already. Unknown values are quoted as they are.
 */
export function grantName(value: string): string {
  if (value.length <= 24) return `'${value}'`;
  return grantInfo(value)?.dashboardName ?? `'${clip(value)}'`;
}

/** The last segment of an Auth0 grant URI ('mfa-oob'), the form a person types; other values as they are. */
export function shortGrant(value: string): string {
  return value.startsWith('http://auth0.com/oauth/') ? value.replace(/^http:\/\/auth0\.com\/oauth\/(legacy\/)?grant-type\//, '') : value;
}

/**
 * What a client registered from a metadata document (`external_client_id`) is told about a grant it may not hold:
 * such a client may use only authorization_code and refresh_token (rule book `cimd-grants`; facts §7).
 */
export function cimdGrantMessage(value: string): string {
  return `Metadata-document clients may use only authorization_code and refresh_token; remove ${grantName(value)}.`;
}

/**
 * The shorter forms of a message, longest first: it cut at the end of each clause (before `; `, `, so `, a `: `
 * that introduces what to do, or a parenthesis that ends the message). Not cut inside
 * quotes or parentheses, nor at `key: value` (`is_first_party: false`), so each form still says what is wrong; each
 * ends with a full stop (a question cut off is no longer asked).
 */
export function clauseForms(message: string): string[] {
  const forms: string[] = [];
  let depth = 0;
  let opened = -1;
  let quoted = false;
  for (let i = 0; i < message.length; i++) {
    const char = message[i]!;
    if (char === "'" && (quoted ? !/[A-Za-z]/.test(message[i + 1] ?? '') : !/[A-Za-z]/.test(message[i - 1] ?? ''))) quoted = !quoted;
    if (quoted) continue;
    if (char === '(') {
      if (depth === 0) opened = i;
      depth++;
    } else if (char === ')' && depth > 0) {
      depth--;
      // Only a parenthesis that ends the message is a clause of its own (`to none (public, with PKCE).`).
      if (depth === 0 && opened > 0 && message[opened - 1] === ' ' && /^\)[.?!]?$/.test(message.slice(i))) forms.push(message.slice(0, opened - 1));
    }
    if (depth > 0 || i === 0) continue;
    const rest = message.slice(i);
    if (rest.startsWith('; ') || rest.startsWith(', so ') || (rest.startsWith(': ') && !/^: (true|false|null|none|native|rotating|['"\d])/.test(rest))) forms.push(message.slice(0, i));
  }
  return forms
    .map((form) => form.replace(/[\s,;:]+$/, ''))
    .filter((form) => form.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((form) => `${form}.`);
}

/**
 * A message followed by notes in one pair of parentheses, `; ` between them (why a fix is missing, where a value
 * is), within MAX_MESSAGE_LENGTH.
 * Each note is given as its forms, fullest first: the fullest notes that fit after the whole message are taken;
 * else the message is cut at a clause (clauseForms) to make room for them; at worst the message is clipped with
 * "…" before the most compact notes, which keep what they name (an anchor's other use and its place), the later
 * notes left out where the first leave the message no room.
 */
export function withNotes(message: string, notes: readonly (readonly string[])[]): string {
  if (notes.length === 0) return message;
  const levels = Math.max(...notes.map((forms) => forms.length));
  // Notes share one pair of parentheses (`(not fixed: it would leave no grants; see tenant.json:4:36)`), not a pair each.
  const noteText = (level: number): string => ` (${notes.map((forms) => forms[Math.min(level, forms.length - 1)]!).join('; ')})`;
  for (const base of [message, ...clauseForms(message)]) {
    for (let level = 0; level < levels; level++) {
      const text = `${base}${noteText(level)}`;
      if (text.length <= MAX_MESSAGE_LENGTH) return text;
    }
  }
  // The most compact notes; where even they leave the message no room, the later ones give way to the first
  // (the caller puts first what the message cannot do without; the hover keeps every note).
  let kept = notes.length;
  const compactOf = (count: number): string => ` (${notes.slice(0, count).map((forms) => forms[forms.length - 1]!).join('; ')})`;
  while (kept > 1 && MAX_MESSAGE_LENGTH - compactOf(kept).length < MIN_VALUE_ROOM) kept--;
  const compact = compactOf(kept);
  const shortest = clauseForms(message).at(-1) ?? message;
  const room = MAX_MESSAGE_LENGTH - compact.length;
  if (room < MIN_VALUE_ROOM) return fitted(`${shortest}${compact}`);
  const cut = shortest.slice(0, room - 1);
  const atWord = cut.lastIndexOf(' ') > room / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `${atWord.replace(/[\s,;:]+$/, '')}…${compact}`;
}
