package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/tracetui/tracetui/render"
)

// Screen rows around the waterfall: three header lines and the ruler
// above; breadcrumb, status and key hints below.
const chromeRows = 7

func (m Model) sideDetails() bool { return m.details && m.width >= 120 }

func (m Model) detailHeight() int {
	if m.sideDetails() {
		return max(m.height-chromeRows+1, 1)
	}
	return max((m.height-chromeRows)*2/5, 1)
}

func (m Model) rowsHeight() int {
	h := m.height - chromeRows
	if m.details && !m.sideDetails() {
		h -= m.detailHeight() + 1
	}
	return max(h, 1)
}

func (m Model) waterfallWidth() int {
	if m.sideDetails() {
		return m.width - m.width*2/5 - 1
	}
	return m.width
}

func (m Model) renderOptions(width int) render.Options {
	return render.Options{Width: width, Glyphs: m.glyphs, Styles: m.styles}
}

// traceScreen draws the open trace: header, ruler, the visible rows only,
// details, breadcrumb, status and hints.
func (m Model) traceScreen() string {
	v := m.view()
	ww := m.waterfallWidth()
	opt := m.renderOptions(ww - 1 - render.FoldWidth) // the cursor column, then print's row plus fold markers
	st := v.st
	st.HasSelection, st.Selected, st.Fold = true, v.selected(), true
	c := render.NewCursor(v.tr, v.a, st)
	l := render.NewLayout(v.tr, st, opt)
	left := m.traceHeader(v, ww)
	left = append(left, " "+render.Ruler(l, opt))
	p := v.top
	for k := 0; k < m.rowsHeight(); k++ {
		if p >= c.Len() {
			left = append(left, "")
			continue
		}
		r, next := c.Row(p)
		mark := " "
		if p == v.cur {
			mark = m.styles.Paint(m.styles.Header, ">")
		}
		left = append(left, mark+render.RenderRow(v.tr, v.a, r, st, l, opt))
		p = next
	}
	var lines []string
	if m.sideDetails() {
		dw := m.width - ww - 1
		right := m.detailLines(v, dw, len(left))
		sep := m.styles.Paint(m.styles.Dim, m.glyphs.VRule)
		for k, line := range left {
			line = m.glyphs.Truncate(line, ww)
			pad := ww - render.Width(line)
			lines = append(lines, line+strings.Repeat(" ", max(pad, 0))+sep+right[k])
		}
	} else {
		lines = left
		if l.Width+1 > ww { // a waterfall is never narrower than 20 columns
			for k := range lines {
				lines[k] = m.glyphs.Truncate(lines[k], ww)
			}
		}
		if m.details {
			lines = append(lines, m.styles.Paint(m.styles.Dim, strings.Repeat(m.glyphs.HRule, m.width)))
			lines = append(lines, m.detailLines(v, m.width, m.detailHeight())...)
		}
	}
	lines = append(lines, render.Path(v.tr, v.selected(), m.renderOptions(m.width)), m.statusLine(m.diagnosis(v)), m.hintLine(m.keys.ShortHelp()))
	return strings.Join(lines, "\n")
}

// traceHeader is render's explorer header for the open trace.
func (m Model) traceHeader(v *traceView, w int) []string {
	x := render.HeaderExtras{FindingsKey: m.keys.Findings.Help().Key, Context: v.context}
	if f := m.traces[m.open].Findings; f != nil {
		x.Findings = len(f.List)
	}
	if v.st.WinEnd > v.st.WinStart {
		x.Zoom = v.st.WinEnd - v.st.WinStart
	}
	return render.CompactHeader(v.tr, v.a, x, m.renderOptions(w))
}

func (m Model) detailLines(v *traceView, w, h int) []string {
	all := render.Details(v.tr, v.a, v.selected(), m.renderOptions(max(w-1, 10)))
	top := min(v.detailTop, max(len(all)-1, 0))
	out := make([]string, 0, h)
	for k := top; k < len(all) && len(out) < h; k++ {
		out = append(out, " "+all[k])
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out
}

func (m Model) diagnosis(v *traceView) string {
	// The failure first: when a request failed, that is the urgent answer.
	d := render.Diagnosis(v.tr, v.a)
	if len(d) == 2 {
		d[0], d[1] = d[1], d[0]
	}
	return strings.Join(d, m.glyphs.Sep)
}

// statusLine shows, by priority, the prompt, a message, then fallback.
func (m Model) statusLine(fallback string) string {
	switch {
	case m.prompt != nil:
		return m.promptLine()
	case m.status != "":
		return m.styles.Paint(m.styles.Warn, m.glyphs.Truncate(m.glyphs.Clean(m.status), m.width))
	}
	fallback = m.glyphs.Clean(fallback)
	return m.styles.Paint(m.styles.Header, m.glyphs.Truncate(fallback, m.width))
}

func (m Model) hintLine(bindings []key.Binding) string {
	if bindings == nil {
		return ""
	}
	h := m.help
	h.SetWidth(m.width)
	return m.glyphs.Truncate(h.ShortHelpView(bindings), m.width)
}

func (m Model) helpView() string {
	h := m.help
	h.SetWidth(m.width)
	lines := []string{m.styles.Paint(m.styles.Header, "tracetui keys"), ""}
	lines = append(lines, strings.Split(h.FullHelpView(m.keys.FullHelp()), "\n")...)
	lines = append(lines, "",
		"search (/) and filter (f): words match service, name, IDs, attributes;",
		"  service=cart  status=error  kind=server  http.route=/v2/rates",
		"  duration>50ms  duration<1s  %>2.5 (share of the trace)",
		"", render.Legend(m.renderOptions(m.width)), "", "press ? or esc to close")
	for k := range lines {
		lines[k] = m.glyphs.Truncate(lines[k], m.width)
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	return strings.Join(lines, "\n")
}
