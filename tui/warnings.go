package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// warningStatus is the status line for new warnings: how many, the key
// that lists them all (the line has room for one, cut to the width), and
// the first.
func warningStatus(n int, what, first string, list key.Binding) string {
	return render.Plural(n, what) + " (" + list.Help().Key + " lists them): " + first
}

// warningsPanel lists every loader warning whole, wrapped to the width,
// then the data warnings of the trace open under the panel.
func warningsPanel(warnings []string, traces []trace.Analyzed, oneTrace bool, opt render.Options) (string, []string) {
	g := opt.Glyphs
	var lines []string
	if len(warnings) == 0 {
		lines = append(lines, "no loader warnings: every line of the input was read")
	}
	for _, w := range warnings {
		lines = append(lines, wrapWords(g.Warn+" "+g.Clean(w), opt.Width, "  ")...)
	}
	if oneTrace && len(traces) == 1 && len(traces[0].Tree.Warnings) > 0 {
		tw := traces[0].Tree.Warnings
		lines = append(lines, "", opt.Styles.Paint(opt.Styles.Header, "this trace: "+render.Plural(len(tw), "data warning")))
		for _, w := range tw {
			lines = append(lines, wrapWords(g.Warn+" "+g.Clean(render.WarningText(w)), opt.Width, "  ")...)
		}
	}
	return panelNames[panelWarnings] + g.Sep + render.Plural(len(warnings), "warning"), lines
}
