// The server's dependency rule (docs/architecture.md, "Dependency rule"): `npm run lint:deps`, part of
// `npm run check`. Paths are relative to the repository root. Co-located unit tests (`*.test.ts`) are
// not cruised: they may reach into what they test.
const SRC = "^apps/server/src/";
const MODULES = `${SRC}modules/`;

/**
 * The module map, lowest layer first. A module may import only modules listed BEFORE it (and only
 * through their `<module>.usecases.ts` or `<module>.public.ts`), so the modules cannot form a cycle.
 * A new module must be added here.
 */
const LAYERS = [
  "payments",
  "health",
  "pages",
  "ledger",
  "identity",
  "files",
  "notifications",
  "realtime",
  "messaging",
  "orders",
  "search",
  "negotiation",
  "reviews",
  "reputation",
  "catalog",
  "wallet",
  "credentials",
  "documents",
  "seo",
  "admin",
  "safety",
  "test-mode",
];

/**
 * Temporary exceptions, one import each (file → file): `{ from, to }` path patterns. Empty since the
 * renovation (issue 13) finished; nothing may be added here (docs/architecture.md).
 */
const TEMPORARY = [];

const escape = (name) => name.replace(/[-.]/g, "\\$&");
const exceptionsFrom = (module) => TEMPORARY.filter((t) => t.from.startsWith(`${MODULES}${module}/`));

/** For each module: no import of a module at its own layer or above (except the listed exceptions). */
const layerRules = LAYERS.flatMap((module, i) => {
  const above = LAYERS.slice(i + 1).map(escape);
  if (above.length === 0) return [];
  const to = { path: `${MODULES}(${above.join("|")})/` };
  const exceptions = exceptionsFrom(module);
  const rule = {
    name: "module-layers",
    comment: `${module} may import only modules listed before it in .dependency-cruiser.cjs (no cycles).`,
    severity: "error",
    from: { path: `${MODULES}${escape(module)}/`, pathNot: exceptions.map((t) => t.from) },
    to,
  };
  const narrowed = exceptions.map((t) => ({
    ...rule,
    name: "module-layers",
    from: { path: t.from },
    to: { ...to, pathNot: t.to },
  }));
  return [rule, ...narrowed];
});

module.exports = {
  forbidden: [
    {
      name: "module-facade",
      comment: "A module uses another module only through its <module>.usecases.ts or <module>.public.ts.",
      severity: "error",
      from: { path: `${MODULES}([^/]+)/` },
      to: {
        path: MODULES,
        pathNot: [`${MODULES}$1/`, `${MODULES}[^/]+/[^/]+\\.(usecases|public)\\.ts$`],
      },
    },
    {
      name: "module-listed",
      comment: "Every module has its place in LAYERS (.dependency-cruiser.cjs).",
      severity: "error",
      from: { path: MODULES, pathNot: `${MODULES}(${LAYERS.map(escape).join("|")})/` },
      to: {},
    },
    ...layerRules,
    {
      name: "modules-not-app",
      comment: "src/app/ is the composition root: it imports the modules, never the other way round.",
      severity: "error",
      from: { path: MODULES },
      to: { path: `${SRC}app/` },
    },
    {
      name: "platform-below-modules",
      comment: "platform/ and db/ sit below every module and import none.",
      severity: "error",
      from: { path: `${SRC}(platform|db)/` },
      to: { path: MODULES },
    },
    {
      name: "no-cycles",
      comment: "No import cycle between source files (type-only imports included).",
      severity: "error",
      from: { path: SRC },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["node_modules", "\\.test\\.ts$"] },
    tsPreCompilationDeps: true,
  },
};
