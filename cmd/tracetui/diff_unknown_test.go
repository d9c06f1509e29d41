package main

import (
	"strings"
	"testing"
)

// lineWith is the first line of out holding sub ("" when none).
func lineWith(out, sub string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// A trace whose every span has a start and no end has no duration: the
// diff says "duration unknown" as print does, and compares no durations
// (no "0 ns", no "1.00 s slower", a null change_ms) in any format.
func TestTraceDiffOfAnUntimedTraceComparesNoDurations(t *testing.T) {
	a, b := repoFile("diff", "untimed_trace.json"), repoFile("diff", "unknown_path70.json")
	res := runCLI(t, nil, false, "diff", "--width", "120", a, b)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	head := lineWith(res.stdout, "A trace ")
	if !strings.Contains(head, "· duration unknown ·") || strings.Contains(head, "0 ns") || strings.Contains(head, "start unknown") {
		t.Errorf("A's header %q; want duration unknown, as print says", head)
	}
	const verdict = "B's duration cannot be compared with A's (duration unknown → 1.00 s)"
	if !strings.Contains(res.stdout, verdict) || strings.Contains(res.stdout, "slower") {
		t.Errorf("verdict; want %q:\n%s", verdict, res.stdout)
	}
	md := runCLI(t, nil, false, "diff", "--format", "markdown", a, b).stdout
	if !strings.Contains(md, "**"+verdict) || strings.Contains(md, "0 ns") {
		t.Errorf("markdown; want %q and no 0 ns:\n%s", verdict, md)
	}
	var js struct {
		Verdict  string   `json:"verdict"`
		ChangeMS *float64 `json:"change_ms"`
		A        struct {
			DurationMS *float64 `json:"duration_ms"`
		} `json:"a"`
	}
	decode(t, runCLI(t, nil, false, "diff", "--format", "json", a, b).stdout, &js)
	if js.ChangeMS != nil || js.A.DurationMS != nil || !strings.HasPrefix(js.Verdict, verdict) {
		t.Errorf("json change_ms %v, a.duration_ms %v, verdict %q; want null, null, %q", js.ChangeMS, js.A.DurationMS, js.Verdict, verdict)
	}
}

// print's markdown words an untimed trace as its text does: "duration
// unknown", no measured-looking 0 ns, no "started start unknown".
func TestPrintMarkdownOfAnUntimedTraceSaysDurationUnknown(t *testing.T) {
	path := repoFile("diff", "untimed_trace.json")
	text := runCLI(t, nil, false, "print", path).stdout
	md := runCLI(t, nil, false, "print", "--format", "markdown", path).stdout
	facts := lineWith(md, "2 spans")
	if !strings.HasPrefix(facts, "duration unknown · 2 spans · 1 service · 0 errors") || strings.Contains(md, "0 ns") ||
		strings.Contains(md, "start unknown") {
		t.Errorf("markdown facts %q; want print's %q", facts, lineWith(text, "2 spans"))
	}
}

// A side of a row whose span is untimed has no self time either: null,
// as its duration, never a 0 a script would add up.
func TestTraceDiffJSONUntimedSideSelfIsNull(t *testing.T) {
	var js struct {
		Rows []struct {
			Name string `json:"name"`
			A    struct {
				Untimed int      `json:"untimed"`
				SelfMS  *float64 `json:"self_ms"`
			} `json:"a"`
			B struct {
				SelfMS *float64 `json:"self_ms"`
			} `json:"b"`
		} `json:"rows"`
	}
	decode(t, runCLI(t, nil, false, "diff", "--format", "json", repoFile("diff", "unended_a.json"), repoFile("diff", "unended_b.json")).stdout, &js)
	seen := false
	for _, r := range js.Rows {
		if r.Name != "B" {
			continue
		}
		seen = true
		if r.A.Untimed != 1 || r.A.SelfMS != nil || r.B.SelfMS == nil {
			t.Errorf("row B: a.untimed %d a.self_ms %v b.self_ms %v; want 1, null, a number", r.A.Untimed, r.A.SelfMS, r.B.SelfMS)
		}
	}
	if !seen {
		t.Error("no row B")
	}
}

// When most of a critical path is time after a span with no end started,
// the diff's headers carry print's "unknown:" line, its JSON sides their
// unknown time, and the verdict says the paths are mostly unknown instead
// of a plain "takes as long as".
func TestTraceDiffSaysTheCriticalPathsUnknownTime(t *testing.T) {
	a, b := repoFile("diff", "unknown_path70.json"), repoFile("diff", "unknown_path80.json")
	res := runCLI(t, nil, false, "diff", "--width", "120", a, b)
	for _, f := range []string{a, b} {
		want := strings.TrimSpace(lineWith(runCLI(t, nil, false, "print", "--width", "120", f).stdout, "unknown: "))
		if want == "" || !strings.Contains(res.stdout, "\n  "+want+"\n") {
			t.Errorf("diff does not carry print's %q under its trace:\n%s", want, res.stdout)
		}
	}
	if i, j := strings.Index(res.stdout, "(70%)"), strings.Index(res.stdout, "B trace"); i < 0 || i > j {
		t.Errorf("A's unknown line is not under A's header:\n%s", res.stdout)
	}
	const verdict = "B takes as long as A (1.00 s), but 70% of A's critical path and 80% of B's are unknown: "
	if !strings.Contains(res.stdout, verdict) {
		t.Errorf("verdict; want %q:\n%s", verdict, res.stdout)
	}
	md := runCLI(t, nil, false, "diff", "--format", "markdown", a, b).stdout
	if !strings.Contains(md, "\n  - unknown: 800 ms of the critical path of 1.00 s (80%)") || !strings.Contains(md, verdict) {
		t.Errorf("markdown lacks B's unknown time or the verdict:\n%s", md)
	}
	var js struct {
		A, B struct {
			Unknown []struct {
				Name   string  `json:"name"`
				PathMS float64 `json:"path_ms"`
			} `json:"unknown"`
		}
	}
	decode(t, runCLI(t, nil, false, "diff", "--format", "json", a, b).stdout, &js)
	if len(js.A.Unknown) != 1 || js.A.Unknown[0].PathMS != 700 || len(js.B.Unknown) == 0 || js.B.Unknown[0].Name != "X-noend" {
		t.Errorf("json unknown: a %+v b %+v; want 700 ms after B-noend, and X-noend's in B", js.A.Unknown, js.B.Unknown)
	}
}

// A call that failed in A and that B does not make was not fixed: its row
// says "removed, error" (not "error → ok") in text and markdown, and its
// JSON row is no fixed_error; the verdict names it as removed, not gone.
func TestTraceDiffRemovedErrorSpanIsNotFixed(t *testing.T) {
	args := []string{"diff", "--width", "140", "--trace", "0af765", demoPath, "--trace", "4bf92f", demoPath}
	res := runCLI(t, nil, false, args...)
	md := runCLI(t, nil, false, append(args, "--format", "markdown")...).stdout
	for name, out := range map[string]string{"text": res.stdout, "markdown": md} {
		row := lineWith(out, "├─ cart GET session")
		if !strings.HasSuffix(row, " removed, error") || strings.Contains(row, "ok") {
			t.Errorf("%s row %q; want removed, error", name, row)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "−") && strings.Contains(l, "→ ok") {
				t.Errorf("%s: removed row reads fixed: %q", name, l)
			}
		}
	}
	if !strings.Contains(res.stdout, "2 failed spans removed: cart GET session, payment") ||
		strings.Contains(res.stdout, "errors gone") {
		t.Errorf("verdict:\n%s", res.stdout)
	}
	var js struct {
		Rows []struct {
			Name       string `json:"name"`
			Change     string `json:"change"`
			FixedError bool   `json:"fixed_error"`
			A          struct {
				Errors int `json:"errors"`
			} `json:"a"`
		} `json:"rows"`
	}
	decode(t, runCLI(t, nil, false, append(args, "--format", "json")...).stdout, &js)
	seen := 0
	for _, r := range js.Rows {
		if r.Change == "removed" && r.A.Errors > 0 {
			seen++
			if r.FixedError {
				t.Errorf("removed row %s is fixed_error", r.Name)
			}
		}
	}
	if seen == 0 {
		t.Error("no removed row with an error in json")
	}
}
