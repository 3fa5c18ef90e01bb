/**
 * How findings are worded. A message says what is wrong and what to do in one line of at most
 * MAX_MESSAGE_LENGTH characters, so the Problems panel and the CLI show it whole; the Auth0 sources, API error
 * texts and background live in related information and on the rule's page (docs/rules/<id>.md).
 */
import { grantInfo } from '../catalogue';
import { clip } from './helpers';

/** Characters a finding's message may take (the width the Problems panel shows without cutting). */
export const MAX_MESSAGE_LENGTH = 120;

/** The fewest characters of a user's value a message keeps when it must clip it (plus the ellipsis). */
const MIN_VALUE_ROOM = 12;

/** Makes a message one line: line breaks and runs of white space in values become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * `before` + the value in quotes + `after`, the value clipped (with "…") so that the whole stays within
 * MAX_MESSAGE_LENGTH; a value is never cut below MIN_VALUE_ROOM characters (so `before` and `after` must leave
 * that room, which the message tests check on the longest values).
 */
export function withValue(before: string, value: string, after: string): string {
  const room = Math.max(MIN_VALUE_ROOM, MAX_MESSAGE_LENGTH - before.length - after.length - 2);
  const flat = oneLine(clip(value));
  const shown = flat.length > room ? `${flat.slice(0, room - 1)}…` : flat;
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
