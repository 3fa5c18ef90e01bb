/**
 * Tenants where one client (the target) takes its grants, or a scalar setting, through YAML anchored content, in
 * every form: an alias of a whole list, aliases of list items, aliases of scalars, merge keys `<<: *base` and
 * `<<: [*a, *base]`, a merge overridden by the client's own key; lists in flow and block form and with `-` then the
 * value on the next line. The anchor is defined in a top-level `x-` key, inside the target itself, or inside another
 * client (which then uses it too); another client may alias or merge it as well. `shared` says whether another
 * client uses what the target's fix would edit, so whether the fix must be withheld.
 */
export type AnchorPlace = 'top' | 'self' | 'other-client';
export type Form = 'list-alias' | 'item-alias' | 'scalar-alias' | 'merge' | 'merge-listed' | 'merge-overridden';
export type ListStyle = 'flow' | 'block' | 'block-next-line';

export interface OneClientCase {
  readonly text: string;
  /** The target's index among the clients. */
  readonly target: number;
  /** Another client uses the anchored content the target's fix edits. */
  readonly shared: boolean;
  /** The anchored content the fix edits: its `&name`. */
  readonly anchor: string;
  /** The target's grants give several findings (two or three legacy or first-party-only grants). */
  readonly several: boolean;
  readonly label: string;
}

const LEGACY = 'http://auth0.com/oauth/legacy/grant-type/';

/**
 * Lists whose items give several findings at once: where they come in through one alias or merge key, every finding
 * stands at that one place, and each one's fix must still be told apart from the others' (fix all removes them all at
 * the anchor). Written with a comment after each item (a flow list then over several lines).
 */
const SEVERAL: readonly (readonly string[])[] = [
  // Two legacy grants (the target is third-party: `ro` has no alternative, so it goes; the delegation grant's
  // replacement is unsafe, its removal safe), as the user's kiosk tenant has them.
  [`${LEGACY}ro`, `${LEGACY}delegation/refresh_token`, 'authorization_code'],
  // Three legacy grants and nothing else: every item goes, the anchored list is left `&a []`.
  [`${LEGACY}ro`, `${LEGACY}ro/jwt-bearer`, `${LEGACY}delegation/id_token`],
  // Two first-party-only grants (one Dashboard group) on a third-party client: safe removals.
  ['password', 'http://auth0.com/oauth/grant-type/password-realm', 'refresh_token'],
];

/** The grants the target holds: each gives a finding whose fix edits the anchored list. */
const GRANT_SETS: readonly (readonly string[])[] = [
  // first-party-only-grant (the target is third-party): a safe removal.
  ['password', 'authorization_code'],
  // Every item goes: the anchored list is left `&a []`.
  ['password'],
  // unknown-grant-type: a safe replacement of the item.
  ['code', 'refresh_token'],
  ...SEVERAL,
];

/** Grants whose fix removes them from the target (the first of a list an item alias brings in: the alias goes). */
const REMOVED = new Set(['password', `${LEGACY}ro`]);

/** A list of `values` in `style`, its items at `indent`; `commented`: a comment after each item. */
function list(values: readonly string[], style: ListStyle, indent: string, commented = false): string {
  const note = (i: number) => (commented ? `   # note ${i + 1}` : '');
  if (style === 'flow') {
    if (!commented) return ` [${values.join(', ')}]`;
    return ` [\n${values.map((v, i) => `${indent}${v}${i < values.length - 1 ? ',' : ''}${note(i)}`).join('\n')}\n${indent}]`;
  }
  if (style === 'block') return values.map((v, i) => `\n${indent}- ${v}${note(i)}`).join('');
  return values.map((v, i) => `\n${indent}-\n${indent}  ${v}${note(i)}`).join('');
}

/** Whether a grant list gives several findings (SEVERAL): written with comments. */
function several(grants: readonly string[]): boolean {
  return SEVERAL.includes(grants);
}

/** Every combination of form, place, sharing, list style and grants. */
export function* oneClientCases(): Generator<OneClientCase> {
  const places: readonly AnchorPlace[] = ['top', 'self', 'other-client'];
  const forms: readonly Form[] = ['list-alias', 'item-alias', 'scalar-alias', 'merge', 'merge-listed', 'merge-overridden'];
  const styles: readonly ListStyle[] = ['flow', 'block', 'block-next-line'];
  for (const form of forms) {
    for (const place of places) {
      for (const sharer of [false, true]) {
        for (const style of styles) {
          for (const grants of GRANT_SETS) {
            const made = make(form, place, sharer, style, grants);
            if (made) yield made;
          }
        }
      }
    }
  }
}

function make(form: Form, place: AnchorPlace, sharer: boolean, style: ListStyle, grants: readonly string[]): OneClientCase | undefined {
  const top: string[] = [];
  const clients: string[][] = [];
  const label = `${form}, anchor ${place}${sharer ? ', aliased by another client too' : ''}, ${style} list, [${grants.join(', ')}]`;
  // The definition, at its place: `key: &name value` lines at an indent.
  const definition = (key: string, anchor: string, value: string, indent: string): string[] => [`${indent}${key}: &${anchor}${value}`];
  const target: string[] = ['  - name: Target', '    is_first_party: false'];
  const holder: string[] = ['  - name: Holder', '    app_type: regular_web'];
  const defineAt = (lines: string[]) => {
    // At the top level the lines lose the four columns a client's keys stand at.
    if (place === 'top') top.push(...lines.join('\n').split('\n').map((l) => l.replace(/^ {4}/, '')));
    else if (place === 'self') target.push(...lines);
    else holder.push(...lines);
  };
  let anchor: string;
  let sharerLines: string[];
  switch (form) {
    case 'list-alias': {
      anchor = 'grants';
      const written = list(grants, style, '      ', several(grants));
      defineAt(place === 'other-client' ? definition('grant_types', anchor, written, '    ') : definition('x-grants', anchor, written, '    '));
      target.push(`    grant_types: *${anchor}`);
      sharerLines = ['  - name: Sharer', '    app_type: regular_web', '    is_first_party: false', `    grant_types: *${anchor}`];
      break;
    }
    case 'item-alias': {
      // The first grant is anchored as an item of its own; the target lists it by alias beside a grant of its own.
      anchor = 'first';
      const [first, ...rest] = grants;
      const lines = place === 'other-client' ? [`    grant_types:${list([`&${anchor} ${first}`, 'authorization_code'], style, '      ')}`] : [`    x-first: &${anchor} ${first}`];
      defineAt(lines);
      target.push(`    grant_types:${list([`*${anchor}`, ...rest], style, '      ', several(grants))}`);
      sharerLines = ['  - name: Sharer', '    app_type: regular_web', '    is_first_party: false', `    grant_types:${list([`*${anchor}`, 'refresh_token'], style, '      ')}`];
      break;
    }
    case 'scalar-alias': {
      // A third-party client's token signing algorithm and app type through aliases (third-party-token-settings
      // replaces the anchored scalar: an unsafe fix).
      anchor = 'alg';
      defineAt([`    x-alg: &${anchor} HS256`, '    x-type: &type regular_web']);
      target.push('    app_type: *type', `    jwt_configuration: {alg: *${anchor}}`, `    grant_types:${list(grants, style, '      ', several(grants))}`);
      sharerLines = ['  - name: Sharer', '    app_type: *type', '    is_first_party: false', `    jwt_configuration:\n      alg: *${anchor}`];
      break;
    }
    case 'merge':
    case 'merge-listed':
    case 'merge-overridden': {
      anchor = 'base';
      defineAt([`    x-base: &${anchor}`, '      app_type: regular_web', `      grant_types:${list(grants, style, '        ', several(grants))}`]);
      if (form === 'merge-listed') top.push('x-extra: &extra', '  oidc_conformant: true');
      const merge = form === 'merge-listed' ? `    <<: [*extra, *${anchor}]` : `    <<: *${anchor}`;
      target.push(merge);
      // The target's own grant_types beats the merged one: its fix edits its own list, whoever shares the base.
      if (form === 'merge-overridden') target.push(`    grant_types:${list(grants, style, '      ', several(grants))}`);
      sharerLines = ['  - name: Sharer', '    is_first_party: false', `    <<: *${anchor}`];
      break;
    }
  }
  if (place === 'other-client') clients.push(holder);
  clients.push(target);
  if (sharer) clients.push(sharerLines);
  const targetIndex = place === 'other-client' ? 1 : 0;
  // What the fix edits is shared when another client uses it (the holder uses its own anchored text); a merge the
  // target overrides, or an alias item the fix removes, leaves the anchor unedited.
  const removesAlias = form === 'item-alias' && REMOVED.has(grants[0]!);
  const shared = form !== 'merge-overridden' && !removesAlias && (sharer || place === 'other-client');
  const text = [...(top.length > 0 ? top : []), 'clients:', ...clients.flat(), ''].join('\n');
  return { text, target: targetIndex, shared, anchor, several: several(grants), label };
}
