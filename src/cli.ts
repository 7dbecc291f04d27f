import { parseArgs } from "node:util";
import { z } from "zod";
import { verifyAuditChain } from "./audit/audit-verify.ts";
import { cliActor } from "./auth/roles.ts";
import { createApiToken } from "./auth/token-service.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { backupDatabase } from "./db/backup.ts";
import { createDb, type Db, openSqlite } from "./db/connection.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { DPA_HELP, dpaOptions, runDpaCommand } from "./dpa/dpa-cli.ts";
import { QUESTIONNAIRE_HELP, runQuestionnaireCommand } from "./questionnaires/questionnaire-cli.ts";
import { startServer } from "./server.ts";
import { AppError } from "./shared/errors.ts";
import { systemClock, ulidGenerator } from "./shared/runtime.ts";
import type { ServiceContext } from "./shared/service-context.ts";
import { findUserByEmail, listUsers } from "./users/user-queries.ts";
import { CreateUser } from "./users/user-schemas.ts";
import { createUser, updateUser } from "./users/user-service.ts";
import {
  REGISTER_IO_HELP,
  registerIoOptions,
  runExportCommand,
  runImportCommand,
} from "./vendors/register-io-cli.ts";

const HELP = `vendorvet: third-party vendor risk management

Usage: vendorvet <command> [options]

Commands:
  serve                                   start the web server and API (same as npm start)
  migrate                                 apply pending database migrations and exit
  user add <email> --role <role> [--name <name>] [--password <pw>]
                                          add a staff user (roles: admin, privacy, procurement, viewer)
  user list                               list users
  user disable <email> | user enable <email>
  user set-password <email> --password <pw>
  token create --user <email> [--name <name>] [--expires-days <n>]
                                          create an API token; the secret is printed once
${QUESTIONNAIRE_HELP}
${REGISTER_IO_HELP}
${DPA_HELP}
  audit verify                            check the audit trail's hash chain (exit 1 if broken)
  backup <file>                           write a consistent copy of the live database (SQLite online backup)

Environment: DATABASE_PATH (default ./data/vendorvet.db), PORT, PUBLIC_URL and the rest in the README.
`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  env: process.env,
};

class UsageError extends Error {}

async function withDb<T>(config: Config, fn: (ctx: ServiceContext, db: Db) => Promise<T>): Promise<T> {
  const db = createDb(openSqlite(config.databasePath));
  try {
    await migrateToLatest(db);
    return await fn({ db, config, clock: systemClock, newId: ulidGenerator, actor: cliActor }, db);
  } finally {
    await db.destroy();
  }
}

async function requireUser(db: Db, email: string | undefined) {
  if (!email) throw new UsageError("Give the user's email");
  const user = await findUserByEmail(db, email);
  if (!user) throw new UsageError(`No user with the email ${email}`);
  return user;
}

function parseCliArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      user: { type: "string" },
      "expires-days": { type: "string" },
      extension: { type: "string" },
      key: { type: "string" },
      title: { type: "string" },
      ...registerIoOptions,
      ...dpaOptions,
    },
  });
}

/** Runs one CLI command and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (err) {
    io.err(err instanceof Error ? err.message : String(err));
    io.err("Run `vendorvet --help` for the commands.");
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub, arg] = positionals;
  if (values.help || !command || command === "help") {
    io.out(HELP);
    return command || values.help ? 0 : 2;
  }
  try {
    const config = loadConfig(io.env);
    switch (command) {
      case "serve": {
        const server = await startServer(config, { print: io.out });
        const stop = async () => {
          await server.close();
          process.exit(0);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        return await new Promise<number>(() => {});
      }
      case "migrate": {
        const db = createDb(openSqlite(config.databasePath));
        try {
          const applied = await migrateToLatest(db);
          io.out(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
        } finally {
          await db.destroy();
        }
        return 0;
      }
      case "user":
        return await withDb(config, async (ctx, db) => {
          if (sub === "add") {
            const parsed = CreateUser.safeParse({
              email: arg,
              role: values.role,
              name: values.name ?? arg?.split("@")[0],
              password: values.password,
            });
            if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error));
            const user = await createUser(ctx, parsed.data);
            io.out(
              `Added ${user.email} (${user.role}).${user.hasPassword ? "" : " No password set: use `vendorvet user set-password`."}`,
            );
            return 0;
          }
          if (sub === "list") {
            for (const u of await listUsers(db))
              io.out(`${u.email}\t${u.role}\t${u.disabled_at ? "disabled" : "active"}\t${u.name}`);
            return 0;
          }
          if (sub === "disable" || sub === "enable") {
            const user = await requireUser(db, arg);
            await updateUser(ctx, user.id, { disabled: sub === "disable" });
            io.out(`${user.email} ${sub}d.`);
            return 0;
          }
          if (sub === "set-password") {
            const user = await requireUser(db, arg);
            if (!values.password) throw new UsageError("Give --password");
            await updateUser(ctx, user.id, { password: values.password });
            io.out(`Password changed for ${user.email}; their sessions were ended.`);
            return 0;
          }
          throw new UsageError(`Unknown user command: ${sub ?? "(none)"}`);
        });
      case "token":
        if (sub !== "create") throw new UsageError(`Unknown token command: ${sub ?? "(none)"}`);
        return await withDb(config, async (ctx, db) => {
          const user = await requireUser(db, values.user);
          const days = values["expires-days"] ? Number(values["expires-days"]) : undefined;
          const created = await createApiToken(ctx, {
            name: values.name ?? "CLI token",
            userId: user.id,
            ...(days ? { expiresInDays: days } : {}),
          });
          io.err(
            `Token "${created.name}" for ${user.email} (${user.role}). Copy it now; it is not shown again:`,
          );
          io.out(created.token);
          return 0;
        });
      case "questionnaire":
        return await runQuestionnaireCommand(argv.slice(argv.indexOf(command) + 1), io, config);
      case "audit":
        if (sub !== "verify") throw new UsageError(`Unknown audit command: ${sub ?? "(none)"}`);
        return await withDb(config, async (_ctx, db) => {
          const result = await verifyAuditChain(db);
          if (result.ok) {
            io.out(`Audit trail intact: ${result.checked} events verified.`);
            return 0;
          }
          const where = result.brokenAt
            ? `at event ${result.brokenAt.seq} (${result.brokenAt.action}, id ${result.brokenAt.id})`
            : "at the end of the log";
          io.err(
            `Audit trail BROKEN ${where}: ${result.reason}. ${result.checked} events before it are intact.`,
          );
          return 1;
        });
      case "import":
        return await withDb(config, (ctx) => runImportCommand(ctx, sub, values, io));
      case "export":
        return await withDb(config, (ctx) => runExportCommand(ctx, sub, values, io));
      case "dpa":
        return await withDb(config, (ctx) => runDpaCommand(ctx, sub, values, io));
      case "backup": {
        if (!sub) throw new UsageError("Give the file to write: vendorvet backup <file>");
        const pages = await backupDatabase(config.databasePath, sub);
        io.out(`Backed up ${config.databasePath} to ${sub} (${pages} pages).`);
        return 0;
      }
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof AppError) {
      io.err(
        err instanceof AppError && Array.isArray(err.details)
          ? `${err.message}: ${JSON.stringify(err.details)}`
          : err.message,
      );
      if (err instanceof UsageError) io.err("Run `vendorvet --help` for the commands.");
      return 2;
    }
    throw err;
  }
}
