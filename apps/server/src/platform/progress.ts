import cliProgress from "cli-progress";

/** Progress of long work (seeding, imports, benchmarks): a bar on a terminal, sparse lines otherwise. */
export interface Progress {
  tick(n?: number): void;
  stop(): void;
}

export function progress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label.padEnd(22)} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
        stream,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
  }
  let done = 0;
  let lastPercent = -1;
  const report = () => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent >= lastPercent + 10 || percent === 100) {
      lastPercent = percent;
      stream.write(`${label}: ${done}/${total} (${percent}%)\n`);
    }
  };
  return {
    tick(n = 1) {
      done += n;
      report();
    },
    stop() {
      if (lastPercent !== 100) {
        done = total;
        report();
      }
    },
  };
}

/** No output at all (tests). */
export const silentProgress = (): Progress => ({ tick: () => undefined, stop: () => undefined });
