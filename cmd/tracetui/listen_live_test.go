package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/tui"
)

func TestLiveStatusCountsSpansNotKept(t *testing.T) {
	got := liveStatus(receiver.Stats{Received: 1000, Traces: 1, EvictedTraces: 3, Dropped: 900, MaxSpans: 100}, 0, "a")
	want := "live · 1000 spans received · 0 spans/s (last 5 s) · 1 trace · 3 old traces evicted (--max-spans) · 900 spans not kept (--max-spans) · a"
	if got != want {
		t.Errorf("status\n got %q\nwant %q", got, want)
	}
}

// An app exports 25 spans in one batch: for the next seconds the status
// line says they arrived (a rate over the last 5 s, with the total), not
// "0 spans/s" once the second they came in is over; afterwards it is 0.
func TestLiveRateReflectsABurst(t *testing.T) {
	var mu sync.Mutex
	start := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	clock := start
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	at := func(d time.Duration) { mu.Lock(); clock = start.Add(d); mu.Unlock() }

	store := receiver.NewStore(0)
	tick := make(chan time.Time)
	feed := make(chan tui.LiveUpdate)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go feedLive(ctx, store, now, newRateMeter(rateWindow, start, 0), tick, "addr", feed)

	at(500 * time.Millisecond)
	store.Add(spansOf25(), now())
	status := func(d time.Duration) string {
		at(d)
		tick <- now()
		return (<-feed).Status
	}
	<-feed // the redraw the batch caused
	for _, c := range []struct {
		at   time.Duration
		want string
	}{
		{2500 * time.Millisecond, "live · 25 spans received · 10 spans/s (last 5 s) · 1 trace"},
		{4500 * time.Millisecond, "live · 25 spans received · 5.6 spans/s (last 5 s) · 1 trace"},
		{7 * time.Second, "live · 25 spans received · 0 spans/s (last 5 s) · 1 trace"},
	} {
		if got := status(c.at); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s after the start:\n got %q\nwant %q…", c.at, got, c.want)
		}
	}
}

func spansOf25() []*trace.Trace {
	tr := &trace.Trace{ID: trace.TraceID{1, 15: 1}}
	for i := range 25 {
		tr.Spans = append(tr.Spans, trace.Span{TraceID: tr.ID, SpanID: trace.SpanID{7: byte(i + 1)}, Name: "s"})
	}
	return []*trace.Trace{tr}
}

// Quitting the live view (Ctrl-C, q) prints what was received, as a
// headless run does when interrupted.
func TestLiveViewPrintsTheSummaryOnExit(t *testing.T) {
	addr := freePort(t)
	ios := testIO(true)
	ios.StdoutIsTTY, ios.Now = true, time.Now
	l := startListenInProcess(t, ios, func(o *ListenOptions) {
		o.explore = func(_ context.Context, _ *IOStreams, _ func() time.Time, store *receiver.Store, _ string) error {
			postJSON(t, addr, spansJSON(1, 3))
			return nil // the user pressed Ctrl-C
		}
	}, addr, "--grpc", "off")
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	want := "tracetui: received 3 spans in 1 trace (0 log records, 0 metrics exports)\n"
	if !strings.HasSuffix(l.errOut.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to end with\n%s", l.errOut.String(), want)
	}
}

// The live status counts a retried export once and says what was dropped.
func TestLiveStatusCountsARetriedExportOnce(t *testing.T) {
	st := receiver.NewStore(0)
	batch := func() []*trace.Trace {
		tr := &trace.Trace{ID: trace.TraceID{15: 1}}
		tr.Spans = []trace.Span{{TraceID: tr.ID, SpanID: trace.SpanID{7: 1}, Name: "GET /cart", Start: 1, End: 2}}
		return []*trace.Trace{tr}
	}
	for range 3 {
		st.Add(batch(), time.Now())
	}
	got := liveStatus(st.Stats(), 0, "a")
	want := "live · 1 span received · 0 spans/s (last 5 s) · 1 trace · 2 repeated spans dropped · a"
	if got != want {
		t.Errorf("status\n got %q\nwant %q", got, want)
	}
}
