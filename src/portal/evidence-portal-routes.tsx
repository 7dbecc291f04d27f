import { Hono } from "hono";
import { sendEvidenceFile } from "../evidence/evidence-download.ts";
import { findEvidence } from "../evidence/evidence-service.ts";
import { EvidenceRejectedError, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_TEXT } from "../evidence/evidence-types.ts";
import { NotFoundError } from "../shared/errors.ts";
import { portalContext } from "./answer-routes.tsx";
import { PortalMessagePage } from "./pages/link-pages.tsx";
import { findSection, loadPortalAssessment, questionIndex } from "./portal-data.ts";
import type { PortalEnv } from "./portal-env.ts";
import { removePortalEvidence, uploadPortalEvidence } from "./portal-evidence.ts";
import { limitBody, requirePortalCsrf } from "./portal-guard.tsx";
import { renderSectionPage } from "./section-view.tsx";

/** Room for the form fields that travel with the file in the same multipart body. */
const FORM_OVERHEAD = 512 * 1024;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Uploading, removing and downloading the vendor's own files, within their one assessment. */
export function evidencePortalRoutes(): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();

  app.post(
    "/portal/assessment/evidence",
    limitBody(
      MAX_EVIDENCE_BYTES + FORM_OVERHEAD,
      `The file is larger than ${MAX_EVIDENCE_TEXT}. Please upload a smaller file, or split it into parts.`,
    ),
    requirePortalCsrf(),
    async (c) => {
      const { db } = c.var.deps;
      const portal = await loadPortalAssessment(db, c.var.visitor.assessmentId);
      const body = await c.req.parseBody();
      const questionId = text(body.questionId) ?? "";
      const found = questionIndex(portal.template).get(questionId);
      if (!found) throw new NotFoundError("Question");
      const section = findSection(portal.template, text(body.sectionId) ?? "") ?? found.section;
      try {
        const file = body.file;
        if (!(file instanceof File) || file.size === 0)
          throw new EvidenceRejectedError(400, "Choose a file to upload first.");
        await uploadPortalEvidence(portalContext(c), portal, {
          questionId,
          file,
          kind: text(body.kind),
          expiresOn: text(body.expiresOn),
        });
      } catch (err) {
        if (!(err instanceof EvidenceRejectedError)) throw err;
        const overrides = new Map([[questionId, { uploadError: err.message }]]);
        return c.html(await renderSectionPage(db, portal, c.var.visitor, section, { overrides }), err.status);
      }
      return c.redirect(`/portal/assessment/sections/${section.id}?done=uploaded#q-${questionId}`, 303);
    },
  );

  app.post("/portal/assessment/evidence/:fileId/remove", requirePortalCsrf(), async (c) => {
    const portal = await loadPortalAssessment(c.var.deps.db, c.var.visitor.assessmentId);
    const file = await removePortalEvidence(portalContext(c), portal, c.req.param("fileId"));
    const sectionId = questionIndex(portal.template).get(file.question_id)?.section.id;
    if (!sectionId) return c.redirect("/portal/assessment", 303);
    return c.redirect(`/portal/assessment/sections/${sectionId}?done=removed#q-${file.question_id}`, 303);
  });

  app.get("/portal/assessment/evidence/:fileId", async (c) => {
    const file = await findEvidence(c.var.deps.db, c.var.visitor.assessmentId, c.req.param("fileId"));
    if (!file)
      return c.html(
        <PortalMessagePage
          title="File not found"
          message="There is no such file in this questionnaire."
          back
        />,
        404,
      );
    return sendEvidenceFile(c, c.var.deps.config.uploadDir, file);
  });

  return app;
}
