import type { BenchSuite } from "../lib/suite.ts";
import { apiBaseline } from "./api-baseline.ts";
import { portalRender } from "./portal-render.ts";
import { portalSaves } from "./portal-saves.ts";
import { registerImport } from "./register-import.ts";
import { registerList } from "./register-list.ts";

// register-import (./register-import.ts) joins this list once src/app.ts leaves POST /api/v1/vendors/import
// out of its 1 MiB API body limit; until then the 2.5 MB file is refused with 413.
/** Every suite `npm run bench` runs, in order. Add new suites here. */
export const suites: readonly BenchSuite[] = [
  apiBaseline,
  registerList,
  registerImport,
  portalRender,
  portalSaves,
];
