package render

import (
	"strings"

	"github.com/tracetui/tracetui/rundiff"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// DiffSideJSON is one side of a trace diff row; null when the row is not
// in that trace.
type DiffSideJSON struct {
	Count      int      `json:"count"`
	Untimed    int      `json:"untimed"`     // spans among count with no usable times
	DurationMS *float64 `json:"duration_ms"` // null when a span is untimed
	SelfMS     *float64 `json:"self_ms"`     // null when a span is untimed (its self time is no measurement)
	OffsetMS   float64  `json:"offset_ms"`
	Errors     int      `json:"errors"`
	Critical   bool     `json:"critical"`
	Bottleneck bool     `json:"bottleneck"`
}

// DiffRowJSON is one row of the merged tree.
type DiffRowJSON struct {
	Depth        int32         `json:"depth"`
	Parent       int32         `json:"parent"`
	Service      string        `json:"service"`
	Name         string        `json:"name"`
	Change       string        `json:"change"` // same, changed, added, removed, untimed
	A            *DiffSideJSON `json:"a"`
	B            *DiffSideJSON `json:"b"`
	ChangeMS     *float64      `json:"change_ms"` // null unless both sides are timed
	SelfChangeMS *float64      `json:"self_change_ms"`
	ChangePct    *float64      `json:"change_pct"`
	NewError     bool          `json:"new_error"`   // failed in B, not in A (an added row too)
	FixedError   bool          `json:"fixed_error"` // failed in A, ok in B (never a removed row)
}

// ViolationJSON is a broken --fail-on rule on one row.
type ViolationJSON struct {
	Rule      string   `json:"rule"`
	Service   string   `json:"service,omitempty"`
	Operation string   `json:"operation,omitempty"`
	Change    *float64 `json:"change"`
	Untested  bool     `json:"untested"`
}

// TraceDiffJSON encodes a trace diff for scripts (schema in the README).
func TraceDiffJSON(d *diff.Diff, view DiffView, vs []rundiff.Violation) ([]byte, error) {
	v := d.Verdict(view.Threshold)
	out := struct {
		Mode            string          `json:"mode"`
		A               TraceReport     `json:"a"`
		B               TraceReport     `json:"b"`
		Verdict         string          `json:"verdict"`
		ChangeMS        *float64        `json:"change_ms"` // null when a trace's duration is unknown
		BottleneckMoved bool            `json:"bottleneck_moved"`
		Rows            []DiffRowJSON   `json:"rows"`
		Violations      []ViolationJSON `json:"violations"`
	}{Mode: "trace", A: diffTraceReport(d.A), B: diffTraceReport(d.B), Verdict: VerdictLine(d, v, Unicode),
		BottleneckMoved: d.BottleneckMoved(), Rows: []DiffRowJSON{}, Violations: violationsJSON(vs)}
	if DurationKnown(d.A.Tree) && DurationKnown(d.B.Tree) {
		out.ChangeMS = finite(ms(v.DurB - v.DurA))
	}
	show := d.Visible(view.Threshold, view.OnlyChanged)
	for i := range d.Rows {
		if !show[i] {
			continue
		}
		r := &d.Rows[i]
		row := DiffRowJSON{Depth: r.Depth, Parent: r.Parent, Service: r.Service, Name: r.Name, Change: "same",
			A: sideJSON(r.A), B: sideJSON(r.B), NewError: r.NewError(), FixedError: r.FixedError()}
		switch {
		case r.Added():
			row.Change = "added"
		case r.Removed():
			row.Change = "removed"
		case r.Changed(view.Threshold):
			row.Change = "changed"
		case !r.Timed():
			row.Change = "untimed"
		}
		if r.Timed() {
			row.ChangeMS = finite(ms(r.DurChange()))
			if r.SelfKnown() {
				row.SelfChangeMS = finite(ms(r.SelfChange()))
			}
			if r.A.Dur > 0 {
				row.ChangePct = finite(float64(r.DurChange()) * 100 / float64(r.A.Dur))
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return marshalJSON(out)
}

// diffTraceReport is a side's trace as the JSON report has it, without
// the critical path but with its unknown time (what the text diff's
// header says under the side's line).
func diffTraceReport(t trace.Analyzed) TraceReport {
	r := TraceReportOf(t, false)
	r.Unknown = unknownJSON(t.Tree, t.Analysis)
	return r
}

func sideJSON(s diff.Side) *DiffSideJSON {
	if !s.Present() {
		return nil
	}
	j := &DiffSideJSON{Count: s.Count(), Untimed: int(s.Untimed), OffsetMS: ms(s.Offset),
		Errors: s.Errors, Critical: s.Critical, Bottleneck: s.Bottle}
	if s.Timed() {
		j.DurationMS, j.SelfMS = finite(ms(s.Dur)), finite(ms(s.Self))
	}
	return j
}

// RunStatJSON is one side of an operation in a run diff.
type RunStatJSON struct {
	Count      int            `json:"count"`
	Untimed    int            `json:"untimed"` // among count; the times leave them out
	Errors     int            `json:"errors"`
	P50MS      *float64       `json:"p50_ms"` // the times are null when every call is untimed
	P95MS      *float64       `json:"p95_ms"`
	P99MS      *float64       `json:"p99_ms"`
	MeanMS     *float64       `json:"mean_ms"`
	MedianMS   *float64       `json:"median_ms"`
	MedianLoMS *float64       `json:"median_lo_ms"` // null: too few samples for an interval
	MedianHiMS *float64       `json:"median_hi_ms"`
	ErrorKinds map[string]int `json:"error_kinds"`
}

// RunOpJSON is one operation in a run diff.
type RunOpJSON struct {
	Service   string         `json:"service"`
	Operation string         `json:"operation,omitempty"`
	A         *RunStatJSON   `json:"a"`
	B         *RunStatJSON   `json:"b"`
	ChangePct *float64       `json:"change_pct"` // of the p50
	Noise     string         `json:"noise"`      // beyond, noise, too_few, new, gone, untimed
	P         *float64       `json:"p"`          // Mann–Whitney U
	Q         *float64       `json:"q"`          // p adjusted for the operations compared (Benjamini–Hochberg); null when too_few
	Flagged   bool           `json:"flagged"`
	NewErrors map[string]int `json:"new_errors"`
	ImpactMS  float64        `json:"impact_ms"`
}

// FindingDiffJSON is a finding in one run only.
type FindingDiffJSON struct {
	Kind    string `json:"kind"`
	Service string `json:"service,omitempty"`
	Name    string `json:"name,omitempty"`
	Detail  string `json:"detail,omitempty"`
	TracesA int    `json:"traces_a"`
	TracesB int    `json:"traces_b"`
}

// RunDiffJSON encodes a run diff for scripts (schema in the README).
func RunDiffJSON(res *rundiff.Result, vs []rundiff.Violation) ([]byte, error) {
	by := "operation"
	if res.ByService {
		by = "service"
	}
	out := struct {
		Mode         string            `json:"mode"`
		By           string            `json:"by"`
		Verdict      string            `json:"verdict"`
		Overall      RunOpJSON         `json:"overall"`
		Operations   []RunOpJSON       `json:"operations"`
		NewFindings  []FindingDiffJSON `json:"new_findings"`
		GoneFindings []FindingDiffJSON `json:"gone_findings"`
		Violations   []ViolationJSON   `json:"violations"`
	}{Mode: "runs", By: by, Verdict: runVerdict(res, Unicode), Overall: runOpJSON(&res.Overall),
		Operations: []RunOpJSON{}, NewFindings: findingsDiffJSON(res.NewFindings), GoneFindings: findingsDiffJSON(res.GoneFindings),
		Violations: violationsJSON(vs)}
	for i := range res.Ops {
		out.Operations = append(out.Operations, runOpJSON(&res.Ops[i]))
	}
	return marshalJSON(out)
}

func runOpJSON(o *rundiff.OpDiff) RunOpJSON {
	j := RunOpJSON{Service: o.Key.Service, Operation: o.Key.Name, A: runStatJSON(o.A), B: runStatJSON(o.B),
		Flagged: o.Flagged, NewErrors: o.NewKinds, ImpactMS: o.Impact / 1e6}
	switch {
	case o.Untimed():
		j.Noise = "untimed"
	case o.Test == nil && o.A.Count == 0:
		j.Noise = "new"
	case o.Test == nil:
		j.Noise = "gone"
	case o.Test.TooFew:
		j.Noise = "too_few"
	case o.Test.Significant():
		j.Noise = "beyond"
	default:
		j.Noise = "noise"
	}
	if o.Test != nil {
		j.P = finite(o.Test.P)
		// A too-few row is left out of the adjustment (it cannot be
		// significant at any p), so it has no q: null, never a 0 below p.
		if !o.Test.TooFew {
			j.Q = finite(o.Test.Q)
		}
		if o.A.P50 > 0 {
			j.ChangePct = finite(float64(o.Change()) * 100 / float64(o.A.P50))
		}
	}
	return j
}

func runStatJSON(s rundiff.Stat) *RunStatJSON {
	if s.Count == 0 {
		return nil
	}
	j := &RunStatJSON{Count: s.Count, Untimed: s.Untimed, Errors: s.Errors, ErrorKinds: s.Kinds}
	if s.Timed() == 0 {
		return j
	}
	msp := func(ns int64) *float64 { return finite(ms(ns)) }
	j.P50MS, j.P95MS, j.P99MS, j.MeanMS = msp(s.P50), msp(s.P95), msp(s.P99), msp(s.Mean)
	j.MedianMS, j.MedianLoMS, j.MedianHiMS = finite(s.Median.Center/1e6), finite(s.Median.Lo/1e6), finite(s.Median.Hi/1e6)
	return j
}

func findingsDiffJSON(fs []rundiff.FindingDiff) []FindingDiffJSON {
	out := []FindingDiffJSON{}
	for _, f := range fs {
		out = append(out, FindingDiffJSON{Kind: string(f.Key.Kind), Service: f.Key.Op.Service, Name: f.Key.Op.Name,
			Detail: f.Key.Detail, TracesA: f.TracesA, TracesB: f.TracesB})
	}
	return out
}

func violationsJSON(vs []rundiff.Violation) []ViolationJSON {
	out := []ViolationJSON{}
	for _, v := range vs {
		j := ViolationJSON{Rule: v.Rule.Text, Change: finite(v.Change), Untested: v.Untested}
		if !strings.EqualFold(v.Rule.Scope, "overall") {
			j.Service, j.Operation = v.Op.Key.Service, v.Op.Key.Name
		}
		out = append(out, j)
	}
	return out
}
