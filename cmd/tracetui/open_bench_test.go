package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/tui"
)

// BenchmarkOpenList100kTraces is issue 19's explorer case: a JSON lines
// file of 1,000,000 spans in 100,000 traces (770 MB, generated into the
// test's temporary directory), from the file to the explorer's first
// frame, the trace list at 200x50 (open_first_frame), beside `tracetui
// list` of the same file (list), whose lines the frame shows. Set
// TRACETUI_BENCH_FILE to time another file (one of several traces).
func BenchmarkOpenList100kTraces(b *testing.B) {
	path := os.Getenv("TRACETUI_BENCH_FILE")
	if path == "" {
		path = filepath.Join(b.TempDir(), "t1m-100ktraces.jsonl")
		writeGenerated(b, path, tracegen.Config{Spans: 1_000_000, Traces: 100_000, Seed: 1})
	}
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	b.Run("list", func(b *testing.B) {
		for b.Loop() {
			if code := run([]string{"list", path}, ios); code != 0 {
				b.Fatalf("exit %d", code)
			}
		}
	})
	b.Run("open_first_frame", func(b *testing.B) {
		for b.Loop() {
			m := openedModel(b, ios, path)
			if v := m.View().Content; !strings.Contains(v, "operation ") {
				b.Fatalf("the first frame is not the trace list:\n%s", v)
			}
		}
	})
}

// openedModel is the explorer of `tracetui open path` at 200x50 once its
// loader's answer has landed, its commands run as the program runs them
// (one after another here).
func openedModel(b *testing.B, ios *IOStreams, path string) *tui.Model {
	var opts *OpenOptions
	cmd := newCmdOpen(ios, func(o *OpenOptions) error { opts = o; return nil })
	cmd.SetArgs([]string{path})
	if err := cmd.Execute(); err != nil {
		b.Fatal(err)
	}
	ld, title, err := traceSource(ios, &opts.Store, opts.Args)
	if err != nil {
		b.Fatal(err)
	}
	m := tui.New(nil, tui.Options{Title: title, Load: openLoader(&opts.Report, ld, plainInputBytes(opts.Args))})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	runCmds(m, m.Init())
	if m.Err() != nil {
		b.Fatal(m.Err())
	}
	return m
}

// runCmds runs cmd, and each command its messages lead to, feeding m.
func runCmds(m *tui.Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			runCmds(m, c)
		}
	default:
		_, next := m.Update(msg)
		runCmds(m, next)
	}
}

func writeGenerated(b *testing.B, path string, cfg tracegen.Config) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = tracegen.WriteJSONLines(w, cfg)
	if err := errors.Join(err, w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
}
