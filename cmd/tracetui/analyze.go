package main

import (
	"strings"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// maxAmbiguous is how many matching trace IDs an ambiguous --trace names.
const maxAmbiguous = 5

// selectTraces resolves --trace, the one rule for every command: an empty
// prefix keeps all; a trace whose whole ID it is (in any form HasIDPrefix
// takes) is chosen even when longer IDs start with it; else the one trace
// whose ID starts with it (any case). Matching nothing is an input error
// (exit 3); matching several is a usage error (exit 2) naming up to
// maxAmbiguous of them, as the flag promises one trace.
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
	switch {
	case len(out) == 0:
		return nil, errNoTrace(prefix, len(traces))
	case len(out) == 1:
		return out, nil
	}
	for _, t := range out {
		full := t.ID.String()
		if strings.ToLower(t.DisplayID()) == p || t.Raw == "" && (full == p || full[16:] == p && (t.ID.Is64() || t.Joined64 > 0)) {
			return []*trace.Trace{t}, nil
		}
	}
	ids := make([]string, 0, maxAmbiguous)
	for _, t := range out[:min(len(out), maxAmbiguous)] {
		ids = append(ids, render.Sanitize(t.DisplayID()))
	}
	more := ""
	if len(out) > maxAmbiguous {
		more = ", …"
	}
	return nil, usagef("--trace %q matches %d traces (%s%s): give more of the ID", prefix, len(out), strings.Join(ids, ", "), more)
}
