package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

// liveExplore runs the explorer on a receiver's store until the user quits
// (q or Ctrl-C) or ctx ends.
func liveExplore(ctx context.Context, ios *IOStreams, now func() time.Time, store *receiver.Store, addrs string) error {
	feed := make(chan tui.LiveUpdate, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	go feedLive(ctx, store, now, newRateMeter(rateWindow, now(), 0), tick.C, addrs, feed)
	m := tui.New([]trace.Analyzed{}, tui.Options{Feed: feed, NoColor: !ios.ColorEnabled("auto"), OTLPJSON: otlpJSONText})
	p := tea.NewProgram(m, tea.WithInput(ios.In), tea.WithOutput(ios.Out), tea.WithContext(ctx))
	_, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) || ctx.Err() != nil {
		return nil
	}
	return err
}

// feedLive sends the explorer a new picture whenever spans arrive,
// coalesced to at most ten a second, with no polling while nothing arrives;
// tick (once a second) keeps the rate current when arrivals stop. now is
// the clock rate is measured with. It closes feed when ctx ends.
func feedLive(ctx context.Context, store *receiver.Store, now func() time.Time, rate *rateMeter, tick <-chan time.Time, addrs string, feed chan<- tui.LiveUpdate) {
	defer close(feed)
	// The explorer shows findings and list lines, made here, off its UI loop.
	cache := newLiveCache(trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
	for {
		select {
		case <-ctx.Done():
			return
		case <-store.Changed():
		case <-tick:
		}
		s := store.Stats()
		status := liveStatus(s, rate.observe(now(), s.Received), addrs)
		traces, _ := cache.update(store.Versions())
		select {
		case feed <- tui.LiveUpdate{Traces: traces, Status: status}:
		case <-ctx.Done():
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// liveStatus is the explorer's status line: the spans received so far and
// their rate over the last rateWindow, the traces, what --max-spans cost,
// which the view cannot show, and last the addresses (four with Zipkin's
// and Datadog's: a narrow terminal cuts them, not the counts).
func liveStatus(s receiver.Stats, rate float64, addrs string) string {
	status := fmt.Sprintf("live · %s received · %s spans/s (last %d s) · %s", render.Plural(s.Received, "span"),
		rateText(rate), int(rateWindow/time.Second), render.Plural(s.Traces, "trace"))
	if s.Logs > 0 {
		status += " · " + render.Plural(s.Logs, "log")
	}
	if s.AgentOther > 0 {
		status += " · " + render.Plural(s.AgentOther, "other New Relic payload")
	}
	if s.Repeats > 0 {
		status += fmt.Sprintf(" · %s dropped", render.Plural(s.Repeats, "repeated span"))
	}
	if s.EvictedTraces > 0 {
		status += fmt.Sprintf(" · %s evicted (--max-spans)", render.Plural(s.EvictedTraces, "old trace"))
	}
	if s.Dropped > 0 {
		status += fmt.Sprintf(" · %s not kept (--max-spans)", render.Plural(s.Dropped, "span"))
	}
	return status + " · " + addrs
}

// rateText keeps one decimal below 10 spans/s: a test sending a few spans
// must not read "0 spans/s".
func rateText(r float64) string {
	if r >= 10 {
		return strconv.FormatFloat(r, 'f', 0, 64)
	}
	s := strconv.FormatFloat(r, 'f', 1, 64)
	if s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
