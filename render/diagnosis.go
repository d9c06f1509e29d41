package render

import (
	"fmt"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Diagnosis is the answer in one line each, for CI logs and the explorer's
// status line: where the time went and, when the trace failed, where it
// failed. Under ASCII the microsecond unit is "us" and names lose every
// non-ASCII rune, so --ascii output never carries a µ.
//
//	bottleneck: shipping GET /v2/rates 5.20 s on the critical path of 5.60 s (93%), self 5.20 s
//	unknown: 800 ms of the critical path of 1.00 s (80%), after api B started (no end time)
//	failure: payment POST /v1/charges: 502 Bad Gateway (propagated to Charge, POST /checkout)
func (g *Glyphs) Diagnosis(tr *trace.Tree, a *trace.Analysis) []string {
	return g.diagnosis(tr, a, false)
}

// ReportDiagnosis is Diagnosis for a report read once, not redrawn each
// keypress: an unended span on the unknown line whose name others share
// is named by its span ID too (unknownLine), a pass over the spans.
func (g *Glyphs) ReportDiagnosis(tr *trace.Tree, a *trace.Analysis) []string {
	return g.diagnosis(tr, a, true)
}

func (g *Glyphs) diagnosis(tr *trace.Tree, a *trace.Analysis, locate bool) []string {
	g = g.or()
	var out []string
	if line, ok := bottleneckLine(tr, a, g); ok {
		out = append(out, line)
	}
	if line, ok := locatedUnknownLine(tr, a, g, locate); ok {
		out = append(out, line)
	}
	if f := a.Failure; f != nil {
		s := tr.Span(f.Span)
		// Whole, unless huge: a megabyte message (a stack dump) is cut to
		// 4 KB, the cut counted, so the report stays readable and the
		// explorer's status line, drawn every keypress, stays fast.
		line := fmt.Sprintf("failure: %s %s: %s", g.Clean(clipLine(s.Service(), 256)), g.Clean(clipLine(s.Name, 256)), g.Clean(clipMessage(f.Message)))
		if len(f.Propagated) > 0 {
			names := make([]string, len(f.Propagated))
			for k, p := range f.Propagated {
				names[k] = g.Clean(clipLine(tr.Span(p).Name, 256))
			}
			line += " (propagated to " + strings.Join(names, ", ") + ")"
		}
		out = append(out, line)
	}
	return out
}

// DiagnosisLines are the diagnosis for a report: each answer wrapped to
// opt.Width (continuation lines indented), never cut, since the answer is
// what a CI log is read for.
func DiagnosisLines(tr *trace.Tree, a *trace.Analysis, opt Options) []string {
	var lines []string
	for _, d := range opt.Glyphs.ReportDiagnosis(tr, a) {
		for _, l := range wrapWords(d, max(opt.Width, 20), "  ") {
			lines = append(lines, opt.Styles.Paint(opt.Styles.Header, l))
		}
	}
	return lines
}

// wrapWords fills lines of at most w columns word by word, starting each
// line after the first with indent. A unit ("5.20 s", "12.3 µs") stays with
// its number; a word longer than a line is broken, never cut.
func wrapWords(text string, w int, indent string) []string {
	if Width(text) <= w {
		return []string{text}
	}
	var words []string
	for _, f := range strings.Split(text, " ") {
		if n := len(words); n > 0 && isUnit(f) {
			words[n-1] += " " + f
			continue
		}
		words = append(words, f)
	}
	var lines []string
	cur := ""
	flush := func() {
		if cur != "" {
			lines = append(lines, cur)
		}
	}
	for _, word := range words {
		head := cur + " "
		if cur == "" {
			head = indent
			if len(lines) == 0 {
				head = ""
			}
		}
		if Width(head)+Width(word) <= w {
			cur = head + word
			continue
		}
		flush()
		cur = ""
		if word == "" {
			// A run of spaces falls where the line breaks: no word to carry.
			continue
		}
		head = indent
		// A word wider than a whole line is broken into pieces.
		parts := wrap(word, w-Width(indent))
		for _, p := range parts[:len(parts)-1] {
			lines = append(lines, indent+p)
		}
		cur = head + parts[len(parts)-1]
	}
	flush()
	return lines
}

func isUnit(word string) bool {
	switch strings.TrimRight(word, ",);") {
	case "ns", "µs", "us", "ms", "s":
		return true
	}
	return false
}

// percent rounds a share to a whole percent, keeping "<1%" for a small
// but present share so it never reads as nothing.
func percent(part, whole int64) string {
	if whole <= 0 {
		return "0%"
	}
	p := float64(part) * 100 / float64(whole)
	if p > 0 && p < 0.5 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", p)
}

// maxMessageBytes bounds the failure message on the diagnosis line.
const maxMessageBytes = 4 << 10

func clipMessage(m string) string {
	head, more := clipBytes(m, maxMessageBytes)
	if more == 0 {
		return m
	}
	return head + "… " + notShown(more)
}
