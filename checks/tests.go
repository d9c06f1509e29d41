package checks

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// OpenTelemetry's test semantic conventions.
const (
	AttrTestName   = "test.case.name"
	AttrTestSuite  = "test.suite.name"
	AttrTestResult = "test.case.result.status" // "pass" or "fail"
)

// Test is the test a trace belongs to.
type Test struct {
	Name, Suite string
	// Status is test.case.result.status as recorded ("pass", "fail"), or
	// "" when no span says.
	Status string
	Failed bool
}

// TestOf finds the test identity on tr's spans: the attribute nameAttr
// (test.case.name by default) on a span or its resource, the suite and
// the result beside it. A test whose result no span records failed when
// its trace has an error span. ok is false for a trace of no test.
func TestOf(tr *trace.Tree, nameAttr string, errors int) (t Test, ok bool) {
	if nameAttr == "" {
		nameAttr = AttrTestName
	}
	for i := range tr.Len() {
		s := tr.Span(int32(i))
		if s.Placeholder {
			continue
		}
		if !ok {
			if v, found := lookup(s, nameAttr); found {
				t.Name, ok = v, true
			}
		}
		if t.Suite == "" {
			t.Suite, _ = lookup(s, AttrTestSuite)
		}
		if t.Status == "" {
			t.Status, _ = lookup(s, AttrTestResult)
		}
	}
	if !ok {
		return Test{}, false
	}
	switch strings.ToLower(t.Status) {
	case "fail", "failed", "failure", "error":
		t.Failed = true
	case "":
		t.Failed = errors > 0
	}
	return t, true
}

func lookup(s *trace.Span, key string) (string, bool) {
	if v, ok := trace.Lookup(s.Attrs, key); ok {
		return v.AsString(), true
	}
	if s.Resource != nil {
		if v, ok := trace.Lookup(s.Resource.Attrs, key); ok {
			return v.AsString(), true
		}
	}
	return "", false
}
