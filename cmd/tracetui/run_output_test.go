package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/render"
)

// run's JUnit names tests as the terminal report does: sanitized, so no
// DEL, C1 control, bidi override, noncharacter or escape leftover ("[2J")
// reaches the CI page that shows the file. (The service name in the file
// spells "\u001b[2J" as plain text: that stays.)
func TestRunJUnitSanitizesTestNames(t *testing.T) {
	t.Setenv("TRACETUI_SDK_APP", "post:"+controlPath)
	junit := filepath.Join(t.TempDir(), "junit.xml")
	r := runCLI(t, nil, false, "run", "--junit", junit, "--", os.Args[0])
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	doc := readJUnit(t, junit)
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
		for _, c := range s.Cases {
			names = append(names, c.Name, c.Classname)
			if c.Failure != nil {
				names = append(names, c.Failure.Message, c.Failure.Text)
			}
		}
	}
	found := false
	for _, n := range names {
		if strings.Contains(n, "\ufffd[2J") || strings.ContainsAny(n, "\x1b\x7f\u0085\u202e\ufffe\uffff") {
			t.Errorf("JUnit keeps unsafe characters: %q", n)
		}
		if strings.HasPrefix(n, "T ctl") {
			found = true
			// The name the terminal report gives the test, word for word.
			if !strings.Contains(r.stdout, "› "+n+" failed") {
				t.Errorf("JUnit names the test %q, the report otherwise:\n%s", n, r.stdout)
			}
		}
		if n != render.Sanitize(strings.ReplaceAll(n, "\n", " ")) && !strings.Contains(n, "\n") {
			t.Errorf("JUnit holds an unsanitized name: %q", n)
		}
	}
	if !found {
		t.Errorf("no testcase for the test T ctl…: %+v", doc)
	}
}

// run lays out a trace as print does: at --width 100 the legend wraps
// between its items, never inside one ("⚠ data" / "warning"); and its
// own lines on stderr fit the width too.
func TestRunKeepsLegendItemsWholeAndItsLinesFit(t *testing.T) {
	t.Setenv("TRACETUI_SDK_APP", "post:"+controlPath)
	r := runCLI(t, nil, false, "run", "--width", "100", "--", os.Args[0])
	legend := render.Legend(render.Options{Width: 100, Glyphs: render.Unicode, Styles: render.PlainStyles()})
	if !strings.Contains(legend, "\n") || !strings.Contains(r.stdout, "\n"+legend+"\n") {
		t.Errorf("the legend is not print's at --width 100:\n%s\nwant:\n%s", r.stdout, legend)
	}
	r = runCLI(t, nil, false, "run", "--width", "40", "--", os.Args[0])
	for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
		if render.Width(l) > 40 {
			t.Errorf("a stderr line of %d columns at --width 40: %s", render.Width(l), l)
		}
	}
	if !strings.Contains(unwrapped(r.stderr), "exited with 1; received 2 spans in 1 trace") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// When CMD fails but every test the traces name passed, run says so
// before the traces it shows instead, which otherwise read as the cause.
func TestRunSaysWhenCMDFailedButNoTestDid(t *testing.T) {
	file := filepath.Join(t.TempDir(), "passed.jsonl")
	line := `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},"scopeSpans":[{"spans":[` +
		`{"traceId":"e0000000000000000000000000000001","spanId":"0000000000000001","name":"TestCheckout","startTimeUnixNano":"1795167000000000000","endTimeUnixNano":"1795167000100000000",` +
		`"attributes":[{"key":"test.case.name","value":{"stringValue":"TestCheckout"}},{"key":"test.case.result.status","value":{"stringValue":"pass"}}]}]}]}]}`
	if err := os.WriteFile(file, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TRACETUI_SDK_APP", "post:"+file)
	r := runCLI(t, nil, false, "run", "--", os.Args[0])
	say := "exited with 1 but no test failed; showing the traces with errors first, then the slowest (--top 3)"
	i, j := strings.Index(unwrapped(r.stdout), say), strings.Index(unwrapped(r.stdout), "test TestCheckout passed")
	if r.code != 1 || i < 0 || j < i {
		t.Errorf("exit %d, want 1 and %q before the passed test's trace:\n%s", r.code, say, r.stdout)
	}
}

// --no-findings any is worded "no findings".
func TestNoFindingsAnyIsWordedPlainly(t *testing.T) {
	r := runCLI(t, nil, false, "check", "--no-findings", "any", demoPath)
	if !strings.Contains(r.stdout, "FAIL  no findings (--no-findings)") || strings.Contains(r.stdout, "no any findings") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
}
