// `npm run dev`: the API with reload (tsx watch) and the web app with hot module replacement (Vite),
// side by side. The Vite dev server proxies /api to the API.
import { spawn } from "node:child_process";

const children = [
  spawn("npm", ["run", "dev", "-w", "@atelier/server"], { stdio: "inherit" }),
  spawn("npm", ["run", "dev", "-w", "@atelier/web"], { stdio: "inherit" }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) {
  child.on("exit", (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
