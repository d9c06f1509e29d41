package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// bigPair is two random n-span traces analyzed with findings (runs fold),
// nearly every span different: alignment's worst case.
func bigPair(n int) []trace.Analyzed {
	opt := trace.PipelineOptions{Steps: trace.StepFindings}
	return []trace.Analyzed{trace.AnalyzeOne(tracegen.RandomTrace(n, 1), opt), trace.AnalyzeOne(tracegen.RandomTrace(n, 2), opt)}
}

// BenchmarkBaselineDiff100k is the work the explorer does off the UI loop
// when a 100,000-span trace is opened against a 100,000-span baseline:
// alignment and the waterfall's index of it.
func BenchmarkBaselineDiff100k(b *testing.B) {
	p := bigPair(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		render.NewWaterfallDiff(diff.Align(p[0], p[1]), diff.Threshold{})
	}
}

// BenchmarkBaselineKeypress is Update plus View at 200x50 for one j on a
// 100,000-span trace, alone and compared with a 100,000-span baseline
// (the diff built), and compared under a filter keeping about a tenth of
// the spans, − rows too: the diff columns and − rows cost only the rows
// on screen.
func BenchmarkBaselineKeypress(b *testing.B) {
	pair := bigPair(100_000)
	for _, name := range []string{"alone", "compared", "compared_filtered"} {
		compared := name != "alone"
		b.Run(name, func(b *testing.B) {
			m := drive(b, New(pair, Options{}), 200, 50, "enter", "B", "esc", "j")
			if !compared {
				m = drive(b, New(pair, Options{}), 200, 50, "j")
			}
			_, cmd := m.Update(keyMsg("enter"))
			feedMsgs(m, cmd)
			if (m.base.current() != nil) != compared {
				b.Fatal("the diff is not as asked")
			}
			if name == "compared_filtered" {
				drive(b, m, 200, 50, "f", "type:operation 1")
				_, cmd := m.Update(keyMsg("enter"))
				feedMsgs(m, cmd)
				if !m.trace.view().filtered() || m.trace.view().st.RemovedKeep == nil {
					b.Fatal("no filter")
				}
			}
			var tm tea.Model = m
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

// BenchmarkBaselineJumpEnds is Update plus View at 200x50 for G, then g,
// on the compared 100,000-span pair: the screen fitted by lines, − rows
// counted, may start inside a long run of them; only the lines on screen
// are drawn.
func BenchmarkBaselineJumpEnds(b *testing.B) {
	pair := bigPair(100_000)
	m := drive(b, New(pair, Options{}), 200, 50, "enter", "B", "esc", "j")
	_, cmd := m.Update(keyMsg("enter"))
	feedMsgs(m, cmd)
	if m.base.current() == nil {
		b.Fatal("the diff is not built")
	}
	var tm tea.Model = m
	keys := []tea.Msg{keyMsg("G"), keyMsg("g")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tm, _ = tm.Update(keys[i%2])
		_ = tm.View()
	}
}

// BenchmarkBaselineKeypressOnRemoved is Update plus View at 200x50 for
// one j with the cursor on a "−" row deep inside a 100,000-row block (the
// random pair's roots differ: all of A is "−" rows above B's root): the
// cursor's row, its details and the screen cost the lines on screen.
func BenchmarkBaselineKeypressOnRemoved(b *testing.B) {
	pair := bigPair(100_000)
	m := drive(b, New(pair, Options{}), 200, 50, "enter", "B", "esc", "j")
	_, cmd := m.Update(keyMsg("enter"))
	feedMsgs(m, cmd)
	m = drive(b, m, 200, 50, "g")
	for range 1000 { // 43 lines a page: about 43,000 lines into the block
		m.Update(keyMsg("pgdown"))
	}
	if wd, _ := m.trace.onRemoved(); wd == nil {
		b.Fatal("the cursor is not on a − row")
	}
	var tm tea.Model = m
	msg := keyMsg("j")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tm, _ = tm.Update(msg)
		_ = tm.View()
	}
}
