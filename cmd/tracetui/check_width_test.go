package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/checks"
	"github.com/tracetui/tracetui/render"
)

// controlPath holds two failing tests whose names carry control
// characters, escape sequences, DEL, C1, noncharacters, a bidi override
// and a lone surrogate.
var controlPath = filepath.Join("..", "..", "testdata", "checks", "control_names.jsonl")

// sweepRules is every rule kind at once, passing and failing ones.
func sweepRules(t *testing.T) []string {
	args := []string{
		"--no-errors", "--max-duration", "1ms",
		"--expect", `{ status = error } | count() = 0`, "--expect", `{ name = "no such span" }`,
		"--check", writeChecks(t, `
- name: per span
  where: '{ status = error }'
  select: '{ status = error }'
  assert: [duration < 1ms, status != error, attr:http.response.status_code = 200]
- name: aggregates
  assert: [count() < 2, avg(duration) < 1ms, max(duration) < 1ms, sum(duration) < 1ms]
- name: none
  where: '{ span.messaging.system = "kafka" }'
  assert: [duration < 1s]
`),
	}
	for _, k := range checks.FindingKinds() {
		args = append(args, "--no-findings", k)
	}
	return args
}

// At every width from 10 (below 40 a usage mistake) to 160, check's report of every rule kind, in
// every format, comes out (no internal error), and every line of the text
// report fits the width.
func TestCheckReportsAtEveryWidth(t *testing.T) {
	rules := sweepRules(t)
	junit := filepath.Join(t.TempDir(), "junit.xml")
	for _, in := range []string{demoPath, hostilePath, controlPath} {
		for _, format := range strings.Split(checkFormats, "|") {
			for w := 10; w <= 160; w++ {
				args := append([]string{"check", "--format", format, "--width", strconv.Itoa(w), "--junit", junit}, rules...)
				r := runCLI(t, nil, false, append(args, in)...)
				if w < 40 { // below the least --width: a usage mistake
					if r.code != 2 || !strings.Contains(r.stderr, "--width must be at least 40") {
						t.Fatalf("--width %d: exit %d\n%s", w, r.code, r.stderr)
					}
					continue
				}
				if r.code != 1 || strings.Contains(r.stderr, "internal error") {
					t.Fatalf("%s --format %s --width %d: exit %d\n%s", filepath.Base(in), format, w, r.code, r.stderr)
				}
				if format != "text" {
					continue
				}
				for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
					if render.Width(l) > w {
						t.Fatalf("%s --width %d: a line of %d columns:\n%s", filepath.Base(in), w, render.Width(l), l)
					}
				}
			}
		}
	}
}

// A bug in the text report (an internal error, said on stderr) never
// replaces CMD's exit code in run, and the JUnit file is still written;
// when CMD passed, the internal error is the exit code (3).
func TestRunKeepsCMDsCodeWhenTheReportFails(t *testing.T) {
	defer func(f func(render.CheckReport, render.Options) []string) { checkText = f }(checkText)
	checkText = func(render.CheckReport, render.Options) []string { panic("a bug in the report") }
	for _, c := range []struct {
		cmd  string
		code int
	}{{"exit 4", 4}, {"true", 3}} {
		junit := filepath.Join(t.TempDir(), "junit.xml")
		r := runCLI(t, nil, false, "run", "--no-errors", "--junit", junit, "--", "sh", "-c", c.cmd)
		if r.code != c.code || !strings.Contains(r.stderr, "tracetui: internal error: a bug in the report") {
			t.Errorf("CMD %q: exit %d, want %d\n%s", c.cmd, r.code, c.code, r.stderr)
		}
		if doc := readJUnit(t, junit); doc.Tests != 1 {
			t.Errorf("CMD %q: JUnit %+v, want the check's testcase", c.cmd, doc)
		}
	}
}
