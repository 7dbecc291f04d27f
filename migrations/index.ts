import type { Migration } from "kysely";
import * as m0001 from "./0001-foundation.ts";
import * as m0002 from "./0002-vendor-register.ts";
import * as m0003 from "./0003-questionnaire-versions.ts";
import * as m0004 from "./0004-assessments-and-mail.ts";
import * as m0005 from "./0005-scoring-and-review.ts";
import * as m0006 from "./0006-dpa-documents.ts";
import * as m0007 from "./0007-vendor-dpa-parties.ts";
import * as m0008 from "./0008-accent-folded-search.ts";
import * as m0009 from "./0009-outbox-invite.ts";
import * as m0010 from "./0010-register-check-results.ts";

/** Every migration in order. An explicit list, so none is silently skipped. */
export const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-vendor-register": m0002,
  "0003-questionnaire-versions": m0003,
  "0004-assessments-and-mail": m0004,
  "0005-scoring-and-review": m0005,
  "0006-dpa-documents": m0006,
  "0007-vendor-dpa-parties": m0007,
  "0008-accent-folded-search": m0008,
  "0009-outbox-invite": m0009,
  "0010-register-check-results": m0010,
};
