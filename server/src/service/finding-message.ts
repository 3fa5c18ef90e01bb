/**
 * A finding's message with what it cannot do without when a fix is missing (why, and what else uses an anchored
 * value), within 120 characters: the same text in the CLI and the editor's diagnostics. The hover has the whole.
 */
import { anchorNoFixNotes, otherUseText, raisedText, safeFixWithheldReason, type Finding, type FixesHeldBySuppression, type MisplacedSuppression, type RaisedError, type SafeFixWithheld } from '../engine/rules/api';
import { clauseForms, grantName, withNotes } from '../engine/rules/messages';
import type { Position } from '../engine/text';
import type { Fix } from '../engine/fix/semantic';

/**
 * A finding's message as the CLI and the editor show it, saying why a fix is missing: a YAML anchor withholds it
 * (invariant 5 of the rule book), the rule's safe fix was left out (Finding.safeFixWithheld), so `--fix` leaves the
 * finding, or its preferred fix would raise a new error (Finding.preferredFixRaises). Each note in its forms,
 * fullest first; `place` (the CLI's `see credentials.tf:8:27`; the editor shows related places) last, and left out
 * where it would cut the rule's first clause short. `positionAt`
 * gives an offset's 0-based line and character (for what else uses an anchored value: `x-copy at 9:11`, 1-based).
 * A misspelt suppression comment that holds the fixes back (Finding.fixesHeldBySuppression) is named first.
 * `clearedByFixAll` (the CLI's fix count says so): a finding whose every fix an anchor withholds is cleared by
 * `--fix` all the same, and the note says that rather than "no fix".
 * `heldFor` (the CLI after `--fix --unsafe-fixes`): the file, as shown, of a client grant that the finding's unsafe
 * fix would break, so the run held it back (cli/unsafe-elsewhere.ts); the note says so (unsafeHeldReasons).
 * The whole fits MAX_MESSAGE_LENGTH (withNotes): the rule's sentence is cut to its first clauses before a note loses
 * the name of what else uses the anchored value; the name goes before the first clause is cut, and the place stays.
 */
export function messageWithNotes(finding: Finding, positionAt: (offset: number) => Position, place?: readonly string[], clearedByFixAll = false, heldFor?: UnsafeFixHeld): string {
  // What else uses the anchored content (`x-copy at 9:11`), where known: the place to look before editing it.
  const use = finding.anchorOtherUse && otherUseText(finding.anchorOtherUse, positionAt);
  const built = notesOf(finding, use, place, clearedByFixAll, positionAt, heldFor);
  let message = withNotes(finding.message, built.notes);
  // A place in another file gives way before the rule's sentence loses more than its closing parenthesis (its
  // consequence: `, so its client_credentials token requests fail`), and where it would be clipped itself: json and
  // SARIF carry it as related information, and the sentence says what is wrong and what to do.
  if (place && !(keepsReason(finding.message, message) && place.some((form) => message.includes(form)))) {
    const unplaced = withNotes(finding.message, built.notes.filter((forms) => forms !== place));
    if (keptOf(finding.message, unplaced) >= keptOf(finding.message, message)) message = unplaced;
  }
  if (!finding.anchorOtherUse || built.anchorNotes.length === 0 || !sentenceCut(finding.message, message)) return message;
  // The rule's first clause is worth more than the other use's name (the hover has it): the place alone, last.
  const at = positionAt(finding.anchorOtherUse.span.start);
  const placeOnly = `anchor also used at ${at.line + 1}:${at.character + 1}`;
  const placed = withNotes(finding.message, built.notes.map((forms) => (built.anchorNotes.includes(forms) ? [...forms, `${forms[0]!.slice(0, forms[0]!.indexOf(':'))}: ${placeOnly}`] : forms)));
  // Where even that cuts the sentence, the name is kept: it costs nothing more.
  return sentenceCut(finding.message, placed) ? message : placed;
}

/** The notes of messageWithNotes, in order, and which of them are about an anchor's other use. */
function notesOf(
  finding: Finding,
  use: string | undefined,
  place: readonly string[] | undefined,
  clearedByFixAll: boolean,
  positionAt: (offset: number) => Position,
  heldFor: UnsafeFixHeld | undefined,
): { notes: (readonly string[])[]; anchorNotes: (readonly string[])[] } {
  const notes: (readonly string[])[] = [];
  if (finding.fixesHeldBySuppression) notes.push(heldBySuppressionNotes(finding.fixesHeldBySuppression, positionAt, finding.fromOtherFile === true));
  const anchorNotes: (readonly string[])[] = [];
  const anchor = (forms: readonly string[]): void => {
    notes.push(forms);
    if (use) anchorNotes.push(forms);
  };
  if (finding.fixesWithheldByAnchor) anchor(clearedByFixAll ? clearedAfterAll(use) : anchorNoFixNotes(use));
  else if (finding.preferredFixWithheldByAnchor && finding.preferredFix) {
    const title = finding.preferredFix.title;
    anchor(
      use
        ? [`not offered: "${title}", which would edit YAML anchored content that ${use} also uses; edit the anchor by hand`, `not offered: "${title}": anchor also used by ${use}`, `preferred fix not offered: anchor also used by ${use}`, `not offered: anchor shared with ${use}`]
        : [`not offered: "${title}", which would edit YAML anchored content; edit the anchor by hand`, `not offered: "${title}": YAML anchored`, 'preferred fix not offered: YAML anchored'],
    );
  }
  if (finding.safeFixWithheld) (finding.safeFixWithheld.why === 'anchor' ? anchor : (forms: readonly string[]) => notes.push(forms))(safeFixWithheldNotes(finding.safeFixWithheld, use));
  if (finding.preferredFixRaises) notes.push(raisesNotes('not offered', finding.preferredFixRaises.title, finding.preferredFixRaises.raises));
  if (heldFor !== undefined) notes.push(heldNotes(heldFor, finding.message));
  if (place) notes.push(place);
  return { notes, anchorNotes };
}

/**
 * The note on a finding whose fixes a misspelt suppression comment holds back (Finding.fixesHeldBySuppression):
 * the comment's line and the id written, fullest first; the id goes before the line (the line leads to it), and
 * every form says why (the comment may mean this rule).
 */
function heldBySuppressionNotes(held: FixesHeldBySuppression, positionAt: (offset: number) => Position, shownHere: boolean): readonly string[] {
  if ('misplaced' in held) return misplacedNotes(held, positionAt, shownHere);
  const line = positionAt(held.commentStart).line + 1;
  const id = `'${held.written}'`;
  return [
    `no fix: the grantlint-disable comment on line ${line} may mean this rule: ${id}; correct or remove it`,
    `no fix: the comment on line ${line} may mean to disable it: ${id}`,
    `no fix: ${id} on line ${line} may mean this rule`,
    `no fix: the comment on line ${line} may mean this rule`,
    `no fix: comment on line ${line} may mean this rule`,
  ];
}

/**
 * The note on a finding whose fixes a comment naming its rule holds back, though it sits where it silences nothing
 * (above the finding's client, in this file or another of the module): where the comment is, fullest first; every
 * form says why (the comment may mean this finding), as a misspelt comment's note does. `shownHere`: the finding is
 * on another file's value, shown at its client (Finding.fromOtherFile): the comment belongs in that file, not here.
 */
function misplacedNotes(held: MisplacedSuppression, positionAt: (offset: number) => Position, shownHere: boolean): readonly string[] {
  if (held.lineEnd) {
    // At the end of the finding's line (or the line before, for a next-line directive), where it silences nothing.
    const line = positionAt(held.commentStart).line + 1;
    return [
      `no fix: the grantlint-disable comment at the end of line ${line} may mean this finding; put it on its own line`,
      `no fix: the comment at the end of line ${line} may mean this finding`,
      `no fix: comment at end of line ${line} may mean it`,
    ];
  }
  if (held.otherFile === undefined) {
    const line = positionAt(held.commentStart).line + 1;
    const moveHere = shownHere
      ? [`no fix: the grantlint-disable comment on line ${line} may mean this finding; move it to the value's file`]
      : [`no fix: the grantlint-disable comment on line ${line} may mean this finding; move it here or remove it`, `no fix: the comment on line ${line} may mean this finding; move it here`];
    return [...moveHere, `no fix: the comment on line ${line} may mean this finding`, `no fix: comment on line ${line} may mean it`];
  }
  const name = held.otherFile.path.split(/[\\/]/).pop()!;
  const at = `${name}:${held.otherFile.line + 1}`;
  return [
    `no fix: the grantlint-disable comment at ${at} may mean this finding; move it here or remove it`,
    `no fix: the comment at ${at} may mean this finding; move it here`,
    `no fix: the comment at ${at} may mean this finding`,
    `no fix: comment at ${at} may mean it`,
    'no fix: a comment in another file may mean it',
  ];
}

/**
 * Why `--fix --unsafe-fixes` left a finding whose unsafe fix it holds: the fix would break a client grant in `file`
 * (as shown: another file of the project, or this one), or would give the finding's client a new `raises` finding.
 */
export type UnsafeFixHeld = { readonly file: string; readonly lostFix?: true } | { readonly raises: string; readonly byOther?: true };

/**
 * The reason `held` (its client's) as it holds for one finding whose chosen fix (`fix`) was held with the client's
 * other unsafe fixes: a fix that removes no grant cannot itself leave the client no grants (`missing-grant-types`),
 * so its note says that another fix of the client would (`byOther`), never that this one would.
 */
export function heldReasonFor(held: UnsafeFixHeld, fix: Fix | undefined): UnsafeFixHeld {
  if (!('raises' in held) || held.raises !== 'missing-grant-types' || fix?.edits.some((edit) => edit.kind === 'removeItems')) return held;
  return { raises: held.raises, byOther: true };
}

/**
 * Why an unsafe fix was held (`held`), fullest first, each form to follow `not fixed: ` (the finding's note) or another
 * lead (`--diff --unsafe-fixes`' line, cli/notes.ts heldFixNotes): a client grant it would break in a file of the
 * project (as shown; the file's place gives way first, its folder, then the file, so the reason stays), or the rule
 * it would raise on the client; a fix that would empty `grant_types` (missing-grant-types) says so in words, and one
 * held with it that removes no grant (heldReasonFor's `byOther`) says that another fix would.
 */
export function unsafeHeldReasons(held: UnsafeFixHeld): readonly string[] {
  if (!('file' in held)) {
    // Short enough to follow a rule's first clause: that no grants would be left is worth more than the clause after.
    if (held.raises === 'missing-grant-types') {
      return held.byOther
        ? ['another of its fixes would leave the client no grants', 'another fix would leave no grants', 'another fix leaves no grants']
        : ['it would leave the client no grants', 'it would leave no grants', 'leaves no grants'];
    }
    return [`it would raise ${held.raises} on this client`, `it would raise ${held.raises}`, `raises ${held.raises}`, 'raises a new problem'];
  }
  const file = held.file;
  const name = file.split(/[\\/]/).pop()!;
  // The grant fails already, with a fix ("add client_credentials") that this fix would take away ("is public").
  // The forms name the grant's file but the last, which a long file name leaves (a note beside a whole sentence
  // rarely has room for it, so the sentence gives a clause first and the file stays named).
  if (held.lostFix) {
    return [
      `the client grant in ${file} would then have no fix`,
      ...(name === file ? [] : [`the client grant in ${name} would then have no fix`]),
      `the grant in ${name} would have no fix`,
      `leaves the grant in ${name} unfixable`,
      'a client grant would then have no fix',
    ];
  }
  return [
    `it would break the client grant in ${file}`,
    ...(name === file ? [] : [`it would break the client grant in ${name}`]),
    `breaks the client grant in ${name}`,
    `breaks the grant in ${name}`,
    'it would break a client grant in another file',
    'it would break a client grant',
    'breaks a client grant',
  ];
}

/**
 * The note on a finding (its rule's `message`) whose unsafe fix `--fix --unsafe-fixes` held back
 * (unsafeHeldReasons), fullest first. Where the rule's sentence has no clause to give (clauseForms), a last form
 * says only that it was left, as the sentence is then worth more; elsewhere the sentence gives a clause first, so
 * the note always says why.
 */
function heldNotes(held: UnsafeFixHeld, message: string): readonly string[] {
  const forms = unsafeHeldReasons(held).map((reason) => `not fixed: ${reason}`);
  return 'raises' in held && held.raises !== 'missing-grant-types' && clauseForms(message).length === 0 ? [...forms, 'not fixed'] : forms;
}

/**
 * The note on a finding with no fix of its own (an anchor withholds them) that `--fix` clears all the same: another
 * of its fixes frees the anchor first (a client's alias removed), and the next pass fixes this one. Fullest first.
 */
function clearedAfterAll(use: string | undefined): readonly string[] {
  return use
    ? [`no fix of its own: anchor also used by ${use}; --fix clears it with the other fixes`, `anchor also used by ${use}; --fix clears it all the same`, `anchor shared with ${use}; --fix clears it`, 'cleared by --fix']
    : ['no fix of its own: YAML anchored; --fix clears it with the other fixes', 'YAML anchored; cleared by --fix'];
}

/** Whether withNotes cut the rule's sentence short (`client_credentials needs a confidential… (…)`). */
/** Whether `message` holds the whole sentence, or the sentence without its closing parenthesis. */
export function keepsReason(sentence: string, message: string): boolean {
  const why = /^(.*) \([^()]*\)([.?!]?)$/.exec(sentence);
  return message.startsWith(sentence) || (why !== null && message.startsWith(`${why[1]!}${why[2] || '.'}`));
}

/** How much of the sentence `message` keeps: the length of its longest form (whole, or a clause form) it starts with. */
function keptOf(sentence: string, message: string): number {
  return Math.max(-1, ...[sentence, ...clauseForms(sentence)].filter((form) => message.startsWith(form)).map((form) => form.length));
}

function sentenceCut(sentence: string, message: string): boolean {
  return ![sentence, ...clauseForms(sentence)].some((form) => message.startsWith(form));
}

/** The note's forms when a safe fix was left out (Finding.safeFixWithheld), fullest first. */
function safeFixWithheldNotes(withheld: SafeFixWithheld, use: string | undefined): readonly string[] {
  const full = `no safe fix: "${withheld.title}" ${safeFixWithheldReason(withheld, use)}`;
  switch (withheld.why) {
    case 'anchor':
      return use ? [full, `no safe fix: "${withheld.title}": anchor also used by ${use}`, `no safe fix: anchor also used by ${use}`, `no safe fix: anchor shared with ${use}`] : [full, `no safe fix: "${withheld.title}": YAML anchored`, 'no safe fix: YAML anchored'];
    case 'new-error':
      return withheld.raises ? raisesNotes('no safe fix', withheld.title, withheld.raises) : [full, 'no safe fix: it would give this client a new error'];
    case 'finding-stays':
      return [full, 'no safe fix: it would not clear this finding'];
  }
}

/**
 * A requirement clause in fewer words, fullest first, so a note can say what the grant needs rather than name a rule:
 * `The Device Code grant needs app_type: native and token_endpoint_auth_method: none` gives `Device Code needs
 * app_type: native and token_endpoint_auth_method: none`, then `Device Code needs app_type: native and more`.
 * Other clauses give nothing.
 */
function needsForms(clause: string): string[] {
  const parts = /^the (.+?) grant needs (.+)$/i.exec(clause);
  if (!parts) return [];
  const [, grant, needs] = parts as unknown as [string, string, string];
  const first = needs.split(/, | and /)[0]!;
  return [`${grant} needs ${needs}`, ...(first === needs ? [] : [`${grant} needs ${first} and more`])];
}

/**
 * The note's forms for a fix left out because it would raise `raises` (an error), fullest first: the fix's title,
 * the error's own first clause (`the Device Code grant needs app_type: native`) and its shorter forms (needsForms),
 * the grant and rule, the rule.
 */
function raisesNotes(lead: string, title: string, raises: RaisedError): readonly string[] {
  const clause = clauseForms(raises.message).at(-1)?.replace(/\.$/, '');
  const says = clause ? [`${lead}: ${clause.charAt(0).toLowerCase()}${clause.slice(1)}`, ...needsForms(clause).map((form) => `${lead}: ${form}`)] : [];
  const grant = raises.grant === undefined ? undefined : grantName(raises.grant);
  const named = grant ? [`${lead}: ${grant} would raise ${raises.ruleId}`, `${lead}: ${grant} fails ${raises.ruleId}`, `${lead}: ${grant}: ${raises.ruleId}`] : [];
  return [`${lead}: "${title}" would give this client a new error (${raisedText(raises)})`, `${lead}: "${title}" would raise ${raises.ruleId}`, ...says, ...named, `${lead}: it would raise ${raises.ruleId}`, `${lead}: raises ${raises.ruleId}`];
}

