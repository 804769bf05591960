export * from "./common";
export * from "./identity";
export * from "./catalog";
export * from "./files";
export * from "./orders";
export * from "./search";
export * from "./messaging";
export * from "./reviews";
export * from "./admin";
export * from "./dashboard";
export * from "./pages";
export * from "./credentials";
export * from "./insights";
export * from "./negotiation";
export * from "./credit";
// Trust and safety schemas are imported from "@atelier/contracts/safety", so that the web app's
// initial bundle (which imports this barrel) does not carry them.
