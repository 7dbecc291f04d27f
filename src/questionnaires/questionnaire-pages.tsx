import { basename } from "node:path";
import type { Context } from "hono";
import { Hono } from "hono";
import { access } from "../auth/roles.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, NotFoundError } from "../shared/errors.ts";
import { answersFromForm } from "./questionnaire-answers-form.ts";
import {
  QuestionnaireDetailPage,
  QuestionnaireListPage,
  QuestionnairePreviewPage,
} from "./questionnaire-page-views.tsx";
import {
  findLatestVersion,
  findVersion,
  listQuestionnaireVersionMeta,
  listVersionsOfKey,
} from "./questionnaire-queries.ts";
import {
  storedTemplate,
  toQuestionnaireSummaries,
  toVersionEntry,
  toVersionMeta,
} from "./questionnaire-schemas.ts";
import { publishTemplateText, publishVsaqImport, type TemplateIssue } from "./questionnaire-service.ts";
import { type UploadFailure, VsaqImportResultPage } from "./questionnaire-upload-views.tsx";

/** Templates are text; even the largest VSAQ questionnaire is a fraction of this. */
export const MAX_TEMPLATE_UPLOAD_BYTES = 2 * 1024 * 1024;

const NOTICES: Record<string, string> = {
  published: "Published as a new version.",
  unchanged: "Nothing new to publish: this version already holds exactly that content.",
};

function canPublish(c: Context<AppEnv>): boolean {
  const role = c.var.principal?.user.role;
  return role !== undefined && (access.privacy as readonly string[]).includes(role);
}

async function renderList(c: Context<AppEnv>, failure?: UploadFailure, status: 200 | 400 | 409 | 413 = 200) {
  const questionnaires = toQuestionnaireSummaries(await listQuestionnaireVersionMeta(c.var.deps.db));
  return c.html(
    <QuestionnaireListPage
      principal={c.var.principal}
      questionnaires={questionnaires}
      canPublish={canPublish(c)}
      failure={failure}
      maxMb={MAX_TEMPLATE_UPLOAD_BYTES / 1024 / 1024}
    />,
    status,
  );
}

class UploadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

/** An uploaded text file, or undefined when the field was left empty; refuses big and non-text files. */
async function readTextUpload(
  value: unknown,
  label: string,
): Promise<{ name: string; text: string } | undefined> {
  if (value === undefined || value === "") return undefined;
  if (!(value instanceof File)) throw new UploadError(`${label}: choose a file to upload.`, 400);
  if (value.size === 0 && value.name === "") return undefined;
  if (value.size > MAX_TEMPLATE_UPLOAD_BYTES)
    throw new UploadError(`${label} is larger than ${MAX_TEMPLATE_UPLOAD_BYTES / 1024 / 1024} MB.`, 413);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await value.arrayBuffer());
  } catch {
    throw new UploadError(`${label} is not a text file (UTF-8 expected).`, 400);
  }
  const name = basename(value.name.replaceAll("\\", "/")).slice(0, 200) || "upload";
  return { name, text: text.replace(/^\uFEFF/, "") };
}

/** Turns what publishing threw into a message for the form, or rethrows what is not the user's doing. */
function uploadFailure(
  form: UploadFailure["form"],
  err: unknown,
): { failure: UploadFailure; status: 400 | 409 | 413 } {
  if (err instanceof UploadError) return { failure: { form, message: err.message }, status: err.status };
  if (err instanceof AppError && (err.code === "validation_failed" || err.code === "conflict")) {
    const problems = Array.isArray(err.details) ? (err.details as TemplateIssue[]) : [];
    const message =
      err.code === "conflict"
        ? err.message
        : `${err.message}: ${problems.length} problem${problems.length === 1 ? "" : "s"} to fix. Nothing was published.`;
    return { failure: { form, message, problems }, status: err.status === 409 ? 409 : 400 };
  }
  throw err;
}

async function loadVersion(c: Context<AppEnv>, key: string) {
  const raw = c.req.query("version");
  const version = raw === undefined || raw === "" ? undefined : Number(raw);
  if (version !== undefined && !(Number.isInteger(version) && version >= 1))
    throw new NotFoundError("Questionnaire version");
  const db = c.var.deps.db;
  const row = version === undefined ? await findLatestVersion(db, key) : await findVersion(db, key, version);
  if (!row) throw new NotFoundError(version === undefined ? "Questionnaire" : "Questionnaire version");
  return row;
}

/** Staff pages: the questionnaire library, one questionnaire's versions, a vendor's-eye preview, and publishing. */
export function questionnairePages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/questionnaires", requireAccess("read"), (c) => renderList(c));

  app.post("/questionnaires/upload", requireAccess("privacy"), async (c) => {
    try {
      const file = await readTextUpload((await c.req.parseBody()).file, "The template");
      if (!file) throw new UploadError("Choose a template file to upload.", 400);
      const result = await publishTemplateText(serviceContext(c), file.text, file.name, {
        source: "upload",
        sourceName: file.name,
      });
      const { key, version } = result.questionnaire;
      const notice = result.created ? "published" : "unchanged";
      return c.redirect(`/questionnaires/${key}?version=${version}&notice=${notice}`, 303);
    } catch (err) {
      const { failure, status } = uploadFailure("template", err);
      return renderList(c, failure, status);
    }
  });

  app.post("/questionnaires/import-vsaq", requireAccess("privacy"), async (c) => {
    try {
      const body = await c.req.parseBody();
      const file = await readTextUpload(body.file, "The VSAQ file");
      if (!file) throw new UploadError("Choose a VSAQ questionnaire file to upload.", 400);
      const extension = await readTextUpload(body.extension, "The extension file");
      const text = (name: string) => {
        const value = body[name];
        return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
      };
      const result = await publishVsaqImport(serviceContext(c), {
        text: file.text,
        file: file.name,
        extensionText: extension?.text,
        extensionFile: extension?.name,
        key: text("key"),
        title: text("title"),
      });
      return c.html(
        <VsaqImportResultPage
          principal={c.var.principal}
          meta={result.questionnaire}
          created={result.created}
          report={result.report}
        />,
        result.created ? 201 : 200,
      );
    } catch (err) {
      const { failure, status } = uploadFailure("vsaq", err);
      return renderList(c, failure, status);
    }
  });

  app.get("/questionnaires/:key", requireAccess("read"), async (c) => {
    const row = await loadVersion(c, c.req.param("key"));
    const versions = await listVersionsOfKey(c.var.deps.db, row.key);
    return c.html(
      <QuestionnaireDetailPage
        principal={c.var.principal}
        meta={toVersionMeta(row)}
        template={storedTemplate(row)}
        versions={versions.map(toVersionEntry)}
        notice={NOTICES[c.req.query("notice") ?? ""]}
      />,
    );
  });

  app.get("/questionnaires/:key/preview", requireAccess("read"), async (c) => {
    const row = await loadVersion(c, c.req.param("key"));
    const template = storedTemplate(row);
    const query = c.req.queries();
    const { answers, invalid } = answersFromForm(template, (name) => query[name] ?? []);
    return c.html(
      <QuestionnairePreviewPage
        principal={c.var.principal}
        meta={toVersionMeta(row)}
        template={template}
        answers={answers}
        errors={invalid}
      />,
    );
  });

  return app;
}
