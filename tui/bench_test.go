package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// bigTrace is a random n-span trace, built and analyzed.
func bigTrace(n int) trace.Analyzed {
	tr := trace.Build(tracegen.RandomTrace(n, 7))
	return trace.Analyzed{Tree: tr, Analysis: trace.Analyze(tr)}
}

// BenchmarkKeypress is Update plus View at 200x50 for one keypress on the
// open trace: the same on 100 spans as on a million.
func BenchmarkKeypress(b *testing.B) {
	for _, n := range []int{100, 1_000_000} {
		big := bigTrace(n)
		for _, k := range []string{"j", "space", "n", "pgdown"} {
			b.Run(fmt.Sprintf("spans=%d/key=%s", n, k), func(b *testing.B) {
				m := drive(b, New([]trace.Analyzed{big}, Options{}), 200, 50)
				feedAll(m, press(m, "/", "type:operation 7", "enter")) // a million spans: searched in a Cmd
				if len(m.trace.view().matches) == 0 {
					b.Fatal("the search found nothing: n would measure nothing")
				}
				var tm tea.Model = m
				msg := keyMsg(k)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					tm, _ = tm.Update(msg)
					_ = tm.View()
				}
			})
		}
	}
}

// BenchmarkFirstFrame is building and analyzing a 100,000-span trace, the
// explorer's set-up and its first frame (decoding is measured in source).
func BenchmarkFirstFrame(b *testing.B) {
	t := bigTrace(100_000).Tree.Trace
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tr := trace.Build(t)
		m := New([]trace.Analyzed{{Tree: tr, Analysis: trace.Analyze(tr)}}, Options{})
		var tm tea.Model = m
		tm, _ = tm.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
		_ = tm.View()
	}
}

// BenchmarkLiveUpdate is the UI loop's share of one live update while a
// receiver holds 10,000 traces of 20 spans: with the feeder's summaries
// (as listen sends them) and without (each summarized on the UI loop).
func BenchmarkLiveUpdate(b *testing.B) {
	traces := make([]trace.Analyzed, 10_000)
	for k := range traces {
		t := tracegen.RandomTrace(20, uint64(k))
		t.ID[0], t.ID[1] = byte(k>>8), byte(k)
		tr := trace.Build(t)
		traces[k] = trace.Analyzed{Tree: tr, Analysis: trace.Analyze(tr)}
	}
	withSummaries := make([]trace.Analyzed, len(traces))
	for k, t := range traces {
		s := trace.Summarize(t.Tree, t.Analysis)
		withSummaries[k] = t
		withSummaries[k].Summary = &s
	}
	for _, c := range []struct {
		name   string
		traces []trace.Analyzed
	}{{"summaries_from_feeder", withSummaries}, {"summarized_on_ui_loop", traces}} {
		b.Run(c.name, func(b *testing.B) {
			var tm tea.Model = drive(b, New(nil, Options{Feed: make(chan LiveUpdate)}), 200, 50)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				tm, _ = tm.Update(liveMsg{Traces: c.traces, Status: "live"})
				_ = tm.View()
			}
		})
	}
}

// BenchmarkPanelScroll is one keypress in the statistics and service map
// panels of a 1,000,000-span trace.
func BenchmarkPanelScroll(b *testing.B) {
	big := bigTrace(1_000_000)
	for _, p := range []string{"T", "M"} {
		b.Run("panel="+p, func(b *testing.B) {
			var tm tea.Model = drive(b, New([]trace.Analyzed{big}, Options{}), 200, 50)
			tm, cmd := tm.Update(keyMsg(p))
			tm = feedMsgs(tm, cmd) // the panel is built once, off the UI loop
			if !strings.Contains(screenText(tm.(*Model)), "sorted by") && p == "T" {
				b.Fatal("statistics not built")
			}
			msg := keyMsg("j")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tm, _ = tm.Update(msg)
				_ = tm.View()
			}
		})
	}
}

// BenchmarkKeypressHugeValue is one keypress (Update plus View at 160x40,
// details beside the waterfall) that selects a span carrying one attribute
// of 1 KB, 200 KB or 1 MB: the same cost whatever the size.
func BenchmarkKeypressHugeValue(b *testing.B) {
	for _, size := range []int{1 << 10, 200 << 10, 1 << 20} {
		text := strings.Repeat("payload é漢字 \x1b[31mred\x1b[0m line; ", size/32+1)[:size]
		t := &trace.Trace{Spans: []trace.Span{
			{Name: "POST /ingest", Start: 1, End: 100, SpanID: trace.SpanID{1}},
			{Name: "store blob", Start: 10, End: 80, SpanID: trace.SpanID{2}, ParentID: trace.SpanID{1},
				Attrs: []trace.Attr{{Key: "body", Value: trace.StringValue(text)}}},
		}}
		tr := trace.Build(t)
		big := trace.Analyzed{Tree: tr, Analysis: trace.Analyze(tr)}
		b.Run(fmt.Sprintf("value=%dKB", size>>10), func(b *testing.B) {
			var tm tea.Model = drive(b, New([]trace.Analyzed{big}, Options{}), 160, 40, "d")
			keys := []tea.Msg{keyMsg("j"), keyMsg("k")} // onto the huge span and off it
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tm, _ = tm.Update(keys[i%2])
				_ = tm.View()
			}
		})
	}
}
