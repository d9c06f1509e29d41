package render

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/tracetui/tracetui/trace"
)

// FindingsPerKind is how many findings of one kind print's text and
// markdown reports name: a trace with thousands of repeated calls has as
// many N+1 findings, which would bury the diagnosis in a CI log. The JSON
// report and the explorer list all of them.
const FindingsPerKind = 5

// shownFinding is one line of a capped findings block: a finding, or
// (More > 0) the count of its kind's findings left out after it.
type shownFinding struct {
	Finding trace.Finding
	More    int
}

// capFindings is list with each kind cut to its FindingsPerKind findings
// of most time at stake (Finding.Time, then list order), in that order,
// where the kind first appears, followed by a line counting the rest. A
// kind within the cap keeps its order, so such a list reads as before.
func capFindings(list []trace.Finding) []shownFinding {
	byKind := map[trace.FindingKind][]int{}
	var kinds []trace.FindingKind
	for k, x := range list {
		if byKind[x.Kind] == nil {
			kinds = append(kinds, x.Kind)
		}
		byKind[x.Kind] = append(byKind[x.Kind], k)
	}
	if !overCap(byKind) {
		return allFindings(list)
	}
	out := make([]shownFinding, 0, len(kinds)*(FindingsPerKind+1))
	for _, kind := range kinds {
		idx := byKind[kind]
		if len(idx) > FindingsPerKind {
			slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(list[b].Time, list[a].Time) })
		}
		for _, k := range idx[:min(len(idx), FindingsPerKind)] {
			out = append(out, shownFinding{Finding: list[k]})
		}
		if n := len(idx) - FindingsPerKind; n > 0 {
			out = append(out, shownFinding{Finding: trace.Finding{Kind: kind}, More: n})
		}
	}
	return out
}

func allFindings(list []trace.Finding) []shownFinding {
	out := make([]shownFinding, len(list))
	for k, x := range list {
		out[k].Finding = x
	}
	return out
}

func overCap(byKind map[trace.FindingKind][]int) bool {
	for _, idx := range byKind {
		if len(idx) > FindingsPerKind {
			return true
		}
	}
	return false
}

// moreFindings is the line standing for a kind's findings left out.
func moreFindings(kind trace.FindingKind, n int, g *Glyphs) string {
	return g.or().Ellipsis + " and " + strconv.Itoa(n) + " more " + string(kind) +
		" findings (tracetui print --format json lists all)"
}
