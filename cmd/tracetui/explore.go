package main

import (
	"errors"
	"runtime"
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
	return exploreWith(ios, f, ld, title, tui.Options{})
}

// exploreWith is explore with more options (open --baseline's).
func exploreWith(ios *IOStreams, f *reportFlags, ld loadFunc, title string, opt tui.Options) error {
	loader := func(progress func(tui.Progress)) ([]trace.Analyzed, []string, error) {
		var read int64
		res, err := ld(func(b int64, spans int) {
			read = b
			progress(tui.Progress{Bytes: b, Spans: spans})
		})
		if err != nil {
			return nil, nil, err
		}
		traces, err := selectTraces(res.Traces, f.traceID)
		if err != nil {
			return nil, nil, err
		}
		spans := 0
		for _, t := range traces {
			spans += len(t.Spans)
		}
		all := analyzeAll(traces, trace.PipelineOptions{
			Steps: trace.StepFindings | trace.StepSummary, Find: f.findOptions(),
			Progress: func(done, total int) {
				progress(tui.Progress{Bytes: read, Spans: spans, Analyzed: done, Traces: total})
			},
		})
		return all, warningTexts(res), nil
	}
	opt.ASCII, opt.NoColor, opt.Title, opt.Load = f.ascii, !ios.ColorEnabled(f.color), title, loader
	opt.OTLPJSON = otlpJSONText
	return runTUI(ios, tui.New(nil, opt))
}

// baselineLoader loads open --baseline's file in the explorer's
// background: only each trace's list line is kept (its root operation and
// duration make the list's Δ P95 column), so the baseline's trees are
// freed as soon as they are summarized.
func baselineLoader(file string, s *storeFlags) tui.BaselineLoader {
	return func() ([]trace.Summary, error) {
		res, err := load.All([]load.Input{{Name: file}}, load.Options{MaxValue: int64(s.maxValue)})
		if err != nil {
			return nil, err
		}
		all := trace.AnalyzeAll(res.Traces, trace.PipelineOptions{Steps: trace.StepSummary})
		out := make([]trace.Summary, len(all))
		for k, t := range all {
			out[k] = t.ListLine()
		}
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

// analyzeAll is trace.AnalyzeAll on every core: each trace's analysis
// lands at its place before the same stable sort, so the result is the
// same. opt.Progress may be called from any of the workers.
func analyzeAll(traces []*trace.Trace, opt trace.PipelineOptions) []trace.Analyzed {
	workers := min(runtime.GOMAXPROCS(0), len(traces))
	if workers < 2 {
		return trace.AnalyzeAll(traces, opt)
	}
	out := make([]trace.Analyzed, len(traces))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	one := opt
	one.Progress = nil
	for range workers {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < len(traces); k = int(next.Add(1) - 1) {
				out[k] = trace.AnalyzeOne(traces[k], one)
				if n := done.Add(1); opt.Progress != nil && n%1000 == 0 {
					opt.Progress(int(n), len(traces))
				}
			}
		})
	}
	wg.Wait()
	if opt.Progress != nil {
		opt.Progress(len(traces), len(traces))
	}
	trace.SortByStart(out)
	return out
}
