package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/naive"
	"github.com/tracetui/tracetui/internal/tracegen"
)

// BenchmarkList100k times `tracetui list` on a 100,000-span JSON lines
// file end to end, side by side with the naive protojson load of the same
// file (no tree, no analysis, no output): list must take at most half.
func BenchmarkList100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "t100k.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := tracegen.WriteJSONLines(f, tracegen.Config{Spans: 100_000, Traces: 10, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	b.Run("tracetui_list", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if code := run([]string{"list", path}, ios); code != 0 {
				b.Fatalf("exit %d", code)
			}
		}
	})
	b.Run("naive_protojson_load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			f, _ := os.Open(path)
			if _, err := naive.LoadJSONLines(f); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}
