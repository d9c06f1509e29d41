package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/render"
)

// hostilePath is one failing test's trace whose names are long and full of
// markdown (`|`, `<b>`, backticks): the test "billing|core › refund
// `partial` | <b>half</b>", a 150-character SQL span, and the failure
// point "write receipt", an error whose only words are an exception event
// (IOError: disk full: …).
var hostilePath = filepath.Join("..", "..", "testdata", "checks", "hostile_names.jsonl")

// unwrapped joins a report's lines as a reader does across a wrap.
func unwrapped(s string) string { return strings.Join(strings.Fields(s), " ") }

// --no-errors names, for each failing trace, the failure point (service
// and name) and what it said: a status message, or an exception event.
func TestCheckNoErrorsNamesTheFailurePointAndItsMessage(t *testing.T) {
	r := runCLI(t, nil, false, "check", "--no-errors", demoPath)
	for _, want := range []string{
		"trace 0af7651916cd43dd8448eb211c80319c  checkout POST /checkout",
		`payment POST /v1/charges: error "502 Bad Gateway" (failure point)`,
		`cart GET session: error "redis: nil (cache miss)"`,
		`checkout Charge: error "payment declined by gateway" (passed up from POST /v1/charges)`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q:\n%s", want, r.stdout)
		}
	}
	if i, j := strings.Index(r.stdout, "(failure point)"), strings.Index(r.stdout, "cart GET session"); i > j {
		t.Errorf("the failure point should be listed first:\n%s", r.stdout)
	}
	r = runCLI(t, nil, false, "check", "--no-errors", hostilePath)
	if want := `write receipt: error "IOError: disk full: /var/lib/receipts has no space left for the receipt of order 4711" (failure point)`; !strings.Contains(unwrapped(r.stdout), want) {
		t.Errorf("the exception is not named:\n%s", r.stdout)
	}
}

// A trace broken by several asserts of one rule is shown once, with
// every assert listed; JUnit has one testcase per rule and trace whose
// message names every assert, and so does each annotation.
func TestCheckGroupsEveryFailedAssertUnderItsTrace(t *testing.T) {
	checksFile := writeChecks(t, `
- name: charges
  select: '{ name = "POST /v1/charges" }'
  assert: [duration < 100ms, attr:http.response.status_code = 200]
`)
	junit := filepath.Join(t.TempDir(), "junit.xml")
	r := runEnv(t, map[string]string{"GITHUB_ACTIONS": "true"}, "check", "--check", checksFile, "--junit", junit, demoPath)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, id := range []string{"4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c"} {
		if n := strings.Count(r.stdout, "  trace "+id); n != 1 {
			t.Errorf("trace %s shown %d times, want once:\n%s", id, n, r.stdout)
		}
	}
	block := r.stdout[strings.Index(r.stdout, "trace 0af765"):]
	for _, want := range []string{"duration < 100ms failed on 1 span", "attr:http.response.status_code = 200 failed on 1 span", "payment POST /v1/charges: 502, expected = 200"} {
		if !strings.Contains(block, want) {
			t.Errorf("the 0af765 entry lacks %q:\n%s", want, block)
		}
	}
	if n := strings.Count(r.stdout, "match the check") + strings.Count(r.stdout, "matches the check"); n != 2 {
		t.Errorf("%d waterfalls, want one per trace (2):\n%s", n, r.stdout)
	}

	var doc junitDoc
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if doc.Tests != 2 || doc.Failures != 2 || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 2 {
		t.Fatalf("want one testcase per trace, both failed: %+v", doc)
	}
	for _, c := range doc.Suites[0].Cases {
		if c.Failure == nil || !strings.Contains(c.Failure.Message, "duration < 100ms") || !strings.Contains(c.Failure.Message, "attr:http.response.status_code = 200") {
			t.Errorf("testcase %q: the message should name both asserts: %+v", c.Name, c.Failure)
		}
	}

	var notes []string
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(l, "::error title=tracetui check%3A charges::") {
			notes = append(notes, l)
		}
	}
	if len(notes) != 2 {
		t.Fatalf("%d annotations, want one per trace:\n%s", len(notes), r.stderr)
	}
	for _, n := range notes {
		if !strings.Contains(n, "duration < 100ms failed") || !strings.Contains(n, "attr:http.response.status_code = 200 failed") {
			t.Errorf("an annotation keeps one assert only: %s", n)
		}
	}
}

// Without a terminal every line of check's and run's reports fits
// --width (120 by default), long names wrapped, never cut.
func TestCheckAndRunLinesFitTheWidth(t *testing.T) {
	for _, width := range []string{"", "60"} {
		args := []string{"--no-errors", "--max-duration", "100ms"}
		if width != "" {
			args = append(args, "--width", width)
		}
		w := 120
		if width != "" {
			w = 60
		}
		check := runCLI(t, nil, false, append(append([]string{"check"}, args...), hostilePath)...)
		t.Setenv("TRACETUI_SDK_APP", "post:"+hostilePath)
		run := runCLI(t, nil, false, append(append([]string{"run"}, args...), "--", os.Args[0])...)
		for name, r := range map[string]result{"check": check, "run": run} {
			if r.code != 1 {
				t.Fatalf("%s: exit %d\n%s%s", name, r.code, r.stdout, r.stderr)
			}
			for _, l := range strings.Split(r.stdout, "\n") {
				if render.Width(l) > w {
					t.Errorf("%s --width %q: a line of %d columns:\n%s", name, width, render.Width(l), l)
				}
			}
			for _, want := range []string{
				`write receipt: error "IOError: disk full: /var/lib/receipts has no space left for the receipt of order 4711" (failure point)`,
				"(test billing|core › refund `partial` | <b>half</b>)",
				"trace duration <= 100ms: saw 900 ms, expected <= 100ms",
			} {
				if !strings.Contains(unwrapped(r.stdout), want) {
					t.Errorf("%s --width %q: %q is cut or missing:\n%s", name, width, want, r.stdout)
				}
			}
		}
		if !strings.Contains(unwrapped(run.stdout), "tracetui: test billing|core › refund `partial` | <b>half</b> failed") {
			t.Errorf("run --width %q: the test's title is cut:\n%s", width, run.stdout)
		}
	}
}

// The step summary escapes names from traces for markdown (a "|" cannot
// open a column, "<b>" a tag, a backtick a code span), and run and check
// head it alike: "### tracetui …" per section, "####" per item.
func TestStepSummaryEscapesNamesAndHasOneHeadingScheme(t *testing.T) {
	t.Setenv("TRACETUI_SDK_APP", "post:"+hostilePath)
	summary := filepath.Join(t.TempDir(), "summary.md")
	r := runEnv(t, map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary},
		"run", "--no-errors", "--check", writeChecks(t, "- name: 'totals | `sum` <i>'\n  assert: [count() < 2]\n"), "--", os.Args[0])
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	var headings []string
	inCode := false
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "```") {
			inCode = !inCode
		}
		if inCode {
			continue
		}
		if strings.HasPrefix(l, "#") {
			headings = append(headings, l)
		}
		if strings.HasPrefix(l, "| ") {
			// Unescaped "|" would add columns: every row has 3 cells.
			if n := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(l, -1)); n != 4 {
				t.Errorf("a table row with %d separators, want 4: %s", n, l)
			}
		}
		if strings.Contains(l, "<b>") || strings.Contains(l, "<i>") {
			t.Errorf("a raw tag outside code: %s", l)
		}
	}
	want := []*regexp.Regexp{
		regexp.MustCompile("^### tracetui run: the traces that explain it$"),
		regexp.MustCompile(`^#### ❌ test billing\\\|core › refund \\` + "`partial\\\\` " + `\\\| &lt;b&gt;half&lt;/b&gt; failed · `),
		regexp.MustCompile(`^### tracetui checks: 2 of 2 checks failed, on 1 of 1 trace$`),
		regexp.MustCompile(`^#### ❌ no errors$`),
		regexp.MustCompile("^#### ❌ totals \\\\\\| \\\\`sum\\\\` &lt;i&gt;$"),
	}
	if len(headings) != len(want) {
		t.Fatalf("headings:\n%s\nwant %d", strings.Join(headings, "\n"), len(want))
	}
	for k, re := range want {
		if !re.MatchString(headings[k]) {
			t.Errorf("heading %d = %q, want %s", k, headings[k], re)
		}
	}
}

// New-user sweep: one of two traces failing read "1 of 1 check failed on
// 2 traces", as if both had.
func TestCheckTotalCountsTheTracesThatFailed(t *testing.T) {
	r := runCLI(t, nil, false, "check", "--no-errors", repoFile("..", "source", "demo", "demo.jsonl"))
	if r.code != 1 || !strings.Contains(r.stdout, "\n1 of 1 check failed, on 1 of 2 traces\n") {
		t.Errorf("exit %d, want 1 and the total naming 1 of 2 traces:\n%s", r.code, r.stdout)
	}
}
