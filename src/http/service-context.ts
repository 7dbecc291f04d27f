import type { Context } from "hono";
import { systemActor } from "../auth/roles.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import type { AppEnv } from "./hono-env.ts";

/** The service context for the current request, acting as the signed-in principal. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const { db, config, clock, newId } = c.var.deps;
  return {
    db,
    config,
    clock,
    newId,
    actor: c.var.principal?.actor ?? systemActor,
    requestId: c.var.requestId,
    ip: c.var.clientIp,
  };
}
