import {
  delayOf,
  milestoneTransition,
  MILESTONE_TRANSITION_NAMES,
  transition,
  TRANSITION_NAMES,
  type Transition,
} from "./orders.lifecycle";

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

/** The milestone sub-lifecycle drawn from MILESTONE_TRANSITIONS. */
export function milestoneDiagram(): string {
  const lines = ["stateDiagram-v2", "  [*] --> pending: order paid in milestones"];
  for (const name of MILESTONE_TRANSITION_NAMES) {
    const t = milestoneTransition(name);
    const after = t.timer ? `, after ${t.timer.after}` : "";
    for (const from of t.from) lines.push(`  ${from} --> ${t.to}: ${name} (${t.actors.join("/")}${after})`);
  }
  lines.push("  completed --> [*]", "  cancelled --> [*]");
  return lines.join("\n");
}

export function milestoneTable(): string {
  const rows = MILESTONE_TRANSITION_NAMES.map((name) => {
    const t = milestoneTransition(name);
    const when = t.timer ? `${t.timer.after} after the ${t.timer.at} (\`${t.timer.setting}\`)` : "";
    const route = t.route ? `\`${t.route}\`` : "";
    const effects = t.effects
      .map((e) => (e === "schedule_milestone_timer" && t.schedules ? `${e} → \`${t.schedules}\`` : e))
      .join(", ");
    const guards = (t.guards ?? []).join(", ");
    return `| \`${name}\` | ${t.actors.join(", ")} | ${route} | ${t.from.join(", ")} | ${t.to} | ${t.orderFrom.join(", ")} | ${guards} | ${when} | ${effects} | ${t.description} |`;
  });
  return [
    "| milestone transition | who | route | from | to | order status | guards | system takes it | effects (in order) | what it means |",
    "|---|---|---|---|---|---|---|---|---|---|",
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
    "",
    "Milestones (an order paid in milestones stays `in_progress` while they are worked one at a time):",
    "",
    "```mermaid",
    milestoneDiagram(),
    "```",
    "",
    milestoneTable(),
    GENERATED_END,
  ].join("\n");
}
