package rundiff

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tracetui/tracetui/trace/diff"
)

// Rule is one --fail-on gate: "[SCOPE:] METRIC OP VALUE", e.g.
//
//	p95 > +20%                      any operation's p95 grew by more than 20%
//	overall: p99 > +200ms           the traces' p99 grew by more than 200 ms
//	checkout POST /checkout: mean > +10%
//	errors > 0                      an error kind an operation never had before
//	count > +50%                    an operation called 50% more often
type Rule struct {
	Text   string
	Scope  string // "": every operation; "overall": the traces; else an operation or service label
	Metric string // p50, p95, p99, mean, count, errors
	Op     string // >, >=, <, <=
	Value  float64
	Pct    bool // Value is a percent change; else ns (times), calls (count) or errors
}

// ruleParts splits "METRIC OP VALUE", with or without spaces.
var ruleParts = regexp.MustCompile(`^([A-Za-z0-9_]+)\s*([<>=!]+)\s*(\S+)$`)

var metrics = []string{"p50", "p95", "p99", "mean", "count", "errors"}

// ParseRule reads a rule; the error says what is wrong with it.
func ParseRule(s string) (Rule, error) {
	r := Rule{Text: strings.TrimSpace(s)}
	body := r.Text
	if i := strings.LastIndex(body, ":"); i >= 0 {
		r.Scope, body = strings.TrimSpace(body[:i]), strings.TrimSpace(body[i+1:])
	}
	// Spaces around the operator are optional: "p95>+20%" reads as "p95 > +20%".
	f := ruleParts.FindStringSubmatch(body)
	if f == nil {
		return r, fmt.Errorf("rule %q: want METRIC OP VALUE, like 'p95 > +20%%'", s)
	}
	f = f[1:]
	r.Metric, r.Op = strings.ToLower(f[0]), f[1]
	if !contains(metrics, r.Metric) {
		return r, fmt.Errorf("rule %q: metric must be one of %s", s, strings.Join(metrics, ", "))
	}
	if !contains([]string{">", ">=", "<", "<="}, r.Op) {
		return r, fmt.Errorf("rule %q: operator must be >, >=, < or <=", s)
	}
	v := f[2]
	switch {
	case strings.HasSuffix(v, "%"):
		if r.Metric == "errors" {
			return r, fmt.Errorf("rule %q: errors counts new errors; give a number, like 'errors > 0'", s)
		}
		n, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if err != nil {
			return r, fmt.Errorf("rule %q: %q is not a percentage", s, v)
		}
		r.Value, r.Pct = n, true
	case r.Metric == "errors":
		// New errors are counted: a whole number, 0 or more.
		n, err := strconv.Atoi(strings.TrimPrefix(v, "+"))
		if err != nil || n < 0 {
			return r, fmt.Errorf("rule %q: errors counts new errors: give a whole number, 0 or more, like 'errors > 0'", s)
		}
		r.Value = float64(n)
	case r.Metric == "count":
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return r, fmt.Errorf("rule %q: %q is not a number", s, v)
		}
		r.Value = n
	default:
		d, err := time.ParseDuration(strings.TrimPrefix(v, "+"))
		if err != nil {
			return r, fmt.Errorf("rule %q: %q is neither a percentage (+20%%) nor a duration (+50ms)", s, v)
		}
		r.Value = float64(d)
	}
	return r, nil
}

// Violation is a rule that failed on one row (Op nil: overall).
type Violation struct {
	Rule   *Rule
	Op     *OpDiff
	Change float64 // the change measured: percent when Rule.Pct, else ns, calls or errors
	// Untested: too few samples to tell the change from noise, so the
	// rule judged the measured values as they are.
	Untested bool
}

// Check applies the rules and returns every row that breaks one. A time
// rule never fails on a change the noise test calls noise, nor on one
// smaller than the threshold (--min-change): what the report calls too
// small to matter must not fail the job either.
func (res *Result) Check(rules []Rule) []Violation {
	var out []Violation
	for k := range rules {
		r := &rules[k]
		if strings.EqualFold(r.Scope, "overall") {
			if v, ok := r.judge(&res.Overall, res.totalNewErrors(), res.Threshold); ok {
				out = append(out, v)
			}
			continue
		}
		for i := range res.Ops {
			o := &res.Ops[i]
			if r.Scope != "" && r.Scope != o.Key.Label() && r.Scope != o.Key.Service {
				continue
			}
			if v, ok := r.judge(o, o.NewErrors, res.Threshold); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// Unmatched returns the rules whose scope names no operation or service
// on either side: a typo in a scope would otherwise turn the gate off
// without a word.
func (res *Result) Unmatched(rules []Rule) []*Rule {
	var out []*Rule
	for k := range rules {
		r := &rules[k]
		if r.Scope == "" || strings.EqualFold(r.Scope, "overall") {
			continue
		}
		found := false
		for i := range res.Ops {
			if r.Scope == res.Ops[i].Key.Label() || r.Scope == res.Ops[i].Key.Service {
				found = true
				break
			}
		}
		if !found {
			out = append(out, r)
		}
	}
	return out
}

func (res *Result) totalNewErrors() int {
	n := 0
	for _, o := range res.Ops {
		n += o.NewErrors
	}
	return n
}

func (r *Rule) judge(o *OpDiff, newErrors int, th diff.Threshold) (Violation, bool) {
	v := Violation{Rule: r, Op: o}
	if r.Metric == "errors" {
		v.Change = float64(newErrors)
		return v, r.breaks(v.Change)
	}
	if o.A.Count == 0 || o.B.Count == 0 {
		return v, false // new and vanished operations are reported, not measured
	}
	var a, b float64
	switch r.Metric {
	case "count":
		a, b = float64(o.A.Count), float64(o.B.Count)
	default:
		if o.A.Timed() == 0 || o.B.Timed() == 0 {
			return v, false // untimed calls measure nothing
		}
		if o.Test != nil && !o.Test.TooFew && !o.Test.Significant() {
			return v, false // noise
		}
		v.Untested = o.Test == nil || o.Test.TooFew
		if v.Untested && (o.A.Untimed > 0 || o.B.Untimed > 0) {
			// A few timed calls with others untimed: which calls lost their
			// times decides the percentiles, so the values judge nothing.
			return v, false
		}
		ma, mb := o.A.Metric(r.Metric), o.B.Metric(r.Metric)
		if (th.Abs > 0 || th.Pct > 0) && !th.Passes(ma, mb) {
			return v, false // under --min-change
		}
		a, b = float64(ma), float64(mb)
	}
	v.Change = b - a
	if r.Pct {
		// 0 → 0 is no change (an operation that takes no time, on both
		// sides); only growth from 0 is unbounded. Present on both sides,
		// it is never "new".
		if a == b {
			v.Change = 0
		} else if a == 0 {
			v.Change = math.Inf(int(math.Copysign(1, b)))
		} else {
			v.Change = (b - a) * 100 / a
		}
	}
	return v, r.breaks(v.Change)
}

// Metric is one of the time metrics a rule names (p50, p95, p99; else the
// mean), in ns.
func (s Stat) Metric(metric string) int64 {
	switch metric {
	case "p50":
		return s.P50
	case "p95":
		return s.P95
	case "p99":
		return s.P99
	}
	return s.Mean
}

func (r *Rule) breaks(x float64) bool {
	switch r.Op {
	case ">":
		return x > r.Value
	case ">=":
		return x >= r.Value
	case "<":
		return x < r.Value
	}
	return x <= r.Value
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
