/**
 * `JSON.stringify(value, null, 2)` output in pieces, so a large document is written a part at a time and never
 * held whole (nor the object tree behind it): the same bytes, made by the native stringifier a batch of array
 * items at a time.
 */

const INDENT = 2;

/** Items are stringified this many at a time: one native call per batch, not per item. */
const BATCH = 1000;

/**
 * `items` (at least one) as JSON.stringify writes the items of an array `depth` (≥ 1) levels down, joined by
 * `,\n`, without the brackets and line breaks around them. Stringified inside `depth - 1` arrays, so that the
 * native stringifier does all the indenting: each wrapper adds one `[\n` line of `2k + 2` characters in front and
 * one `\n]` line of as many behind (k = 0 … depth − 1), which are cut off.
 */
export function indentedItems(items: readonly unknown[], depth: number): string {
  let wrapped: unknown = items;
  for (let level = 1; level < depth; level++) wrapped = [wrapped];
  const whole = JSON.stringify(wrapped, null, INDENT);
  const around = depth * depth + depth;
  return whole.slice(around, whole.length - around);
}

/** The items of `items`, a batch at a time, each batch made by `make` (so what it makes is held for one batch). */
export function* batchesOf<T, U>(items: Iterable<T>, make: (item: T) => U): Generator<U[]> {
  let batch: U[] = [];
  for (const item of items) {
    batch.push(make(item));
    if (batch.length < BATCH) continue;
    yield batch;
    batch = [];
  }
  if (batch.length > 0) yield batch;
}

/**
 * The bytes of `JSON.stringify(document, null, 2)` where `document[...][key]` is the array of the items of
 * `batches`, yielded a batch at a time. `document` holds that array empty at `key`, the only property of that
 * name holding an empty array (an Error otherwise: a programming error, not bad input). `batches` is read once.
 */
export function* jsonWithArrayItems(document: unknown, key: string, batches: Iterable<readonly unknown[]>): Generator<string> {
  const whole = JSON.stringify(document, null, INDENT);
  const marker = `${JSON.stringify(key)}: []`;
  const at = whole.indexOf(marker);
  if (at < 0 || whole.includes(marker, at + 1)) throw new Error(`expected one empty array at ${JSON.stringify(key)}`);
  const close = at + marker.length - 1;
  const keyIndent = at - (whole.lastIndexOf('\n', at) + 1);
  const depth = keyIndent / INDENT + 1;
  let first = true;
  for (const batch of batches) {
    if (batch.length === 0) continue;
    yield `${first ? whole.slice(0, close) + '\n' : ',\n'}${indentedItems(batch, depth)}`;
    first = false;
  }
  yield first ? whole : `\n${' '.repeat(keyIndent)}${whole.slice(close)}`;
}
