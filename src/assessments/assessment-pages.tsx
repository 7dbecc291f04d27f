import type { Context } from "hono";
import { Hono } from "hono";
import { access } from "../auth/roles.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, type FieldIssue, NotFoundError, ValidationError } from "../shared/errors.ts";
import { findVendor, listContacts } from "../vendors/vendor-queries.ts";
import { getVendorRisk } from "../vendors/vendor-read.ts";
import {
  addRecipient,
  cancelAssessment,
  reissueInvite,
  remindNow,
  revokeInvite,
} from "./assessment-actions.ts";
import { parseRecipientForm, parseSendForm, type SendFormValues } from "./assessment-form.ts";
import { listAssessments, listLatestQuestionnaires } from "./assessment-queries.ts";
import { loadAssessment, toAssessmentSummary } from "./assessment-read.ts";
import { AssessmentListQuery } from "./assessment-schemas.ts";
import { createAssessment } from "./assessment-service.ts";
import { AssessmentDetailPage, type DetailPageState } from "./pages/assessment-detail-page.tsx";
import { type AssessmentFilters, AssessmentListPage } from "./pages/assessment-list-page.tsx";
import { SendFormPage } from "./pages/send-form-page.tsx";
import { addDays, utcDay } from "./reminder-schedule.ts";

const NOTICES: Record<string, string> = {
  sent: "Questionnaire sent: each recipient gets an email with a personal link.",
  cancelled: "Assessment cancelled; every link has stopped working.",
  added: "Recipient added and emailed a link.",
  revoked: "Link revoked.",
  reissued: "Old link revoked and a new one emailed.",
  reminded: "Reminder sent with a new link to every recipient whose link works.",
};

function mayProcure(c: Context<AppEnv>): boolean {
  const role = c.var.principal?.user.role;
  return role !== undefined && (access.procure as readonly string[]).includes(role);
}

const CONTACT_ORDER = { security: 0, privacy: 1, commercial: 2 } as const;

async function renderSendForm(
  c: Context<AppEnv>,
  vendorId: string,
  form: { values?: SendFormValues; issues?: FieldIssue[] | undefined; error?: string | undefined } = {},
  status: 200 | 400 | 409 = 200,
) {
  const { db, clock } = c.var.deps;
  const vendor = await findVendor(db, vendorId);
  if (!vendor) throw new NotFoundError("Vendor");
  const [questionnaires, risk, contacts] = await Promise.all([
    listLatestQuestionnaires(db),
    getVendorRisk(db, vendorId),
    listContacts(db, vendorId),
  ]);
  const recommended = questionnaires.some((q) => q.key === risk.recommendedQuestionnaire)
    ? risk.recommendedQuestionnaire
    : undefined;
  const today = utcDay(clock.now());
  const values = form.values ?? {
    vendorId,
    questionnaire: recommended ?? "",
    dueDate: addDays(today, 14),
    message: "",
    recipients: [...contacts]
      .sort((a, b) => CONTACT_ORDER[a.role] - CONTACT_ORDER[b.role])
      .map((ct) => ({ name: ct.name, email: ct.email })),
  };
  const closed = vendor.status === "offboarded" || vendor.status === "rejected";
  return c.html(
    <SendFormPage
      principal={c.var.principal}
      vendor={vendor}
      questionnaires={questionnaires}
      recommended={recommended}
      values={values}
      issues={form.issues}
      error={
        form.error ??
        (closed ? `This vendor is ${vendor.status}; questionnaires cannot be sent to it.` : undefined)
      }
      today={today}
    />,
    status,
  );
}

async function renderDetail(c: Context<AppEnv>, state?: DetailPageState, status: 200 | 400 | 409 = 200) {
  const { db, clock, config } = c.var.deps;
  const { detail, template } = await loadAssessment(db, c.req.param("id") ?? "", clock.now(), config);
  return c.html(
    <AssessmentDetailPage
      principal={c.var.principal}
      detail={detail}
      template={template}
      canEdit={mayProcure(c)}
      notice={state ? undefined : NOTICES[c.req.query("notice") ?? ""]}
      state={state}
    />,
    status,
  );
}

/** Runs a page action; a conflict or bad input comes back as the assessment page with the message. */
async function act(c: Context<AppEnv>, notice: string, action: () => Promise<unknown>) {
  try {
    await action();
  } catch (err) {
    if (err instanceof AppError && (err.code === "conflict" || err.code === "validation_failed"))
      return renderDetail(c, { error: err.message }, err.code === "conflict" ? 409 : 400);
    throw err;
  }
  return c.redirect(`/assessments/${c.req.param("id")}?notice=${notice}`, 303);
}

/** Staff pages for sending questionnaires and following them up. */
export function assessmentPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/assessments", requireAccess("read"), async (c) => {
    const { db, clock } = c.var.deps;
    const filters: AssessmentFilters = {
      vendorId: c.req.query("vendorId") ?? "",
      status: c.req.query("status") ?? "",
      overdue: c.req.query("overdue") ?? "",
    };
    const parsed = AssessmentListQuery.safeParse({
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== "")),
      ...(c.req.query("cursor") ? { cursor: c.req.query("cursor") } : {}),
    });
    if (!parsed.success) throw new ValidationError("The filters are not valid", []);
    const now = clock.now();
    const { rows, nextCursor } = await listAssessments(db, parsed.data, now);
    const vendor = filters.vendorId ? await findVendor(db, filters.vendorId) : undefined;
    return c.html(
      <AssessmentListPage
        principal={c.var.principal}
        rows={rows.map((r) => toAssessmentSummary(r, now))}
        nextCursor={nextCursor}
        filters={filters}
        vendorName={vendor?.name}
      />,
    );
  });

  app.get("/assessments/new", requireAccess("procure"), async (c) => {
    const vendorId = c.req.query("vendorId");
    if (!vendorId) return c.redirect("/vendors", 303);
    return renderSendForm(c, vendorId);
  });

  app.post("/assessments", requireAccess("procure"), async (c) => {
    const parsed = parseSendForm(await c.req.formData());
    if (!parsed.ok)
      return renderSendForm(c, parsed.values.vendorId, { values: parsed.values, issues: parsed.issues }, 400);
    try {
      const row = await createAssessment(serviceContext(c), parsed.input);
      return c.redirect(`/assessments/${row.id}?notice=sent`, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const issues = (err.details as FieldIssue[]).map((i) => ({ ...i, path: parsed.rowOf(i.path) }));
        return renderSendForm(c, parsed.values.vendorId, { values: parsed.values, issues }, 400);
      }
      if (err instanceof AppError && err.code === "conflict")
        return renderSendForm(c, parsed.values.vendorId, { values: parsed.values, error: err.message }, 409);
      throw err;
    }
  });

  app.get("/assessments/:id", requireAccess("read"), (c) => renderDetail(c));

  app.post("/assessments/:id/cancel", requireAccess("procure"), async (c) => {
    const reason = String((await c.req.formData()).get("reason") ?? "").trim();
    return act(c, "cancelled", () =>
      cancelAssessment(serviceContext(c), c.req.param("id"), reason ? { reason } : {}),
    );
  });

  app.post("/assessments/:id/invites", requireAccess("procure"), async (c) => {
    const parsed = parseRecipientForm(await c.req.formData());
    if (!parsed.ok)
      return renderDetail(c, { recipient: { values: parsed.values, issues: parsed.issues } }, 400);
    try {
      await addRecipient(serviceContext(c), c.req.param("id"), parsed.input);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict")
        return renderDetail(c, { error: err.message, recipient: { values: parsed.values } }, 409);
      throw err;
    }
    return c.redirect(`/assessments/${c.req.param("id")}?notice=added`, 303);
  });

  app.post("/assessments/:id/invites/:inviteId/revoke", requireAccess("procure"), (c) =>
    act(c, "revoked", () => revokeInvite(serviceContext(c), c.req.param("id"), c.req.param("inviteId"))),
  );

  app.post("/assessments/:id/invites/:inviteId/reissue", requireAccess("procure"), (c) =>
    act(c, "reissued", () => reissueInvite(serviceContext(c), c.req.param("id"), c.req.param("inviteId"))),
  );

  app.post("/assessments/:id/remind", requireAccess("procure"), async (c) => {
    const force = (await c.req.formData()).get("force") === "on";
    return act(c, "reminded", () => remindNow(serviceContext(c), c.req.param("id"), { force }));
  });

  return app;
}
