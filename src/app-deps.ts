import type { Config } from "./config.ts";
import type { Db } from "./db/connection.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { Logger } from "./shared/logger.ts";
import type { Clock, IdGenerator } from "./shared/runtime.ts";

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  newId: IdGenerator;
}
