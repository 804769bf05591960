import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The server package's folder (apps/server): the nearest folder above this module holding a
 * package.json. The same from the sources (src/platform) and from the compiled bundle (dist/).
 */
export const SERVER_ROOT = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
    dir = parent;
  }
  return dir;
})();

/** The repository (or installation) root: the folder holding apps/. */
export const REPO_ROOT = path.resolve(SERVER_ROOT, "../..");
