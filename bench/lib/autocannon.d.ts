// autocannon ships no types; this declares only the part of its API that bench/lib/load.ts uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface AutocannonOptions {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    headers?: Record<string, string>;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    maxOverallRequests?: number;
    warmup?: { connections?: number; duration?: number };
  }

  interface AutocannonHistogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total?: number;
    p50: number;
    p99: number;
  }

  interface AutocannonResult {
    url: string;
    connections: number;
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    /** Milliseconds, from a histogram with 1 ms resolution. */
    latency: AutocannonHistogram;
    /** Requests completed per one-second sample. */
    requests: AutocannonHistogram & { sent: number };
    throughput: AutocannonHistogram;
  }

  interface AutocannonClient {
    readonly opts: unknown;
  }

  interface AutocannonTracker extends EventEmitter, PromiseLike<AutocannonResult> {
    on(
      event: "response",
      listener: (client: AutocannonClient, statusCode: number, bytes: number, responseTimeMs: number) => void,
    ): this;
    stop(): void;
  }

  function autocannon(options: AutocannonOptions): AutocannonTracker;
  export default autocannon;
}
