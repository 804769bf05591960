import { TRANSITIONS, TRANSITION_NAMES } from "./orders.lifecycle";

/**
 * The lifecycle drawn from the transition table as a Mermaid state diagram, and a table of every
 * transition, for docs/orders.md. Status-keeping transitions (requests, late flag) appear in the table only.
 */
export function lifecycleDiagram(): string {
  const lines = ["stateDiagram-v2", "  [*] --> awaiting_requirements: placed (paid into escrow)"];
  for (const name of TRANSITION_NAMES) {
    const t = TRANSITIONS[name];
    if (!t.to) continue;
    const label = `${name} (${t.actors.join("/")}${"after" in t ? `, after ${t.after}` : ""})`;
    for (const from of t.from) lines.push(`  ${from} --> ${t.to}: ${label}`);
  }
  lines.push("  completed --> [*]", "  cancelled --> [*]");
  return lines.join("\n");
}

export function transitionTable(): string {
  const rows = TRANSITION_NAMES.map((name) => {
    const t = TRANSITIONS[name];
    const after = "after" in t ? t.after : "";
    return `| \`${name}\` | ${t.actors.join(", ")} | ${t.from.join(", ")} | ${t.to ?? "(unchanged)"} | ${after} | ${t.effects.join(", ")} | ${t.description} |`;
  });
  return [
    "| transition | who | from | to | after | effects (in order) | what it means |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

export const GENERATED_START = "<!-- generated from orders.lifecycle.ts: start -->";
export const GENERATED_END = "<!-- generated from orders.lifecycle.ts: end -->";

export function generatedSection(): string {
  return [
    GENERATED_START,
    "```mermaid",
    lifecycleDiagram(),
    "```",
    "",
    transitionTable(),
    GENERATED_END,
  ].join("\n");
}
