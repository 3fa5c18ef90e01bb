/**
 * The structural checks `yaml`'s composer makes and its parser leaves to it, on the concrete syntax tree: what
 * the CST reader (yaml.ts) must report so that it finds every error the composed reader finds.
 */
import type { CST } from 'yaml';

/** Reports an error at an offset (the reader prefixes "YAML syntax error"). */
export type Report = (message: string, offset: number, length: number) => void;

/** The composer's checks on a flow collection's items: commas, `:` separators, no block collections inside. */
export function checkFlowItem(item: CST.CollectionItem, index: number, count: number, isMap: boolean, report: Report): void {
  const name = isMap ? 'flow map' : 'flow sequence';
  const comma = item.start.find((t) => t.type === 'comma');
  const explicit = item.start.some((t) => t.type === 'explicit-key-ind');
  const props = item.start.some((t) => t.type === 'anchor' || t.type === 'tag');
  const firstOffset = item.start.find((t) => t.type !== 'space' && t.type !== 'newline' && t.type !== 'comma' && t.type !== 'comment')?.offset ?? item.key?.offset ?? item.value?.offset ?? comma?.offset ?? 0;
  if (!explicit && !props && !item.key && item.sep === undefined && !item.value) {
    if (index === 0 && comma) report(`Unexpected , in ${name}`, comma.offset, 1);
    else if (index < count - 1) report(`Unexpected empty item in ${name}`, comma?.offset ?? firstOffset, 1);
    return;
  }
  if (index === 0 && comma) report(`Unexpected , in ${name}`, comma.offset, 1);
  const second = item.start.filter((t) => t.type === 'comma')[1];
  if (second) report(`Unexpected , in ${name}`, second.offset, 1);
  if (index > 0 && !comma) report(`Missing , between ${name} items`, firstOffset, 1);
  const isPair = isMap || item.sep !== undefined || explicit;
  if (isPair && item.value && !item.sep?.some((t) => t.type === 'map-value-ind')) {
    const value = item.value;
    const colonFirst = 'source' in value && typeof value.source === 'string' && value.source.startsWith(':');
    report(colonFirst ? `Missing space after : in ${name}` : `Missing , or : between ${name} items`, value.offset, 1);
  }
  for (const token of [item.key, item.value]) {
    if (token && (token.type === 'block-map' || token.type === 'block-seq')) report('Block collections are not allowed within flow collections', token.offset, 1);
  }
}

/** The structural errors `yaml`'s composer reports and its parser leaves to it. */
export function checkBlockMapItem(item: CST.CollectionItem, report: Report): void {
  const key = item.key;
  const explicit = 'explicitKey' in item || item.start.some((t) => t.type === 'explicit-key-ind');
  const hasIndicator = item.sep?.some((t) => t.type === 'map-value-ind') ?? false;
  if (!hasIndicator && !explicit) {
    const at = key?.offset ?? item.value?.offset ?? item.start.find((t) => t.type === 'tag' || t.type === 'anchor')?.offset;
    if (at !== undefined) report('Implicit map keys need to be followed by map values', at, 1);
    return;
  }
  if (key && !explicit && 'source' in key && typeof key.source === 'string' && key.source.includes('\n')) {
    report('Implicit keys need to be on a single line', key.offset, 1);
  }
  const value = item.value;
  if (!explicit && value && (value.type === 'block-map' || value.type === 'block-seq') && !item.sep?.some((t) => t.type === 'newline')) {
    if (value.type === 'block-map') report('Nested mappings are not allowed in compact mappings', value.offset, 1);
  }
}
