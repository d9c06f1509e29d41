package render

import (
	"cmp"
	"slices"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// Report is the JSON document `print --format json` and `list --format
// json` write; the README documents it.
type Report struct {
	Traces   []TraceReport `json:"traces"`
	Warnings []string      `json:"warnings"`
}

// TraceReport describes one trace.
type TraceReport struct {
	TraceID     string   `json:"trace_id"`
	RootService string   `json:"root_service"`
	RootName    string   `json:"root_name"`
	Start       string   `json:"start"`
	DurationMS  *float64 `json:"duration_ms"` // null when no span of the trace is timed, or its end is open
	// DurationAtLeastMS is the lower bound on the duration of a trace whose
	// end is open (a span with no end and no timed ancestor); absent else.
	DurationAtLeastMS *float64        `json:"duration_at_least_ms,omitempty"`
	SpanCount         int             `json:"span_count"`
	ErrorCount        int             `json:"error_count"`
	Services          []string        `json:"services"`
	Bottleneck        *BottleneckJSON `json:"bottleneck"`
	CriticalPath      *[]PathSpan     `json:"critical_path,omitempty"`
	// Unknown is the critical path's time nobody can attribute, per span
	// with a start but no usable end: after it started, moments no timed
	// span covers were its time or its parent's. Absent when none, and
	// only beside critical_path and in diff's a and b (not in list's report).
	Unknown     []UnknownJSON `json:"unknown,omitempty"`
	ErrorOrigin *ErrorJSON    `json:"error_origin"`
	Warnings    []string      `json:"warnings"`
	Findings    []FindingJSON `json:"findings"`
	// Logs are the log records read beside the spans (OTLP logs naming
	// them, as `listen --save` writes), in time order; absent when none.
	Logs []LogJSON `json:"logs,omitempty"`
}

// UnknownJSON is the critical path's unknown time after one span with a
// start but no usable end started.
type UnknownJSON struct {
	AfterSpanID string  `json:"after_span_id"`
	Service     string  `json:"service"`
	Name        string  `json:"name"`
	Why         string  `json:"why"` // "no end time" or "ends before it starts"
	PathMS      float64 `json:"path_ms"`
}

// LogJSON is one log record under its span.
type LogJSON struct {
	SpanID   string `json:"span_id"`
	Time     string `json:"time"` // RFC 3339, UTC
	Severity string `json:"severity,omitempty"`
	Body     string `json:"body"`
}

func logsJSON(t *trace.Trace) []LogJSON {
	logs := slices.Clone(t.Logs)
	slices.SortStableFunc(logs, func(a, b trace.LogRecord) int { return cmp.Compare(a.Time, b.Time) })
	var out []LogJSON
	for _, l := range logs {
		out = append(out, LogJSON{SpanID: l.SpanID.String(), Time: time.Unix(0, l.Time).UTC().Format(time.RFC3339Nano),
			Severity: l.Severity, Body: l.Body})
	}
	return out
}

// FindingJSON is one finding: what a reader should look at, in words, the
// spans involved and the milliseconds at stake.
type FindingJSON struct {
	Kind    string   `json:"kind"`
	Summary string   `json:"summary"`
	SpanIDs []string `json:"span_ids"`
	MS      float64  `json:"ms"`
}

func findingsJSON(t trace.Analyzed) []FindingJSON {
	out := []FindingJSON{}
	if t.Findings == nil {
		return out
	}
	for _, x := range t.Findings.List {
		ids := make([]string, len(x.Spans))
		for k, i := range x.Spans {
			ids[k] = t.Tree.Span(i).DisplaySpanID()
		}
		out = append(out, FindingJSON{Kind: string(x.Kind), Summary: FindingSummary(t.Tree, x, Unicode), SpanIDs: ids, MS: ms(x.Time)})
	}
	return out
}

// BottleneckJSON is the critical-path entry holding the most of the path.
type BottleneckJSON struct {
	SpanID     string  `json:"span_id"`
	Service    string  `json:"service"`
	Name       string  `json:"name"`
	PathMS     float64 `json:"path_ms"` // its time on the critical path
	SelfMS     float64 `json:"self_ms"`
	DurationMS float64 `json:"duration_ms"`
}

// PathSpan is one entry of the critical path: its time on the path (the
// entries' path_ms add up to the path's length) and its self time.
type PathSpan struct {
	SpanID  string  `json:"span_id"`
	Service string  `json:"service"`
	Name    string  `json:"name"`
	PathMS  float64 `json:"path_ms"`
	SelfMS  float64 `json:"self_ms"`
}

// ErrorJSON is the failure point.
type ErrorJSON struct {
	SpanID  string `json:"span_id"`
	Service string `json:"service"`
	Name    string `json:"name"`
	Message string `json:"message"`
}

// JSON encodes the report; withPath adds each trace's critical path.
// Strings are the data's own, exactly (marshalJSON escapes what a terminal
// would act on), IDs are lowercase hex, times RFC 3339 in UTC with
// nanoseconds.
func JSON(traces []trace.Analyzed, warnings []string, withPath bool) ([]byte, error) {
	reps := make([]TraceReport, 0, len(traces))
	for _, t := range traces {
		reps = append(reps, TraceReportOf(t, withPath))
	}
	return ReportJSON(reps, warnings)
}

// ReportJSON encodes reports made one at a time with TraceReportOf, so a
// caller with many traces need not keep every tree until the end.
func ReportJSON(reps []TraceReport, warnings []string) ([]byte, error) {
	rep := Report{Traces: reps, Warnings: warnings}
	if rep.Warnings == nil {
		rep.Warnings = []string{}
	}
	if rep.Traces == nil {
		rep.Traces = []TraceReport{}
	}
	return marshalJSON(rep)
}

func ms(ns int64) float64 { return float64(ns) / 1e6 }

// TraceReportOf is one trace's entry in the JSON report.
func TraceReportOf(t trace.Analyzed, withPath bool) TraceReport {
	tr, a := t.Tree, t.Analysis
	var svc, name string // the data's own, not RootLabel's sanitized text: JSON escapes
	if r := tr.NamingSpan(); r >= 0 {
		svc, name = tr.Span(r).Service(), tr.Span(r).Name
	}
	r := TraceReport{
		TraceID: tr.Trace.DisplayID(), RootService: svc, RootName: name,
		Start:     reportStart(tr),
		SpanCount: len(tr.Trace.Spans), ErrorCount: a.Errors,
		Services: []string{}, Warnings: WarningTexts(tr.Warnings), Findings: findingsJSON(t),
		Logs: logsJSON(tr.Trace),
	}
	if DurationKnown(tr) {
		r.DurationMS = finite(ms(tr.Duration()))
	} else if tr.EndUnknown {
		r.DurationAtLeastMS = finite(ms(tr.Duration()))
	}
	for _, s := range a.Services {
		r.Services = append(r.Services, s.Name)
	}
	slices.Sort(r.Services)
	if b := a.Bottleneck; b >= 0 {
		s := tr.Span(b)
		r.Bottleneck = &BottleneckJSON{SpanID: s.DisplaySpanID(), Service: s.Service(), Name: s.Name,
			PathMS: ms(a.Critical[b]), SelfMS: ms(a.Self[b]), DurationMS: ms(s.Duration())}
	}
	if f := a.Failure; f != nil {
		s := tr.Span(f.Span)
		r.ErrorOrigin = &ErrorJSON{SpanID: s.DisplaySpanID(), Service: s.Service(), Name: s.Name, Message: f.Message}
	}
	if withPath {
		path := criticalPathJSON(tr, a)
		r.CriticalPath = &path
		r.Unknown = unknownJSON(tr, a)
	}
	return r
}
