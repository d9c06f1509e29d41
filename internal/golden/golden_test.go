package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMismatchShowsOnlyTheChangedLinesInContext(t *testing.T) {
	var want, got []string
	for k := range 20 {
		line := "row " + string(rune('a'+k))
		want = append(want, line)
		if k == 10 {
			line = "row K \x1b[31mred"
		}
		got = append(got, line)
	}
	d := Diff(strings.Join(want, "\n"), strings.Join(got, "\n"))
	wantDiff := "@@ -8 +8 @@\n row h\n row i\n row j\n-row k\n+row K \\x1b[31mred\n row l\n row m\n row n\n"
	if d != wantDiff {
		t.Errorf("diff:\n%s\nwant:\n%s", d, wantDiff)
	}
}

func TestMissingFileAndWriteErrorsFail(t *testing.T) {
	dir := t.TempDir()
	if msg := check(filepath.Join(dir, "none.golden"), "x", false); !strings.Contains(msg, "-update") {
		t.Errorf("a missing golden must fail and say how to make it: %q", msg)
	}
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg := check(filepath.Join(blocker, "sub", "x.golden"), "x", true); msg == "" {
		t.Error("-update must fail when the file cannot be written")
	}
	path := filepath.Join(dir, "ok.golden")
	if msg := check(path, "same\n", true); msg != "" {
		t.Fatal(msg)
	}
	if msg := check(path, "same\n", false); msg != "" {
		t.Errorf("identical output reported: %s", msg)
	}
	if msg := check(path, "other\n", false); !strings.Contains(msg, "-same\n+other") {
		t.Errorf("mismatch without a diff: %q", msg)
	}
}
