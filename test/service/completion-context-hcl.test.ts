/**
 * Completion context in Terraform HCL, over generated forms of `grant_types`: one-line and multi-line tuples,
 * with and without a trailing comma, `#`, `//` and `/* *\/` comments between items (holding brackets and quotes),
 * CRLF line ends, an unclosed tuple being typed, other tuples and blocks around it. At every position inside the
 * tuple's brackets the context is `grant_types` and what a chosen value replaces is the item under the cursor
 * (or nothing, between items); at positions in other attributes' tuples and in block headers there is none.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { completionContext } from '../../server/src/service/completion-context';

const GRANTS = ['authorization_code', 'client_credentials', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code', 'http://auth0.com/oauth/grant-type/mfa-oob'];
const COMMENTS = ['', ' # nightly [sync]', ' // "old" grant', ' /* ] */'];

interface Form {
  readonly items: readonly string[];
  readonly multiline: boolean;
  readonly trailingComma: boolean;
  readonly comments: readonly string[];
  readonly eol: '\n' | '\r\n';
  readonly closed: boolean;
  readonly otherFirst: boolean;
}

const form: fc.Arbitrary<Form> = fc.record({
  items: fc.array(fc.constantFrom(...GRANTS), { minLength: 0, maxLength: 4 }),
  multiline: fc.boolean(),
  trailingComma: fc.boolean(),
  comments: fc.array(fc.constantFrom(...COMMENTS), { minLength: 4, maxLength: 4 }),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  closed: fc.boolean(),
  otherFirst: fc.boolean(),
});

interface Rendered {
  readonly text: string;
  /** Where the tuple's `[` and `]` are (the `]` where it would be when unclosed). */
  readonly open: number;
  readonly close: number;
  /** Each item's span, quotes included. */
  readonly items: readonly { start: number; end: number }[];
  /** Offsets inside the other tuple's brackets and in block headers: no context there. */
  readonly elsewhere: readonly number[];
  /** The comments' spans: inside one (after its first character) there is no context either. */
  readonly comments: readonly { start: number; end: number }[];
}

function render(f: Form): Rendered {
  const eol = f.eol;
  const other = `  callbacks = ["https://example.com/cb[1]", "x"]${eol}`;
  let text = `resource "auth0_client" "app" {${eol}  name = "App"${eol}`;
  const elsewhere: number[] = [text.indexOf('auth0_client') + 3, text.indexOf('"App"') + 2];
  if (f.otherFirst) {
    elsewhere.push(text.length + other.indexOf('[') + 1, text.length + other.indexOf('"x"') + 1);
    text += other;
  }
  text += '  grant_types = [';
  const open = text.length - 1;
  const items: { start: number; end: number }[] = [];
  const comments: { start: number; end: number }[] = [];
  const addComment = (comment: string): void => {
    if (comment === '') return;
    const start = text.length + 1;
    comments.push({ start, end: start + comment.length - 1 });
    text += comment;
  };
  f.items.forEach((grant, i) => {
    const last = i === f.items.length - 1;
    const comma = !last || f.trailingComma ? ',' : '';
    if (f.multiline) {
      text += `${eol}    `;
      items.push({ start: text.length, end: text.length + grant.length + 2 });
      text += `"${grant}"${comma}`;
      // A line comment ends the line; a block comment may sit anywhere.
      addComment(f.comments[i % f.comments.length]!);
    } else {
      if (i > 0) text += ' ';
      items.push({ start: text.length, end: text.length + grant.length + 2 });
      text += `"${grant}"${comma}`;
      const comment = f.comments[i % f.comments.length]!;
      if (comment.includes('/*')) addComment(comment);
    }
  });
  if (f.multiline) text += `${eol}  `;
  const close = text.length;
  if (f.closed) text += ']';
  text += eol;
  if (!f.otherFirst && f.closed) {
    elsewhere.push(text.length + other.indexOf('[') + 1, text.length + other.indexOf('"x"') + 1);
    text += other;
  }
  text += `}${eol}`;
  return { text, open, close, items, elsewhere, comments };
}

test('every position inside a generated grant_types tuple completes a grant, replacing the item under it', () => {
  fc.assert(
    fc.property(form, (f) => {
      const r = render(f);
      for (let offset = r.open + 1; offset <= r.close; offset++) {
        // Between a CR and its LF is no place a cursor can be.
        if (r.text[offset - 1] === '\r') continue;
        const context = completionContext(r.text, offset, 'hcl');
        const where = JSON.stringify(r.text.slice(0, offset) + '|' + r.text.slice(offset));
        // Inside a comment: after its mark (`#`, `//`, `/*`), to the end of the line or up to the `*/`. A cursor
        // splitting a two-character mark is in neither and is not checked.
        const comment = r.comments.find((c) => c.start < offset && (offset < c.end || (offset === c.end && !r.text.startsWith('/*', c.start))));
        if (comment) {
          const mark = r.text[comment.start] === '#' ? 1 : 2;
          const block = r.text.startsWith('/*', comment.start);
          const inside = offset >= comment.start + mark && (!block || offset <= comment.end - 2);
          if (inside) assert.equal(context, undefined, `no context in a comment at ${where}`);
          continue;
        }
        assert.ok(context, `a context at ${where}`);
        assert.equal(context.field, 'grant_types', where);
        const item = r.items.find((i) => i.start < offset && offset < i.end);
        if (item) {
          assert.deepEqual(context.replace, item, `the item is replaced at ${where}`);
          assert.equal(context.quote, '"');
        } else {
          // Between items: only what the cursor touches of plain text, never a neighbour's quotes.
          const replaced = r.text.slice(context.replace.start, context.replace.end);
          assert.doesNotMatch(replaced, /["\s,[\]]/, `nothing of a neighbour at ${where}`);
        }
      }
      for (const offset of r.elsewhere) {
        assert.equal(completionContext(r.text, offset, 'hcl'), undefined, `no context at ${JSON.stringify(r.text.slice(0, offset) + '|')}`);
      }
    }),
    { seed: 20261130, numRuns: 300 },
  );
});

test('app_type and authentication_method values complete on their line, in quotes or not yet', () => {
  for (const [line, field] of [
    ['  app_type = "sp', 'app_type'],
    ['  app_type    = ', 'app_type'],
    ['  authentication_method = "client_', 'authentication_method'],
    ['  token_endpoint_auth_method = "', 'token_endpoint_auth_method'],
  ] as const) {
    const text = `resource "auth0_client" "a" {\n${line}\n}\n`;
    const offset = text.indexOf(line) + line.length;
    const context = completionContext(text, offset, 'hcl');
    assert.equal(context?.field, field, line);
  }
  // A value already closed before the cursor (a trailing comment being typed) is not completed.
  const text = 'resource "auth0_client" "a" {\n  app_type = "spa" # x\n}\n';
  assert.equal(completionContext(text, text.indexOf('# x') + 3, 'hcl'), undefined);
});
