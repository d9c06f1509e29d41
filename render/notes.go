package render

import (
	"fmt"
	"strconv"

	"github.com/tracetui/tracetui/trace"
)

// NoteText words a span note for its row and the details pane, with the
// duration format every other column uses.
func NoteText(n trace.Note, opt Options) string {
	switch n.Kind {
	case trace.MarkPlaceholder:
		return "parent never arrived"
	case trace.MarkOrphan:
		return "parent missing"
	case trace.MarkSharedRPC:
		return "shares ID with client span"
	case trace.MarkDuplicateID:
		return "duplicate span ID"
	case trace.MarkCycle:
		return "parent link cut (cycle)"
	case trace.MarkNoStart:
		return "no start time"
	case trace.MarkNoEnd:
		return "no end time"
	case trace.MarkEndBeforeStart:
		return "ends before it starts"
	case trace.MarkStartsBeforeParent:
		return "starts " + opt.Glyphs.Duration(n.Amount) + " before parent (clock skew?)"
	case trace.MarkEndsAfterParent:
		return "ends " + opt.Glyphs.Duration(n.Amount) + " after parent"
	}
	return "mark " + strconv.Itoa(int(n.Kind))
}

// QueueWaitText words span i's queue wait (w ns, from tr.QueueWait) for
// the details pane: how long after its producer ended it started.
func QueueWaitText(tr *trace.Tree, i int32, w int64, opt Options) string {
	p := tr.Span(tr.Parent[i])
	g := opt.Glyphs
	return g.Duration(w) + " after " + g.Clean(p.Service()) + " " + g.Clean(p.Name) + " ended"
}

// WarningText words a tree builder warning for the header, the reports
// and the explorer: one line per kind, with its count.
func WarningText(w trace.Warning) string {
	n := w.Count
	switch w.Kind {
	case trace.WarnOrphans:
		return counted(n, "1 span whose parent never arrived", "%d spans whose parent never arrived") +
			counted(w.Parents, " (1 missing parent", " (%d missing parents") +
			": the trace looks incomplete, sampled apart or still arriving)"
	case trace.WarnRoots:
		return Plural(n, "root span")
	case trace.WarnCycles:
		return counted(n, "1 parent link cut to break a cycle", "%d parent links cut to break cycles")
	case trace.WarnDuplicateIDs:
		return counted(n, "1 span shares its span ID with another span", "%d spans share a span ID with another span")
	case trace.WarnNoStart:
		return counted(n, "1 span has no start time", "%d spans have no start time")
	case trace.WarnNoEnd:
		return counted(n, "1 span has no end time", "%d spans have no end time")
	case trace.WarnEndBeforeStart:
		return counted(n, "1 span ends before it starts", "%d spans end before they start")
	case trace.WarnStartsBeforeParent:
		return counted(n, "1 span starts before its parent (clock skew?)", "%d spans start before their parent (clock skew?)")
	case trace.WarnEndsAfterParent:
		return counted(n, "1 span ends after its parent (async work or clock skew)", "%d spans end after their parent (async work or clock skew)")
	case trace.WarnDropped:
		return "producers dropped " + Plural(n, "attribute") + ", " + Plural(w.Events, "event") + ", " +
			Plural(w.Links, "link") + " at their limits"
	case trace.WarnNoSpanID:
		return counted(n, "1 span has no span ID", "%d spans have no span ID")
	case trace.WarnJoined64:
		return counted(n, "1 span carried only the low 64 bits of this trace ID and was joined to it",
			"%d spans carried only the low 64 bits of this trace ID and were joined to it")
	case trace.WarnRepeats:
		return counted(n, "dropped 1 repeated span (the same span ID and content arrived twice)",
			"dropped %d repeated spans (the same span IDs and content arrived more than once)")
	}
	return Plural(n, "warning")
}

// WarningTexts words every warning, in order.
func WarningTexts(ws []trace.Warning) []string {
	out := make([]string, len(ws))
	for k, w := range ws {
		out[k] = WarningText(w)
	}
	return out
}

// counted picks the singular wording, or the plural one with n in it.
func counted(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}
