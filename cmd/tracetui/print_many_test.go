package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/render"
)

// manyCallsTrace writes, as OTLP JSON, the new user's shape at a small
// size: a root calling handlers one after another, handler k making calls
// SELECTs of k+1 ms each, one after another (an N+1 each), the first
// handler's last SELECT failed and the second handler's last one without
// an end time. Every handler and every SELECT has the same name as its
// siblings' counterparts, so names alone tell few rows apart.
func manyCallsTrace(t *testing.T, handlers, calls int) string {
	t.Helper()
	const base = int64(1_700_000_000_000_000_000)
	var spans []string
	id := 1
	span := func(parent int, name string, start, end int64, extra string) int {
		me := id
		id++
		p := ""
		if parent > 0 {
			p = fmt.Sprintf(`"parentSpanId":"%016x",`, parent)
		}
		e := ""
		if end > 0 {
			e = fmt.Sprintf(`,"endTimeUnixNano":"%d"`, base+end)
		}
		spans = append(spans, fmt.Sprintf(`{"traceId":"5eed5eed5eed5eed5eed5eed5eed5eed","spanId":"%016x",%s"name":%q,"kind":2,"startTimeUnixNano":"%d"%s%s}`,
			me, p, name, base+start, e, extra))
		return me
	}
	ms := int64(1_000_000)
	at := int64(0)
	var ends []int64
	root := span(0, "GET /many", 0, 0, "") // its end is patched below
	for h := range handlers {
		each := int64(h+1) * ms
		hs := at
		handler := span(root, "handler", hs, hs+int64(calls)*each+ms, "")
		_ = handler
		for c := range calls {
			extra := fmt.Sprintf(`,"attributes":[{"key":"db.statement","value":{"stringValue":"SELECT * FROM items WHERE id = %d"}}]`, c)
			end := at + int64(c+1)*each
			if c == calls-1 && h == 0 {
				extra += `,"status":{"code":2,"message":"deadlock"}`
			}
			if c == calls-1 && h == 1 {
				end = 0
			}
			span(handler, "SELECT items", at+int64(c)*each, end, extra)
		}
		at = hs + int64(calls)*each + ms
		ends = append(ends, at)
	}
	spans[0] = strings.Replace(spans[0], `"startTimeUnixNano"`, fmt.Sprintf(`"endTimeUnixNano":"%d","startTimeUnixNano"`, base+at), 1)
	doc := `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[` +
		strings.Join(spans, ",") + `]}]}]}`
	p := filepath.Join(t.TempDir(), "many.json")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Nine N+1s (eight handlers' and the root's): the text and markdown reports name the five with
// the most time at stake and count the rest; the JSON report keeps all.
func TestPrintCapsFindingsPerKind(t *testing.T) {
	p := manyCallsTrace(t, 8, 6)
	var rep render.Report
	if err := json.Unmarshal([]byte(runCLI(t, nil, false, "print", "--format", "json", p).stdout), &rep); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range rep.Traces[0].Findings {
		if f.Kind == "N+1" {
			n++
		}
	}
	if n != 9 { // the root's calls of the handlers are one too
		t.Fatalf("the JSON report has %d N+1 findings, want all 9", n)
	}
	for _, format := range []string{"text", "markdown"} {
		out := runCLI(t, nil, false, "print", "--width", "200", "--format", format, p).stdout
		var named []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "N+1") && strings.Contains(l, "sequential") {
				named = append(named, l)
			}
		}
		// The root's calls of the handlers weigh most; then, as handler k's
		// calls take k+1 ms each, the last handlers'.
		if len(named) != render.FindingsPerKind || !strings.Contains(named[0], `"handler"`) ||
			!strings.Contains(named[1], "48.0 ms") || !strings.Contains(named[4], "30.0 ms") {
			t.Errorf("%s: the N+1 findings named are not the 5 with the most time at stake:\n%s", format, strings.Join(named, "\n"))
		}
		if !strings.Contains(out, "… and 4 more N+1 findings (tracetui print --format json lists all)") {
			t.Errorf("%s: no line counts the N+1 findings left out:\n%s", format, out)
		}
	}
}

// --max-spans 5 on a trace whose critical path runs through all its 57
// spans: the runs fold them into a few rows, and the note counts those
// rows as rows and the spans they hold as spans.
func TestMaxSpansNoteCountsRowsAndSpans(t *testing.T) {
	p := manyCallsTrace(t, 8, 6)
	out := runCLI(t, nil, false, "print", "--width", "300", "--max-spans", "5", p).stdout
	rows, in := 0, false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "span "):
			in = true
		case strings.HasPrefix(l, "◆ bottleneck"):
			in = false
		case in:
			rows++
		}
	}
	want := fmt.Sprintf("%d rows shown with --max-spans 5, holding all 57 spans (a run of repeated calls is one row): "+
		"the critical path, errors and their ancestors always stay", rows)
	if rows <= 5 || rows >= 56 || !strings.Contains(out, want) {
		t.Errorf("%d rows drawn; want the note %q in:\n%s", rows, want, out)
	}
	// Unfolded, every span kept is a row: the note says so in one number.
	out = runCLI(t, nil, false, "print", "--width", "300", "--max-spans", "5", "--no-fold", p).stdout
	if !strings.Contains(out, "56 spans shown with --max-spans 5: the critical path") {
		t.Errorf("--no-fold: no note counting the 56 span rows:\n%s", out)
	}
}

// The span with no end time is one of 48 "SELECT items", folded into a
// run: the unknown line names it by its span ID as well, which --span and
// the explorer's search take; in text and markdown alike.
func TestUnknownLineNamesAFoldedSpanByID(t *testing.T) {
	p := manyCallsTrace(t, 8, 6)
	var rep render.Report
	if err := json.Unmarshal([]byte(runCLI(t, nil, false, "print", "--format", "json", p).stdout), &rep); err != nil {
		t.Fatal(err)
	}
	u := rep.Traces[0].Unknown
	if len(u) != 1 || u[0].Name != "SELECT items" {
		t.Fatalf("unknown: %+v, want the SELECT with no end time", u)
	}
	want := "after api SELECT items (span " + u[0].AfterSpanID + ") started (no end time)"
	for _, format := range []string{"text", "markdown"} {
		out := runCLI(t, nil, false, "print", "--width", "300", "--format", format, p).stdout
		if !strings.Contains(out, want) {
			t.Errorf("%s: the unknown line does not say %q:\n%s", format, want, out)
		}
	}
}

// A SELECT with no end time leaves 3 ms of its handler's time unknown
// (print's unknown line): stats marks the handlers' SELF as leaving it out
// and says how much, in the table, markdown and JSON; a SELF with nothing
// unknown reads as before.
func TestStatsMarksSelfLeavingUnknownTimeOut(t *testing.T) {
	p := manyCallsTrace(t, 8, 6)
	out := runCLI(t, nil, false, "stats", "--width", "200", p).stdout
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "api handler ") != strings.Contains(l, "ms+? ") {
			t.Errorf("only the handlers' SELF should end in +?: %q", l)
		}
	}
	note := "+? SELF leaves out 3.00 ms unknown: after a span with no usable end started, its parent's time no timed child covers may be either's"
	if !strings.Contains(out, note) {
		t.Errorf("no note %q:\n%s", note, out)
	}
	if md := runCLI(t, nil, false, "stats", "--format", "markdown", p).stdout; !strings.Contains(md, "ms+? |") || !strings.Contains(md, "\n+? SELF leaves out 3.00 ms unknown") {
		t.Errorf("markdown: no mark or note:\n%s", md)
	}
	var st struct {
		Stats []render.StatJSON `json:"stats"`
	}
	if err := json.Unmarshal([]byte(runCLI(t, nil, false, "stats", "--format", "json", p).stdout), &st); err != nil {
		t.Fatal(err)
	}
	for _, r := range st.Stats {
		if u := r.SelfUnknownMS; (r.Operation == "handler") != (u != nil) || u != nil && *u != 3 {
			t.Errorf("%s: self_unknown_ms %v, want 3 for the handlers only", r.Operation, u)
		}
	}
}

// At narrow widths twelve handlers named alike but for their number
// ("GET /api/v1/orders/{id}/items 7") are cut short: no two of their rows
// may read alike. (parity_test.go holds the explorer's screen to print's
// rows on real traces whose names are cut alike.)
func TestNarrowWaterfallLabelsStayDistinct(t *testing.T) {
	const base = int64(1_700_000_000_000_000_000)
	spans := []string{fmt.Sprintf(`{"traceId":"0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a","spanId":"%016x","name":"root","kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}`, 1, base, base+13e6)}
	for k := 1; k <= 12; k++ {
		spans = append(spans, fmt.Sprintf(`{"traceId":"0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a","spanId":"%016x","parentSpanId":"%016x","name":"GET /api/v1/orders/{id}/items %d","kind":3,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}`,
			k+1, 1, k, base+int64(k)*1e6, base+int64(k+1)*1e6))
	}
	p := filepath.Join(t.TempDir(), "alike.json")
	doc := `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[` +
		strings.Join(spans, ",") + `]}]}]}`
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"40", "50", "60"} {
		out := runCLI(t, nil, false, "print", "--width", w, p).stdout
		seen := map[string]bool{}
		for _, l := range strings.Split(out, "\n") {
			// A handler's row: its label runs up to its bar.
			end := strings.IndexAny(l, "█▏▎▍▌▋▊▉")
			if end < 0 || !strings.Contains(l[:end], "─ api ") {
				continue
			}
			label := strings.TrimRight(l[:end], " ")
			if seen[label] {
				t.Errorf("--width %s: two rows read %q:\n%s", w, label, out)
			}
			seen[label] = true
		}
		if len(seen) != 12 {
			t.Errorf("--width %s: %d handler rows found, want 12:\n%s", w, len(seen), out)
		}
	}
}
