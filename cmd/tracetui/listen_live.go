package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

// liveExplore runs the explorer on a receiver's store: redraws follow
// arriving spans, coalesced to at most ten a second, with no polling while
// nothing arrives (one tick a second keeps the rate current). now is the
// clock the spans-per-second rate is measured with.
func liveExplore(ctx context.Context, ios *IOStreams, now func() time.Time, store *receiver.Store, addrs string) error {
	feed := make(chan tui.LiveUpdate, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(feed)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		// The explorer shows findings and list lines, made here, off its UI loop.
		cache := newLiveCache(trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
		var lastReceived int64
		lastAt := now()
		rate := 0.0
		for {
			select {
			case <-ctx.Done():
				return
			case <-store.Changed():
			case <-tick.C:
			}
			s := store.Stats()
			if at := now(); at.Sub(lastAt) >= time.Second {
				rate = float64(s.Received-lastReceived) / at.Sub(lastAt).Seconds()
				lastReceived, lastAt = s.Received, at
			}
			status := liveStatus(s, rate, addrs)
			traces, _ := cache.update(store.Versions())
			u := tui.LiveUpdate{Traces: traces, Status: status}
			select {
			case feed <- u:
			case <-ctx.Done():
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	m := tui.New([]trace.Analyzed{}, tui.Options{Feed: feed, NoColor: !ios.ColorEnabled("auto")})
	p := tea.NewProgram(m, tea.WithInput(ios.In), tea.WithOutput(ios.Out), tea.WithContext(ctx))
	_, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) || ctx.Err() != nil {
		return nil
	}
	return err
}

// liveStatus is the explorer's status line: render's, plus the spans not
// kept because their trace reached --max-spans, which the view cannot show.
func liveStatus(s receiver.Stats, rate float64, addrs string) string {
	status := render.LiveStatus(render.LiveCounts{Received: s.Received, Rate: rate, Traces: s.Traces,
		Logs: s.Logs, EvictedTraces: s.EvictedTraces, Addrs: addrs})
	if s.Dropped > 0 {
		status += fmt.Sprintf(" · %s not kept (--max-spans)", render.Plural(s.Dropped, "span"))
	}
	return status
}
