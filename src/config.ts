import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every environment variable VendorVet reads, with its default. The README lists the same. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_PATH: z.string().min(1).default("./data/vendorvet.db"),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  TRUST_PROXY: bool.default(false),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default("VendorVet <vendorvet@localhost>"),
  UPLOAD_DIR: z.string().min(1).optional(),
  REMINDER_DAYS_BEFORE_DUE: z
    .string()
    .regex(/^\d+(,\d+)*$/, "a comma-separated list of whole numbers, e.g. 7,1")
    .default("7,1"),
  INVITE_VALID_DAYS_AFTER_DUE: z.coerce.number().int().min(1).max(365).default(30),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string | undefined;
  databasePath: string;
  publicUrl: string;
  logLevel: Env["LOG_LEVEL"];
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
  admin: { email: string; password: string } | undefined;
  session: { idleMinutes: number; maxHours: number };
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMinutes: number };
  trustProxy: boolean;
  /** scrypt cost; lowered only by tests. */
  passwordHashCost: number;
  mail: { smtpUrl: string | undefined; from: string };
  /** Evidence files live here, outside anything served as static content. */
  uploadDir: string;
  reminders: { daysBeforeDue: number[] };
  inviteValidDaysAfterDue: number;
}

export class ConfigError extends Error {}

/** Reads the environment once, at start. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError("Invalid configuration: set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither");
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith("https://"),
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: e.LOGIN_WINDOW_MINUTES,
    },
    trustProxy: e.TRUST_PROXY,
    passwordHashCost: 15,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    uploadDir:
      e.UPLOAD_DIR ??
      (e.DATABASE_PATH === ":memory:"
        ? join(tmpdir(), "vendorvet-uploads")
        : join(dirname(e.DATABASE_PATH), "uploads")),
    reminders: { daysBeforeDue: e.REMINDER_DAYS_BEFORE_DUE.split(",").map(Number) },
    inviteValidDaysAfterDue: e.INVITE_VALID_DAYS_AFTER_DUE,
  };
}
