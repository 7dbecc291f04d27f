import type { AppDeps } from "../app-deps.ts";
import type { Actor } from "../auth/roles.ts";
import type { UserRow } from "../db/schema.ts";

export interface Principal {
  user: UserRow;
  actor: Actor;
  via: "session" | "token";
  /** Set for cookie sessions: forms must echo it. */
  csrfToken?: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    clientIp: string;
    principal: Principal | undefined;
  };
}
