export * from "./common";
export * from "./identity";
export * from "./catalog";
export * from "./files";
export * from "./orders";
export * from "./search";
export * from "./messaging";
export * from "./reviews";
