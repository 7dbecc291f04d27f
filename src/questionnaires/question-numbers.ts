/** A template, or anything shaped like one: sections of questions in order. */
export type NumberedTemplate = {
  sections: readonly { questions: readonly { id: string; type: string }[] }[];
};

/**
 * The number reviewers and vendors call each question by: "section.question" by its place in the template,
 * counting every section and every question that takes an answer (notices are not numbered). A question hidden
 * by the vendor's answers keeps its number, and so leaves a gap, so that "question 1.3" names the same question
 * whatever was answered, before and after a clarification changes what is shown.
 */
export function numberQuestions(template: NumberedTemplate): Map<string, string> {
  const numbers = new Map<string, string>();
  template.sections.forEach((section, si) => {
    let position = 0;
    for (const question of section.questions) {
      if (question.type === "notice") continue;
      position += 1;
      numbers.set(question.id, `${si + 1}.${position}`);
    }
  });
  return numbers;
}
