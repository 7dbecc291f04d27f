import type { Database } from "better-sqlite3";

/**
 * A small template in YAML with a conditional question, a conditional section, every other question type and a
 * tag, for the publishing, API, page and CLI tests. `title` changes its content.
 */
export function sampleTemplateYaml(title = "Cloud hosting check"): string {
  return `# yaml-language-server: $schema=./template.schema.json
key: cloud-check
version: 1
title: ${title}
description: A few questions about where you host our data.
tiers: [medium, low]
estimatedMinutes: 10
sections:
  - id: hosting
    title: Hosting
    weight: 2
    questions:
      - id: uses-cloud
        type: yes_no
        required: true
        critical: true
        text: Do you host our data with a public cloud provider?
        help: Answer for the service you provide to us.
        tags: [iso27001:A.5.23]
        finding:
          severity: high
          title: Hosting is unclear
          recommendation: Ask where the data lives.
      - id: cloud-provider
        type: single_choice
        required: true
        allowNotApplicable: true
        showIf: { question: uses-cloud, equals: "yes" }
        text: Which provider hosts our data?
        options:
          - { value: aws, label: Amazon Web Services, score: 1 }
          - { value: other, label: Another provider, score: 0.5 }
      - id: cloud-regions
        type: multiple_choice
        showIf: { question: uses-cloud, equals: "yes" }
        text: In which regions?
        options:
          - { value: eu, label: European Union, score: 1 }
          - { value: us, label: United States, score: 0.5 }
  - id: on-premises
    title: Your own data centre
    showIf: { question: uses-cloud, equals: "no" }
    questions:
      - id: dc-location
        type: short_text
        required: true
        text: Where is your data centre?
  - id: evidence
    title: Evidence and details
    questions:
      - id: breach-hours
        type: number
        text: Within how many hours do you report a breach to us?
        number: { min: 0, max: 720, unit: hours }
      - id: last-test
        type: date
        text: When did you last test restoring a backup?
      - id: notes
        type: long_text
        text: Anything else we should know?
      - id: soc2
        type: evidence
        required: true
        text: Attach your latest SOC 2 report.
        evidence: { kinds: [soc2_report, other], expiry: true }
      - id: closing-note
        type: notice
        text: Thank you for your answers.
`;
}

/** The same template with two problems: an option without a score and a duplicate question id. */
export function brokenTemplateYaml(): string {
  return sampleTemplateYaml()
    .replace(
      "{ value: other, label: Another provider, score: 0.5 }",
      "{ value: other, label: Another provider }",
    )
    .replace("id: last-test", "id: notes");
}

export function countRows(sqlite: Database, table: string, where = "1 = 1"): number {
  return (sqlite.prepare(`select count(*) as n from ${table} where ${where}`).get() as { n: number }).n;
}
