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
