package main

import (
	"cmp"
	"errors"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

// explore runs the interactive explorer; loading and analysis happen in the
// background with progress on screen.
func explore(ios *IOStreams, f *reportFlags, ld loadFunc, title string) error {
	return exploreWith(ios, f, ld, title, tui.Options{}, -1)
}

// exploreWith is explore with more options (open --baseline's) and the
// input's size in bytes when it is plain files (-1 otherwise): a small
// input loads without garbage collection (see uncollected).
func exploreWith(ios *IOStreams, f *reportFlags, ld loadFunc, title string, opt tui.Options, size int64) error {
	opt.ASCII, opt.NoColor, opt.Title, opt.Load = f.ascii, !ios.ColorEnabled(f.color), title, openLoader(f, ld, size)
	opt.OTLPJSON = otlpJSONText
	return runTUI(ios, tui.New(nil, opt))
}

// openLoader is the explorer's loader of ld's traces (size: see
// exploreWith): one trace is analyzed for its first frame, more are
// summarized for the list and analyzed when opened (lazyTraces).
func openLoader(f *reportFlags, ld loadFunc, size int64) tui.Loader {
	return func(progress func(tui.Progress)) (tui.Loaded, error) {
		defer uncollected(size)()
		var read int64
		res, err := ld(func(b int64, spans int) {
			read = b
			progress(tui.Progress{Bytes: b, Spans: spans})
		})
		if err != nil {
			return tui.Loaded{}, err
		}
		traces, err := selectTraces(res.Traces, f.traceID)
		if err != nil {
			return tui.Loaded{}, err
		}
		spans := 0
		for _, t := range traces {
			spans += len(t.Spans)
		}
		opt := trace.PipelineOptions{
			Steps: trace.StepFindings | trace.StepSummary, Find: f.findOptions(),
			Progress: func(done, total int) {
				progress(tui.Progress{Bytes: read, Spans: spans, Analyzed: done, Traces: total})
			},
		}
		if len(traces) == 1 { // opened at once: summarizing first would analyze it twice
			return firstFrame(traces[0], opt, warningTexts(res)), nil
		}
		return lazyTraces(traces, opt, warningTexts(res)), nil
	}
}

// baselineLoader loads open --baseline's file in the explorer's
// background: only each trace's list line is kept (its root operation and
// duration make the list's Δ P95 column), made without analysis.
func baselineLoader(file string, s *storeFlags) tui.BaselineLoader {
	return func() ([]trace.Summary, error) {
		res, err := load.All([]load.Input{{Name: file}}, load.Options{MaxValue: int64(s.maxValue)})
		if err != nil {
			return nil, err
		}
		out := make([]trace.Summary, len(res.Traces))
		for k, t := range res.Traces {
			out[k] = trace.SummarizeTrace(t)
		}
		slices.SortStableFunc(out, trace.CompareStart) // AnalyzeAll's order
		return out, nil
	}
}

// runTUI runs the explorer until it quits; an interrupt is a normal exit.
func runTUI(ios *IOStreams, m *tui.Model) error {
	p := tea.NewProgram(m, tea.WithInput(ios.In), tea.WithOutput(ios.Out))
	final, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	if err != nil {
		return err
	}
	if fm, ok := final.(*tui.Model); ok && fm.Err() != nil {
		return fm.Err()
	}
	return nil
}

// interactive reports whether to start the explorer: both ends a terminal
// and a text report asked for.
func interactive(ios *IOStreams, format string) bool {
	return ios.StdoutIsTTY && ios.StdinIsTTY && format == "text"
}

// lazyTraces summarizes traces for the explorer's list, as list does,
// and analyzes each fully (opt's steps) only when the explorer asks: a file
// of 100,000 traces shows its list after one pass that keeps no tree.
// Each trace is analyzed once, whichever goroutine asks first.
func lazyTraces(traces []*trace.Trace, opt trace.PipelineOptions, warnings []string) tui.Loaded {
	sums := make([]trace.Summary, len(traces))
	func() {
		// What a line is made from is garbage once it is kept (see listRows).
		defer debug.SetGCPercent(debug.SetGCPercent(25))
		eachTrace(len(traces), opt.Progress, func(k int) { sums[k] = trace.SummarizeTrace(traces[k]) })
	}()
	order := startOrder(sums)
	out := make([]trace.Analyzed, len(traces))
	for k, i := range order {
		out[k].Summary = &sums[i]
	}
	full := make([]trace.Analyzed, len(traces))
	once := make([]sync.Once, len(traces))
	one := opt
	one.Progress = nil
	analyze := func(k int) trace.Analyzed {
		once[k].Do(func() { full[k] = trace.AnalyzeOne(traces[order[k]], one) })
		return full[k]
	}
	return tui.Loaded{Traces: out, Warnings: warnings, Analyze: analyze}
}

// startOrder is the indexes of sums earliest first: trace.CompareStart's
// order (start, then ID), as a stable sort by it gives. The keys are
// sorted side by side with their index as the last tie-break, which makes
// every key distinct, so the faster unstable sort gives the same order:
// 100,000 lines took ~90 ms as a stable sort of indexes, each comparison
// a cache miss into the lines.
func startOrder(sums []trace.Summary) []int {
	type key struct {
		start int64
		id    string
		k     int
	}
	keys := make([]key, len(sums))
	for k, s := range sums {
		keys[k] = key{s.Start, s.ID, k}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		if c := strings.Compare(x.id, y.id); c != 0 {
			return c
		}
		return cmp.Compare(x.k, y.k)
	})
	order := make([]int, len(keys))
	for i, x := range keys {
		order[i] = x.k
	}
	return order
}

// eachTrace calls f(k) for k in [0, n) on every core, telling progress
// (when set) every 1,000 and at the end.
func eachTrace(n int, progress func(done, total int), f func(k int)) {
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range max(min(runtime.GOMAXPROCS(0), n), 1) {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				f(k)
				if d := done.Add(1); progress != nil && d%1000 == 0 {
					progress(int(d), n)
				}
			}
		})
	}
	wg.Wait()
	if progress != nil {
		progress(n, n)
	}
}
