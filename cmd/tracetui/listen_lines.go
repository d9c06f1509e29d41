package main

import (
	"fmt"
	"strings"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// reportIdle prints one line per finished trace: what print's header and
// diagnosis say, on one line for a CI log. A trace reported before (more
// spans came after --trace-timeout) is marked as an update, so a reader
// does not count it twice or take its first line for the whole trace.
func reportIdle(ios *IOStreams, reports []receiver.Report, opt render.Options) {
	for _, rep := range reports {
		t := rep.Trace
		done := trace.AnalyzeOne(t, trace.PipelineOptions{})
		tr, a := done.Tree, done.Analysis
		svc, name := render.RootLabel(tr)
		// The tree's spans: Build drops repeats the receiver could not
		// tell at ingest (see receiver's store_repeats.go).
		id, spans := "trace "+t.DisplayID(), render.Plural(len(tr.Trace.Spans), "span")
		if rep.Earlier > 0 {
			id += " (update)"
			spans += fmt.Sprintf(" (%d new)", len(t.Spans)-rep.Earlier)
		}
		dur := render.Duration(tr.Duration())
		if tr.Start == 0 {
			dur = "duration unknown" // as print's header: no timed span, and "0 ns" would read as measured
		} else if tr.EndUnknown {
			dur = render.DurationAtLeast(tr, render.Unicode) // a span never ended: a lower bound
		}
		facts := []string{dur, spans, render.Plural(a.Errors, "error")}
		if n := tr.Trace.Repeats; n > 0 {
			// An exporter's retries: counted once, and said, as print says it.
			facts = append(facts, render.Plural(n, "repeated span")+" dropped")
		}
		if note := incompleteNote(tr); note != "" {
			facts = append(facts, note)
		}
		// The warnings, like the diagnosis, are never cut and do not cut the
		// root's name: they go with the answer.
		tail := append(dataWarnings(tr, opt), opt.Glyphs.Diagnosis(tr, a)...)
		fmt.Fprintln(ios.Out, render.Sanitize(idleLine(id, svc+" "+name, facts, tail, opt)))
	}
}

// incompleteNote says that a trace is missing spans its spans point at:
// its root (usually still on its way, as the root ends last and is
// exported last) or other parents. "" for a whole trace.
func incompleteNote(tr *trace.Tree) string {
	for _, w := range tr.Warnings {
		if w.Kind != trace.WarnOrphans {
			continue
		}
		if r := tr.NamingSpan(); r < 0 || tr.Parent[r] >= 0 {
			// The trace is named after an orphan: no real root arrived.
			return "incomplete: root not yet received"
		}
		return "incomplete: " + render.Plural(w.Parents, "parent span") + " missing"
	}
	return ""
}

// dataWarnings are the tree's warnings worded as print words them under
// its header (a span with no end time, no span ID…), so a CI log does not
// pass broken data for a measured trace. Missing parents and repeats are
// said above in shorter words.
func dataWarnings(tr *trace.Tree, opt render.Options) []string {
	g := opt.Glyphs
	if g == nil {
		g = render.Unicode
	}
	var out []string
	for _, w := range tr.Warnings {
		switch w.Kind {
		case trace.WarnOrphans, trace.WarnRepeats:
			continue
		}
		out = append(out, g.Warn+" "+render.WarningText(w))
	}
	return out
}

// minRootWidth keeps enough of a root's name to recognise it however
// narrow the width.
const minRootWidth = 12

// idleLine joins a finished trace's line, cutting only the root's name so
// that everything before the diagnosis fits opt.Width columns. Root names
// are the unbounded part (an SQL statement makes a fine span name); the
// diagnosis is never cut, as in print: it is the answer.
func idleLine(id, root string, facts, diagnosis []string, opt render.Options) string {
	const sep = "  "
	head := append([]string{id}, facts...)
	room := opt.Width - render.Width(strings.Join(head, sep)) - len(sep)
	root = opt.Glyphs.Truncate(root, max(room, minRootWidth))
	parts := append([]string{id, root}, facts...)
	return strings.Join(append(parts, diagnosis...), sep)
}
