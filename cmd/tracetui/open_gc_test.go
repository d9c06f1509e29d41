package main

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// Only plain files of a known total size load uncollected: stdin, a store's
// trace IDs and gzip (whose size says little) keep the loader's pacing, and
// the setting comes back once the load is done.
func TestOnlySmallPlainInputsLoadUncollected(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "a.jsonl")
	if err := os.WriteFile(plain, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gz := filepath.Join(dir, "a.jsonl.gz")
	f, err := os.Create(gz)
	if err != nil {
		t.Fatal(err)
	}
	w := gzip.NewWriter(f)
	w.Write([]byte("{}\n"))
	w.Close()
	f.Close()
	for _, c := range []struct {
		args []string
		want int64
	}{
		{[]string{plain}, 3},
		{[]string{plain, plain}, 6},
		{[]string{plain, gz}, -1},
		{[]string{"-"}, -1},
		{[]string{"4bf92f3577b34da6a3ce929d0e0e4736"}, -1},
		{[]string{dir}, -1},
		{nil, -1},
	} {
		if got := plainInputBytes(c.args); got != c.want {
			t.Errorf("plainInputBytes(%q) = %d, want %d", c.args, got, c.want)
		}
	}
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	for _, c := range []struct {
		size int64
		off  bool
	}{{3, true}, {uncollectedBytes, true}, {uncollectedBytes + 1, false}, {-1, false}} {
		restore := uncollected(c.size)
		got := debug.SetGCPercent(-1) // reads the setting
		debug.SetGCPercent(got)
		restore()
		if after := debug.SetGCPercent(100); (got < 0) != c.off || after != 100 {
			t.Errorf("size %d: collector off %v (want %v), GOGC %d after the load (want 100)", c.size, got < 0, c.off, after)
		}
	}
}
