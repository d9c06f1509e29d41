package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// appendBar draws span i on the time axis with eighth-cell precision at
// its end. A span shorter than a cell still shows a tick; one outside the
// window shows an arrow at the side it lies on.
func appendBar(dst []byte, tr *trace.Tree, a *trace.Analysis, i int32, l Layout, stl Styles) []byte {
	s := tr.Span(i)
	// No start time, or no timed span to lay the axis out by: nowhere to
	// draw it.
	if s.Start == 0 || l.TraceStart == 0 {
		dst = stl.open(dst, stl.Bar, l.BarW > 0)
		return stl.close(appendSpaces(dst, l.BarW), stl.Bar, l.BarW > 0)
	}
	end := s.End
	if !s.HasEnd() || end < s.Start {
		end = s.Start
	}
	return appendBarBetween(dst, tr, a, i, s.Start, end, l, stl)
}

// appendBarBetween draws start..end in span i's colours (a folded group of
// calls spans from its first start to its last end), cell by cell into
// dst: a million-row waterfall allocates nothing for its bars.
func appendBarBetween(dst []byte, tr *trace.Tree, a *trace.Analysis, i int32, start, end int64, l Layout, stl Styles) []byte {
	sy := l.g
	s := tr.Span(i)
	span := max(l.WinEnd-l.WinStart, 1)
	pos := func(t int64) int64 {
		return int64(float64(t-l.WinStart) / float64(span) * float64(l.BarW*8))
	}
	style := stl.Service(s.Service())
	if s.IsError() {
		style = stl.Error
	}
	if !a.OnCriticalPath(i) {
		style = stl.Bar + style
	}
	w := int64(l.BarW)
	// The cells: full from first up to full, then the eighth (frac) or,
	// for a span under an eighth, a tick at tick; an arrow at clip.
	first, full, frac, tick, clip := int64(0), int64(0), int64(0), int64(-1), int64(-1)
	clipGlyph := ""
	switch {
	case end < l.WinStart:
		clip, clipGlyph = 0, sy.ClipL
	case start > l.WinEnd:
		clip, clipGlyph = w-1, sy.ClipR
	default:
		lo, hi := max(pos(start), 0), min(pos(end), w*8)
		first, full = lo/8, hi/8
		if hi%8 > 0 && full < w {
			frac = hi % 8
		}
		if full <= first && hi%8 == 0 {
			tick = min(first, w-1)
		}
	}
	dst = stl.open(dst, style, w > 0)
	for c := int64(0); c < w; c++ {
		switch {
		case c == clip:
			dst = append(dst, clipGlyph...)
		case c == tick:
			dst = append(dst, sy.Tiny...)
		case c >= first && c < full:
			dst = append(dst, sy.Full...)
		case c == full && frac > 0:
			dst = append(dst, sy.Eighths[frac]...)
		default:
			dst = append(dst, ' ')
		}
	}
	return stl.close(dst, style, w > 0)
}

// Ruler is the time axis over the bar column, with tick labels at even
// steps of the window ("0", "1.40 s", "2.80 s" …).
func Ruler(l Layout, opt Options) string {
	head := opt.Glyphs.Fit("span", l.NameW)
	if l.BarW == 0 {
		return opt.Styles.Paint(opt.Styles.Dim, head+" "+PadLeft("duration", l.DurW))
	}
	line := []byte(strings.Repeat(" ", l.BarW))
	window := l.WinEnd - l.WinStart
	if window <= 0 || l.TraceStart == 0 {
		// No span has usable times: an axis of zeros would be a made-up
		// measurement (the header says "duration unknown").
		return opt.Styles.Paint(opt.Styles.Dim, head+" "+string(line)+" "+PadLeft("duration", l.DurW))
	}
	steps := max(1, l.BarW/14)
	// Placed as ASCII so byte offsets are columns; µ is put back below.
	label := func(k int) string {
		if at := l.WinStart - l.TraceStart + window*int64(k)/int64(steps); at > 0 {
			return duration(at, "us")
		}
		return "0"
	}
	// The end is labelled first, so the labels before it give way to it:
	// an axis always says how long it is.
	end := label(steps)
	if len(end) > l.BarW { // a bar narrower than its label: it takes the name column's room
		end = strings.ReplaceAll(end, "us", opt.Glyphs.or().Micro)
		head = opt.Glyphs.Fit("span", l.NameW+1+l.BarW-Width(end))
		return opt.Styles.Paint(opt.Styles.Dim, head+end+" "+PadLeft("duration", l.DurW))
	}
	endCol := l.BarW - len(end)
	copy(line[endCol:], end)
	next := 0
	for k := 0; k < steps; k++ {
		text := label(k)
		col := k * l.BarW / steps
		if col < next || col+len(text) >= endCol {
			continue
		}
		copy(line[col:], text)
		next = col + len(text) + 1
	}
	ruler := string(line[:l.BarW])
	if g := opt.Glyphs.or(); g.Micro != "us" {
		ruler = strings.ReplaceAll(ruler, "us", g.Micro)
	}
	dur := PadLeft("duration", l.DurW)
	return opt.Styles.Paint(opt.Styles.Dim, head+" "+ruler+" "+dur)
}
