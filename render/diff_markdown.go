package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/rundiff"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// TraceDiffMarkdown is a trace diff for a PR comment or job summary: the
// verdict and both traces as bullets, the merged tree in a text fence
// (never coloured; signs and markers carry the meaning).
func TraceDiffMarkdown(d *diff.Diff, view DiffView, opt Options) string {
	opt.Styles = PlainStyles()
	var b strings.Builder
	svc, name := RootLabel(d.B.Tree)
	b.WriteString("### diff · " + mdEscape(svc+" "+name) + "\n\n")
	b.WriteString("**" + mdEscape(VerdictLine(d, d.Verdict(view.Threshold), Unicode)) + "**\n\n")
	wide := opt
	wide.Width = 1000 // bullets wrap by themselves
	for _, side := range []struct {
		name string
		t    trace.Analyzed
	}{{"A", d.A}, {"B", d.B}} {
		b.WriteString("- " + mdEscape(strings.Join(diffTraceFacts(side.name, side.t, wide), opt.Glyphs.or().Sep)) + "\n")
		// Print's words on the path's unknown time, under its trace.
		if line, ok := unknownLine(side.t.Tree, side.t.Analysis, opt.Glyphs.or()); ok {
			b.WriteString("  - " + mdEscape(line) + "\n")
		}
	}
	b.WriteString("- " + mdEscape(BottleneckLine(d, Unicode)) + "\n\n```text\n")
	for _, l := range traceDiffTable(d, view, opt) {
		// A row cannot close the fence: rows never start with ```.
		b.WriteString(strings.TrimRight(l, " ") + "\n")
	}
	b.WriteString("```\n")
	return b.String()
}

// RunDiffMarkdown is a run diff as a table: every operation (top > 0: the
// first top by impact, then a line saying how many more) with A → B per
// column, then the flagged changes with their intervals, new errors and
// findings as bullets.
func RunDiffMarkdown(res *rundiff.Result, top int) string {
	var b strings.Builder
	o := &res.Overall
	b.WriteString("### diff · " + Plural(o.A.Count, "trace") + " → " + Plural(o.B.Count, "trace") + "\n\n")
	b.WriteString("**" + mdEscape(runVerdict(res, Unicode)) + "**\n\n")
	first := "operation"
	if res.ByService {
		first = "service"
	}
	b.WriteString("| " + first + " | count | p50 | p95 | p99 | mean | change | noise |\n|---|---:|---:|---:|---:|---:|---:|---|\n")
	pair := func(x *rundiff.OpDiff, a, c int64) string {
		switch {
		case x.A.Count == 0:
			return sideDuration(x.B, c, Unicode)
		case x.B.Count == 0:
			return sideDuration(x.A, a, Unicode)
		}
		return sideDuration(x.A, a, Unicode) + " → " + sideDuration(x.B, c, Unicode)
	}
	ops := res.Ops
	if top > 0 && len(ops) > top {
		ops = ops[:top]
	}
	for i := range ops {
		x := &ops[i]
		change := ""
		if x.Test != nil && !x.Untimed() {
			change = PercentChange(float64(x.A.P50), float64(x.B.P50), Unicode)
			if x.Flagged {
				change = "**" + change + "**"
			}
		}
		cells := []string{mdEscape(x.Key.Label()), strconv.Itoa(x.A.Count) + " → " + strconv.Itoa(x.B.Count),
			pair(x, x.A.P50, x.B.P50), pair(x, x.A.P95, x.B.P95), pair(x, x.A.P99, x.B.P99), pair(x, x.A.Mean, x.B.Mean),
			change, noiseWord(x)}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	if more := len(res.Ops) - len(ops); more > 0 {
		b.WriteString("\n" + mdEscape(moreText(more, first)) + "\n")
	}
	var bullets []string
	if o.Flagged {
		bullets = append(bullets, "beyond noise: traces "+IntervalText(o, Unicode))
	}
	for i := range res.Ops {
		x := &res.Ops[i]
		if x.Flagged {
			bullets = append(bullets, "beyond noise: "+mdEscape(x.Key.Label())+" "+IntervalText(x, Unicode))
		}
		kinds := make([]string, 0, len(x.NewKinds))
		for k := range x.NewKinds {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		for _, k := range kinds {
			bullets = append(bullets, fmt.Sprintf("new error: %s: %s ×%d", mdEscape(x.Key.Label()), mdEscape(k), x.NewKinds[k]))
		}
	}
	for _, f := range res.NewFindings {
		bullets = append(bullets, fmt.Sprintf("new finding: %s %s (in %d of %d traces)", f.Key.Kind, mdEscape(FindingKeyText(f.Key, Unicode)), f.TracesB, o.B.Count))
	}
	for _, f := range res.GoneFindings {
		bullets = append(bullets, fmt.Sprintf("finding gone: %s %s (was in %d of %d traces)", f.Key.Kind, mdEscape(FindingKeyText(f.Key, Unicode)), f.TracesA, o.A.Count))
	}
	if len(bullets) > 0 {
		b.WriteString("\n- " + strings.Join(bullets, "\n- ") + "\n")
	}
	return b.String()
}
