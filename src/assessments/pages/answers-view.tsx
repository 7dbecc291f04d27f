import type { Question, Template } from "../../questionnaires/template-schema.ts";
import { computeVisibility } from "../../questionnaires/visibility.ts";
import type { AssessmentDetail } from "../assessment-schemas.ts";

type Evidence = AssessmentDetail["evidence"][number];

function kilobytes(size: number): string {
  return size >= 1024 * 1024
    ? `${(size / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(size / 1024))} KB`;
}

/** An answer in words: option labels instead of values, "Not applicable" for na. */
export function describeAnswer(question: Question, value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (value === "na") return "Not applicable";
  const label = (v: string) => question.options?.find((o) => o.value === v)?.label ?? v;
  switch (question.type) {
    case "yes_no":
      return value === "yes"
        ? (question.labels?.yes ?? "Yes")
        : value === "no"
          ? (question.labels?.no ?? "No")
          : String(value);
    case "single_choice":
      return typeof value === "string" ? label(value) : "";
    case "multiple_choice":
      return Array.isArray(value) ? value.map((v) => label(String(v))).join("; ") : "";
    case "number":
      return `${String(value)}${question.number?.unit ? ` ${question.number.unit}` : ""}`;
    case "evidence": {
      const expires = (value as { expiresOn?: string }).expiresOn;
      return expires ? `Valid until ${expires}` : "";
    }
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
  }
}

// Links go to the staff page download (errors as pages), the twin of the API path in `href`.
function Files(props: { files: Evidence[] }) {
  if (props.files.length === 0) return null;
  return (
    <ul class="plain-list">
      {props.files.map((f) => (
        <li>
          <a href={f.href.replace(/^\/api\/v1/, "")} download>
            {f.name}
          </a>{" "}
          <span class="muted">
            ({kilobytes(f.size)}, SHA-256 <code>{f.sha256.slice(0, 12)}…</code>)
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The vendor's answers, read-only, section by section, as the vendor's answers make them visible. */
export function AnswersView(props: { template: Template; detail: AssessmentDetail }) {
  const { template, detail } = props;
  const values = Object.fromEntries(
    Object.entries(detail.answers).flatMap(([id, a]) => (a.value === null ? [] : [[id, a.value]])),
  );
  const visibility = computeVisibility(template, values as Parameters<typeof computeVisibility>[1]);
  const filesOf = (id: string) => detail.evidence.filter((f) => f.question === id);
  if (Object.keys(detail.answers).length === 0 && detail.evidence.length === 0)
    return <p>No answers saved yet.</p>;
  return (
    <>
      {template.sections
        .filter((s) => visibility.sections.has(s.id))
        .map((section) => (
          <section aria-labelledby={`sec-${section.id}`}>
            <h3 id={`sec-${section.id}`}>{section.title}</h3>
            <dl class="answers">
              {section.questions
                .filter((q) => q.type !== "notice" && visibility.questions.has(q.id))
                .map((q) => {
                  const answer = detail.answers[q.id];
                  const text = describeAnswer(q, answer?.value);
                  const files = filesOf(q.id);
                  return (
                    <>
                      <dt>
                        {q.text}
                        {q.required ? <span class="required"> (required)</span> : null}
                      </dt>
                      <dd>
                        {text || files.length > 0 ? text : <span class="muted">Not answered</span>}
                        <Files files={files} />
                        {answer?.comment ? (
                          <p class="pre-line">
                            <em>Comment:</em> {answer.comment}
                          </p>
                        ) : null}
                      </dd>
                    </>
                  );
                })}
            </dl>
          </section>
        ))}
    </>
  );
}
