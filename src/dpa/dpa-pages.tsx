import type { Context } from "hono";
import { Hono } from "hono";
import { utcDay } from "../assessments/reminder-schedule.ts";
import { access } from "../auth/roles.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, type FieldIssue, NotFoundError } from "../shared/errors.ts";
import { Layout } from "../web/layout.tsx";
import { findDpaVersion, listApprovedVendorDpas } from "./dpa-queries.ts";
import { limitSignedUpload } from "./dpa-routes.ts";
import { generateDpa } from "./dpa-service.ts";
import { markDpaSent, recordSignedDpa } from "./dpa-signing.ts";
import { dpaStatusForVendor } from "./dpa-status.ts";
import { DpaListPage } from "./pages/dpa-list-page.tsx";
import { DpaPanel, type DpaPanelState } from "./pages/dpa-panel.tsx";

const NOTICES: Record<string, string> = {
  generated: "A new DPA version was generated.",
  unchanged: "Nothing changed since the latest version, so no new version was made.",
  sent: "Marked as sent for signature.",
  signed: "The countersigned copy was stored; this version is now in force.",
};

function mayManage(c: Context<AppEnv>): boolean {
  const role = c.var.principal?.user.role;
  return role !== undefined && (access.privacy as readonly string[]).includes(role);
}

/**
 * The DPA panel for the vendor page: vendor-pages.tsx renders it with `dpa={await vendorDpaPanel(c, id)}`.
 * Its notice comes from the `dpa` query parameter the actions below redirect with.
 */
export async function vendorDpaPanel(c: Context<AppEnv>, vendorId: string, state?: DpaPanelState) {
  const { db, clock } = c.var.deps;
  const status = await dpaStatusForVendor(db, vendorId, clock.now());
  return (
    <DpaPanel
      principal={c.var.principal}
      status={status}
      canManage={mayManage(c)}
      today={utcDay(clock.now())}
      notice={state ? undefined : NOTICES[c.req.query("dpa") ?? ""]}
      state={state}
    />
  );
}

/** The vendor's DPA on a page of its own: where a failed action comes back with its message. */
async function renderVendorDpa(
  c: Context<AppEnv>,
  vendorId: string,
  state?: DpaPanelState,
  status: 200 | 400 | 404 | 409 | 413 | 415 | 422 = 200,
) {
  const panel = await vendorDpaPanel(c, vendorId, state);
  const vendor = await c.var.deps.db
    .selectFrom("vendors")
    .select("name")
    .where("id", "=", vendorId)
    .executeTakeFirstOrThrow();
  return c.html(
    <Layout title={`DPA · ${vendor.name}`} principal={c.var.principal} currentPath="/dpa">
      <nav aria-label="breadcrumb">
        <ul>
          <li>
            <a href="/vendors">Vendors</a>
          </li>
          <li>
            <a href={`/vendors/${vendorId}`}>{vendor.name}</a>
          </li>
          <li aria-current="page">DPA</li>
        </ul>
      </nav>
      {panel}
    </Layout>,
    status,
  );
}

type FailureStatus = 400 | 404 | 409 | 413 | 415 | 422;

/** Runs a page action; bad input or a refused step comes back as the vendor's DPA page with the message. */
async function act(
  c: Context<AppEnv>,
  vendorId: string,
  notice: (result: unknown) => string,
  action: () => Promise<unknown>,
  state: DpaPanelState = {},
) {
  let result: unknown;
  try {
    result = await action();
  } catch (err) {
    if (!(err instanceof AppError) || err.status === 403 || err.status === 401 || err.status >= 500)
      throw err;
    const issues = err.code === "validation_failed" ? (err.details as FieldIssue[]) : undefined;
    const list = err.code === "unprocessable" ? (err.details as FieldIssue[]) : [];
    const message = [err.message, ...list.map((i) => i.message)].join(": ");
    return renderVendorDpa(c, vendorId, { ...state, issues, error: message }, err.status as FailureStatus);
  }
  return c.redirect(`/vendors/${vendorId}?dpa=${notice(result)}#dpa`, 303);
}

async function vendorOfDocument(c: Context<AppEnv>): Promise<string> {
  const row = await findDpaVersion(c.var.deps.db, c.req.param("documentId") ?? "");
  if (!row) throw new NotFoundError("DPA document");
  return row.vendor_id;
}

/** Staff pages for DPAs: the list of approved vendors' DPAs and the actions of the vendor page's DPA panel. */
export function dpaPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/dpa", requireAccess("read"), async (c) => {
    const rows = await listApprovedVendorDpas(c.var.deps.db);
    return c.html(
      <DpaListPage
        principal={c.var.principal}
        canExport={mayManage(c)}
        rows={rows.map((r) => ({
          vendorId: r.vendor_id,
          vendorName: r.vendor_name,
          documentId: r.document_id,
          version: r.version,
          status: r.status,
          signedOn: r.signed_on,
          createdAt: r.created_at,
        }))}
      />,
    );
  });

  app.get("/vendors/:id/dpa", requireAccess("read"), (c) => renderVendorDpa(c, c.req.param("id")));

  app.post("/vendors/:id/dpa/generate", requireAccess("privacy"), async (c) => {
    const vendorId = c.req.param("id");
    const form = await c.req.parseBody();
    const effectiveDate = typeof form.effectiveDate === "string" ? form.effectiveDate.trim() : "";
    return act(
      c,
      vendorId,
      (r) => ((r as { created: boolean }).created ? "generated" : "unchanged"),
      () => generateDpa(serviceContext(c), vendorId, effectiveDate ? { effectiveDate } : {}),
      { effectiveDate },
    );
  });

  app.post("/dpa/:documentId/sent", requireAccess("privacy"), async (c) => {
    const vendorId = await vendorOfDocument(c);
    return act(
      c,
      vendorId,
      () => "sent",
      () => markDpaSent(serviceContext(c), c.req.param("documentId")),
    );
  });

  app.post("/dpa/:documentId/signed", limitSignedUpload, requireAccess("privacy"), async (c) => {
    const vendorId = await vendorOfDocument(c);
    const form = await c.req.parseBody();
    const signedOn = typeof form.signedOn === "string" ? form.signedOn.trim() : "";
    const file = form.file;
    return act(
      c,
      vendorId,
      () => "signed",
      async () => {
        const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
        await recordSignedDpa(serviceContext(c), c.req.param("documentId"), { bytes, signedOn });
      },
      { signedOn },
    );
  });

  return app;
}
