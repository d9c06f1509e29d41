// Package golden compares test output with files under testdata/, the one
// golden helper of the repository. `go test ./render ./tui ./cmd/... -update`
// rewrites the files; review their diff before committing. A mismatch
// prints a unified line diff with control sequences escaped, so a stray
// escape byte or a moved column is visible in the test log.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// Updating reports whether -update was given, for tests that keep their
// expected output somewhere other than a golden file (the README's
// blocks) and rewrite it the same way.
func Updating() bool { return *update }

// Assert compares got with testdata/<test name>.golden, so a subtest's file
// sits under a folder named for its parent test.
func Assert(t testing.TB, got string) {
	t.Helper()
	AssertNamed(t, t.Name(), got)
}

// AssertNamed compares got with testdata/<name>.golden, for files named by
// what they hold rather than by the test.
func AssertNamed(t testing.TB, name, got string) {
	t.Helper()
	if msg := check(filepath.Join("testdata", name+".golden"), got, *update); msg != "" {
		t.Error(msg)
	}
}

// check compares or (with write) rewrites the file at path; it returns what
// went wrong, "" when nothing did.
func check(path, got string, write bool) string {
	if write {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "golden: " + err.Error()
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			return "golden: " + err.Error()
		}
		return ""
	}
	want, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("golden: %v (go test -update writes it)", err)
	}
	if string(want) == got {
		return ""
	}
	return fmt.Sprintf("output differs from %s (-want +got; go test -update accepts it):\n%s", path, Diff(string(want), got))
}

// Diff is a unified diff of two texts by lines, three lines of context
// around each change, control characters escaped.
func Diff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	ops := editScript(a, b)
	var out strings.Builder
	const ctx = 3
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		// A hunk: from ctx lines before this change to ctx lines after the
		// last change closer than 2*ctx lines to the one before it.
		start := max(k-ctx, 0)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		fmt.Fprintf(&out, "@@ -%d +%d @@\n", ops[start].a+1, ops[start].b+1)
		for _, op := range ops[start:end] {
			out.WriteString(string(op.kind) + escape(op.text) + "\n")
		}
		k = end
	}
	return out.String()
}

type edit struct {
	kind rune // ' ' kept, '-' only in want, '+' only in got
	text string
	a, b int // line indexes in want and got where the edit stands
}

// editScript aligns the lines by their longest common subsequence. Goldens
// are a few hundred lines; past maxCells the texts are shown as one change.
func editScript(a, b []string) []edit {
	const maxCells = 16 << 20
	var ops []edit
	if len(a)*len(b) > maxCells {
		for i, l := range a {
			ops = append(ops, edit{'-', l, i, 0})
		}
		for j, l := range b {
			ops = append(ops, edit{'+', l, len(a), j})
		}
		return ops
	}
	// lcs[i][j] is the common length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, edit{' ', a[i], i, j})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, edit{'-', a[i], i, j})
			i++
		default:
			ops = append(ops, edit{'+', b[j], i, j})
			j++
		}
	}
	return ops
}

// escape shows control characters (an ESC, a CR, a stray BEL) as Go escapes
// so a diff never drives the terminal that shows it.
func escape(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			fmt.Fprintf(&b, `\x%02x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 }
