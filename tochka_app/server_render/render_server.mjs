// Renders the app's pages on the server with a given initial state (tochka_app/server_render).
// The backend starts it with bun next to the production build (.web/render-server.mjs) and posts
// {url, state}; the answer is the page's HTML. Renders run one at a time because the state reaches
// Reflex's state store through a global (see the ServerStateProvider patch in plugin.py).
import http from "node:http";
import fs from "node:fs";
import { createRequestHandler } from "react-router";
import * as build from "./build/server/index.js";

const socketPath = process.argv[2];
// The build was made for prerendering (ssr: false); rendering on request is the same render.
const handle = createRequestHandler({ ...build, ssr: true, prerender: [] }, "production");
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
let queue = Promise.resolve();

async function render({ url, state }) {
  globalThis.__tochkaServerState = state;
  try {
    // React Router's entry renders bots' pages whole (onAllReady) instead of streaming Suspense
    // boundaries into hidden placeholders: what we want for every visitor of a public page.
    const headers = { accept: "text/html", "user-agent": "TochkaRosta-render (bot)" };
    const response = await handle(new Request(url, { headers }));
    const type = response.headers.get("content-type") ?? "";
    return { status: response.status, type, html: await response.text() };
  } finally {
    globalThis.__tochkaServerState = undefined;
  }
}

function readJson(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) reject(new Error("request too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    });
    request.on("error", reject);
  });
}

const server = http.createServer(async (request, response) => {
  if (request.method === "GET") {
    response.writeHead(200).end("ok"); // readiness
    return;
  }
  let gone = false; // the backend stopped waiting (its timeout): skip the render
  response.on("close", () => {
    gone = true;
  });
  try {
    const job = await readJson(request);
    const run = () => (gone ? null : render(job));
    const result = await (queue = queue.then(run, run));
    if (result === null) return;
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "x-render-status": String(result.status),
      "x-render-type": result.type,
    });
    response.end(result.html);
  } catch (error) {
    response.writeHead(500, { "content-type": "text/plain" }).end(String(error?.stack ?? error));
  }
});

if (fs.existsSync(socketPath)) fs.unlinkSync(socketPath);
server.listen(socketPath);
// The backend that started us is the only user: when it goes, so do we.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
