import { delayOf, transition, TRANSITION_NAMES, type Transition } from "./orders.lifecycle";

/**
 * The lifecycle drawn from the transition table as a Mermaid state diagram, and a table of every
 * transition, for docs/orders.md. Status-keeping transitions (requests, late flag) appear in the table only.
 */
export function lifecycleDiagram(): string {
  const lines = ["stateDiagram-v2", "  [*] --> awaiting_requirements: placed (paid into escrow)"];
  for (const name of TRANSITION_NAMES) {
    const t = transition(name);
    if (!t.to) continue;
    const after = delayOf(t);
    const label = `${name} (${t.actors.join("/")}${after ? `, after ${after}` : ""})`;
    for (const from of t.from) lines.push(`  ${from} --> ${t.to}: ${label}`);
  }
  lines.push("  completed --> [*]", "  cancelled --> [*]");
  return lines.join("\n");
}

/** When the system takes a timed transition, in words. */
function when(t: Transition): string {
  if (!t.timer) return "";
  if (t.timer.at === "due") return "at the due time";
  return `${t.timer.after} after the ${t.timer.at} (\`${t.timer.setting}\`)`;
}

/** The effects in order, with the data a row gives them (the timer set, the request, the fault). */
function effectsOf(t: Transition): string {
  return t.effects
    .map((e) => {
      if (e === "schedule_timer" && t.schedules) return `schedule_timer → \`${t.schedules}\``;
      if ((e === "open_request" || e === "close_request") && t.request)
        return `${e} (${t.request}${t.answer ? ` ${t.answer}` : ""})`;
      if (e === "record_cancellation" && t.cancellation) return `${e} (fault: ${t.cancellation.fault})`;
      if (e === "record_resolution" && t.outcome) return `${e} (${t.outcome})`;
      return e;
    })
    .join(", ");
}

export function transitionTable(): string {
  const rows = TRANSITION_NAMES.map((name) => {
    const t = transition(name);
    return `| \`${name}\` | ${t.actors.join(", ")} | ${t.from.join(", ")} | ${t.to ?? "(unchanged)"} | ${when(t)} | ${effectsOf(t)} | ${t.description} |`;
  });
  return [
    "| transition | who | from | to | system takes it | effects (in order) | what it means |",
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
