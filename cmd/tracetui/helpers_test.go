package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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

// repoFile is a path under the repository's testdata/.
func repoFile(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}
