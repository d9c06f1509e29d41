package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, nil, 0o644)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"resourceSpans\": [ {\n"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"print", filepath.Join(dir, "missing.json")}, 3, "missing.json: no such file"},
		{[]string{"print", dir}, 3, "is a directory"},
		{[]string{"print", empty}, 3, "empty.json: byte 0: empty file"},
		{[]string{"list", bad}, 3, "bad.jsonl:2: truncated JSON"},
		{[]string{"print", "--width", "5", empty}, 2, "--width must be at least 40"},
		{[]string{"print", "--color", "sometimes", empty}, 2, "--color must be auto, always or never"},
		{[]string{"list", "--sort", "size", empty}, 2, "--sort must be"},
		{[]string{"print", "--no-such-flag"}, 2, "unknown flag"},
		{[]string{"demo", "extra"}, 2, "unknown command"},
		{[]string{"frobnicate"}, 2, "unknown command"},
	}
	for _, c := range cases {
		r := runCLI(t, nil, false, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.want)
		}
		if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
			t.Errorf("%v: stack trace on stderr", c.args)
		}
	}
	if exitCode(&answerNoError{errors.New("2 checks failed")}) != 1 {
		t.Error("a failed check or gate must exit 1")
	}
	if r := runCLI(t, nil, false, "--version"); r.code != 0 || !strings.Contains(r.stdout, "tracetui version") {
		t.Errorf("--version: %d %q", r.code, r.stdout)
	}
	if r := runCLI(t, nil, false, "completion", "bash"); r.code != 0 || !strings.Contains(r.stdout, "tracetui") {
		t.Errorf("completion: exit %d", r.code)
	}
}

func TestWarningsGoToStderrWithFileAndLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "partial.jsonl")
	lines := strings.Split(strings.TrimSpace(string(mustRead(t, demoFile(t)))), "\n")
	lines[2] = "{not json"
	os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	r := runCLI(t, nil, false, "list", p)
	if r.code != 0 || !strings.Contains(r.stderr, "warning: "+p+":3: invalid JSON") || strings.Contains(r.stdout, "warning") {
		t.Errorf("exit %d\nstderr: %s", r.code, r.stderr)
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
