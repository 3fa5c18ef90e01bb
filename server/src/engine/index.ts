/** The engine's public surface for the CLI and the language server. */
export * from './lint';
export * from './model';
export * from './settings';
export * from './text';
export type { ClientEntry, ClientSource } from './discover';
export { ClientFacts } from './client';
export type { Finding, RelatedInfo, Rule, RuleMeta, Severity, SeveritySetting } from './rules/api';
export { docsUrl, SEVERITIES } from './rules/api';
export { ALL_RULES, ruleById } from './rules/index';
export type { Fix, FixSafety, SemanticEdit, TextEdit } from './fix/semantic';
export { isSafeFix } from './fix/semantic';
export { applyTextEdits, EditRenderer } from './fix/render';
export { fixAll, type FixAllOptions } from './fix/fix-all';
export * from './catalogue';
export { findClients } from './discover';
export { apiDefaultGrants } from './rules/missing-grant-types';
export { simulateEdits } from './fix/simulate';
export { isSafePlainYaml } from './fix/render';
