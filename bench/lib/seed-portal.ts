import { createAssessment } from "../../src/assessments/assessment-service.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb, openSqlite } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { type AnswerChange, saveAnswers } from "../../src/portal/answer-service.ts";
import { baseToken } from "../../src/portal/answer-values.ts";
import { publishTemplateData } from "../../src/questionnaires/questionnaire-service.ts";
import type { TemplateInput } from "../../src/questionnaires/template-schema.ts";
import { systemClock, ulidGenerator } from "../../src/shared/runtime.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { createUser } from "../../src/users/user-service.ts";
import { createVendor } from "../../src/vendors/vendor-service.ts";
import { sampleAnswer } from "./portal-template.ts";

/** One assessment sent to one vendor contact, with the secret of the link mailed to them. */
export interface SentAssessment {
  assessmentId: string;
  questionnaire: string;
  secret: string;
}

export interface PortalSeedRequest {
  templates: TemplateInput[];
  /** Assessments to send: the questionnaire key, and whether to answer every question first (as the vendor). */
  assessments: { questionnaire: string; answered: boolean }[];
}

const MAX_ASSESSMENTS = 500;

/**
 * Migrates a new database and sends questionnaires through VendorVet's own services: an admin publishes the
 * templates and sends each assessment to its own vendor; the link secret is read from the queued email,
 * as the vendor would read it.
 */
export async function seedPortalDatabase(
  path: string,
  request: PortalSeedRequest,
): Promise<SentAssessment[]> {
  if (request.assessments.length > MAX_ASSESSMENTS)
    throw new Error(`Send at most ${MAX_ASSESSMENTS} assessments, not ${request.assessments.length}`);
  const db = createDb(openSqlite(path));
  try {
    await migrateToLatest(db);
    const base: ServiceContext = {
      db,
      config: loadConfig({ DATABASE_PATH: path }),
      clock: systemClock,
      newId: ulidGenerator,
      actor: { type: "system", id: null, label: "bench seed" },
    };
    const admin = await createUser(base, {
      email: "bench-admin@example.test",
      name: "Bench Admin",
      role: "admin",
    });
    const ctx: ServiceContext = {
      ...base,
      actor: { type: "user", id: admin.id, label: admin.email, role: "admin", userId: admin.id },
    };
    for (const template of request.templates) await publishTemplateData(ctx, template, { source: "upload" });
    const byKey = new Map(request.templates.map((t) => [t.key, t]));
    const dueDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const sent: SentAssessment[] = [];
    for (const [i, wanted] of request.assessments.entries()) {
      const n = String(i + 1).padStart(3, "0");
      const vendor = await createVendor(ctx, {
        name: `Bench Supplier ${n}`,
        country: "NL",
        businessCriticality: "high",
      });
      const email = `contact-${n}@supplier-${n}.example`;
      const assessment = await createAssessment(ctx, {
        vendorId: vendor.id,
        questionnaire: wanted.questionnaire,
        dueDate,
        recipients: [{ name: `Contact ${n}`, email }],
      });
      const mail = await db
        .selectFrom("outbox")
        .select("text_body")
        .where("to_email", "=", email)
        .executeTakeFirstOrThrow();
      const secret = /\/portal\/([A-Za-z0-9_-]{20,})/.exec(mail.text_body)?.[1];
      if (!secret) throw new Error(`No portal link in the email to ${email}`);
      const template = byKey.get(wanted.questionnaire);
      if (wanted.answered && template) {
        const changes: AnswerChange[] = [];
        for (const section of template.sections)
          for (const [k, q] of section.questions.entries()) {
            const value = sampleAnswer(q, k);
            if (value !== undefined)
              changes.push({ questionId: q.id, base: { revision: 0, ...emptyHashes }, value, comment: null });
          }
        const vendorCtx: ServiceContext = {
          ...ctx,
          actor: { type: "vendor_link", id: null, label: `Contact ${n} ${email} (vendor link)` },
        };
        await saveAnswers(vendorCtx, assessment.id, changes);
      }
      sent.push({ assessmentId: assessment.id, questionnaire: wanted.questionnaire, secret });
    }
    return sent;
  } finally {
    await db.destroy();
  }
}

const emptyHashes = (() => {
  const [, valueHash = "", commentHash = ""] = baseToken(0, null, null).split(".");
  return { valueHash, commentHash };
})();
