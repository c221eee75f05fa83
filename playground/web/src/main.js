// The page of segsync playground: two CodeMirror editors (manifest, payload)
// whose text is posted, debounced, to the playground's /api/run; the answer is
// shown as lint markers at the problems' lines and columns and in the output
// pane. The state lives in the URL fragment, so that a link reproduces it.
import {EditorState} from "@codemirror/state";
import {EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection} from "@codemirror/view";
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {json} from "@codemirror/lang-json";
import {syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput} from "@codemirror/language";
import {lintGutter, setDiagnostics} from "@codemirror/lint";

const DEBOUNCE_MS = 250;
const $ = (id) => document.getElementById(id);
const fields = ["integrationKey", "projectKey", "environmentKey"];

function editor(parent, onChange) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(),
        history(), indentOnInput(), bracketMatching(), json(), lintGutter(), EditorView.lineWrapping,
        syntaxHighlighting(defaultHighlightStyle, {fallback: true}),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(); }),
      ],
    }),
  });
}

const manifest = editor($("manifest"), schedule);
const payload = editor($("payload"), schedule);
// For tests and the curious: the two editors.
window.playground = {manifest, payload};

function setDoc(view, text) {
  view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
}

// posAt turns a 1-based line and a column counted in code points (as the
// server counts them) into a document position (UTF-16 units).
function posAt(doc, line, column) {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  let off = 0, n = 1;
  for (const ch of l.text) {
    if (n >= column) break;
    off += ch.length;
    n++;
  }
  return l.from + off;
}

// tokenEnd returns the end of the JSON token at pos on its line, so that a
// marker underlines the value a pointer names.
function tokenEnd(doc, pos) {
  const l = doc.lineAt(pos), text = l.text, i = pos - l.from;
  if (i >= text.length) return pos;
  const c = text[i];
  if (c === "{" || c === "[") return pos + 1;
  let j = i + 1;
  if (c === '"') {
    while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    return l.from + Math.min(j + 1, text.length);
  }
  while (j < text.length && !/[,\]}\s]/.test(text[j])) j++;
  return l.from + j;
}

function diagnostic(view, line, column, severity, message) {
  const doc = view.state.doc, from = posAt(doc, line, column);
  return {from, to: tokenEnd(doc, from), severity, message};
}

function showDiagnostics(view, list) {
  view.dispatch(setDiagnostics(view.state, list));
}

function setPre(el, text, empty) {
  el.textContent = text || empty;
  el.classList.toggle("empty", !text);
}

function setStatus(text, cls) {
  const s = $("status");
  s.textContent = text;
  s.className = cls || "";
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function renderProblems(problems) {
  const ul = $("problems");
  ul.replaceChildren();
  if (problems.length === 0) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = "No problems: the manifest compiles.";
    ul.append(li);
    return;
  }
  for (const p of problems) {
    const li = document.createElement("li");
    li.className = p.severity;
    li.dataset.line = p.line;
    li.dataset.column = p.column;
    li.dataset.code = p.code;
    const loc = document.createElement("span");
    loc.className = "loc";
    loc.textContent = `${p.line}:${p.column}`;
    const sev = document.createElement("span");
    sev.className = "sev";
    sev.textContent = p.severity;
    const code = document.createElement("code");
    code.textContent = `[${p.code}]`;
    const ptr = document.createElement("span");
    ptr.className = "ptr";
    ptr.textContent = p.pointer === "" ? "at the whole manifest" : `at ${p.pointer}`;
    li.append(loc, sev, `${p.message} `, code, ptr);
    li.addEventListener("click", () => {
      const pos = posAt(manifest.state.doc, p.line, p.column);
      manifest.dispatch({selection: {anchor: pos}, scrollIntoView: true});
      manifest.focus();
    });
    ul.append(li);
  }
}

function render(out) {
  const errs = out.problems.filter((p) => p.severity === "error").length;
  const warns = out.problems.length - errs;
  showDiagnostics(manifest, out.problems.map((p) => diagnostic(manifest, p.line, p.column, p.severity, `${p.message} [${p.code}]`)));
  renderProblems(out.problems);
  setPre($("result"), out.result ? JSON.stringify(out.result, null, 2) : "", out.error ? "(none: the payload is rejected)" : "(none)");
  if (out.response) {
    const r = out.response;
    let text = `HTTP ${r.status}\n` + (r.body === null ? "(no body)" : JSON.stringify(r.body, null, 2));
    if (r.renderError) text += `\n\nthe template failed: ${r.renderError}`;
    setPre($("response"), text, "");
  } else {
    setPre($("response"), "", !out.compiled ? "(the manifest does not compile)" : out.result || out.error ? "(this capability gives no response)" : "(no payload)");
  }
  if (out.error) {
    const {line, column, ...e} = out.error;
    setPre($("error"), `payload line ${line}, column ${column}\n` + JSON.stringify(e, null, 2), "");
    showDiagnostics(payload, [diagnostic(payload, line, column, "error", `${e.message} [${e.code}]`)]);
  } else {
    setPre($("error"), "", "(none)");
    showDiagnostics(payload, []);
  }
  let status;
  if (!out.compiled) status = [`manifest: ${plural(errs, "error", "errors")}`, "bad"];
  else if (out.error) status = [`payload rejected: ${out.error.status} ${out.error.code}`, "bad"];
  else if (out.result) status = [out.response ? `accepted: ${out.response.status}` : "accepted", "good"]; // a capability may have no response
  else status = ["compiled; no payload", ""];
  if (warns) status[0] += `, ${plural(warns, "warning", "warnings")}`;
  setStatus(...status);
}

function renderRequestError(e) {
  showDiagnostics(manifest, []);
  showDiagnostics(payload, []);
  $("problems").replaceChildren();
  for (const id of ["result", "response", "error"]) setPre($(id), "", "(not run)");
  setStatus(`${e.code}: ${e.message}`, "bad");
}

function state() {
  const s = {c: $("capability").value, m: manifest.state.doc.toString(), p: payload.state.doc.toString()};
  for (const f of fields) if ($(f).value) s[f] = $(f).value;
  return s;
}

// The fragment holds the state as base64url of raw-deflated JSON ("z=") or,
// where the browser cannot compress, of the JSON itself ("j=").
function b64url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unb64url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

async function encodeState(s) {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  if (typeof CompressionStream === "function") return "z=" + b64url(await pipe(bytes, new CompressionStream("deflate-raw")));
  return "j=" + b64url(bytes);
}

async function decodeState(hash) {
  const m = /^#([zj])=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return null;
  let bytes = unb64url(m[2]);
  if (m[1] === "z") bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
  return JSON.parse(new TextDecoder().decode(bytes));
}

let capabilities = [];
let writtenHash = "";

function loadState(s) {
  if (typeof s.c === "string" && s.c !== "") {
    // A capability this server does not run stays selected, so that the link
    // keeps it and the server's answer says which ones it runs.
    const sel = $("capability");
    if (![...sel.options].some((o) => o.value === s.c)) sel.append(new Option(`${s.c} (not run here)`, s.c));
    sel.value = s.c;
  }
  for (const f of fields) $(f).value = typeof s[f] === "string" ? s[f] : "";
  setDoc(manifest, typeof s.m === "string" ? s.m : "");
  setDoc(payload, typeof s.p === "string" ? s.p : "");
}

async function loadFromHash() {
  if (location.hash === "" || location.hash === "#") return false;
  if (location.hash === writtenHash) return true; // the page wrote it: nothing to load
  try {
    const s = await decodeState(location.hash);
    if (!s || typeof s !== "object") throw new Error("the fragment is not #z=… or #j=…");
    loadState(s);
    setNotice("");
    return true;
  } catch (e) {
    setNotice(`the link's state cannot be read: ${e.message}`);
    return false;
  }
}

// setNotice shows a message that stays until the next link is read (the
// status line changes with every run).
function setNotice(text) {
  $("notice").textContent = text;
  $("notice").hidden = !text;
}

async function post(path, body, signal) {
  const r = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body), signal});
  const out = await r.json();
  if (!r.ok) throw Object.assign(new Error(out.requestError ? out.requestError.message : `HTTP ${r.status}`), {requestError: out.requestError || {code: String(r.status), message: `HTTP ${r.status}`}});
  return out;
}

// The page is settled (no data-pending on the body) when no run is waiting or
// going on; data-runs counts the runs shown. Tests read both.
let timer = 0, queued = false, inflight = null, runs = 0;

function schedule() {
  clearTimeout(timer);
  queued = true;
  document.body.dataset.pending = "1";
  timer = setTimeout(run, DEBOUNCE_MS);
}

async function run() {
  queued = false;
  if (inflight) inflight.abort();
  const ctl = new AbortController();
  inflight = ctl;
  const s = state();
  const req = {capability: s.c, manifest: s.m, payload: s.p};
  for (const f of fields) req[f] = s[f] || "";
  try {
    const out = await post("/api/run", req, ctl.signal);
    if (ctl.signal.aborted) return;
    render(out);
  } catch (e) {
    if (ctl.signal.aborted) return;
    renderRequestError(e.requestError || {code: "network", message: e.message});
  }
  inflight = null;
  try {
    writtenHash = "#" + await encodeState(s);
    window.history.replaceState(null, "", writtenHash); // not CodeMirror's history
    $("share").href = location.href;
  } catch (e) {
    setStatus(`the link to this state cannot be made: ${e.message}`, "bad");
  }
  document.body.dataset.runs = String(++runs);
  if (!inflight && !queued) delete document.body.dataset.pending;
}

// wholeNumber is the number typed in an input, or its default when the input
// is empty or holds no number; the API judges its range (a 400 says why).
function wholeNumber(id) {
  const v = $(id).valueAsNumber;
  return Number.isFinite(v) ? v : Number($(id).defaultValue);
}

async function example() {
  const req = {
    capability: $("capability").value, manifest: manifest.state.doc.toString(), integrationKey: $("integrationKey").value,
    members: wholeNumber("exampleMembers"), remove: $("exampleRemove").checked, seed: wholeNumber("exampleSeed"),
  };
  try {
    const out = await post("/api/example", req);
    if (out.payload) setDoc(payload, out.payload);
    else setStatus(`no example payload: ${out.message}`, "bad");
  } catch (e) {
    renderRequestError(e.requestError || {code: "network", message: e.message});
  }
}

async function start() {
  const r = await fetch("/api/capabilities");
  capabilities = await r.json();
  for (const c of capabilities) $("capability").append(new Option(c.name, c.name));
  if (!(await loadFromHash())) {
    const c = capabilities[0];
    if (c) {
      setDoc(manifest, c.sampleManifest);
      setDoc(payload, c.samplePayload);
    }
  }
  for (const f of fields) $(f).addEventListener("input", schedule);
  const exampleButton = () => {
    const off = !capabilities.find((c) => c.name === $("capability").value)?.example;
    for (const id of ["example", "exampleMembers", "exampleRemove", "exampleSeed"]) $(id).disabled = off;
  };
  exampleButton();
  // Choosing another capability brings its sample manifest and payload, each
  // unless it was edited: the text the last capability's sample left is
  // replaced, the user's own is kept.
  let chosen = $("capability").value;
  $("capability").addEventListener("change", () => {
    const was = capabilities.find((c) => c.name === chosen);
    const now = capabilities.find((c) => c.name === $("capability").value);
    chosen = $("capability").value;
    if (now) {
      if (!was || manifest.state.doc.toString() === was.sampleManifest) setDoc(manifest, now.sampleManifest);
      if (!was || payload.state.doc.toString() === was.samplePayload) setDoc(payload, now.samplePayload);
    }
    exampleButton();
    schedule();
  });
  $("example").addEventListener("click", example);
  $("share").addEventListener("click", (ev) => {
    if (navigator.clipboard) {
      ev.preventDefault();
      navigator.clipboard.writeText($("share").href).then(() => setStatus("link copied", "good"), () => { location.href = $("share").href; });
    }
  });
  window.addEventListener("hashchange", () => { loadFromHash().then(exampleButton); });
  schedule();
}

start().catch((e) => setStatus(`the playground could not start: ${e.message}`, "bad"));
