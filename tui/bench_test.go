package tui

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source/load"
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

// BenchmarkFirstFrame is the explorer's first frame of one trace opened at
// once, after its spans are decoded: from a 100,000-span JSON lines file
// (decoded as open decodes it, on every core) and from a 1,000,000-span
// trace in memory; the trace is built and analyzed, handed over as open's
// loader hands it over (findings=before_frame: all of them first, as open
// did; findings=after_frame: the folds only, the rest in a Cmd after the
// frame, as open does now), and drawn at 200x50.
func BenchmarkFirstFrame(b *testing.B) {
	path := filepath.Join(b.TempDir(), "t100k-1trace.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := tracegen.WriteJSONLines(w, tracegen.Config{Spans: 100_000, Traces: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
	fromFile := func(b *testing.B) *trace.Trace {
		res, err := load.All([]load.Input{{Name: path}}, load.Options{})
		if err != nil || len(res.Traces) != 1 {
			b.Fatal(err)
		}
		return res.Traces[0]
	}
	big := tracegen.RandomTrace(1_000_000, 7)
	inMemory := func(*testing.B) *trace.Trace { return big }
	for _, in := range []struct {
		name  string
		spans func(*testing.B) *trace.Trace
	}{{"file_spans=100000", fromFile}, {"memory_spans=1000000", inMemory}} {
		for _, after := range []bool{false, true} {
			name := in.name + "/findings=before_frame"
			if after {
				name = in.name + "/findings=after_frame"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					m := firstFrame(b, in.spans(b), after)
					if !strings.Contains(m.View().Content, "operation ") {
						b.Fatal("no span on the first frame")
					}
				}
			})
		}
	}
}

// firstFrame hands t to a new explorer as open's loader does and returns
// the model ready to draw its first frame.
func firstFrame(b *testing.B, t *trace.Trace, findingsAfter bool) *Model {
	all := trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary}
	var l Loaded
	if findingsAfter {
		a, find := trace.AnalyzeFolded(t, all)
		l = Loaded{Traces: []trace.Analyzed{a}, Find: find}
	} else {
		l = Loaded{Traces: []trace.Analyzed{trace.AnalyzeOne(t, all)}}
	}
	m := drive(b, New(nil, Options{Load: func(func(Progress)) (Loaded, error) { return l, nil }}), 200, 50)
	m.Update(loadedMsg{Loaded: l})
	if m.screen != screenTrace {
		b.Fatal("the trace is not open")
	}
	return m
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
