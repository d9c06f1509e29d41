package checks

import (
	"fmt"
	"strings"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// Rule is one named check.
type Rule struct {
	Name string
	// Origin says where the rule was written: "--expect", "checks.yaml:12".
	Origin   string
	Where    *query.Query // which traces; nil: all
	Select   *query.Query // which spans; nil: every span of the trace
	Asserts  []Assert
	Optional bool // a rule that applies to no trace passes

	// Exactly one of the following may replace Asserts.
	MustSelect  bool              // --expect without a comparison: Select must yield a span
	MaxDuration int64             // --max-duration: the trace's duration, ns
	NoFindings  trace.FindingKind // --no-findings: "" off, "any" for every kind
	maxText     string            // MaxDuration as the user wrote it
}

// FindingsAny is NoFindings for every kind of finding.
const FindingsAny trace.FindingKind = "any"

// NeedsFindings reports whether evaluating the rules takes trace.Find,
// which costs as much as building and analyzing the trace again.
func NeedsFindings(rules []*Rule) bool {
	for _, r := range rules {
		if r.NoFindings != "" {
			return true
		}
	}
	return false
}

// Expect is --expect QUERY: a TraceQL query that must select spans in every
// trace, or, ending in a comparison (`| count() = 0`), whose comparison
// must hold in every trace. The comparison is split off and evaluated on
// the spans the rest selects, so `{ status = error } | count() = 0` passes
// on a trace without errors (in TraceQL an empty spanset matches nothing)
// and marks the error spans when it fails.
func Expect(text string) (*Rule, error) {
	r := &Rule{Name: strings.TrimSpace(text), Origin: "--expect"}
	sel, agg := splitAggregate(text)
	if agg != "" {
		a, err := parseAssert(agg)
		if err != nil {
			at := len(sel) + 1 + len(text[len(sel)+1:]) - len(strings.TrimLeft(text[len(sel)+1:], " \t"))
			return nil, &query.Error{Column: len([]rune(text[:at])) + 1, Msg: err.Error()}
		}
		r.Asserts = []Assert{a}
	} else {
		r.MustSelect = true
	}
	if strings.TrimSpace(sel) != "" {
		q, err := query.Compile(sel)
		if err != nil {
			return nil, err
		}
		r.Select = q
	}
	return r, nil
}

// NoErrors is --no-errors: no span with status error, in any trace.
func NoErrors() *Rule {
	q, _ := query.Compile("{ status = error }")
	a, _ := parseAssert("count() = 0")
	return &Rule{Name: "no errors", Origin: "--no-errors", Select: q, Asserts: []Assert{a}}
}

// MaxDurationRule is --max-duration D: every trace within D.
func MaxDurationRule(d int64, text string) *Rule {
	return &Rule{Name: "traces within " + text, Origin: "--max-duration", MaxDuration: d, maxText: text}
}

// FindingKinds are the kinds --no-findings accepts, with "any".
func FindingKinds() []string {
	return []string{"any", string(trace.FindingNPlusOne), string(trace.FindingDuplicate), string(trace.FindingCycle),
		string(trace.FindingGap), string(trace.FindingSequential), string(trace.FindingSelf), string(trace.FindingQueueWait)}
}

// NoFindingsRule is --no-findings KIND (any case; "n+1", "queue-wait" too).
func NoFindingsRule(kind string) (*Rule, error) {
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(kind)), "-", " ")
	for _, name := range FindingKinds() {
		if strings.ToLower(name) == k {
			title := "no " + name + " findings"
			if name == "any" {
				title = "no findings"
			}
			return &Rule{Name: title, Origin: "--no-findings", NoFindings: trace.FindingKind(name)}, nil
		}
	}
	return nil, fmt.Errorf("--no-findings takes one of %s, got %q", strings.Join(FindingKinds(), ", "), kind)
}

// splitAggregate cuts a trailing `| fn(…) OP VALUE` off a query: the last
// "|" outside quotes that is not part of "||", when what follows is an
// aggregate comparison.
func splitAggregate(text string) (sel, agg string) {
	last := -1
	quote := byte(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '`':
			quote = c
		case c == '|':
			if i+1 < len(text) && text[i+1] == '|' {
				i++
				continue
			}
			last = i
		}
	}
	if last < 0 {
		return text, ""
	}
	tail := strings.TrimSpace(text[last+1:])
	if !aggregateRe.MatchString(tail) {
		return text, ""
	}
	return text[:last], tail
}
