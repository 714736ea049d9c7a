// Splits a process's output stream into log lines the way the container runtime records them: one entry per
// newline, a partial line kept until its newline or the process exit, and lines longer than 16 KiB split
// (containerd's CRI logger writes them as partial "P" entries).

import type { Sink } from "./context";

export const MAX_LOG_LINE = 16 * 1024;

export class LogSink implements Sink {
  private buf = "";
  constructor(private readonly emit: (line: string) => void) {}

  write(text: string): void {
    let start = 0;
    let nl = text.indexOf("\n");
    while (nl >= 0) {
      this.emit(this.buf + text.slice(start, nl));
      this.buf = "";
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    if (start < text.length) this.buf += text.slice(start);
    while (this.buf.length > MAX_LOG_LINE) {
      this.emit(this.buf.slice(0, MAX_LOG_LINE));
      this.buf = this.buf.slice(MAX_LOG_LINE);
    }
  }

  /** Emits the unterminated last line (at process exit). */
  flush(): void {
    if (this.buf) this.emit(this.buf);
    this.buf = "";
  }
}
