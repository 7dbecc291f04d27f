import type { Context } from "hono";
import { Hono } from "hono";
import { loadAssessment } from "../assessments/assessment-read.ts";
import { utcDay } from "../assessments/reminder-schedule.ts";
import { access } from "../auth/roles.ts";
import type { Db } from "../db/connection.ts";
import { parseNewFindingForm } from "../findings/finding-form.ts";
import { createReviewerFinding, listOpenFindings } from "../findings/finding-service.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { findVersionById } from "../questionnaires/questionnaire-queries.ts";
import { Template } from "../questionnaires/template-schema.ts";
import { AppError, type FieldIssue, NotFoundError, ValidationError } from "../shared/errors.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import { requestClarification } from "./clarification-service.ts";
import { addComment } from "./comment-service.ts";
import { type BlockingFinding, RiskAcceptanceRequiredError } from "./completion-rules.ts";
import { completeReview } from "./completion-service.ts";
import { OverrideNotFoundError, removeScoreOverride, setScoreOverride } from "./override-service.ts";
import {
  clarificationIssues,
  parseClarificationForm,
  parseCommentForm,
  parseCompletionForm,
  parseOverrideForm,
  type ReviewPageState,
} from "./pages/review-forms.ts";
import { type NoticeSection, ReviewPage } from "./pages/review-page.tsx";

const NOTICES: Record<string, string> = {
  overridden: "Score overridden; the assessment was rescored.",
  "override-removed": "Override removed; the question scores from its answer again.",
  "override-already-removed": "That override was already removed; the question scores from its answer.",
  commented: "Comment added.",
  clarification:
    "Clarification requested. Each recipient gets an email with a link to change the answers asked about.",
  completed: "Review completed and the decision recorded.",
  "finding-added": "Finding added.",
  "finding-planned": "Remediation plan recorded.",
  "finding-resolved": "Finding resolved.",
  "risk-accepted": "Risk accepted.",
  "finding-reopened": "Finding reopened.",
};

/**
 * Notices whose redirect lands on a section of the page (a `#comments-title`-style fragment) rather than on a
 * question: shown in that section, where the reviewer looks.
 */
const NOTICE_SECTIONS: Record<string, NoticeSection> = {
  commented: "comments",
  "finding-added": "findings",
  "finding-planned": "findings",
  "finding-resolved": "findings",
  "risk-accepted": "findings",
  "finding-reopened": "findings",
};

/** The notice's text; an accepted risk says until when, from the date the finding step put in the link. */
function noticeText(notice: string, until: string | undefined): string | undefined {
  if (notice === "risk-accepted" && until && /^\d{4}-\d{2}-\d{2}$/.test(until))
    return `Risk accepted until ${until}.`;
  return NOTICES[notice];
}

const FAILED: Record<ReviewPageState["form"], string> = {
  override: "The score was not overridden.",
  comment: "The comment was not added.",
  clarify: "The clarification request was not sent.",
  complete: "The review was not completed.",
  finding: "The finding was not added.",
};

function mayReview(c: Context<AppEnv>): boolean {
  const role = c.var.principal?.user.role;
  return role !== undefined && (access.privacy as readonly string[]).includes(role);
}

async function blockingFindings(db: Db, vendorId: string, now: Date): Promise<BlockingFinding[]> {
  return (await listOpenFindings(db, vendorId, now))
    .filter((f) => f.severity === "critical")
    .map((f) => ({ id: f.id, title: f.title, severity: f.severity, status: f.status, dueDate: f.dueDate }));
}

async function renderReview(c: Context<AppEnv>, state?: ReviewPageState, status: 200 | 400 | 409 = 200) {
  const { db, clock, config } = c.var.deps;
  const now = clock.now();
  const { detail, template } = await loadAssessment(db, c.req.param("id") ?? "", now, config);
  const canReview = mayReview(c);
  const notice = c.req.query("notice") ?? "";
  const question = c.req.query("q") || undefined;
  const [vendor, blocking] = await Promise.all([
    findVendor(db, detail.vendor.id),
    canReview && detail.status === "submitted" ? blockingFindings(db, detail.vendor.id, now) : [],
  ]);
  return c.html(
    <ReviewPage
      principal={c.var.principal}
      detail={detail}
      template={template}
      tier={vendor?.tier}
      canReview={canReview}
      blocking={blocking}
      today={utcDay(now)}
      notice={state ? undefined : noticeText(notice, c.req.query("until"))}
      noticeAt={question}
      noticeIn={question ? undefined : NOTICE_SECTIONS[notice]}
      state={state}
    />,
    status,
  );
}

async function assessmentRow(db: Db, assessmentId: string) {
  const row = await db
    .selectFrom("assessments")
    .select(["vendor_id", "questionnaire_version_id"])
    .where("id", "=", assessmentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Assessment");
  return row;
}

/** The template an assessment was sent with; its question ids in order and weights. */
async function templateOf(db: Db, assessmentId: string): Promise<Template> {
  const row = await assessmentRow(db, assessmentId);
  const version = await findVersionById(db, row.questionnaire_version_id);
  if (!version) throw new NotFoundError("Questionnaire version");
  return Template.parse(JSON.parse(version.content));
}

type Failed = Omit<ReviewPageState, "issues" | "error">;

/**
 * Back to one question: the browser scrolls to it, so the page shows the notice there (`q`), not at the top
 * where the reviewer would never see it.
 */
const atQuestion = (notice: string, questionId: string) =>
  `?${new URLSearchParams({ notice, q: questionId })}#q-${questionId}`;

/**
 * Runs a review action and redirects back to the page with a notice; bad input or a refusal comes back as the
 * page with the form as typed and the problem named. `mapIssues` moves the service's issue paths onto fields.
 */
async function act(
  c: Context<AppEnv>,
  failed: Failed,
  run: () => Promise<unknown>,
  redirect: string | (() => string),
  mapIssues: (issues: FieldIssue[]) => FieldIssue[] = (i) => i,
) {
  try {
    await run();
  } catch (err) {
    if (err instanceof ValidationError)
      return renderReview(
        c,
        { ...failed, error: err.message, issues: mapIssues(err.details as FieldIssue[]) },
        400,
      );
    if (err instanceof RiskAcceptanceRequiredError)
      return renderReview(c, { ...failed, error: err.message, blocking: err.findings }, 409);
    if (err instanceof AppError && err.code === "conflict")
      return renderReview(c, { ...failed, error: err.message }, 409);
    throw err;
  }
  const to = typeof redirect === "string" ? redirect : redirect();
  return c.redirect(`/assessments/${c.req.param("id")}/review${to}`, 303);
}

/** The review page of an assessment and the forms on it; JSON twins live in review-routes.ts. */
export function reviewPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/assessments/:id/review", requireAccess("read"), (c) => renderReview(c));

  app.post("/assessments/:id/review/overrides/:questionId", requireAccess("privacy"), async (c) => {
    const id = c.req.param("id");
    const questionId = c.req.param("questionId");
    const template = await templateOf(c.var.deps.db, id);
    const question = template.sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
    if (!question) throw new NotFoundError("Question");
    const parsed = parseOverrideForm(await c.req.formData(), question.weight);
    const failed: Failed = { form: "override", questionId, values: parsed.values };
    if (!parsed.ok) return renderReview(c, { ...failed, error: FAILED.override, issues: parsed.issues }, 400);
    return act(
      c,
      failed,
      () => setScoreOverride(serviceContext(c), id, questionId, parsed.input),
      atQuestion("overridden", questionId),
    );
  });

  app.post("/assessments/:id/review/overrides/:questionId/delete", requireAccess("privacy"), async (c) => {
    const id = c.req.param("id");
    const questionId = c.req.param("questionId");
    const template = await templateOf(c.var.deps.db, id);
    if (!template.sections.some((s) => s.questions.some((q) => q.id === questionId)))
      throw new NotFoundError("Question");
    // A second click, or another reviewer removing it first, leaves the state the reviewer asked for: say so
    // instead of a not-found page. The JSON API keeps its documented 404.
    let notice = "override-removed";
    const remove = async () => {
      try {
        await removeScoreOverride(serviceContext(c), id, questionId);
      } catch (err) {
        if (!(err instanceof OverrideNotFoundError)) throw err;
        notice = "override-already-removed";
      }
    };
    return act(c, { form: "override", questionId, values: {} }, remove, () => atQuestion(notice, questionId));
  });

  app.post("/assessments/:id/review/comments", requireAccess("privacy"), async (c) => {
    const parsed = parseCommentForm(await c.req.formData());
    const questionId = parsed.values.questionId || undefined;
    const failed: Failed = { form: "comment", questionId, values: parsed.values };
    if (!parsed.ok) return renderReview(c, { ...failed, error: FAILED.comment, issues: parsed.issues }, 400);
    return act(
      c,
      failed,
      () => addComment(serviceContext(c), c.req.param("id"), parsed.input),
      questionId ? atQuestion("commented", questionId) : "?notice=commented#comments-title",
    );
  });

  app.post("/assessments/:id/review/clarifications", requireAccess("privacy"), async (c) => {
    const id = c.req.param("id");
    const template = await templateOf(c.var.deps.db, id);
    const ids = template.sections.flatMap((s) => s.questions.map((q) => q.id));
    const parsed = parseClarificationForm(await c.req.formData(), ids);
    const failed: Failed = { form: "clarify", values: parsed.values, ticked: parsed.ticked };
    if (!parsed.ok) return renderReview(c, { ...failed, error: FAILED.clarify, issues: parsed.issues }, 400);
    return act(
      c,
      failed,
      () => requestClarification(serviceContext(c), id, parsed.input),
      "?notice=clarification",
      (issues) => clarificationIssues(issues, parsed.ticked),
    );
  });

  app.post("/assessments/:id/review/complete", requireAccess("privacy"), async (c) => {
    const parsed = parseCompletionForm(await c.req.formData());
    const failed: Failed = { form: "complete", values: parsed.values };
    if (!parsed.ok) return renderReview(c, { ...failed, error: FAILED.complete, issues: parsed.issues }, 400);
    return act(
      c,
      failed,
      () => completeReview(serviceContext(c), c.req.param("id"), parsed.input),
      "?notice=completed",
    );
  });

  // The review page's own "Add a finding" form: a mistake comes back here, next to the form, as typed.
  app.post("/assessments/:id/review/findings", requireAccess("privacy"), async (c) => {
    const id = c.req.param("id");
    const { vendor_id } = await assessmentRow(c.var.deps.db, id);
    const form = await c.req.formData();
    // The vendor and assessment come from the address, never from hidden fields a client could change.
    form.set("vendorId", vendor_id);
    form.set("assessmentId", id);
    const parsed = parseNewFindingForm(form);
    const failed: Failed = { form: "finding", values: parsed.values };
    if (!parsed.ok) return renderReview(c, { ...failed, error: FAILED.finding, issues: parsed.issues }, 400);
    return act(
      c,
      failed,
      () => createReviewerFinding(serviceContext(c), parsed.input),
      "?notice=finding-added#findings-title",
    );
  });

  return app;
}
