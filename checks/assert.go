package checks

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// Assert is one line of a rule's assert list.
type Assert struct {
	Text string // as written
	LHS  string // the field or aggregate, as written
	Op   string
	RHS  string

	// A per-span assert is the TraceQL filter { LHS Op RHS }: a selected
	// span fails when the filter does not select it.
	cond *query.Query
	// An aggregate assert (count(), avg(duration), …) compares one number
	// computed over the selected spans.
	agg      string // count, avg, min, max, sum
	aggField string // duration, or an attribute's TraceQL name
	want     float64
	wantDur  bool
}

// Aggregate reports whether the assert is on the selected set as a whole.
func (a Assert) Aggregate() bool { return a.agg != "" }

var (
	aggregateRe = regexp.MustCompile(`^(count|avg|min|max|sum)\(\s*([^)]*?)\s*\)\s*(=|!=|<=|>=|<|>)\s*(\S+)$`)
	plainKey    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-/]*$`)
	assertOps   = []string{"=~", "!~", "!=", "<=", ">=", "=", "<", ">"}
)

// assertError is a mistake in an assert, at byte Off of its text as
// parseAssert trimmed it: the checks file points at that column.
type assertError struct {
	Off int
	Msg string
}

func (e *assertError) Error() string { return e.Msg }

func assertErrorf(off int, format string, args ...any) error {
	return &assertError{off, fmt.Sprintf(format, args...)}
}

var (
	calledRe   = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*\(`)
	atColumnRe = regexp.MustCompile(`at column (\d+)`)
)

// parseAssert reads "LHS OP RHS". attr:KEY is Tracetest's spelling of an
// attribute (the span's, else its resource's): TraceQL's .KEY. Its
// errors are *assertError.
func parseAssert(text string) (Assert, error) {
	text = strings.TrimSpace(text)
	if m := aggregateRe.FindStringSubmatch(text); m != nil {
		return parseAggregate(text, m)
	}
	at, op := -1, ""
	for i := 0; i < len(text) && at < 0; i++ {
		if text[i] == '"' {
			break // an operator comes before any quoted value
		}
		for _, o := range assertOps {
			if strings.HasPrefix(text[i:], o) {
				at, op = i, o
				break
			}
		}
	}
	if at <= 0 {
		return Assert{}, assertErrorf(max(at, 0), "expected FIELD OP VALUE (e.g. duration < 300ms, status != error, attr:http.response.status_code = 200, count() < 20), got %q", text)
	}
	a := Assert{Text: text, LHS: strings.TrimSpace(text[:at]), Op: op, RHS: strings.TrimSpace(text[at+len(op):])}
	if m := calledRe.FindStringSubmatch(a.LHS); m != nil && !strings.Contains(aggregateNames, m[1]+"(") {
		return Assert{}, assertErrorf(0, "unknown aggregate %s(): an assert aggregates with %s (in %q)", m[1], aggregateNames, text)
	}
	rhsAt := at + len(op) + strings.Index(text[at+len(op):], a.RHS)
	if a.RHS == "" {
		return Assert{}, assertErrorf(at+len(op), "expected a value after %q in %q", op, text)
	}
	field := traceQLField(a.LHS)
	filter := "{ " + field + " " + op + " " + a.RHS + " }"
	// textOff is where byte off of the filter is in the assert.
	fieldAt, filterRHS := 2, 2+len(field)+1+len(op)+1
	textOff := func(off int) int {
		switch {
		case off >= filterRHS:
			return min(rhsAt+off-filterRHS, len(text))
		case off >= fieldAt+len(field):
			return at
		case off >= fieldAt && field == a.LHS:
			return off - fieldAt
		}
		return 0
	}
	q, err := query.Compile(filter)
	if err != nil {
		var qe *query.Error
		if !errors.As(err, &qe) {
			return Assert{}, assertErrorf(0, "%v (in %q)", err, text)
		}
		// Its columns count in the filter made here: the assert's are meant.
		msg := atColumnRe.ReplaceAllStringFunc(qe.Msg, func(m string) string {
			n, _ := strconv.Atoi(strings.TrimPrefix(m, "at column "))
			return "at column " + strconv.Itoa(utf8.RuneCountInString(text[:textOff(byteOffset(filter, n))])+1) + " of the assert"
		})
		return Assert{}, assertErrorf(textOff(byteOffset(filter, qe.Column)), "%s (in %q)", msg, text)
	}
	a.cond = q
	return a, nil
}

// aggregateNames words the aggregates an assert may use.
const aggregateNames = "count(), avg(FIELD), min(FIELD), max(FIELD), sum(FIELD)"

// byteOffset is where 1-based character column col of s starts.
func byteOffset(s string, col int) int {
	for i := range s {
		if col <= 1 {
			return i
		}
		col--
	}
	return len(s)
}

func parseAggregate(text string, m []string) (Assert, error) {
	a := Assert{Text: text, LHS: text[:strings.Index(text, ")")+1], Op: m[3], RHS: m[4], agg: m[1], aggField: m[2]}
	rhsAt := strings.LastIndex(text, a.RHS)
	argAt := strings.Index(text, "(") + 1
	switch {
	case a.agg == "count" && a.aggField != "":
		return Assert{}, assertErrorf(argAt, "count() takes no argument, got %q", text)
	case a.agg != "count" && a.aggField == "":
		return Assert{}, assertErrorf(argAt, "%s() takes a field (duration, span.x, .x), got %q", a.agg, text)
	}
	a.aggField = traceQLField(a.aggField)
	if d, ok := parseDuration(a.RHS); ok {
		a.want, a.wantDur = float64(d), true
	} else if f, err := strconv.ParseFloat(a.RHS, 64); err == nil {
		a.want = f
	} else {
		return Assert{}, assertErrorf(rhsAt, "%s() compares with a number or a duration like 20ms, got %q", a.agg, a.RHS)
	}
	if (a.aggField == "duration") != a.wantDur && a.agg != "count" {
		return Assert{}, assertErrorf(rhsAt, "%s(%s) compares with %s, got %q", a.agg, a.aggField, map[bool]string{true: "a duration like 20ms", false: "a number"}[a.aggField == "duration"], a.RHS)
	}
	if a.agg == "count" && a.wantDur {
		return Assert{}, assertErrorf(rhsAt, "count() compares with a number, got %q", a.RHS)
	}
	return a, nil
}

// parseDuration reads TraceQL's durations (300ms, 1.5s, 2m); a bare
// number is not one.
func parseDuration(s string) (int64, bool) {
	if s == "" || !strings.ContainsAny(s[len(s)-1:], "smhu") {
		return 0, false
	}
	d, err := time.ParseDuration(strings.ReplaceAll(s, "µ", "u"))
	return int64(d), err == nil
}

// traceQLField is attr:KEY as TraceQL's unscoped .KEY (quoted when the
// key is not a plain path); anything else is TraceQL already.
func traceQLField(lhs string) string {
	key, ok := strings.CutPrefix(lhs, "attr:")
	if !ok {
		return lhs
	}
	if plainKey.MatchString(key) {
		return "." + key
	}
	return `."` + strings.ReplaceAll(key, `"`, `\"`) + `"`
}

// Seen is the value a span has for the assert's field: what a failure
// shows next to what was expected.
func (a Assert) Seen(s *trace.Span) Value {
	f := traceQLField(a.LHS)
	switch strings.TrimPrefix(f, "span:") {
	case "duration":
		return Value{Dur: s.Duration(), IsDur: true}
	case "status":
		return Value{Text: strings.ToLower(s.Status.String())}
	case "statusMessage":
		return Value{Text: s.StatusMessage}
	case "name":
		return Value{Text: s.Name}
	case "kind":
		return Value{Text: strings.ToLower(s.Kind.String())}
	}
	scope, key, _ := strings.Cut(f, ".")
	key = strings.Trim(key, `"`)
	var v trace.Value
	ok := false
	if scope == "" || scope == "span" {
		v, ok = trace.Lookup(s.Attrs, key)
	}
	if !ok && (scope == "" || scope == "resource") && s.Resource != nil {
		if key == "service.name" {
			v, ok = trace.StringValue(s.Service()), true
		} else {
			v, ok = trace.Lookup(s.Resource.Attrs, key)
		}
	}
	switch {
	case !ok:
		return Value{Absent: true}
	case v.Kind() == trace.ValueInt:
		return Value{Num: float64(v.Int()), IsNum: true}
	case v.Kind() == trace.ValueDouble:
		return Value{Num: v.Double(), IsNum: true}
	}
	return Value{Text: v.AsString()}
}

// Value is what a failure saw: a duration (ns), a number, text, or
// nothing at all (an attribute the span does not have).
type Value struct {
	Dur    int64
	IsDur  bool
	Num    float64
	IsNum  bool
	Text   string
	Absent bool
}

// Expected is the assert's right-hand side with its operator ("< 300ms").
func (a Assert) Expected() string { return a.Op + " " + a.RHS }

// aggregate computes the assert's number over the selected spans, and
// whether it holds. avg, min, max and sum leave out spans without a
// number for the field; over no such span they are absent and fail.
func (a Assert) aggregate(tr *trace.Tree, spans []int32) (Value, bool) {
	if a.agg == "count" {
		n := float64(len(spans))
		return Value{Num: n, IsNum: true}, compareNum(n, a.Op, a.want)
	}
	var g query.Aggregate
	for _, i := range spans {
		s := tr.Span(i)
		if a.aggField == "duration" {
			g.Add(float64(s.Duration()))
		} else if v := a.numberOf(s); v != nil {
			g.Add(*v)
		}
	}
	got, ok := g.Of(a.agg)
	if !ok {
		return Value{Absent: true}, false
	}
	if a.wantDur {
		return Value{Dur: int64(got), IsDur: true}, compareNum(got, a.Op, a.want)
	}
	return Value{Num: got, IsNum: true}, compareNum(got, a.Op, a.want)
}

func (a Assert) numberOf(s *trace.Span) *float64 {
	v := Assert{LHS: a.aggField}.Seen(s)
	if v.IsNum {
		return &v.Num
	}
	f, err := strconv.ParseFloat(v.Text, 64)
	if v.Absent {
		return nil
	}
	if err != nil {
		return nil
	}
	return &f
}

func compareNum(x float64, op string, y float64) bool {
	switch op {
	case "=":
		return x == y
	case "!=":
		return x != y
	case "<":
		return x < y
	case "<=":
		return x <= y
	case ">":
		return x > y
	case ">=":
		return x >= y
	}
	return false
}
