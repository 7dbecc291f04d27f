import type { Answer, NumberThreshold, Option, Question } from "../questionnaires/template-schema.ts";
import { numberText, yesNoText } from "./answer-text.ts";

/** What an answer scores on its own (0..1) and the sentence that explains it. */
export interface AnswerScore {
  score: number;
  why: string;
}

/** A score for sentences: at most four decimals, no trailing zeros. */
export function formatScore(score: number): string {
  return String(Math.round(score * 10_000) / 10_000);
}

const scores = (score: number) => `scores ${formatScore(score)}`;

function unreadable(kind: string): AnswerScore {
  return { score: 0, why: `The answer cannot be read as ${kind}; ${scores(0)}` };
}

function scoreYesNo(question: Question, answer: Answer): AnswerScore {
  if (answer !== "yes" && answer !== "no") return unreadable("yes or no");
  const expected = question.expected ?? "yes";
  const given = yesNoText(question, answer);
  return answer === expected
    ? { score: 1, why: `Answered ${given} as expected; ${scores(1)}` }
    : { score: 0, why: `Answered ${given}; expected ${yesNoText(question, expected)}` };
}

function scoreSingleChoice(question: Question, answer: Answer): AnswerScore {
  if (typeof answer !== "string") return unreadable("one choice");
  const option = question.options?.find((o) => o.value === answer);
  if (!option) return { score: 0, why: `"${answer}" is not one of the options; ${scores(0)}` };
  return { score: option.score, why: `Chose "${option.label}", which ${scores(option.score)}` };
}

const COMBINE_WORDS = {
  max: "the best chosen option",
  sum: "the chosen options added up (at most 1)",
  min: "the weakest chosen option",
} as const;

function scoreMultipleChoice(question: Question, answer: Answer): AnswerScore {
  if (!Array.isArray(answer)) return unreadable("a list of choices");
  const chosen = answer
    .map((value) => question.options?.find((o) => o.value === value))
    .filter((o): o is Option => o !== undefined);
  if (chosen.length === 0) return { score: 0, why: `None of the chosen values is an option; ${scores(0)}` };
  const values = chosen.map((o) => o.score);
  const combine = question.combine ?? "max";
  const score =
    combine === "max"
      ? Math.max(...values)
      : combine === "min"
        ? Math.min(...values)
        : Math.min(
            1,
            values.reduce((a, b) => a + b, 0),
          );
  const labels = chosen.map((o) => `"${o.label}"`).join(", ");
  return { score, why: `Chose ${labels}; ${COMBINE_WORDS[combine]} ${scores(score)}` };
}

function describeThreshold(t: NumberThreshold): string {
  if (t.min !== undefined && t.max !== undefined) return `from ${t.min} to ${t.max}`;
  if (t.min !== undefined) return `at least ${t.min}`;
  if (t.max !== undefined) return `at most ${t.max}`;
  return "any other value";
}

/** Thresholds are tried in order and the first whose range (bounds included) holds the number applies. */
function scoreNumber(question: Question, answer: Answer): AnswerScore {
  if (typeof answer !== "number" || !Number.isFinite(answer)) return unreadable("a number");
  const given = numberText(question, answer);
  const match = (question.number?.thresholds ?? []).find(
    (t) => (t.min === undefined || answer >= t.min) && (t.max === undefined || answer <= t.max),
  );
  if (!match) return { score: 0, why: `Answered ${given}; no threshold covers it, so it ${scores(0)}` };
  return {
    score: match.score,
    why: `Answered ${given}; the threshold ${describeThreshold(match)} ${scores(match.score)}`,
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(text: string): { y: number; m: number; d: number } | undefined {
  const parts = ISO_DATE.exec(text);
  if (!parts) return undefined;
  const [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? { y, m, d }
    : undefined;
}

/** The day `months` calendar months before `today`, clamped to the month's last day (31 March - 1 = 28/29 Feb). */
export function monthsBefore(today: string, months: number): string {
  const day = parseDay(today);
  if (!day) throw new RangeError(`today must be a calendar date written YYYY-MM-DD, got "${today}"`);
  const first = new Date(Date.UTC(day.y, day.m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day.d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** A date scores 0 when it lies before the cutoff `maxAgeMonths` before today, else 1. */
function scoreDate(question: Question, answer: Answer, today: string): AnswerScore {
  if (typeof answer !== "string" || !parseDay(answer.trim())) return unreadable("a date");
  const given = answer.trim();
  const months = question.date?.maxAgeMonths ?? 0;
  const cutoff = monthsBefore(today, months);
  const age = `${months} month${months === 1 ? "" : "s"}`;
  return given < cutoff
    ? { score: 0, why: `Dated ${given}, older than ${age} (before ${cutoff}); ${scores(0)}` }
    : { score: 1, why: `Dated ${given}, within ${age}; ${scores(1)}` };
}

function scoreEvidence(answer: Answer): AnswerScore {
  if (typeof answer !== "object" || Array.isArray(answer)) return unreadable("uploaded files");
  const files = answer.fileIds.length;
  return { score: 1, why: `${files} file${files === 1 ? "" : "s"} attached; ${scores(1)}` };
}

/**
 * The score of a given (answered, applicable) answer. `today` (YYYY-MM-DD) ages dates, so the same input always
 * gives the same result.
 */
export function scoreAnswer(question: Question, answer: Answer, today: string): AnswerScore {
  switch (question.type) {
    case "yes_no":
      return scoreYesNo(question, answer);
    case "single_choice":
      return scoreSingleChoice(question, answer);
    case "multiple_choice":
      return scoreMultipleChoice(question, answer);
    case "number":
      return scoreNumber(question, answer);
    case "date":
      return scoreDate(question, answer, today);
    case "short_text":
    case "long_text":
      return typeof answer === "string" ? { score: 1, why: `Answered; ${scores(1)}` } : unreadable("text");
    case "evidence":
      return scoreEvidence(answer);
    case "notice":
      return { score: 0, why: "A notice takes no answer" };
  }
}
