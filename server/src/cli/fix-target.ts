/**
 * Where `--fix` puts fixed text: the files on disk, or (for `--diff`) memory. `--diff` runs the same rounds as
 * `--fix` (a fix in one file can let a fix in a linked file work: a Terraform module's client loses
 * `client_credentials` in main.tf, so its credentials resource may then take `none`), with each fixed text kept
 * here instead of written, so the diff is exactly what `--fix` would write.
 */
import { realPathOf } from '../workspace/index';
import { FileChangedError, writeFileAtomically } from './files';

export interface FixTarget {
  /**
   * Stores `text` as the new content of the file at `real` (its real path), which held `before` when read.
   * Throws FileChangedError, ReadOnlyError or the file system's error when the file is left as it was.
   */
  write(real: string, text: string, before: string): void;
  /** The text a fix stored for `real` in this run, when one did and the target does not write to disk. */
  stored(real: string): string | undefined;
}

/** Writes each fixed file in place (files.ts writeFileAtomically), refusing a path that is no longer a real path. */
export function diskFixTarget(): FixTarget {
  return {
    write(real, text, before) {
      if (realPathOf(real) !== real) throw new FileChangedError(real);
      writeFileAtomically(real, text, before);
    },
    stored: () => undefined,
  };
}

/** Keeps fixed texts in memory; `first` gives each file's text before its first fix, for the diff. */
export class MemoryFixTarget implements FixTarget {
  private readonly texts = new Map<string, string>();
  private readonly originals = new Map<string, string>();

  write(real: string, text: string, before: string): void {
    if (!this.originals.has(real)) this.originals.set(real, before);
    this.texts.set(real, text);
  }

  stored(real: string): string | undefined {
    return this.texts.get(real);
  }

  /** The text `real` held before this run's first fix of it, or undefined when no fix stored any. */
  first(real: string): string | undefined {
    return this.originals.get(real);
  }
}
