/**
 * Checks the framing of the messages a client sends over a byte stream (stdio): header lines `Name: value` ending
 * in `\r\n`, a `Content-Length` of digits, a blank line, then that many bytes of body. The JSON-RPC reader waits
 * for ever on a header without its blank line and drops a frame with a bad `Content-Length` without a word; this
 * checker names the first problem so the server can exit and be restarted instead of staying deaf.
 */

/** More header bytes than any client sends for one message (VS Code sends about 25). */
export const MAX_HEADER_BYTES = 8192;

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

export class FrameChecker {
  private bodyLeft = 0;
  private line = '';
  private headerBytes = 0;
  private afterCR = false;
  private contentLength: number | undefined;
  private problem: string | undefined;

  /**
   * Feeds the next bytes of the stream. Returns a one-line description of the first framing problem seen (then
   * and ever after), or undefined while the stream is well framed so far. Bodies are skipped, not copied.
   */
  push(chunk: Uint8Array): string | undefined {
    let at = 0;
    while (this.problem === undefined && at < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= take;
        at += take;
        continue;
      }
      this.problem = this.headerByte(chunk[at++] as number);
    }
    return this.problem;
  }

  private headerByte(byte: number): string | undefined {
    if (++this.headerBytes > MAX_HEADER_BYTES) return `a header of more than ${MAX_HEADER_BYTES} bytes without the blank line that ends it`;
    if (this.afterCR) {
      if (byte !== LF) return 'a header line ending in \\r without \\n';
      this.afterCR = false;
      const line = this.line;
      this.line = '';
      return line === '' ? this.endOfHeader() : this.headerLine(line);
    }
    if (byte === CR) {
      this.afterCR = true;
      return undefined;
    }
    if (byte === LF) return 'a header line ending in \\n without \\r';
    if ((byte < 0x20 && byte !== TAB) || byte > 0x7e) return `a byte 0x${byte.toString(16).padStart(2, '0')} in a header, where only text may be`;
    this.line += String.fromCharCode(byte);
    return undefined;
  }

  private headerLine(line: string): string | undefined {
    const match = HEADER_LINE.exec(line);
    if (!match) return `a header line that is not 'Name: value': '${line.slice(0, 80)}'`;
    if ((match[1] as string).toLowerCase() !== 'content-length') return undefined;
    const value = match[2] as string;
    const length = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(length)) return `a Content-Length that is not a number of bytes: '${value.slice(0, 40)}'`;
    this.contentLength = length;
    return undefined;
  }

  private endOfHeader(): string | undefined {
    if (this.contentLength === undefined) return 'a header without Content-Length';
    this.bodyLeft = this.contentLength;
    this.contentLength = undefined;
    this.headerBytes = 0;
    return undefined;
  }
}
