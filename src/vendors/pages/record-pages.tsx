import type { Context } from "hono";
import { Hono } from "hono";
import { requireAccess } from "../../http/auth-middleware.ts";
import type { AppEnv } from "../../http/hono-env.ts";
import { serviceContext } from "../../http/service-context.ts";
import { type FieldIssue, NotFoundError, ValidationError } from "../../shared/errors.ts";
import { Layout } from "../../web/layout.tsx";
import {
  formIssues,
  type ProcessingFormValues,
  parseProcessingForm,
  parseSubprocessorForm,
  processingFormValues,
  type SubprocessorFormValues,
} from "../form-parsing.ts";
import {
  addProcessingRecord,
  addSubprocessor,
  deleteProcessingRecord,
  deleteSubprocessor,
  ProcessingInput,
  SubprocessorInput,
  updateProcessingRecord,
} from "../register-service.ts";
import { toProcessingRecord } from "../vendor-mappers.ts";
import { findProcessingRecord, findVendor, listProcessing } from "../vendor-queries.ts";
import { EMPTY_PROCESSING, ProcessingForm } from "./processing-form.tsx";
import { emptySubprocessor, SubprocessorForm } from "./subprocessor-form.tsx";

async function vendorOf(c: Context<AppEnv>) {
  const vendor = await findVendor(c.var.deps.db, c.req.param("id") ?? "");
  if (!vendor) throw new NotFoundError("Vendor");
  return vendor;
}

function Breadcrumb(props: { vendor: { id: string; name: string }; here: string }) {
  return (
    <nav aria-label="breadcrumb">
      <ul>
        <li>
          <a href="/vendors">Vendors</a>
        </li>
        <li>
          <a href={`/vendors/${props.vendor.id}`}>{props.vendor.name}</a>
        </li>
        <li aria-current="page">{props.here}</li>
      </ul>
    </nav>
  );
}

async function renderRecordForm(
  c: Context<AppEnv>,
  values: ProcessingFormValues,
  recordId: string | undefined,
  issues?: FieldIssue[],
  status: 200 | 400 = 200,
) {
  const vendor = await vendorOf(c);
  const title = recordId ? "Edit data-sharing record" : "Add a data-sharing record";
  const base = `/vendors/${vendor.id}/processing`;
  return c.html(
    <Layout title={`${title}: ${vendor.name}`} principal={c.var.principal} currentPath="/vendors">
      <Breadcrumb vendor={vendor} here={title} />
      <h1>
        {title} <small class="muted">for {vendor.name}</small>
      </h1>
      <p>
        What personal data goes to the vendor, why, about whom and where it is processed (GDPR Art. 30(1)).
      </p>
      <ProcessingForm
        principal={c.var.principal}
        action={recordId ? `${base}/${recordId}/edit` : `${base}/new`}
        values={values}
        issues={issues}
        submitLabel={recordId ? "Save record" : "Add record"}
        cancelHref={`/vendors/${vendor.id}#processing`}
      />
    </Layout>,
    status,
  );
}

async function renderSubForm(
  c: Context<AppEnv>,
  values?: SubprocessorFormValues,
  issues?: FieldIssue[],
  status: 200 | 400 = 200,
) {
  const vendor = await vendorOf(c);
  const records = (await listProcessing(c.var.deps.db, vendor.id)).map((r) => ({
    id: r.id,
    purpose: r.purpose,
  }));
  const today = c.var.deps.clock.now().toISOString().slice(0, 10);
  return c.html(
    <Layout title={`Add a sub-processor: ${vendor.name}`} principal={c.var.principal} currentPath="/vendors">
      <Breadcrumb vendor={vendor} here="Add a sub-processor" />
      <h1>
        Add a sub-processor <small class="muted">for {vendor.name}</small>
      </h1>
      <SubprocessorForm
        principal={c.var.principal}
        action={`/vendors/${vendor.id}/subprocessors/new`}
        values={values ?? emptySubprocessor(today)}
        records={records}
        issues={issues}
        cancelHref={`/vendors/${vendor.id}#subprocessors`}
      />
    </Layout>,
    status,
  );
}

async function findRecord(c: Context<AppEnv>) {
  const row = await findProcessingRecord(
    c.var.deps.db,
    c.req.param("id") ?? "",
    c.req.param("recordId") ?? "",
  );
  if (!row) throw new NotFoundError("Data-sharing record");
  return toProcessingRecord(row);
}

const back = (c: Context<AppEnv>, notice: string, anchor: string) =>
  c.redirect(`/vendors/${c.req.param("id")}?notice=${notice}#${anchor}`, 303);

/** Pages for a vendor's data-sharing records and sub-processors. */
export function recordPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const procure = requireAccess("procure");

  app.get("/vendors/:id/processing/new", procure, (c) => renderRecordForm(c, EMPTY_PROCESSING, undefined));

  app.post("/vendors/:id/processing/new", procure, async (c) => {
    const { values, input } = parseProcessingForm(await c.req.formData());
    const parsed = ProcessingInput.safeParse(input);
    if (!parsed.success) return renderRecordForm(c, values, undefined, formIssues(parsed.error.issues), 400);
    await addProcessingRecord(serviceContext(c), c.req.param("id"), parsed.data);
    return back(c, "record-added", "processing");
  });

  app.get("/vendors/:id/processing/:recordId/edit", procure, async (c) =>
    renderRecordForm(c, processingFormValues(await findRecord(c)), c.req.param("recordId")),
  );

  app.post("/vendors/:id/processing/:recordId/edit", procure, async (c) => {
    const { values, input } = parseProcessingForm(await c.req.formData());
    const parsed = ProcessingInput.safeParse(input);
    const recordId = c.req.param("recordId");
    if (!parsed.success) return renderRecordForm(c, values, recordId, formIssues(parsed.error.issues), 400);
    await updateProcessingRecord(serviceContext(c), c.req.param("id"), recordId, parsed.data);
    return back(c, "record-updated", "processing");
  });

  app.post("/vendors/:id/processing/:recordId/delete", procure, async (c) => {
    await deleteProcessingRecord(serviceContext(c), c.req.param("id"), c.req.param("recordId"));
    return back(c, "record-deleted", "processing");
  });

  app.get("/vendors/:id/subprocessors/new", procure, (c) => renderSubForm(c));

  app.post("/vendors/:id/subprocessors/new", procure, async (c) => {
    const { values, input } = parseSubprocessorForm(await c.req.formData());
    const parsed = SubprocessorInput.safeParse(input);
    if (!parsed.success) return renderSubForm(c, values, formIssues(parsed.error.issues), 400);
    try {
      await addSubprocessor(serviceContext(c), c.req.param("id"), parsed.data);
    } catch (err) {
      // A ticked record deleted meanwhile in another tab.
      if (err instanceof ValidationError) return renderSubForm(c, values, err.details as FieldIssue[], 400);
      throw err;
    }
    return back(c, "sub-added", "subprocessors");
  });

  app.post("/vendors/:id/subprocessors/:subId/delete", procure, async (c) => {
    await deleteSubprocessor(serviceContext(c), c.req.param("id"), c.req.param("subId"));
    return back(c, "sub-removed", "subprocessors");
  });

  return app;
}
