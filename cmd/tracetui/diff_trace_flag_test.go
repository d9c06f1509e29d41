package main

import (
	"strings"
	"testing"
)

// A --trace prefix that matches several traces on a side is a usage
// error listing them, never a silent switch to the run diff.
func TestDiffAmbiguousTraceIsUsage(t *testing.T) {
	path := repoFile("diff", "ids.jsonl")
	res := runCLI(t, nil, false, "diff", "--trace", "abcdef", path, path)
	if res.code != 2 || res.stdout != "" {
		t.Fatalf("exit %d, stdout %q; want 2 and nothing written", res.code, res.stdout)
	}
	for _, want := range []string{"side A", "side B", "4 traces", "abcdef0123456789abcdef0123456783"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	// A unique prefix per side still picks one trace each: a trace diff.
	ok := runCLI(t, nil, false, "diff", "--trace", "abcdef0123456789abcdef0123456780", path,
		"--trace", "abcdef0123456789abcdef0123456781", path)
	if ok.code != 0 || !strings.Contains(ok.stdout, "B trace abcdef0123456789abcdef0123456781") {
		t.Errorf("exit %d:\n%s%s", ok.code, ok.stdout, ok.stderr)
	}
}

// --trace zz is not hex: exit 2 (usage), as the README promises, in every
// command that takes --trace.
func TestTraceNotHexIsUsage(t *testing.T) {
	path := repoFile("diff", "ids.jsonl")
	for _, args := range [][]string{
		{"print", "--trace", "zz", path},
		{"list", "--trace", "zz", path},
		{"diff", "--trace", "zz", path, path},
		{"export", "--to", "otlp-json", "--trace", "zz", path},
	} {
		if res := runCLI(t, nil, false, args...); res.code != 2 || !strings.Contains(res.stderr, "not hex") {
			t.Errorf("%v: exit %d, stderr %q; want 2 saying not hex", args, res.code, res.stderr)
		}
	}
	// A hex prefix that matches nothing is still input (exit 3).
	if res := runCLI(t, nil, false, "print", "--trace", "ffff", path); res.code != 3 {
		t.Errorf("print --trace ffff: exit %d; want 3", res.code)
	}
}

// IDs alike up to a long prefix: list still fits 40 and 60 columns, each
// ID shown cut in the middle where it differs, no two alike.
func TestListLongSharedIDPrefixFits(t *testing.T) {
	path := repoFile("diff", "ids.jsonl")
	for _, w := range []string{"40", "60"} {
		res := runCLI(t, nil, false, "list", "--width", w, path)
		lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
		linesFit(t, "list --width "+w, res.stdout, map[string]int{"40": 40, "60": 60}[w])
		seen := map[string]bool{}
		for _, l := range lines[1:5] {
			id := strings.Fields(l)[0]
			if seen[id] {
				t.Errorf("--width %s: two traces read %q:\n%s", w, id, res.stdout)
			}
			seen[id] = true
		}
	}
}
