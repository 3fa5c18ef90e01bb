/**
 * Facts keys (client.ts, factsKey) of clients on which the rules found nothing. The rules read a client only
 * through its facts, so a client (or a fix's simulated result) whose key is here has no findings either: large
 * tenants repeat a few configurations thousands of times, and checking each fix of thousands of clients re-runs
 * every rule on a result that is usually one of a few clean configurations. Kept across files and edits, with a
 * bound, so a long-lived server does not grow without limit.
 */
export class CleanFacts {
  private readonly keys = new Set<string>();

  /** `limit`: how many keys are kept (the set starts again when full); a key is a few hundred bytes. */
  constructor(private readonly limit: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    if (this.keys.size >= this.limit) this.keys.clear();
    this.keys.add(key);
  }
}
