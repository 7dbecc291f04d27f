import type { Context } from "hono";
import { Hono } from "hono";
import {
  listVendorAssessments,
  VendorAssessmentsPanel,
} from "../assessments/pages/vendor-assessments-panel.tsx";
import { type Access, access } from "../auth/roles.ts";
import { vendorDpaPanel } from "../dpa/dpa-pages.tsx";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, type FieldIssue, ValidationError } from "../shared/errors.ts";
import { Layout, Notice } from "../web/layout.tsx";
import {
  formIssues,
  parseContactForm,
  parseOverrideForm,
  parseStatusForm,
  parseVendorForm,
} from "./form-parsing.ts";
import { recordPages } from "./pages/record-pages.tsx";
import { RegisterChecksPage, readRegisterChecks } from "./pages/register-checks-page.tsx";
import { type DetailFormState, VendorDetailPage } from "./pages/vendor-detail-page.tsx";
import { ContactsEditor, EMPTY_VENDOR, VendorForm, vendorFormValues } from "./pages/vendor-form.tsx";
import { FILTER_KEYS, type VendorFilters, VendorListPage } from "./pages/vendor-list-page.tsx";
import { overrideTier } from "./register-service.ts";
import { toVendorSummary } from "./vendor-mappers.ts";
import { countByTier, listVendors } from "./vendor-queries.ts";
import { getVendorDetail } from "./vendor-read.ts";
import {
  ChangeStatus,
  ContactInput,
  CreateVendor,
  TierOverride,
  UpdateVendor,
  VendorListQuery,
} from "./vendor-schemas.ts";
import {
  addContact,
  changeVendorStatus,
  createVendor,
  removeContact,
  updateVendor,
} from "./vendor-service.ts";

const NOTICES: Record<string, string> = {
  created: "Vendor added. Record the personal data it receives next.",
  updated: "Vendor details saved.",
  status: "Status changed.",
  "contact-added": "Contact added.",
  "contact-removed": "Contact removed.",
  override: "Tier override saved.",
  "record-added": "Data-sharing record added; the inherent risk was recomputed.",
  "record-updated": "Data-sharing record saved; the inherent risk was recomputed.",
  "record-deleted": "Data-sharing record deleted; the inherent risk was recomputed.",
  "sub-added": "Sub-processor added.",
  "sub-removed": "Sub-processor removed.",
};

/** Whether the signed-in person's role may do what `level` names; decides which buttons a page shows. */
export function may(c: Context<AppEnv>, level: Access): boolean {
  const role = c.var.principal?.user.role;
  return role !== undefined && (access[level] as readonly string[]).includes(role);
}

export function notice(c: Context<AppEnv>): string | undefined {
  return NOTICES[c.req.query("notice") ?? ""];
}

async function renderDetail(c: Context<AppEnv>, state?: DetailFormState, status: 200 | 400 | 409 = 200) {
  const vendor = await getVendorDetail(c.var.deps.db, c.req.param("id") ?? "");
  const recent = await listVendorAssessments(c.var.deps.db, vendor.id, c.var.deps.clock.now());
  const dpa = await vendorDpaPanel(c, vendor.id);
  const page = (
    <VendorDetailPage
      dpa={dpa}
      assessments={
        <VendorAssessmentsPanel
          vendorId={vendor.id}
          rows={recent.rows}
          more={recent.more}
          canSend={may(c, "procure")}
        />
      }
      principal={c.var.principal}
      vendor={vendor}
      canEdit={may(c, "procure")}
      canOverride={may(c, "privacy")}
      notice={state ? undefined : notice(c)}
      state={state}
    />
  );
  return c.html(page, status);
}

async function renderEdit(
  c: Context<AppEnv>,
  form: { values?: ReturnType<typeof parseVendorForm>["values"]; issues?: FieldIssue[] } = {},
  contact: { values?: ReturnType<typeof parseContactForm>["values"]; issues?: FieldIssue[] } = {},
  status: 200 | 400 = 200,
) {
  const vendor = await getVendorDetail(c.var.deps.db, c.req.param("id") ?? "");
  return c.html(
    <Layout title={`Edit ${vendor.name}`} principal={c.var.principal} currentPath="/vendors">
      <h1>Edit {vendor.name}</h1>
      <Notice message={form.issues || contact.issues ? undefined : notice(c)} />
      <VendorForm
        principal={c.var.principal}
        action={`/vendors/${vendor.id}/edit`}
        values={form.values ?? vendorFormValues(vendor)}
        issues={form.issues}
        withContacts={false}
        submitLabel="Save details"
        cancelHref={`/vendors/${vendor.id}`}
      />
      <ContactsEditor
        principal={c.var.principal}
        vendorId={vendor.id}
        contacts={vendor.contacts}
        values={contact.values}
        issues={contact.issues}
      />
    </Layout>,
    status,
  );
}

function issuesOf(err: unknown): FieldIssue[] | undefined {
  return err instanceof ValidationError ? (err.details as FieldIssue[]) : undefined;
}

/** The vendor register pages: list, vendor form, vendor page with status, contacts, risk and override. */
export function vendorPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/vendors", requireAccess("read"), async (c) => {
    const raw = Object.fromEntries(
      FILTER_KEYS.map((k) => [k, c.req.query(k) ?? ""]),
    ) as unknown as VendorFilters;
    const cursor = c.req.query("cursor") || undefined;
    const given = Object.fromEntries(Object.entries({ ...raw, cursor }).filter(([, v]) => v));
    const parsed = VendorListQuery.safeParse(given);
    const db = c.var.deps.db;
    const page = parsed.success ? await listVendors(db, parsed.data) : { rows: [], nextCursor: null };
    const issues = parsed.success ? undefined : formIssues(parsed.error.issues);
    return c.html(
      <VendorListPage
        principal={c.var.principal}
        vendors={page.rows.map(toVendorSummary)}
        filters={raw}
        cursor={cursor}
        nextCursor={page.nextCursor}
        tierCounts={await countByTier(db)}
        canCreate={may(c, "procure")}
        notice={notice(c)}
        issues={issues}
      />,
      parsed.success ? 200 : 400,
    );
  });

  const renderNew = (
    c: Context<AppEnv>,
    values = EMPTY_VENDOR,
    issues?: FieldIssue[],
    status: 200 | 400 = 200,
  ) =>
    c.html(
      <Layout title="Add a vendor" principal={c.var.principal} currentPath="/vendors">
        <h1>Add a vendor</h1>
        <VendorForm
          principal={c.var.principal}
          action="/vendors/new"
          values={values}
          issues={issues}
          withContacts
          submitLabel="Add vendor"
          cancelHref="/vendors"
        />
      </Layout>,
      status,
    );

  app.get("/vendors/new", requireAccess("procure"), (c) => renderNew(c));

  app.post("/vendors/new", requireAccess("procure"), async (c) => {
    const { values, fields, contacts } = parseVendorForm(await c.req.formData());
    const parsed = CreateVendor.safeParse({ ...fields, contacts });
    if (!parsed.success) return renderNew(c, values, formIssues(parsed.error.issues), 400);
    const row = await createVendor(serviceContext(c), parsed.data);
    return c.redirect(`/vendors/${row.id}?notice=created`, 303);
  });

  app.get("/register/checks", requireAccess("read"), async (c) => {
    const severity = c.req.query("severity") ?? "";
    const code = c.req.query("code") ?? "";
    const { summary, checks } = await readRegisterChecks(c.var.deps.db, { severity, code });
    return c.html(
      <RegisterChecksPage
        principal={c.var.principal}
        checks={checks}
        summary={summary}
        severity={severity}
        code={code}
      />,
    );
  });

  app.get("/vendors/:id", requireAccess("read"), (c) => renderDetail(c));

  app.get("/vendors/:id/edit", requireAccess("procure"), (c) => renderEdit(c));

  app.post("/vendors/:id/edit", requireAccess("procure"), async (c) => {
    const { values, fields } = parseVendorForm(await c.req.formData());
    const parsed = UpdateVendor.safeParse(fields);
    if (!parsed.success) return renderEdit(c, { values, issues: formIssues(parsed.error.issues) }, {}, 400);
    await updateVendor(serviceContext(c), c.req.param("id"), parsed.data);
    return c.redirect(`/vendors/${c.req.param("id")}?notice=updated`, 303);
  });

  app.post("/vendors/:id/contacts", requireAccess("procure"), async (c) => {
    const { values, input } = parseContactForm(await c.req.formData());
    const parsed = ContactInput.safeParse(input);
    if (!parsed.success) {
      const issues = formIssues(parsed.error.issues).map((i) => ({ ...i, path: `contact.${i.path}` }));
      return renderEdit(c, {}, { values, issues }, 400);
    }
    await addContact(serviceContext(c), c.req.param("id"), parsed.data);
    return c.redirect(`/vendors/${c.req.param("id")}/edit?notice=contact-added#contacts`, 303);
  });

  app.post("/vendors/:id/contacts/:contactId/delete", requireAccess("procure"), async (c) => {
    await removeContact(serviceContext(c), c.req.param("id"), c.req.param("contactId"));
    return c.redirect(`/vendors/${c.req.param("id")}/edit?notice=contact-removed#contacts`, 303);
  });

  app.post("/vendors/:id/status", requireAccess("procure"), async (c) => {
    const { values, input } = parseStatusForm(await c.req.formData());
    const parsed = ChangeStatus.safeParse(input);
    if (!parsed.success) {
      const issues = formIssues(parsed.error.issues);
      return renderDetail(c, { form: "status", values, issues, error: "The status was not changed." }, 400);
    }
    try {
      await changeVendorStatus(serviceContext(c), c.req.param("id"), parsed.data);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== "conflict" && err.code !== "validation_failed"))
        throw err;
      const state = { form: "status" as const, values, issues: issuesOf(err) ?? [], error: err.message };
      return renderDetail(c, state, err.code === "conflict" ? 409 : 400);
    }
    return c.redirect(`/vendors/${c.req.param("id")}?notice=status#status`, 303);
  });

  app.post("/vendors/:id/override", requireAccess("privacy"), async (c) => {
    const { values, input } = parseOverrideForm(await c.req.formData());
    const parsed = TierOverride.safeParse(input);
    if (!parsed.success)
      return renderDetail(c, { form: "override", values, issues: formIssues(parsed.error.issues) }, 400);
    await overrideTier(serviceContext(c), c.req.param("id"), parsed.data);
    return c.redirect(`/vendors/${c.req.param("id")}?notice=override#risk`, 303);
  });

  app.route("/", recordPages());
  return app;
}
