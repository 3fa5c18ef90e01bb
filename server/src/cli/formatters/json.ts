import type { FileReport } from '../report';

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.flatMap((r) => r.findings), null, 2) + '\n';
}
