import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import type { AppDeps } from "./app-deps.ts";
import { runAssessmentJobs } from "./assessments/assessment-jobs.ts";
import { prepareFirstAdmin } from "./auth/first-admin.ts";
import { systemActor } from "./auth/roles.ts";
import type { Config } from "./config.ts";
import { createDb, openSqlite } from "./db/connection.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { remindExpiringEvidence } from "./evidence/evidence-expiry.ts";
import { reopenExpiredAcceptances } from "./findings/finding-service.ts";
import { startDeliveryWorker } from "./mail/mail-delivery.ts";
import { createMailer } from "./mail/mailer.ts";
import { syncShippedTemplates } from "./questionnaires/questionnaire-service.ts";
import { createJsonLogger, type Logger } from "./shared/logger.ts";
import { systemClock, ulidGenerator } from "./shared/runtime.ts";
import { refreshStaleRegisterChecks } from "./vendors/register-check-store.ts";

export interface RunningServer {
  url: string;
  deps: AppDeps;
  close(): Promise<void>;
}

/** Opens the database, migrates it, prepares the first admin and serves the app until closed. */
export async function startServer(
  baseConfig: Config,
  options: { logger?: Logger; print?: (text: string) => void } = {},
): Promise<RunningServer> {
  // A copy, because with PORT=0 the public address is only known once the server listens.
  const config: Config = { ...baseConfig };
  const logger = options.logger ?? createJsonLogger(config.logLevel);
  const sqlite = openSqlite(config.databasePath);
  const db = createDb(sqlite);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info("migrations applied", { migrations: applied });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  try {
    const shipped = await syncShippedTemplates(
      { db, config, clock: systemClock, newId: ulidGenerator, actor: systemActor },
      fileURLToPath(new URL("../questionnaires/", import.meta.url)),
    );
    const published = shipped.filter((s) => s.created).map((s) => s.file);
    if (published.length > 0) logger.info("shipped questionnaires published", { files: published });
    // The first start after migration 0010, or after the rules changed, recomputes every vendor's stored checks.
    const started = performance.now();
    const refreshed = await refreshStaleRegisterChecks(db, systemClock);
    if (refreshed) {
      const seconds = Math.round(performance.now() - started) / 1000;
      logger.info("register checks recomputed", { ...refreshed, seconds });
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const deps: AppDeps = {
    db,
    config,
    clock: systemClock,
    newId: ulidGenerator,
    logger,
    mailer: createMailer(config, logger),
  };

  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, port: config.port, ...(config.host ? { hostname: config.host } : {}) },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host && config.host !== "0.0.0.0" && config.host !== "::" ? config.host : "localhost";
  const url = `http://${host}:${port}`;
  if (config.port === 0 && config.publicUrl.endsWith(":0")) config.publicUrl = url;
  logger.info("VendorVet is listening", { url, database: config.databasePath, publicUrl: config.publicUrl });

  const stopJobs = startBackgroundJobs(deps);

  const firstAdmin = await prepareFirstAdmin(deps);
  if (firstAdmin) (options.print ?? ((t: string) => process.stdout.write(`${t}\n`)))(firstAdmin);

  return {
    url,
    deps,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopJobs();
      await db.destroy();
    },
  };
}

const MAIL_INTERVAL_MS = 15_000;
const ASSESSMENT_JOBS_INTERVAL_MS = 10 * 60_000;

/** Periodic work inside the server process: mail delivery, reminders, expiry of links, risk acceptances and evidence. */
function startBackgroundJobs(deps: AppDeps): () => Promise<void> {
  const stopMail = startDeliveryWorker(deps, MAIL_INTERVAL_MS);
  let running: Promise<unknown> | undefined;
  const runJobs = () => {
    if (running) return;
    const ctx = { ...deps, actor: systemActor };
    running = Promise.all([
      guard("assessment jobs", () => runAssessmentJobs(deps)),
      guard("risk acceptance expiry", () => reopenExpiredAcceptances(ctx)),
      guard("evidence expiry reminders", () => remindExpiringEvidence(deps)),
    ]).finally(() => {
      running = undefined;
    });
  };
  const guard = (name: string, job: () => Promise<unknown>) =>
    job().catch((err: unknown) =>
      deps.logger.error(`${name} failed`, { error: err instanceof Error ? err.message : String(err) }),
    );
  runJobs();
  const timer = setInterval(runJobs, ASSESSMENT_JOBS_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await stopMail();
  };
}
