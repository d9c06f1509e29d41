package query

import (
	"regexp"

	"github.com/tracetui/tracetui/trace"
)

// A compiled TraceQL query: a spanset expression, then pipeline stages.
type program struct {
	set    setExpr
	stages []stage
	slots  int // comparisons that keep a per-evaluation memo (see env)
}

// setExpr yields a spanset for one trace.
type setExpr interface{ eval(e *env) Set }

// filterSet is { cond }: the trace's spans cond accepts.
type filterSet struct{ cond cond }

// binSet is a spanset operator: && and || between spansets, or a
// structural operator (see structural).
type binSet struct {
	op   string
	l, r setExpr
}

// cond is a condition inside { }, tested on one real span.
type cond interface {
	match(e *env, s *trace.Span) bool
}

type andCond struct{ l, r cond }
type orCond struct{ l, r cond }
type notCond struct{ c cond }
type constCond bool

// cmpCond is field op value.
type cmpCond struct {
	f    field
	op   op
	v    lit
	slot int // index into env.memo
}

func (c andCond) match(e *env, s *trace.Span) bool   { return c.l.match(e, s) && c.r.match(e, s) }
func (c orCond) match(e *env, s *trace.Span) bool    { return c.l.match(e, s) || c.r.match(e, s) }
func (c notCond) match(e *env, s *trace.Span) bool   { return !c.c.match(e, s) }
func (c constCond) match(_ *env, _ *trace.Span) bool { return bool(c) }

// op is a comparison operator.
type op uint8

const (
	opEq op = iota
	opNe
	opGt
	opGe
	opLt
	opLe
	opRe
	opNre
)

var ops = map[string]op{"=": opEq, "!=": opNe, ">": opGt, ">=": opGe, "<": opLt, "<=": opLe, "=~": opRe, "!~": opNre}

// litKind is the kind of a value written in a query.
type litKind uint8

const (
	lString litKind = iota
	lInt
	lFloat
	lDuration
	lBool
	lNil
	lStatus
	lKind
)

// lit is a value written in a query.
type lit struct {
	kind   litKind
	s      string
	i      int64   // int, duration (ns), bool (0/1), status or kind code
	f      float64 // every number, as a float too
	re     *regexp.Regexp
	raw    string
	idHex  bool // s is 16 or 32 hex digits: compared with span and trace IDs as bytes
	idByte [16]byte
}

// stage is one pipeline stage after |.
type stage interface{ apply(e *env, in Set) Set }

// filterStage is | { cond }: keeps the spans cond accepts.
type filterStage struct{ cond cond }

// aggStage is | count() > 2, | avg(duration) > 20ms…: keeps the spanset
// when the aggregate over it compares true, else leaves nothing.
type aggStage struct {
	fn string // count, avg, min, max, sum
	f  field
	op op
	v  lit
}
