import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
  /** Successful (2xx) responses in the measured window. */
  requests: number;
  /** Connection errors, timeouts and non-2xx responses together; a fair run has none. */
  failures: number;
}

/** More samples than any bounded run here produces; past it, latencies stop being recorded (8 bytes each). */
const MAX_SAMPLES = 4_000_000;
/** A second bound besides time: no run sends more than this many requests. */
const MAX_REQUESTS = 20_000_000;

/** The value at `fraction` of the sorted samples (nearest rank). */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

/**
 * Puts `connections` keep-alive connections of load on one URL of this machine for a warm-up and then
 * `durationSeconds`. Latencies are recorded per response at sub-millisecond precision, because
 * autocannon's own histogram rounds to whole milliseconds and these endpoints answer in about one.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  const target = new URL(options.url);
  if (target.hostname !== "127.0.0.1") {
    throw new Error(`The bench only loads servers on 127.0.0.1, not ${target.hostname}`);
  }
  const samples = new Float64Array(MAX_SAMPLES);
  let count = 0;
  const tracker = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    maxOverallRequests: MAX_REQUESTS,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.warmupSeconds > 0
      ? { warmup: { connections: options.connections, duration: options.warmupSeconds } }
      : {}),
  });
  tracker.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300 && count < MAX_SAMPLES) samples[count++] = ms;
  });

  let timer: NodeJS.Timeout | undefined;
  const deadlineMs = (options.warmupSeconds + options.durationSeconds + 30) * 1000;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      tracker.stop();
      reject(new Error(`Load on ${options.url} ran past its ${deadlineMs / 1000} s limit`));
    }, deadlineMs);
  });
  const result = await Promise.race([Promise.resolve(tracker), overrun]).finally(() => clearTimeout(timer));

  const sorted = samples.subarray(0, count).sort();
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    requestsPerSecond: result["2xx"] / result.duration,
    medianMs: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: count > 0 ? total / count : Number.NaN,
    requests: result["2xx"],
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
