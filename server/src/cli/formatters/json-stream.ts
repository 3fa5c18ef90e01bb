/**
 * `JSON.stringify(value, null, 2)` output in pieces, so a large document is written a part at a time and never
 * held whole. A value nested `depth` levels down reads as its own stringification with every line indented by
 * 2 × depth more spaces (a JSON string never holds a raw line break).
 */

const INDENT = 2;

/** `value` as JSON.stringify(value, null, 2) writes it `depth` levels down, its first line's indentation included. */
export function indentedJson(value: unknown, depth: number): string {
  const pad = ' '.repeat(INDENT * depth);
  return pad + JSON.stringify(value, null, INDENT).replaceAll('\n', `\n${pad}`);
}

/**
 * The bytes of `JSON.stringify(document, null, 2)` where `document[...][key]` is the array `items`, yielded an item
 * at a time. `document` holds that array empty at `key`, the only property of that name holding an empty array
 * (an Error otherwise: a programming error, not bad input). `items` is read once.
 */
export function* jsonWithArrayItems(document: unknown, key: string, items: Iterable<unknown>): Generator<string> {
  const whole = JSON.stringify(document, null, INDENT);
  const marker = `${JSON.stringify(key)}: []`;
  const at = whole.indexOf(marker);
  if (at < 0 || whole.includes(marker, at + 1)) throw new Error(`expected one empty array at ${JSON.stringify(key)}`);
  const close = at + marker.length - 1;
  const keyIndent = at - (whole.lastIndexOf('\n', at) + 1);
  const depth = keyIndent / INDENT + 1;
  let first = true;
  for (const item of items) {
    yield `${first ? whole.slice(0, close) + '\n' : ',\n'}${indentedJson(item, depth)}`;
    first = false;
  }
  yield first ? whole : `\n${' '.repeat(keyIndent)}${whole.slice(close)}`;
}
