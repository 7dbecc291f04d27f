import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/portal/rate-limit.ts";

describe("the portal's token buckets", () => {
  it("allows a burst, then asks to wait, then refills over time", () => {
    const limiter = createRateLimiter({ capacity: 3, perSecond: 0.5 });
    expect([0, 1, 2].map(() => limiter.take("a", 0))).toEqual([0, 0, 0]);
    expect(limiter.take("a", 0)).toBe(2);
    expect(limiter.take("b", 0)).toBe(0);
    expect(limiter.take("a", 1000)).toBe(1);
    expect(limiter.take("a", 2000)).toBe(0);
    expect(limiter.take("a", 2000)).toBe(2);
  });

  it("keeps limiting a busy client while thousands of others come and go", () => {
    const limiter = createRateLimiter({ capacity: 1, perSecond: 0.001 });
    for (let i = 0; i < 12_000; i++) limiter.take(`client-${i}`, i);
    expect(limiter.take("client-11999", 12_000)).toBeGreaterThan(0);
    expect(limiter.take("newcomer", 12_000)).toBe(0);
  });
});
