package main

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

// explore runs the interactive explorer; loading and analysis happen in the
// background with progress on screen.
func explore(ios *IOStreams, f *reportFlags, ld loadFunc, title string) error {
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
		all := trace.AnalyzeAll(traces, trace.PipelineOptions{
			Steps: trace.StepFindings | trace.StepSummary, Find: f.findOptions(),
			Progress: func(done, total int) {
				progress(tui.Progress{Bytes: read, Spans: spans, Analyzed: done, Traces: total})
			},
		})
		return all, warningTexts(res), nil
	}
	return runTUI(ios, tui.New(nil, tui.Options{ASCII: f.ascii, NoColor: !ios.ColorEnabled(f.color), Title: title, Load: loader}))
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
