/**
 * Where a Terraform HCL file opens a quoted string that its line does not close, and which bracket it never
 * closes. HCL's quoted strings may not span lines (Terraform: "Invalid multi-line string"), but tree-sitter's
 * error recovery reads on past the line break and reports the error where the string's text finally stops making
 * sense, lines later. Pointing at the quote that was left open names the mistake where it was made. A bracket
 * left open is the same: tree-sitter reports where its recovery stops (the next attribute, the end of the file),
 * and the message names the bracket that was not closed.
 *
 * A small lexer of what can hold a quote or a bracket that is not code: quoted strings with escapes and
 * `${...}`/`%{...}` templates (which may hold strings of their own), heredocs (`<<EOT`, `<<-EOT`, whose lines are
 * text), and `#`, `//` and `/* *\/` comments. Anything else is code, read character by character.
 */

/**
 * The offset of the first `"` of `text`, before `limit`, that opens a quoted string not closed on its line; or
 * undefined. Offsets are UTF-16 code units, as everywhere in the model.
 */
export function unclosedQuoteBefore(text: string, limit: number): number | undefined {
  return scan(text, limit, { stopAtOpenString: true });
}

/**
 * The `${` (or `%{`) of a template that holds the quote unclosedQuoteBefore finds, or undefined when that string is
 * not inside a template. `"a ${var.x"`: the quote meant to end the string opens a string inside the template, left
 * open at the line's end; the mistake is the `}` missing before it.
 */
export function templateOfUnclosedQuote(text: string, limit: number): number | undefined {
  let template: number | undefined;
  scan(text, limit, { stopAtOpenString: true, openStringTemplate: (at) => (template = at) });
  return template;
}

/**
 * A bracket of code: `{` of a block or object, `[` of a list, `(` of a call or a parenthesized value, `${` of an
 * interpolation or `%{` of a directive in a string.
 */
export interface OpenBracket {
  readonly bracket: '{' | '[' | '(' | '${' | '%{';
  /** Its offset (UTF-16 code units): of the `$` or `%` of a template's. */
  readonly at: number;
}

/** The character that closes a bracket. */
export function closerOf(bracket: OpenBracket['bracket']): ']' | ')' | '}' {
  return bracket === '[' ? ']' : bracket === '(' ? ')' : '}';
}

/**
 * The bracket of `text`'s code (outside strings, templates, heredocs and comments) that is never closed, or
 * undefined when every bracket is closed or the first mismatch is a closing bracket nothing opened (an extra `]`:
 * no opener is to blame). A string left open on its line is read as closed there, as tree-sitter reads on.
 *
 * Which one: the innermost bracket still open when a closing bracket of an outer one arrives (`[` on one line,
 * the block's `}` lines later), else the innermost one still open at the end. A `}` is ambiguous between blocks
 * (a nested block's `}` left out makes the resource's `}` close the nested block, and the resource's `{` stays
 * open); so where the brackets do not balance, a closing bracket that starts its line closes the innermost open
 * bracket of its kind whose line is indented as its own, the way `terraform fmt` lays blocks out.
 */
export function unclosedBracket(text: string): OpenBracket | undefined {
  const plain = bracketScan(text, false);
  return plain && (bracketScan(text, true) ?? plain);
}

function bracketScan(text: string, byIndent: boolean): OpenBracket | undefined {
  const open: OpenBracket[] = [];
  let found: OpenBracket | undefined;
  let extra = false;
  const matches = (o: OpenBracket, c: number) => closerOf(o.bracket).charCodeAt(0) === c;
  scan(text, text.length, {
    stopAtOpenString: false,
    templateDropped() {
      // A string read as closed at its line's end takes its open templates with it.
      const last = open.map((o) => o.bracket.length).lastIndexOf(2);
      if (last >= 0) open.length = last;
    },
    bracket(c, at, template) {
      if (c === 0x7b || c === 0x5b || c === 0x28) {
        open.push({ bracket: template ? (text.charAt(at) as '$' | '%') === '$' ? '${' : '%{' : (String.fromCharCode(c) as '{' | '[' | '('), at });
        return true;
      }
      let depth = open.length - 1;
      while (depth >= 0 && !matches(open[depth]!, c)) depth--;
      if (depth < 0) {
        extra = true;
        return false;
      }
      const indent = byIndent ? indentBefore(text, at) : undefined;
      if (indent !== undefined) {
        let same = depth;
        while (same >= 0 && !(matches(open[same]!, c) && lineIndent(text, open[same]!.at) === indent)) same--;
        if (same >= 0) depth = same;
      }
      if (depth < open.length - 1) {
        found = open[depth + 1];
        return false;
      }
      open.pop();
      return true;
    },
  });
  if (found || extra) return found;
  return open[open.length - 1];
}

/** The width of the blanks before `at` when only blanks precede it on its line; else undefined. */
function indentBefore(text: string, at: number): number | undefined {
  let start = at;
  while (start > 0 && (text.charCodeAt(start - 1) === 0x20 || text.charCodeAt(start - 1) === 0x09)) start--;
  return start === 0 || text.charCodeAt(start - 1) === 0x0a ? at - start : undefined;
}

/** The width of the blanks that start the line holding `at`. */
function lineIndent(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let end = lineStart;
  while (end < text.length && (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09)) end++;
  return end - lineStart;
}

interface ScanOptions {
  /** Stop at (and return) the quote of a string not closed on its line; else read the string as closed there. */
  readonly stopAtOpenString: boolean;
  /** With stopAtOpenString: called, before stopping, with the start of the template holding that string, if any. */
  readonly openStringTemplate?: (at: number) => void;
  /**
   * Called for each bracket of code outside templates, and for a template's own `${` or `%{` (`c` its `{`, `at` its
   * `$` or `%`) and `}` (`template` true); returning false stops the scan.
   */
  readonly bracket?: (c: number, at: number, template?: true) => boolean;
  /** Called for each template left open by a string read as closed at its line's end (innermost first). */
  readonly templateDropped?: () => void;
  /** Called for each comma of code outside templates. */
  readonly comma?: (at: number) => void;
  /** Called for a heredoc whose closing marker line never comes (`at`: its `<<`; the rest of the text is its body). */
  readonly openHeredoc?: (at: number, marker: string) => void;
  /** Called for a block comment whose `*\/` never comes (`at`: its `/*`; the rest of the text is the comment). */
  readonly openComment?: (at: number) => void;
  /** Called for each line that starts as code outside templates (not in a heredoc, a block comment or a string). */
  readonly lineStart?: (at: number) => void;
  /**
   * Called for each other character of code outside templates (a string's opening quote included; brackets and
   * commas go to their own callbacks, comments and heredocs to none).
   */
  readonly code?: (c: number, at: number) => void;
  /** Called for each string of code outside templates closed on its line (`open`, `close`: its quotes). */
  readonly stringClosed?: (open: number, close: number) => void;
}

/** The lexer both questions share (see the file's comment); returns the open string's quote when asked to stop there. */
function scan(text: string, limit: number, options: ScanOptions): number | undefined {
  /** Per open template (`${` or `%{` inside a string): how many `{` of its code are still open. */
  const templates: number[] = [];
  /** Where each open template starts (its `$` or `%`), outermost first. */
  const templateStarts: number[] = [];
  /** The quote that opened each string being read, outermost first (a template's strings nest). */
  const quotes: number[] = [];
  let at = 0;
  const end = Math.min(limit, text.length);
  while (at < end) {
    const c = text.charCodeAt(at);
    const inString = quotes.length > templates.length;
    if (inString) {
      if (c === 0x0a || c === 0x0d) {
        if (options.stopAtOpenString) {
          // Strings nest only inside templates: the innermost string's template is the last one opened.
          if (quotes.length > 1 && templateStarts.length > 0) options.openStringTemplate?.(templateStarts[templateStarts.length - 1]!);
          return quotes[quotes.length - 1];
        }
        // Read on as code after the line, as if every string and template open here had closed.
        for (let i = 0; i < templates.length; i++) options.templateDropped?.();
        quotes.length = 0;
        templates.length = 0;
        templateStarts.length = 0;
        at++;
      } else if (c === 0x5c) at += 2; // an escape: the next character is the string's
      else if (c === 0x22) {
        const open = quotes.pop()!;
        if (quotes.length === 0) options.stringClosed?.(open, at);
        at++;
      } else if ((c === 0x24 || c === 0x25) && text.charCodeAt(at + 1) === 0x7b && text.charCodeAt(at - 1) !== c) {
        // `${` or `%{` opens a template (`$${` is a literal `${`).
        if (options.bracket && !options.bracket(0x7b, at, true)) return undefined;
        templates.push(0);
        templateStarts.push(at);
        at += 2;
      } else at++;
      continue;
    }
    // Code: at the top level, or inside a template of a string.
    if (options.lineStart && templates.length === 0 && (at === 0 || text.charCodeAt(at - 1) === 0x0a)) options.lineStart(at);
    if (c === 0x22) {
      if (templates.length === 0) options.code?.(c, at);
      quotes.push(at);
      at++;
    } else if (c === 0x23 || (c === 0x2f && text.charCodeAt(at + 1) === 0x2f)) {
      const lineEnd = text.indexOf('\n', at);
      at = lineEnd < 0 ? end : lineEnd;
    } else if (c === 0x2f && text.charCodeAt(at + 1) === 0x2a) {
      const close = text.indexOf('*/', at + 2);
      if (close < 0 && end === text.length) options.openComment?.(at);
      at = close < 0 ? end : close + 2;
    } else if (c === 0x3c && text.charCodeAt(at + 1) === 0x3c && templates.length === 0) {
      at = afterHeredoc(text, at, end, options.openHeredoc);
    } else if (c === 0x7b && templates.length > 0) {
      templates[templates.length - 1]!++;
      at++;
    } else if (c === 0x7d && templates.length > 0) {
      // The template's own `}` closes it, back into its string; a `}` of its code closes that.
      if (templates[templates.length - 1] === 0) {
        if (options.bracket && !options.bracket(0x7d, at, true)) return undefined;
        templates.pop();
        templateStarts.pop();
      } else templates[templates.length - 1]!--;
      at++;
    } else {
      if (options.bracket && (c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x28 || c === 0x29) && !options.bracket(c, at)) return undefined;
      if (c === 0x2c && templates.length === 0) options.comma?.(at);
      else if (templates.length === 0 && c !== 0x7b && c !== 0x7d && c !== 0x5b && c !== 0x5d && c !== 0x28 && c !== 0x29) options.code?.(c, at);
      at++;
    }
  }
  return undefined;
}

const HEREDOC_START = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;

/** Past a heredoc starting at `at` (`<<EOT` then a line break), its body and its closing line; else past `<<`. */
function afterHeredoc(text: string, at: number, end: number, onOpen?: (at: number, marker: string) => void): number {
  HEREDOC_START.lastIndex = at;
  const start = HEREDOC_START.exec(text);
  if (!start) return at + 2;
  const marker = start[1]!;
  let line = HEREDOC_START.lastIndex;
  while (line < end) {
    const next = text.indexOf('\n', line);
    const lineEnd = next < 0 ? text.length : next;
    if (text.slice(line, lineEnd).trim() === marker) return lineEnd;
    line = lineEnd + 1;
  }
  if (end === text.length) onOpen?.(at, marker);
  return end;
}

/**
 * The first heredoc of `text`'s code whose closing marker line never comes (`<<EOT` without a line holding only
 * `EOT`): the rest of the file is its body, so every bracket after it looks unclosed. Undefined when none.
 */
export function unclosedHeredoc(text: string): { readonly at: number; readonly marker: string } | undefined {
  let found: { at: number; marker: string } | undefined;
  scan(text, text.length, {
    stopAtOpenString: false,
    openHeredoc: (at, marker) => {
      found ??= { at, marker };
    },
  });
  return found;
}

/** The block comment of `text`'s code whose `*\/` never comes (the rest of the file is comment); undefined when none. */
export function unclosedBlockComment(text: string): { readonly at: number } | undefined {
  let found: { at: number } | undefined;
  scan(text, text.length, { stopAtOpenString: false, openComment: (at) => (found ??= { at }) });
  return found;
}

/**
 * A mistake of HCL's syntax that the text shows on its own, each of which Terraform refuses wherever it stands:
 * - `argument-comma`: a comma between the arguments of a body (`{ a = 1, b = 2 }` as a block, `a = 1,` on a line of
 *   its own), where HCL ends an argument with a new line;
 * - `semicolon`: a `;` of code, a character HCL does not have ("Invalid character"); `next` names the argument
 *   that follows it on its line after another, `after` the one it ends (in a body), `inList` says it stands
 *   between the items of a list, a call or an object;
 * - `colon`: `name: value` as an argument of a body (HCL sets one with `=`; an object literal takes either);
 * - `no-value`: `name =` with nothing after it on its line (a value being typed): HCL wants the value on that line;
 * - `item-separator`: two items of a list with no comma between them (`["a" "b"]`), `after` the first one's text.
 * Each comes with the same-length text that mends it (`mend` at `mendAt`), so the mended text keeps every offset.
 */
export interface TextMistake {
  readonly kind: 'argument-comma' | 'semicolon' | 'colon' | 'no-value' | 'item-separator';
  /** Where it is reported: the character at fault (`start` = `end` where something is missing). */
  readonly start: number;
  readonly end: number;
  readonly mendAt: number;
  readonly mend: string;
  /** The argument it is about (`colon`, `no-value`, a `semicolon` ending one), or the item before (`item-separator`). */
  readonly after?: string;
  /** A `semicolon`'s next argument on its line. */
  readonly next?: string;
  /** A `semicolon` between the items of a list, a call or an object. */
  readonly inList?: true;
}

/** What a bracket of code opens: a block's body, a list, or another expression (an object, a call, a template). */
type Opened = 'body' | 'list' | 'other';

const NAME_AT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const WORD_AT = /[A-Za-z0-9_][A-Za-z0-9_-]*/y;
/** The words of a `for` expression, which stand between its parts with no comma (`[for g in var.x : g if g != ""]`). */
const KEYWORDS: ReadonlySet<string> = new Set(['for', 'in', 'if']);
/** The text before an argument's `:` or `=` on its line: blanks and its name. */
const ARGUMENT_HEAD = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*$/;
/** The rest of a line with no value on it: blanks, then a comment or the line's end. */
const NOTHING_AFTER = /^[ \t]*(?:(?:#|\/\/|\/\*).*)?\r?$/;

/**
 * The mistakes of `text`'s code that its text alone shows (TextMistake), in order. Each is a mistake wherever it is
 * written; whether mending them leaves valid HCL is for the caller to check (parse/hcl.ts).
 */
export function textMistakes(text: string): TextMistake[] {
  const open: { readonly kind: Opened; readonly at: number }[] = [];
  const mistakes: TextMistake[] = [];
  const top = (): Opened => open[open.length - 1]?.kind ?? 'body';
  /** The last item read in the innermost list, while nothing but blanks and comments follows it. */
  let item: { readonly start: number; readonly end: number } | undefined;
  /** The start of the item a `.` just read continues. */
  let chain: number | undefined;
  /** The end of the word being read (its other characters are no new token). */
  let wordEnd = 0;
  const lineStartOf = (at: number): number => text.lastIndexOf('\n', at - 1) + 1;
  const lineEndOf = (at: number): number => {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end;
  };
  // An item starting right after another in a list, blanks between: the comma goes on the first blank.
  const itemStarts = (): void => {
    const blank = item === undefined ? -1 : text.charCodeAt(item.end);
    if (item && top() === 'list' && (blank === 0x20 || blank === 0x09 || blank === 0x0d || blank === 0x0a)) {
      mistakes.push({ kind: 'item-separator', start: item.end, end: item.end, mendAt: item.end, mend: ',', after: text.slice(item.start, item.end) });
    }
    item = undefined;
  };
  scan(text, text.length, {
    stopAtOpenString: false,
    bracket(c, at, template) {
      if (c === 0x7b || c === 0x5b || c === 0x28) {
        let before = at;
        while (before > 0 && (text.charCodeAt(before - 1) === 0x20 || text.charCodeAt(before - 1) === 0x09)) before--;
        const previous = text.charCodeAt(before - 1);
        const block = !template && c === 0x7b && top() === 'body' && (isNameChar(previous) || previous === 0x22);
        open.push({ kind: block ? 'body' : c === 0x5b ? 'list' : 'other', at });
        item = undefined;
      } else {
        const closed = open.pop();
        // A list, an object or a call closed inside a list is an item of it; a template's `}` is inside a string.
        item = closed && !template && top() === 'list' ? { start: closed.at, end: at + 1 } : undefined;
      }
      return true;
    },
    comma(at) {
      if (top() === 'body') mistakes.push({ kind: 'argument-comma', start: at, end: at + 1, mendAt: at, mend: ' ' });
      item = undefined;
    },
    stringClosed(start, close) {
      item = top() === 'list' ? { start, end: close + 1 } : undefined;
    },
    code(c, at) {
      if (at < wordEnd || c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) return;
      if (c === 0x22) {
        itemStarts();
        return;
      }
      WORD_AT.lastIndex = at;
      const word = isNameChar(text.charCodeAt(at - 1)) ? null : WORD_AT.exec(text);
      if (word) {
        wordEnd = at + word[0].length;
        if (KEYWORDS.has(word[0])) item = undefined;
        else {
          // A name after a `.` goes on the item it is part of (`var.a`), for the message that quotes it.
          const start = text.charCodeAt(at - 1) === 0x2e && chain !== undefined ? chain : at;
          itemStarts();
          item = top() === 'list' ? { start, end: wordEnd } : undefined;
        }
        chain = undefined;
        return;
      }
      chain = c === 0x2e ? item?.start : undefined;
      item = undefined;
      if (c === 0x3b) {
        const inBody = top() === 'body';
        NAME_AT.lastIndex = at + 1;
        while (text.charCodeAt(NAME_AT.lastIndex) === 0x20 || text.charCodeAt(NAME_AT.lastIndex) === 0x09) NAME_AT.lastIndex++;
        // The next argument is to go on a new line, when the `;` ends another one before it on its line.
        const next = inBody && /\S/.test(text.slice(lineStartOf(at), at)) ? NAME_AT.exec(text)?.[0] : undefined;
        const after = inBody ? /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=/.exec(text.slice(lineStartOf(at), at))?.[1] : undefined;
        // In a body, a new line ends the argument before it; between items, a comma.
        mistakes.push({ kind: 'semicolon', start: at, end: at + 1, mendAt: at, mend: inBody ? '\n' : ',', ...(after ? { after } : {}), ...(next ? { next } : {}), ...(inBody ? {} : { inList: true as const }) });
        return;
      }
      if (top() !== 'body' || (c !== 0x3a && c !== 0x3d)) return;
      const head = ARGUMENT_HEAD.exec(text.slice(lineStartOf(at), at));
      if (!head) return;
      if (c === 0x3a) mistakes.push({ kind: 'colon', start: at, end: at + 1, mendAt: at, mend: '=', after: head[1]! });
      else if (text.charCodeAt(at + 1) !== 0x3d && NOTHING_AFTER.test(text.slice(at + 1, lineEndOf(at)))) {
        // Mended by blanking the argument out: its name and `=`.
        const start = lineStartOf(at) + head[0].indexOf(head[1]!);
        mistakes.push({ kind: 'no-value', start: at, end: at + 1, mendAt: start, mend: ' '.repeat(at + 1 - start), after: head[1]! });
      }
    },
  });
  return mistakes;
}

function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
}

/**
 * A line that opens a top-level Terraform block: a top-level block type at the start of the line, its labels, `{`.
 * Nested blocks are indented by `terraform fmt`, and their types (`refresh_token`, `dynamic`) are none of these.
 */
const TOP_BLOCK_LINE = /(?:resource|data|module|variable|output|provider|locals|terraform|moved|import|removed|check)(?:[ \t]+(?:"[^"\r\n]*"|[A-Za-z_][A-Za-z0-9_-]*))*[ \t]*\{/y;

/**
 * Where the top-level blocks of `text` start, as far as its text tells: lines of code (not in a heredoc, a block
 * comment or a string, a string left open being closed at its line's end as HCL reads it) opening a top-level
 * block (TOP_BLOCK_LINE). A heredoc or block comment never closed makes the rest of the text its own, so no start
 * is found after it. Used to read the blocks around a syntax error each on its own (parse/hcl.ts).
 */
export function topBlockStarts(text: string): number[] {
  const starts: number[] = [];
  scan(text, text.length, {
    stopAtOpenString: false,
    lineStart: (at) => {
      TOP_BLOCK_LINE.lastIndex = at;
      if (TOP_BLOCK_LINE.test(text)) starts.push(at);
    },
  });
  return starts;
}
