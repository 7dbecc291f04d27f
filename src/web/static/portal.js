// The vendor portal's progressive enhancement: conditional questions appear and disappear as answers change,
// and answers save one at a time while the vendor works. Everything also works without this file.
// The condition logic mirrors src/questionnaires/condition.ts and visibility.ts; a test checks they agree.

const patterns = new Map();

function compilePattern(pattern, caseSensitive) {
  const key = `${caseSensitive ? "s" : "i"}:${pattern}`;
  if (!patterns.has(key)) {
    let compiled = null;
    try {
      compiled = new RegExp(pattern, caseSensitive ? "" : "i");
    } catch {
      compiled = null;
    }
    patterns.set(key, compiled);
  }
  return patterns.get(key);
}

/** Whether an answer counts as given: not missing, not blank text, not an empty selection or upload. */
export function isAnswered(answer) {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === "string") return answer.trim() !== "";
  if (typeof answer === "number") return Number.isFinite(answer);
  if (Array.isArray(answer)) return answer.length > 0;
  return Array.isArray(answer.fileIds) && answer.fileIds.length > 0;
}

function sameValue(answer, value) {
  if (typeof answer === "number")
    return typeof value === "number" ? answer === value : String(answer) === value;
  if (typeof answer === "string") return answer === String(value);
  return false;
}

/** Evaluates a showIf condition; a hidden question counts as unanswered. */
export function evaluateCondition(cond, ctx) {
  if ("not" in cond) return !evaluateCondition(cond.not, ctx);
  if ("all" in cond) return cond.all.every((part) => evaluateCondition(part, ctx));
  if ("any" in cond) return cond.any.some((part) => evaluateCondition(part, ctx));
  if ("visible" in cond) return ctx.isVisible(cond.visible);
  const raw = ctx.isVisible(cond.question) ? ctx.answerOf(cond.question) : undefined;
  const answer = isAnswered(raw) ? raw : undefined;
  if ("answered" in cond) return (answer !== undefined) === cond.answered;
  if (answer === undefined) return false;
  if ("equals" in cond) return sameValue(answer, cond.equals);
  if ("oneOf" in cond) {
    if (Array.isArray(answer)) return answer.some((selected) => cond.oneOf.includes(selected));
    return cond.oneOf.some((value) => sameValue(answer, value));
  }
  if ("includes" in cond) return Array.isArray(answer) && answer.includes(cond.includes);
  if (typeof answer !== "string") return false;
  if ("contains" in cond) {
    return cond.caseSensitive
      ? answer.includes(cond.contains)
      : answer.toLocaleLowerCase("en").includes(cond.contains.toLocaleLowerCase("en"));
  }
  const pattern = compilePattern(cond.matches, cond.caseSensitive === true);
  return pattern ? pattern.test(answer) : false;
}

function withoutHiddenOptions(answer, hidden) {
  if (answer === undefined || hidden === undefined || hidden.size === 0) return answer;
  if (typeof answer === "string") return hidden.has(answer) ? undefined : answer;
  if (Array.isArray(answer)) return answer.filter((value) => !hidden.has(value));
  return answer;
}

/** Which sections, questions and options show for these answers, worked out in document order. */
export function computeVisibility(model, answers) {
  const vis = { sections: new Set(), questions: new Set(), hiddenOptions: new Map() };
  const ctx = {
    isVisible: (id) => vis.sections.has(id) || vis.questions.has(id),
    answerOf: (id) =>
      Object.hasOwn(answers, id) ? withoutHiddenOptions(answers[id], vis.hiddenOptions.get(id)) : undefined,
  };
  for (const section of model.sections) {
    if (section.showIf && !evaluateCondition(section.showIf, ctx)) continue;
    vis.sections.add(section.id);
    for (const question of section.questions) {
      if (question.showIf && !evaluateCondition(question.showIf, ctx)) continue;
      if (question.options && question.options.length > 0) {
        const hidden = new Set();
        for (const option of question.options)
          if (!evaluateCondition(option.showIf, ctx)) hidden.add(option.value);
        vis.hiddenOptions.set(question.id, hidden);
      }
      vis.questions.add(question.id);
    }
  }
  return vis;
}

/** The raw strings a question's controls hold, as the server's form parser reads them. */
function controlValues(container) {
  const id = container.dataset.question;
  const type = container.dataset.type;
  if (type === "evidence" || type === undefined) return undefined;
  const controls = [...container.querySelectorAll(`[name="a.${CSS.escape(id)}"]`)];
  if (type === "yes_no" || type === "single_choice" || type === "multiple_choice")
    return controls.filter((c) => c.checked).map((c) => c.value);
  return controls.map((c) => c.value);
}

/** The answer as conditions see it, mirroring the server's parsing closely enough to decide visibility. */
function answerFromControls(type, values) {
  if (values === undefined) return undefined;
  const given = values.map((v) => v.trim()).filter((v) => v !== "");
  if (given.length === 0) return undefined;
  if (type === "multiple_choice") return given;
  if (type === "number") {
    const text = given[0].replace(/[\s\u00a0_]/g, "");
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  }
  return given[0];
}

function init() {
  const modelEl = document.getElementById("portal-model");
  const form = document.querySelector("form.answers-form");
  if (!modelEl || !form) return;
  const model = JSON.parse(modelEl.textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  const status = document.getElementById("autosave-status");
  const containers = [...form.querySelectorAll("[data-question]")];
  const byId = new Map(containers.map((c) => [c.dataset.question, c]));
  const states = new Map();
  const state = (id) => {
    if (!states.has(id))
      states.set(id, { timer: undefined, pending: false, busy: false, again: false, conflict: false });
    return states.get(id);
  };
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const mark = (id, text, isError) => {
    const el = byId.get(id)?.querySelector("[data-save-state]");
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("field-error", Boolean(isError));
  };

  function refresh() {
    const answers = { ...model.answers };
    for (const c of containers) {
      if (c.dataset.type === "evidence") continue;
      const value = answerFromControls(c.dataset.type, controlValues(c));
      if (value === undefined) delete answers[c.dataset.question];
      else answers[c.dataset.question] = value;
    }
    const vis = computeVisibility(model, answers);
    let appeared = 0;
    for (const c of containers) {
      const show = vis.questions.has(c.dataset.question);
      if (c.hidden === show) {
        c.hidden = !show;
        if (show) appeared += 1;
      }
      const hidden = vis.hiddenOptions.get(c.dataset.question);
      for (const option of c.querySelectorAll("[data-option]"))
        option.hidden = Boolean(hidden?.has(option.dataset.option));
    }
    if (appeared > 0)
      say(
        appeared === 1
          ? "A follow-up question appeared below."
          : `${appeared} follow-up questions appeared below.`,
      );
  }

  function showConflict(id, details) {
    const c = byId.get(id);
    const s = state(id);
    s.conflict = true;
    c.querySelector(".conflict")?.remove();
    const box = document.createElement("div");
    box.className = "conflict";
    box.setAttribute("role", "alert");
    const lead = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = "Someone else changed this answer while you were working.";
    lead.append(
      strong,
      " ",
      `${details.theirs.by ?? "Someone"} saved a different answer. Yours is not saved yet.`,
    );
    const list = document.createElement("dl");
    for (const [label, text, comment] of [
      ["Their answer", details.theirs.text, details.theirs.comment],
      ["Your answer", details.mine.text ?? details.theirs.text, details.mine.comment],
    ]) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = comment ? `${text} — comment: ${comment}` : text;
      list.append(dt, dd);
    }
    const keep = document.createElement("button");
    keep.type = "button";
    keep.className = "secondary";
    keep.textContent = "Keep their answer";
    const mine = document.createElement("button");
    mine.type = "button";
    mine.textContent = "Use my answer";
    const actions = document.createElement("p");
    actions.className = "actions";
    actions.append(keep, mine);
    box.append(lead, list, actions);
    c.prepend(box);
    const base = c.querySelector(`[name="base.${CSS.escape(id)}"]`);
    keep.addEventListener("click", () => {
      for (const control of c.querySelectorAll(`[name="a.${CSS.escape(id)}"]`)) {
        if (control.type === "radio" || control.type === "checkbox")
          control.checked = details.theirs.values.includes(control.value);
        else control.value = details.theirs.values[0] ?? "";
      }
      const comment = c.querySelector(`[name="c.${CSS.escape(id)}"]`);
      if (comment) comment.value = details.theirs.comment ?? "";
      base.value = details.base;
      s.conflict = false;
      box.remove();
      mark(id, "Their answer kept.");
      refresh();
    });
    mine.addEventListener("click", () => {
      base.value = details.base;
      s.conflict = false;
      box.remove();
      save(id);
    });
    keep.focus();
  }

  async function save(id) {
    const s = state(id);
    if (s.conflict) return;
    if (s.busy) {
      s.again = true;
      return;
    }
    s.pending = false;
    const c = byId.get(id);
    const base = c.querySelector(`[name="base.${CSS.escape(id)}"]`);
    const comment = c.querySelector(`[name="c.${CSS.escape(id)}"]`);
    s.busy = true;
    mark(id, "Saving…");
    try {
      const res = await fetch("/portal/assessment/answers", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": csrf },
        body: JSON.stringify({
          questionId: id,
          base: base.value,
          values: controlValues(c),
          comment: comment?.value ?? null,
        }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        base.value = body.base;
        mark(id, body.status === "saved" ? "Saved" : "");
        const line = document.getElementById("section-progress");
        if (line && body.progress)
          line.textContent = `${body.progress.sectionRequiredAnswered} of ${body.progress.sectionRequiredTotal} required questions in this section answered.`;
      } else if (res.status === 409 && body.error?.details?.theirs) {
        mark(id, "");
        showConflict(id, body.error.details);
      } else if (res.status === 401 || res.status === 410) {
        mark(id, "Not saved", true);
        say("This visit has ended. Open the link from your email again to continue; saved answers are kept.");
      } else {
        mark(id, `Not saved: ${body.error?.message ?? "please check this answer"}`, true);
      }
    } catch {
      mark(id, "Not saved yet: check your connection. “Save section” also saves everything.", true);
    } finally {
      s.busy = false;
      if (s.again) {
        s.again = false;
        save(id);
      }
    }
  }

  function schedule(event, delay) {
    const c = event.target.closest("[data-question]");
    if (!c || !event.target.name || !/^(a|c)\./.test(event.target.name)) return;
    refresh();
    const s = state(c.dataset.question);
    clearTimeout(s.timer);
    s.pending = true;
    s.timer = setTimeout(() => save(c.dataset.question), delay);
  }

  form.addEventListener("input", (event) =>
    schedule(event, event.target.type === "radio" || event.target.type === "checkbox" ? 0 : 1000),
  );
  form.addEventListener("change", (event) => schedule(event, 0));
  let submitting = false;
  form.addEventListener("submit", () => {
    // The form carries every answer itself; pending single saves are no longer needed.
    submitting = true;
    for (const s of states.values()) clearTimeout(s.timer);
  });
  window.addEventListener("beforeunload", (event) => {
    if (!submitting && [...states.values()].some((s) => s.busy || s.pending)) event.preventDefault();
  });
  refresh();
}

if (typeof document !== "undefined") init();
