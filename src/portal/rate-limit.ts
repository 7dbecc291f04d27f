/** A token bucket: `capacity` requests at once, refilled at `perSecond`. */
export interface BucketRule {
  capacity: number;
  perSecond: number;
}

export interface RateLimiter {
  /** Takes one token for `key`; returns 0 when allowed, otherwise the seconds to wait. */
  take(key: string, nowMs: number): number;
}

const MAX_KEYS = 10_000;

/** In-memory buckets, one per key; enough for one server process, which is how VendorVet runs. */
export function createRateLimiter(rule: BucketRule): RateLimiter {
  if (rule.capacity < 1 || rule.perSecond <= 0)
    throw new Error("a rate limit needs capacity >= 1 and a refill rate");
  const buckets = new Map<string, { tokens: number; at: number }>();

  const prune = (nowMs: number) => {
    // A bucket that has refilled completely carries no information; forgetting it changes nothing.
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + ((nowMs - bucket.at) / 1000) * rule.perSecond >= rule.capacity) buckets.delete(key);
    }
    // Under a flood of distinct keys, drop the oldest rather than grow without bound.
    for (const key of buckets.keys()) {
      if (buckets.size <= MAX_KEYS) break;
      buckets.delete(key);
    }
  };

  return {
    take(key, nowMs) {
      if (buckets.size >= MAX_KEYS) prune(nowMs);
      const bucket = buckets.get(key) ?? { tokens: rule.capacity, at: nowMs };
      const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
      bucket.tokens = Math.min(rule.capacity, bucket.tokens + elapsed * rule.perSecond);
      bucket.at = nowMs;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        buckets.set(key, bucket);
        return 0;
      }
      buckets.set(key, bucket);
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rule.perSecond));
    },
  };
}
