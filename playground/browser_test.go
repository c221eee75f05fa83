package playground

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/segsync/segsync/spec"
)

// These tests drive the page in a real headless Chromium (chromedp), served by
// an httptest server on loopback. Without Chromium they skip, unless
// SEGSYNC_REQUIRE_BROWSER=1 (CI sets it), which makes them fail.

var screenshot = flag.String("screenshot", "", "write a screenshot of the page to this PNG file (the README's docs/playground.png)")

// browserBudget bounds one browser test, start-up included.
const browserBudget = 90 * time.Second

// chromium returns the browser to run: $SEGSYNC_CHROMIUM, or the first of the
// usual names on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SEGSYNC_CHROMIUM"); p != "" {
		return p
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell"}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no Chromium found (none of %s on PATH, SEGSYNC_CHROMIUM unset): install it with `apt-get install chromium`", strings.Join(names, ", "))
	if os.Getenv("SEGSYNC_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + "; SEGSYNC_REQUIRE_BROWSER=1 makes this a failure")
	}
	t.Skip(msg + "; the browser tests are skipped")
	return ""
}

// browser starts the playground on loopback and a headless Chromium that
// resolves no other host, and returns a tab's context (bounded by
// browserBudget) and the page's URL.
func browser(t *testing.T) (context.Context, string) {
	t.Helper()
	return browserOn(t, New(Options{}))
}

// browserOn is browser with the page served by h.
func browserOn(t *testing.T, h http.Handler) (context.Context, string) {
	t.Helper()
	path := chromium(t)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WindowSize(1400, 820),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true), // a container's small /dev/shm must not crash it
		// Loopback only: every other name fails to resolve.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WSURLReadTimeout(30*time.Second), // bounds the start-up
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses its sandbox as root
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelTab)
	start := time.Now()
	if err := chromedp.Do(tab); err != nil { // starts the browser, without the budget's deadline
		t.Fatalf("starting %s: %v", path, err)
	}
	t.Logf("%s started in %v", path, time.Since(start).Round(time.Millisecond))
	ctx, cancel := context.WithTimeout(tab, browserBudget)
	t.Cleanup(cancel)
	return ctx, srv.URL + "/"
}

// waitFor polls a JavaScript expression until it is true, 15 s at most (the
// page answers in milliseconds; the margin is for a loaded CI machine running
// the race detector).
func waitFor(expr string) chromedp.Action[chromedp.Void] {
	poll := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second), chromedp.WithPollingInterval(20*time.Millisecond))
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := poll(ctx, tg); err != nil {
			return fmt.Errorf("waiting for %s: %w", expr, err)
		}
		return nil
	})
}

// settled is true once the page has run since the last change and shown the
// answer.
const settled = `!!document.body.dataset.runs && !document.body.dataset.pending`

// markerLineJS returns, for an editor, the 1-based line whose underline
// marker (severity sev) is shown, checked against the gutter marker at the
// same height; 0 when there is none, -1 when the two disagree.
func markerLineJS(editor, sev string) string {
	return fmt.Sprintf(`(() => {
  const ed = document.getElementById(%q);
  const lines = Array.from(ed.querySelectorAll(".cm-line"));
  const i = lines.findIndex((l) => l.querySelector(".cm-lintRange-%s"));
  if (i < 0) return 0;
  const top = lines[i].getBoundingClientRect().top;
  const marks = Array.from(ed.querySelectorAll(".cm-lint-marker-%s"));
  if (!marks.some((m) => Math.abs(m.getBoundingClientRect().top - top) < 4)) return -1;
  return i + 1;
})()`, editor, sev, sev)
}

// lineHoldingJS returns the 1-based editor line whose text holds s.
func lineHoldingJS(editor, s string) string {
	return fmt.Sprintf(`Array.from(document.querySelectorAll("#%s .cm-line")).findIndex((l) => l.textContent.includes(%q)) + 1`, editor, s)
}

func docJS(editor string) string {
	return fmt.Sprintf(`window.playground.%s.state.doc.toString()`, editor)
}

// do runs steps, failing the test on an error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// get runs one action and returns its value, failing the test on an error.
func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return get(t, ctx, chromedp.Evaluate[T](expr))
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return get(t, ctx, chromedp.TextContent(chromedp.CSS(sel)))
}

// insertText puts text at the selection at once, as a paste does.
func insertText(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: text})
		return err
	})
}

// selectAll focuses an editor and selects all of its text.
func selectAll(editor string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS("#"+editor+" .cm-content")),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	)
}

// typeDoc replaces an editor's text by typing text, key by key. Line breaks
// are inserted as text: chromedp's Enter key event carries the text "\r" as
// well, and CodeMirror would get two line breaks from it.
func typeDoc(editor, text string) chromedp.Action[chromedp.Void] {
	steps := []chromedp.Action[chromedp.Void]{selectAll(editor), chromedp.KeyEvent(kb.Backspace)}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			steps = append(steps, insertText("\n"))
		}
		steps = append(steps, chromedp.KeyEvent(line))
	}
	return chromedp.Steps(steps...)
}

// pasteDoc replaces an editor's text with text at once, as a paste does.
func pasteDoc(editor, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(selectAll(editor), insertText(text))
}

// The whole path of a person: the sample runs on load, the example button
// fills the payload, a typed manifest with a mistake shows its marker at the
// line, clicking the problem and typing fixes it, a pasted payload shows its
// result and a rejected one its error at its line, and the link opened in a
// new tab shows the same state.
func TestBrowser(t *testing.T) {
	ctx, url := browser(t)
	start := time.Now()
	do(t, ctx, chromedp.Navigate(url), waitFor(settled))
	status, before := text(t, ctx, "#status"), eval[string](t, ctx, docJS("payload"))
	if status != "accepted: 204" || !strings.Contains(before, "user-1001") {
		t.Fatalf("on load: status %q, payload %q; want the sample, accepted", status, before)
	}

	// The example button replaces the payload with one the manifest accepts.
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#example")),
		waitFor(`!`+docJS("payload")+`.includes("user-1001")`),
		waitFor(settled),
	)
	after := eval[string](t, ctx, docJS("payload"))
	if status := text(t, ctx, "#status"); status != "accepted: 204" || after == before {
		t.Fatalf("after Example payload: status %q, payload %q", status, after)
	}
	// Its controls: three members, every one a removal.
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#exampleMembers"), "3"),
		chromedp.Click(chromedp.CSS("#exampleRemove")),
		chromedp.Click(chromedp.CSS("#example")),
		waitFor(docJS("payload")+` !== `+strconv.Quote(after)),
		waitFor(settled),
	)
	removals := eval[string](t, ctx, docJS("payload"))
	if status := text(t, ctx, "#status"); status != "accepted: 204" || strings.Count(removals, `"inCohort": false`) != 3 || strings.Contains(removals, `"inCohort": true`) {
		t.Fatalf("an example of 3 removals: status %q, payload %s", status, removals)
	}

	// A typed manifest with a mistake: the marker sits on its line, in the
	// text and in the gutter, and the problem list names the same line.
	typed := "{\"capabilities\": {\"syncedSegment\": {\"requestParser\": {\n" +
		"\"environmentIdPath\": \"/env\", \"cohortIdPath\": \"/cohort\", \"cohortNamePath\": \"/name\",\n" +
		"\"memberArrayPath\": \"members\",\n" +
		"\"memberArrayParser\": {\"memberIdPath\": \"/id\", \"booleanMembershipPath\": \"/in\"}}}}}"
	do(t, ctx,
		typeDoc("manifest", typed),
		waitFor(`!!document.querySelector("#problems li.error[data-code=invalid_pointer]")`),
		waitFor(settled),
	)
	markerLine := eval[int](t, ctx, markerLineJS("manifest", "error"))
	mistakeLine := eval[int](t, ctx, lineHoldingJS("manifest", `"memberArrayPath"`))
	listed := get(t, ctx, chromedp.AttributeValue(chromedp.CSS("#problems li.error"), "data-line")).Value
	status = text(t, ctx, "#status")
	if mistakeLine != 3 || markerLine != mistakeLine || listed != "3" || status != "manifest: 1 error" {
		t.Fatalf("mistake on line %d: marker on line %d (-1: not in the gutter), listed at line %s, status %q", mistakeLine, markerLine, listed, status)
	}
	if under := text(t, ctx, "#manifest .cm-lintRange-error"); under != `"members"` {
		t.Errorf("the manifest's marker underlines %q, want the value \"members\"", under)
	}

	// Fix it where the problem points: click the problem (the cursor goes to
	// the value), step over the quote, type the missing slash.
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#problems li.error")),
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.KeyEvent("/"),
		waitFor(`!!document.querySelector("#problems li.none")`),
		waitFor(settled),
	)
	if markerLine, problems := eval[int](t, ctx, markerLineJS("manifest", "error")), text(t, ctx, "#problems"); markerLine != 0 || !strings.Contains(problems, "No problems") {
		t.Fatalf("after the fix: marker on line %d, problems %q", markerLine, problems)
	}
	if fixed := eval[string](t, ctx, docJS("manifest")); !strings.Contains(fixed, `"memberArrayPath": "/members"`) {
		t.Fatalf("the fixed manifest: %s", fixed)
	}

	// A pasted payload: its result and response.
	do(t, ctx,
		pasteDoc("payload", `{"env": "env-1", "cohort": "vip", "name": "VIP", "members": [{"id": "u1", "in": true}, {"id": "u2", "in": false}]}`),
		waitFor(`document.getElementById("result").textContent.includes("u2")`),
		waitFor(settled),
	)
	result, response, status := text(t, ctx, "#result"), text(t, ctx, "#response"), text(t, ctx, "#status")
	var res struct {
		Segments []struct{ Add, Remove []string }
	}
	if err := json.Unmarshal([]byte(result), &res); err != nil || len(res.Segments) != 1 || fmt.Sprint(res.Segments[0].Add, res.Segments[0].Remove) != "[u1] [u2]" {
		t.Fatalf("result %q (%v): want u1 added, u2 removed", result, err)
	}
	if !strings.HasPrefix(response, "HTTP 204") || status != "accepted: 204" {
		t.Fatalf("response %q, status %q", response, status)
	}

	// A rejected payload: its error object, and its marker at its line and
	// under the offending value, past characters of one, two and four bytes
	// (the server counts columns in code points, the editor in UTF-16 units).
	do(t, ctx,
		pasteDoc("payload", "{\"env\": \"env-1\", \"cohort\": \"vip\", \"name\": \"VIP\",\n \"members\": [\n  {\"id\": \"u1é😀\", \"in\": \"yes\"}\n]}"),
		waitFor(`document.getElementById("error").textContent.includes("wrong_type")`),
		waitFor(settled),
	)
	if under := text(t, ctx, "#payload .cm-lintRange-error"); under != `"yes"` {
		t.Errorf("the payload's marker underlines %q, want the value \"yes\"", under)
	}
	errText, status, response := text(t, ctx, "#error"), text(t, ctx, "#status"), text(t, ctx, "#response")
	if markerLine := eval[int](t, ctx, markerLineJS("payload", "error")); markerLine != 3 || !strings.Contains(errText, `"pointer": "/members/0/in"`) || status != "payload rejected: 400 wrong_type" || !strings.HasPrefix(response, "HTTP 400") {
		t.Fatalf("rejected payload: marker on line %d, error %q, status %q, response %q", markerLine, errText, status, response)
	}

	// A response option, then the link: a new tab opened on it shows the same.
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#projectKey"), "web"),
		waitFor(settled),
		waitFor(`document.getElementById("share").href.includes("#z=")`),
	)
	link := get(t, ctx, chromedp.AttributeValue(chromedp.CSS("#share"), "href")).Value
	manifest, payload := eval[string](t, ctx, docJS("manifest")), eval[string](t, ctx, docJS("payload"))
	if !strings.HasPrefix(link, url+"#z=") {
		t.Fatalf("link %q", link)
	}
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	do(t, tab, chromedp.Navigate(link), waitFor(settled))
	manifest2, payload2 := eval[string](t, tab, docJS("manifest")), eval[string](t, tab, docJS("payload"))
	projectKey2 := get(t, tab, chromedp.Value(chromedp.CSS("#projectKey")))
	errText2, status2 := text(t, tab, "#error"), text(t, tab, "#status")
	markerLine = eval[int](t, tab, markerLineJS("payload", "error"))
	if manifest2 != manifest || payload2 != payload || projectKey2 != "web" || errText2 != errText || status2 != status || markerLine != 3 {
		t.Fatalf("the link's tab differs: manifest equal %v, payload equal %v, project key %q, error %q, status %q, marker line %d",
			manifest2 == manifest, payload2 == payload, projectKey2, errText2, status2, markerLine)
	}
	t.Logf("the whole path took %v", time.Since(start).Round(time.Millisecond))
}

// A link followed in a tab already open (the fragment changes, the page does
// not reload) loads its state; a fragment that cannot be read says so and
// changes nothing; a link naming a capability the server does not run keeps it
// and shows the server's answer, which names the ones it runs.
func TestBrowserLinks(t *testing.T) {
	ctx, url := browser(t)
	do(t, ctx,
		chromedp.Navigate(url),
		waitFor(settled),
		pasteDoc("manifest", "{}"),
		waitFor(docJS("manifest")+` === "{}"`),
		waitFor(settled),
	)
	link := get(t, ctx, chromedp.AttributeValue(chromedp.CSS("#share"), "href")).Value
	do(t, ctx,
		pasteDoc("manifest", "[]"),
		waitFor(`location.href !== `+fmt.Sprintf("%q", link)),
		waitFor(settled),
		chromedp.Navigate(link), // the same page: only the fragment changes
		waitFor(docJS("manifest")+` === "{}"`),
		waitFor(settled),
		chromedp.Navigate(url+"#z=AAAA"),
		waitFor(`!document.getElementById("notice").hidden`),
	)
	if manifest, notice := eval[string](t, ctx, docJS("manifest")), text(t, ctx, "#notice"); manifest != "{}" || !strings.HasPrefix(notice, "the link's state cannot be read") {
		t.Fatalf("a bad link: manifest %q, notice %q", manifest, notice)
	}

	// A new tab on a bad link: the sample, and the notice stays after its run.
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	do(t, tab, chromedp.Navigate(url+"#nonsense"), waitFor(settled))
	if notice, status := text(t, tab, "#notice"), text(t, tab, "#status"); notice != "the link's state cannot be read: the fragment is not #z=… or #j=…" || status != "accepted: 204" {
		t.Fatalf("a new tab on a bad link: notice %q, status %q", notice, status)
	}

	// An uncompressed link (#j=) naming a capability this server does not run.
	state, err := json.Marshal(map[string]string{"c": "bigSegmentStore", "m": `{"capabilities": {"bigSegmentStore": {}}}`, "p": ""})
	if err != nil {
		t.Fatal(err)
	}
	do(t, tab,
		chromedp.Navigate(url+"#j="+base64.RawURLEncoding.EncodeToString(state)),
		waitFor(`document.getElementById("capability").value === "bigSegmentStore"`),
		waitFor(settled),
	)
	if status := text(t, tab, "#status"); !strings.HasPrefix(status, `unknown_capability: unknown capability "bigSegmentStore": the playground runs approval.creationRequest, `) {
		t.Fatalf("a link naming capability bigSegmentStore: status %q", status)
	}
	if link := get(t, tab, chromedp.AttributeValue(chromedp.CSS("#share"), "href")).Value; !strings.Contains(link, "#z=") {
		t.Fatalf("the link after it: %q", link)
	}
}

// The page runs whatever capability the server lists: chosen in the selector,
// its result shows, with no response when the capability gives none, and the
// example button is off when it makes no examples.
func TestBrowserOtherCapability(t *testing.T) {
	caps := map[string]capability{
		"syncedSegment": capabilities["syncedSegment"],
		"echo": {
			run: func(req *RunRequest) (*RunResponse, error) {
				return &RunResponse{Compiled: true, Problems: []spec.Placed{}, Result: map[string]any{"manifestLength": len(req.Manifest), "payload": req.Payload}}, nil
			},
			sampleManifest: "{}",
		},
	}
	ctx, url := browserOn(t, newHandler(Options{}, caps))
	do(t, ctx,
		chromedp.Navigate(url),
		waitFor(settled),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("capability"); s.value = "echo"; s.dispatchEvent(new Event("change")); })()`),
		pasteDoc("payload", "hello"),
		waitFor(`document.getElementById("result").textContent.includes('"payload": "hello"')`),
		waitFor(settled),
	)
	status, response := text(t, ctx, "#status"), text(t, ctx, "#response")
	disabled := eval[bool](t, ctx, `document.getElementById("example").disabled`)
	if status != "accepted" || response != "(this capability gives no response)" || !disabled {
		t.Fatalf("echo: status %q, response %q, example button disabled %v", status, response, disabled)
	}
}

// Choosing another capability of the real table brings its sample, which runs:
// trigger's event, then an approval status request's status, the approval
// manifest staying when only the payload sample differs; an edited payload is
// kept.
func TestBrowserParserCapabilities(t *testing.T) {
	ctx, url := browser(t)
	choose := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("capability"); s.value = "` + name + `"; s.dispatchEvent(new Event("change")); })()`)
	}
	do(t, ctx,
		chromedp.Navigate(url),
		waitFor(settled),
		choose("trigger"),
		waitFor(`document.getElementById("result").textContent.includes('"eventName": "Error rate above 5%"')`),
		waitFor(settled),
	)
	if got := eval[string](t, ctx, `window.playground.manifest.state.doc.toString()`); got != mustSample("trigger/manifest.json") {
		t.Fatalf("trigger's manifest: %q", got)
	}
	do(t, ctx,
		choose("approval.statusRequest"),
		waitFor(`document.getElementById("result").textContent.includes('"status": "approved"')`),
		waitFor(settled),
		pasteDoc("payload", `{"change": {"state": "rejected"}}`),
		waitFor(`document.getElementById("result").textContent.includes('"status": "rejected"')`),
		waitFor(settled),
		choose("approval.deletionRequest"),
		waitFor(settled),
	)
	if got := eval[string](t, ctx, `window.playground.payload.state.doc.toString()`); got != `{"change": {"state": "rejected"}}` {
		t.Fatalf("the edited payload after choosing another capability: %q", got)
	}
	if status := text(t, ctx, "#status"); status != "accepted" {
		t.Fatalf("approval.deletionRequest on the edited payload: status %q", status)
	}
}

// TestScreenshot writes the README's picture when -screenshot is given: the
// named-arrays example with a misspelt template name (a warning marker) and
// its result and response.
func TestScreenshot(t *testing.T) {
	if *screenshot == "" {
		t.Skip("pass -screenshot FILE.png to write the README's screenshot")
	}
	ctx, url := browser(t)
	manifest := strings.Replace(readExample(t, "named-arrays/manifest.json"), "{{segmentUrl}}", "{{segmentURL}}", 1)
	do(t, ctx,
		chromedp.Navigate(url),
		waitFor(settled),
		chromedp.EmulateViewport(1400, 900),
		pasteDoc("manifest", manifest),
		pasteDoc("payload", readExample(t, "named-arrays/payload.json")),
		chromedp.SendKeys(chromedp.CSS("#integrationKey"), "hub"),
		chromedp.SendKeys(chromedp.CSS("#projectKey"), "web"),
		waitFor(`!!document.querySelector("#problems li.warning")`),
		waitFor(settled),
		chromedp.Click(chromedp.CSS("#problems li.warning")),
		chromedp.Sleep(300*time.Millisecond), // the caret settles
	)
	png := get(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", *screenshot, len(png))
}
