/**
 * Progress output: a redrawn bar on a TTY, plain lines otherwise (cron mails, CI logs, pipes).
 * Plain mode prints at most one line per 5 % so a 20,000-item sync stays readable.
 */
export interface Output {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  update(done: number, total?: number): void;
  finish(summary: string): void;
}

const BAR_WIDTH = 30;

export function createProgress(out: Output, label: string, initialTotal: number): Progress {
  let total = initialTotal;
  let lastBucket = -1;
  let drawn = false;
  const pct = (done: number) => (total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100);
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal;
      const p = pct(done);
      if (out.isTTY) {
        const filled = Math.round((p / 100) * BAR_WIDTH);
        const line = `${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${String(p).padStart(3)}% ${done}/${total}`;
        out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (out.columns ?? 120) - 1))}`);
        drawn = true;
        return;
      }
      const bucket = Math.floor(p / 5);
      if (bucket === lastBucket && done < total) return;
      lastBucket = bucket;
      out.write(`${label}: ${done}/${total} (${p}%)\n`);
    },
    finish(summary) {
      out.write(`${out.isTTY && drawn ? "\r\x1b[2K" : ""}${label}: ${summary}\n`);
    },
  };
}
