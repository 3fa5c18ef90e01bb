/**
 * An open document's reports, sent from the lint worker to the main thread as a change to the list sent before:
 * an edit re-renders only the findings it touched (service/findings.ts keeps the others' reports), and copying
 * every report between the threads on every keystroke was a tenth of an edit's time in a 10,000-client tenant.
 * Each list the worker sends for a document is numbered; a report the previous list held is sent as its index
 * there. The main thread keeps the last list of each document and rebuilds the new one from it.
 */
import type { FindingReport } from '../service/findings';

/** A list of reports as sent: each entry a report, or the index of the same report in list `base`. */
export interface SentReports {
  /** The list the indexes refer to; 0 when there is none (every entry is a report). */
  readonly base: number;
  /** This list's number for its document, counted from 1; 0 for a list that is not kept (a closed file's). */
  readonly list: number;
  readonly entries: readonly (FindingReport | number)[];
}

/** Reports sent whole, and not kept on either side: a closed file's lint. */
export function sentWhole(reports: readonly FindingReport[]): SentReports {
  return { base: 0, list: 0, entries: reports };
}

/** The worker's side, for one open document: the list it sent last. */
export class ReportListSender {
  private last: { readonly list: number; readonly index: ReadonlyMap<FindingReport, number> } | undefined;
  private count = 0;

  /** `reports` as a change to the list sent before; from now on the list sent before is this one. */
  send(reports: readonly FindingReport[]): SentReports {
    const last = this.last;
    const index = new Map<FindingReport, number>();
    const entries = reports.map((report, i) => {
      index.set(report, i);
      return last?.index.get(report) ?? report;
    });
    const list = ++this.count;
    this.last = { list, index };
    return { base: last?.list ?? 0, list, entries };
  }
}

/** The main thread's side: the last list received for each open document. */
export class ReportListReceiver {
  private readonly lists = new Map<string, { readonly list: number; readonly reports: readonly FindingReport[] }>();

  /**
   * The reports `sent` stands for, or undefined when it refers to a list this side no longer has: one sent before
   * the document was closed (forget) or the worker was replaced (clear), whose answer nobody waits for any more.
   */
  receive(key: string, sent: SentReports): readonly FindingReport[] | undefined {
    const base = sent.base === 0 ? undefined : this.lists.get(key);
    if (sent.base !== 0 && base?.list !== sent.base) return undefined;
    const reports = sent.entries.map((entry) => (typeof entry === 'number' ? base!.reports[entry]! : entry));
    if (sent.list !== 0) this.lists.set(key, { list: sent.list, reports });
    return reports;
  }

  /** The document closed: the worker forgets its list too. */
  forget(key: string): void {
    this.lists.delete(key);
  }

  /** The worker was replaced: the new one has sent nothing yet. */
  clear(): void {
    this.lists.clear();
  }
}
