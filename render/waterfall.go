package render

import (
	"bytes"

	"github.com/tracetui/tracetui/trace"
)

// SpanBudget is --max-spans' keep set for ViewState.Budget: at most
// maxSpans spans (more only if the answer alone needs them): roots, the
// failure point, every error origin and the bottleneck, --where's matches
// and the critical path, all with their ancestors, then other spans in
// pre-order. nil keeps everything.
func SpanBudget(tr *trace.Tree, a *trace.Analysis, maxSpans int, matched func(int32) bool) []bool {
	n := tr.Len()
	if maxSpans <= 0 || n <= maxSpans {
		return nil
	}
	keep := make([]bool, n)
	kept := 0
	add := func(i int32) {
		for ; i >= 0 && !keep[i]; i = tr.Parent[i] {
			keep[i] = true
			kept++
		}
	}
	for _, r := range tr.Roots {
		add(r)
	}
	// The answer first, whatever it costs: the failure point, every error
	// origin and the bottleneck (PinnedSpans), then --where's matches and
	// the critical path.
	for i, p := range PinnedSpans(tr, a) {
		if p {
			add(int32(i))
		}
	}
	keepMatched(tr, matched, add)
	for i := int32(0); i < int32(n); i++ {
		if a.OnCriticalPath(i) {
			add(i)
		}
	}
	for _, i := range tr.Order {
		if kept >= maxSpans {
			break
		}
		if !keep[i] && keep[tr.Parent[i]] {
			keep[i] = true
			kept++
		}
	}
	return keep
}

// Waterfall renders the ruler and every row st shows, each span's log
// records on lines under it (see eachWaterfallLine).
func Waterfall(tr *trace.Tree, a *trace.Analysis, st ViewState, opt Options) []string {
	var out []string
	eachWaterfallLine(tr, a, st, opt, func(line []byte) { out = append(out, string(line)) })
	return out
}

// eachWaterfallLine is print's eager walk of the explorer's Cursor: it
// hands emit the ruler, then each row as the cursor finds it, with the
// span's log records on lines under it. Every row is drawn into the same
// buffer, which emit must not keep: print writes each line out at once,
// so a million-span waterfall is never held in memory (as strings, or as
// a []Row in between) and its rows make little garbage. It says how many
// span rows it drew (elision lines left out) and how many spans they
// stand for (a folded run's row its calls and what they called).
func eachWaterfallLine(tr *trace.Tree, a *trace.Analysis, st ViewState, opt Options, emit func([]byte)) (rows, held int) {
	l := NewLayout(tr, st, opt)
	c := NewCursor(tr, a, st)
	buf := append(make([]byte, 0, l.Width+256), Ruler(l, opt)...)
	emit(buf)
	logs := spanLogs(tr.Trace)
	var b rowBatch
	flush := func() {
		fitLabels(b.fits, opt.Glyphs, &b.scratch)
		for k, r := range b.rows {
			line := b.line(k)
			if f := &b.fits[k]; f.Label != "" && f.end > 0 { // its fitted label in the cut one's place
				buf = append(append(append(buf[:0], b.data[b.start(k):f.at]...), f.Label...), b.data[f.end:b.ends[k]]...)
				line = bytes.TrimRight(buf, " ")
			} else if f.Label != "" { // drawn again with it
				buf = appendRowFit(buf[:0], tr, a, r, st, l, opt, f)
				line = bytes.TrimRight(buf, " ")
			}
			// An elision line has no bar or time: not padded to the width.
			emit(line)
			if logs != nil && !r.Elided && r.Group == nil && int(r.Span) < len(tr.Trace.Spans) {
				// The records the explorer's details list under "logs (N)".
				if ls := logs[tr.Trace.Spans[r.Span].SpanID]; len(ls) > 0 {
					for _, line := range logLines(tr, r.Span, ls, opt) {
						emit(append(buf[:0], line...))
					}
				}
			}
		}
		b.reset()
	}
	for p := int32(0); p < c.Len(); {
		r, q := c.Row(p)
		if !r.Elided {
			rows, held = rows+1, held+1+r.Hidden
		}
		b.rows, b.fits = append(b.rows, r), append(b.fits, labelFit{})
		b.data = appendRowFit(b.data, tr, a, r, st, l, opt, &b.fits[len(b.fits)-1])
		b.ends = append(b.ends, len(b.data))
		if len(b.rows) == rowBatchSize {
			flush()
		}
		p = q
	}
	flush()
	return rows, held
}
