// Splits a byte stream into lines with a cap on the length of one line. A process that prints a
// huge line without a newline must cost an error, not the server's memory: past the cap the
// partial line is discarded and the rest of it, up to the next newline, is skipped.
import { StringDecoder } from 'node:string_decoder';

export interface LineReaderEvents {
  line(line: string): void;
  /** A line longer than the cap; `bytesSeen` is how much of it had arrived when it was cut. */
  overflow(bytesSeen: number): void;
}

export class LineReader {
  private chunks: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly maxLineBytes: number,
    private readonly events: LineReaderEvents,
  ) {}

  push(data: Buffer): void {
    let start = 0;
    while (start < data.length) {
      const newline = data.indexOf(0x0a, start);
      const end = newline === -1 ? data.length : newline;
      const piece = data.subarray(start, end);
      if (!this.skipping) {
        if (this.pendingBytes + piece.length > this.maxLineBytes) {
          this.events.overflow(this.pendingBytes + piece.length);
          this.chunks = [];
          this.pendingBytes = 0;
          this.skipping = true;
        } else if (piece.length > 0) {
          this.chunks.push(piece);
          this.pendingBytes += piece.length;
        }
      }
      if (newline === -1) break;
      if (!this.skipping) this.emitLine();
      this.skipping = false;
      start = newline + 1;
    }
  }

  /** Emits what is left when the stream ends without a final newline. */
  end(): void {
    if (!this.skipping && this.pendingBytes > 0) this.emitLine();
    this.chunks = [];
    this.pendingBytes = 0;
    this.skipping = false;
  }

  private emitLine(): void {
    const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.pendingBytes);
    this.chunks = [];
    this.pendingBytes = 0;
    let line = this.decoder.write(buffer) + this.decoder.end();
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.events.line(line);
  }
}
