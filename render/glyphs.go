package render

// Glyphs are the characters everything is drawn with. Unicode is the
// default; ASCII (--ascii) draws only printable ASCII, names from traces
// included, so output survives any log viewer. Options carries one set, so
// print and the explorer cannot mix the two.
type Glyphs struct {
	// Row markers: the bottleneck and the rest of the critical path; the
	// failure point, an error passed up, another error; a data warning.
	Bottleneck, Critical              string
	Failure, Propagated, Origin, Warn string
	// Tree guides, two columns each plus a space after a tee or an elbow.
	Tee, Elbow, Pipe, Blank, Deep string
	// Bars: a full cell, a span too short for one, a span left or right of
	// the window, a span with no end; Eighths[k] is a cell k/8 full.
	Full, Tiny, ClipL, ClipR, NoEnd string
	Eighths                         []string
	// Folded and Unfolded are the explorer's fold markers (two columns).
	Folded, Unfolded string
	Ellipsis         string // the end of cut text
	Times            string // "×25" calls
	Async            string // work that does not hold its parent up
	Sep              string // between facts on a line: " · "
	Arrow            string // a call in a finding
	Edge, Cycle      string // the service map's call edge and a call back up its path
	Box              string // a service's colour in a legend
	Micro            string // the microsecond unit
	PathSep          string // between the spans of a breadcrumb
	HRule, VRule     string // dividers between panes
	Caret            string // the end of a prompt being typed
	Match            string // a span --where selected
	Log              string // a log record under its span in print
	Up, Down         string // keys in the help
	Left, Right      string
	AtLeast          string // before a duration that is only a lower bound: "≥30.0 ms"
	ascii            bool
}

// Unicode is the default glyph set.
var Unicode = &Glyphs{
	Bottleneck: "◆", Critical: "•",
	Failure: "✗", Propagated: "↑", Origin: "x", Warn: "⚠",
	Tee: "├─ ", Elbow: "└─ ", Pipe: "│ ", Blank: "  ", Deep: "… ",
	Full: "█", Tiny: "▏", ClipL: "◂", ClipR: "▸", NoEnd: "?",
	Eighths: []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"},
	Folded:  "▸ ", Unfolded: "▾ ", Ellipsis: "…", Times: "×", Async: "↪",
	Sep: " · ", Arrow: "→", Edge: "▶ ", Cycle: "↺ ", Box: "■", Micro: "µs", PathSep: " › ",
	HRule: "─", VRule: "│", Caret: "█", Match: "›", Log: "↳",
	Up: "↑", Down: "↓", Left: "←", Right: "→", AtLeast: "≥",
}

// ASCII is the glyph set of --ascii.
var ASCII = &Glyphs{
	Bottleneck: "#", Critical: "*",
	Failure: "X", Propagated: "^", Origin: "x", Warn: "!",
	Tee: "|- ", Elbow: "`- ", Pipe: "| ", Blank: "  ", Deep: "~ ",
	Full: "=", Tiny: "|", ClipL: "<", ClipR: ">", NoEnd: "?",
	Eighths: []string{"", "-", "-", "-", "=", "=", "=", "="},
	Folded:  "+ ", Unfolded: "- ", Ellipsis: "~", Times: "x", Async: "~",
	Sep: " - ", Arrow: "->", Edge: "> ", Cycle: "", Box: "#", Micro: "us", PathSep: " > ",
	HRule: "-", VRule: "|", Caret: "_", Match: ">", Log: "`>",
	Up: "^", Down: "v", Left: "<", Right: ">", AtLeast: ">=",
	ascii: true,
}

// or is g, or Unicode when g is nil (the zero Options).
func (g *Glyphs) or() *Glyphs {
	if g == nil {
		return Unicode
	}
	return g
}

// IsASCII reports whether g draws only ASCII.
func (g *Glyphs) IsASCII() bool { return g.or().ascii }

// Clean prepares untrusted text for display: sanitized, and in ASCII every
// other rune replaced by '?'.
func (g *Glyphs) Clean(s string) string {
	s = Sanitize(s)
	if g.IsASCII() {
		s = ASCIIOnly(s)
	}
	return s
}

// Duration formats nanoseconds as Duration does, with g's microsecond unit.
func (g *Glyphs) Duration(ns int64) string { return duration(ns, g.or().Micro) }
