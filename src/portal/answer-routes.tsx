import { Hono } from "hono";
import { z } from "zod";
import { errorBody, NotFoundError, ValidationError, zodIssuesToFields } from "../shared/errors.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { type AnswerChange, saveAnswers } from "./answer-service.ts";
import { answerValues, loadAnswers } from "./answer-store.ts";
import {
  answerToControlValues,
  cleanComment,
  describeAnswer,
  MAX_COMMENT,
  parseBaseToken,
  parseSubmittedAnswer,
} from "./answer-values.ts";
import { nextSectionId } from "./pages/section-page.tsx";
import { findSection, loadPortalAssessment, questionIndex } from "./portal-data.ts";
import type { PortalEnv } from "./portal-env.ts";
import { limitBody, requirePortalCsrf } from "./portal-guard.tsx";
import { computeProgress } from "./progress.ts";
import { type QuestionOverride, renderSectionPage } from "./section-view.tsx";

const MAX_FORM_BYTES = 8 * 1024 * 1024;

const SAVED_NOTICES: Record<string, string> = {
  saved: "Your answers in this section are saved.",
  uploaded: "The file is uploaded and saved with your answers.",
  removed: "The file is removed.",
};

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === "string");
}

/** The portal's service context: the vendor, through their invite, is the actor. */
export function portalContext(c: { var: PortalEnv["Variables"] }): ServiceContext {
  const { db, config, clock, newId } = c.var.deps;
  return {
    db,
    config,
    clock,
    newId,
    actor: c.var.visitor.actor,
    requestId: c.var.requestId,
    ip: c.var.clientIp,
  };
}

const AutosaveBody = z.object({
  questionId: z.string().min(1).max(200),
  base: z.string().max(100),
  values: z.array(z.string().max(25_000)).max(200).optional(),
  comment: z
    .string()
    .max(MAX_COMMENT * 2)
    .nullable()
    .optional(),
});

/** The section pages: showing, saving with the button, and saving one answer at a time from the script. */
export function answerRoutes(): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();

  app.get("/portal/assessment/sections/:sectionId", async (c) => {
    const portal = await loadPortalAssessment(c.var.deps.db, c.var.visitor.assessmentId);
    const section = findSection(portal.template, c.req.param("sectionId"));
    if (!section) throw new NotFoundError("Section");
    const notice = SAVED_NOTICES[c.req.query("done") ?? ""];
    return c.html(await renderSectionPage(c.var.deps.db, portal, c.var.visitor, section, { notice }));
  });

  app.post(
    "/portal/assessment/sections/:sectionId",
    limitBody(
      MAX_FORM_BYTES,
      "These answers are too long to save at once. Shorten the longest answers and try again.",
    ),
    requirePortalCsrf(),
    async (c) => {
      const portal = await loadPortalAssessment(c.var.deps.db, c.var.visitor.assessmentId);
      const section = findSection(portal.template, c.req.param("sectionId"));
      if (!section) throw new NotFoundError("Section");
      const body = await c.req.parseBody({ all: true });
      const changes: AnswerChange[] = [];
      const overrides = new Map<string, QuestionOverride>();
      for (const question of section.questions) {
        if (question.type === "notice") continue;
        const base = parseBaseToken(strings(body[`base.${question.id}`])[0]);
        if (!base) continue;
        const values = strings(body[`a.${question.id}`]);
        const rawComment = strings(body[`c.${question.id}`])[0] ?? "";
        if (rawComment.length > MAX_COMMENT) {
          overrides.set(question.id, {
            values,
            comment: rawComment,
            error: `Keep the comment under ${MAX_COMMENT} characters`,
          });
          continue;
        }
        const comment = cleanComment(rawComment);
        if (question.type === "evidence") {
          changes.push({ questionId: question.id, base, value: undefined, comment });
          continue;
        }
        const parsed = parseSubmittedAnswer(question, values);
        if (!parsed.ok) overrides.set(question.id, { values, comment: rawComment, error: parsed.message });
        else changes.push({ questionId: question.id, base, value: parsed.value, comment });
      }
      const outcomes = await saveAnswers(portalContext(c), portal.assessment.id, changes);
      for (const outcome of outcomes)
        if (outcome.status === "conflict") overrides.set(outcome.questionId, { conflict: outcome });
      if (overrides.size === 0) {
        const progress = computeProgress(
          portal.template,
          answerValues(await loadAnswers(c.var.deps.db, portal.assessment.id)),
        );
        const go = strings(body.go)[0];
        const next = go === "next" ? nextSectionId(progress, section.id) : undefined;
        if (go === "overview") return c.redirect("/portal/assessment?done=saved", 303);
        return c.redirect(
          `/portal/assessment/sections/${next ?? section.id}${next ? "" : "?done=saved"}`,
          303,
        );
      }
      const anyConflict = outcomes.some((o) => o.status === "conflict");
      const saved = outcomes.filter((o) => o.status === "saved").length;
      return c.html(
        await renderSectionPage(c.var.deps.db, portal, c.var.visitor, section, {
          overrides,
          notice: saved > 0 ? `${saved} answer${saved === 1 ? " was" : "s were"} saved.` : undefined,
        }),
        anyConflict ? 409 : 422,
      );
    },
  );

  app.post(
    "/portal/assessment/answers",
    limitBody(256 * 1024, "This answer is too long to save."),
    requirePortalCsrf(),
    async (c) => {
      const parsedBody = AutosaveBody.safeParse(await c.req.json());
      if (!parsedBody.success)
        throw new ValidationError("The answer could not be read", zodIssuesToFields(parsedBody.error.issues));
      const input = parsedBody.data;
      const portal = await loadPortalAssessment(c.var.deps.db, c.var.visitor.assessmentId);
      const found = questionIndex(portal.template).get(input.questionId);
      if (!found || found.question.type === "notice") throw new NotFoundError("Question");
      const { question } = found;
      const base = parseBaseToken(input.base);
      if (!base)
        throw new ValidationError("The answer could not be read", [
          { path: "base", message: "not a revision token" },
        ]);
      const comment = cleanComment(input.comment);
      if ((comment ?? "").length > MAX_COMMENT) {
        const message = `Keep the comment under ${MAX_COMMENT} characters`;
        throw new ValidationError(message, [{ path: "comment", message }]);
      }
      let value: AnswerChange["value"];
      if (question.type !== "evidence" && input.values !== undefined) {
        const parsed = parseSubmittedAnswer(question, input.values);
        if (!parsed.ok)
          throw new ValidationError(parsed.message, [{ path: "values", message: parsed.message }]);
        value = parsed.value;
      }
      const [outcome] = await saveAnswers(portalContext(c), portal.assessment.id, [
        { questionId: question.id, base, value, comment },
      ]);
      if (!outcome) throw new Error("a save returned no outcome");
      if (outcome.status === "conflict") {
        const { theirs, mine } = outcome;
        return c.json(
          errorBody("conflict", "Someone else changed this answer while you were working.", {
            base: outcome.base,
            theirs: {
              values: answerToControlValues(theirs.value),
              comment: theirs.comment,
              text: describeAnswer(question, theirs.value),
              by: theirs.updatedBy?.replace(/ \(vendor link\)$/, "") ?? null,
              at: theirs.updatedAt,
            },
            mine: {
              text: mine.value === undefined ? null : describeAnswer(question, mine.value),
              comment: mine.comment,
            },
          }),
          409,
        );
      }
      const progress = computeProgress(
        portal.template,
        answerValues(await loadAnswers(c.var.deps.db, portal.assessment.id)),
      );
      const section = progress.sections.find((s) => s.id === found.section.id);
      return c.json({
        status: outcome.status,
        base: outcome.base,
        progress: {
          requiredAnswered: progress.requiredAnswered,
          requiredTotal: progress.requiredTotal,
          sectionRequiredAnswered: section?.requiredAnswered ?? 0,
          sectionRequiredTotal: section?.requiredTotal ?? 0,
        },
      });
    },
  );

  return app;
}
