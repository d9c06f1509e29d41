package render

import (
	"fmt"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Diagnosis is the answer in one line each, for CI logs and the TUI status
// bar: where the time went and, when the trace failed, where it failed.
//
//	bottleneck: shipping GET /v2/rates 5.20 s on the critical path of 5.60 s (93%), self 5.20 s
//	failure: payment POST /v1/charges: 502 Bad Gateway (propagated to Charge, POST /checkout)
func Diagnosis(tr *trace.Tree, a *trace.Analysis) []string {
	var out []string
	if line, ok := bottleneckLine(tr, a); ok {
		out = append(out, line)
	}
	if f := a.Failure; f != nil {
		s := tr.Span(f.Span)
		line := fmt.Sprintf("failure: %s %s: %s", Sanitize(s.Service()), Sanitize(s.Name), Sanitize(f.Message))
		if len(f.Propagated) > 0 {
			names := make([]string, len(f.Propagated))
			for k, p := range f.Propagated {
				names[k] = Sanitize(tr.Span(p).Name)
			}
			line += " (propagated to " + strings.Join(names, ", ") + ")"
		}
		out = append(out, line)
	}
	return out
}

// percent rounds a share to a whole percent, keeping "<1%" for a small
// but present share so it never reads as nothing.
func percent(part, whole int64) string {
	if whole <= 0 {
		return "0%"
	}
	p := float64(part) * 100 / float64(whole)
	if p > 0 && p < 0.5 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", p)
}
