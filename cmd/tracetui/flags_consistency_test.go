package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/render"
)

// runCLIEnv is runCLI with an environment, output piped.
func runCLIEnv(env map[string]string, args ...string) result {
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }}
	code := run(args, ios)
	return result{out.String(), errOut.String(), code}
}

// $COLUMNS fits stats to it, as it does list and diff.
func TestStatsHonoursColumns(t *testing.T) {
	path := repoFile("diff", "t_base.jsonl")
	for _, cmd := range []string{"stats", "list"} {
		res := runCLIEnv(map[string]string{"COLUMNS": "40"}, cmd, path)
		for _, l := range strings.Split(strings.TrimRight(res.stdout, "\n"), "\n") {
			if w := render.Width(l); w > 40 {
				t.Errorf("%s with COLUMNS=40: %d-column line %q", cmd, w, l)
			}
		}
	}
}

// A diff flag for the other mode says on stderr that it is ignored.
func TestDiffSaysWhichFlagsItIgnores(t *testing.T) {
	a, b := repoFile("diff", "t_base.jsonl"), repoFile("diff", "t_untimed.jsonl")
	res := runCLI(t, nil, false, "diff", "--top", "3", a, b)
	if res.code != 0 || !strings.Contains(res.stderr, "--top applies to a run diff") {
		t.Errorf("trace diff --top: exit %d, stderr %q", res.code, res.stderr)
	}
	ids := repoFile("diff", "ids.jsonl")
	res = runCLI(t, nil, false, "diff", "--changed", ids, ids)
	if res.code != 0 || !strings.Contains(res.stderr, "--changed applies to a trace diff") {
		t.Errorf("run diff --changed: exit %d, stderr %q", res.code, res.stderr)
	}
	if res := runCLI(t, nil, false, "diff", ids, ids); res.stderr != "" {
		t.Errorf("no flag given, stderr %q", res.stderr)
	}
}
