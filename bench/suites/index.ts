import type { BenchSuite } from "../lib/suite.ts";
import { apiBaseline } from "./api-baseline.ts";

/** Every suite `npm run bench` runs, in order. Add new suites here. */
export const suites: readonly BenchSuite[] = [apiBaseline];
