package render

import (
	"encoding/json"
	"strings"

	"github.com/tracetui/tracetui/checks"
)

type checkJSON struct {
	Passed bool            `json:"passed"`
	Traces int             `json:"traces"`
	Checks []checkRuleJSON `json:"checks"`
}

type checkRuleJSON struct {
	Name           string             `json:"name"`
	Origin         string             `json:"origin"`
	Passed         bool               `json:"passed"`
	Optional       bool               `json:"optional"`
	Traces         int                `json:"traces"`
	MatchedNoTrace bool               `json:"matched_no_trace"`
	Failures       []checkFailureJSON `json:"failures"`
}

type checkFailureJSON struct {
	TraceID  string          `json:"trace_id"`
	Root     string          `json:"root"`
	Test     string          `json:"test,omitempty"`
	Assert   string          `json:"assert"`
	Expected string          `json:"expected"`
	Seen     string          `json:"seen"`
	Spans    []checkSpanJSON `json:"spans"`
	Message  []string        `json:"message"`
}

type checkSpanJSON struct {
	SpanID  string `json:"span_id"`
	Service string `json:"service"`
	Name    string `json:"name"`
	Seen    string `json:"seen,omitempty"`
}

// CheckJSON is the report for scripts; names stay exact (JSON escapes
// what a terminal must not see).
func CheckJSON(rep CheckReport) ([]byte, error) {
	doc := checkJSON{Passed: rep.Failed() == 0, Traces: len(rep.Traces), Checks: []checkRuleJSON{}}
	for _, res := range rep.Results {
		r := checkRuleJSON{Name: res.Rule.Name, Origin: res.Rule.Origin, Passed: res.Passed(), Optional: res.Rule.Optional,
			Traces: len(res.Applied), MatchedNoTrace: res.NoMatch(), Failures: []checkFailureJSON{}}
		for _, f := range res.Failures {
			tr := rep.Traces[f.Trace].Tree
			svc, name := RootLabel(tr)
			fj := checkFailureJSON{TraceID: tr.Trace.DisplayID(), Root: svc + " " + name, Assert: f.Assert, Expected: f.Expected,
				Seen: ValueText(f.Seen, Unicode), Spans: []checkSpanJSON{}, Message: FailureLines(rep.Traces[f.Trace], f, Unicode)}
			if test, ok := checks.TestOf(tr, rep.TestAttr, errorsOf(rep, f.Trace)); ok {
				fj.Test = TestName(test, Unicode)
			}
			for k, i := range f.Spans {
				s := tr.Span(i)
				sj := checkSpanJSON{SpanID: s.DisplaySpanID(), Service: s.Service(), Name: s.Name}
				if k < len(f.Values) {
					sj.Seen = ValueText(f.Values[k], Unicode)
				}
				fj.Spans = append(fj.Spans, sj)
			}
			r.Failures = append(r.Failures, fj)
		}
		doc.Checks = append(doc.Checks, r)
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	return append(out, '\n'), err
}

func errorsOf(rep CheckReport, i int) int {
	if a := rep.Traces[i].Analysis; a != nil {
		return a.Errors
	}
	return 0
}

// maxAnnotations bounds the ::error lines per rule: GitHub shows ten
// per step, and a rule failing on every trace would flood the log.
const maxAnnotations = 10

// CheckAnnotations are GitHub Actions workflow commands, one ::error per
// failing rule and trace, naming every assert that broke on the trace.
func CheckAnnotations(rep CheckReport) []string {
	var out []string
	for _, res := range rep.Results {
		if res.NoMatch() && !res.Rule.Optional {
			out = append(out, Annotation("tracetui check: "+res.Rule.Name, "matched no trace"))
		}
		for k, fs := range ByTrace(res.Failures) {
			if k == maxAnnotations {
				break
			}
			t := rep.Traces[fs[0].Trace]
			msg := []string{traceLabel(rep, fs[0].Trace, Unicode)}
			for _, f := range fs {
				msg = append(msg, FailureLines(t, f, Unicode)...)
			}
			out = append(out, Annotation("tracetui check: "+res.Rule.Name, strings.Join(msg, "\n")))
		}
	}
	return out
}

// Annotation is one `::error title=…::message` line, escaped as the
// workflow command syntax asks (a newline in data must not end it).
func Annotation(title, msg string) string {
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	return "::error title=" + prop.Replace(Sanitize(title)) + "::" + data.Replace(sanitizeLines(msg))
}

func sanitizeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Sanitize(l)
	}
	return strings.Join(lines, "\n")
}
