package main

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// selectTraces keeps the traces whose ID starts with prefix (any case);
// an empty prefix keeps all. A prefix matching nothing is an error.
func selectTraces(traces []*trace.Trace, prefix string) ([]*trace.Trace, error) {
	if prefix == "" {
		return traces, nil
	}
	p := strings.ToLower(prefix)
	var out []*trace.Trace
	for _, t := range traces {
		if t.HasIDPrefix(p) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, errNoTrace(prefix, len(traces))
	}
	return out, nil
}
