package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs tracetui in-process with buffers for IO, as a CI job would see
// it: not a terminal, unless tty says otherwise.
func runCLI(t *testing.T, stdin io.Reader, tty bool, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	ios := &IOStreams{
		In: stdin, Out: &out, ErrOut: &errOut,
		StdoutIsTTY: tty, // stdin stays a pipe: the explorer never starts in tests
		Getenv:      func(string) string { return "" },
		Now:         func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
	}
	if tty {
		ios.TermWidth = 100
	}
	code := run(args, ios)
	return result{out.String(), errOut.String(), code}
}

// golden compares got with testdata/<name>.golden; -update rewrites it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden %s (run go test ./cmd/tracetui -update): %v", path, err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden (run with -update to accept):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// repoFile is a path under the repository's testdata/.
func repoFile(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}
