import type { BenchSuite } from "../lib/suite.ts";
import { apiBaseline } from "./api-baseline.ts";
import { dashboard } from "./dashboard.ts";
import { dpaExport } from "./dpa-export.ts";
import { dpaRender } from "./dpa-render.ts";
import { portalRender } from "./portal-render.ts";
import { portalSaves } from "./portal-saves.ts";
import { registerChecks } from "./register-checks.ts";
import { registerImport } from "./register-import.ts";
import { registerList } from "./register-list.ts";
import { scoring } from "./scoring.ts";

/** Every suite `npm run bench` runs, in order. Add new suites here. */
export const suites: readonly BenchSuite[] = [
  apiBaseline,
  registerList,
  registerChecks,
  registerImport,
  portalRender,
  portalSaves,
  scoring,
  dashboard,
  dpaRender,
  dpaExport,
];
