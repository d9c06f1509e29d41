package query

import (
	"cmp"

	"github.com/tracetui/tracetui/trace"
)

const stagesHelp = "tracetui supports | count(), avg(x), min(x), max(x), sum(x) compared with a value, and | { … }"

// stage parses one pipeline stage after bar ("|").
func (p *parser) stage(bar token) (stage, error) {
	t := p.next()
	if t.kind == tPunct && t.text == "{" {
		c, err := p.filterBody(t)
		return filterStage{c}, err
	}
	if t.kind != tIdent {
		return nil, p.errAt(t, `expected a pipeline stage after "|", got `+t.describe()+"; "+stagesHelp)
	}
	switch t.raw {
	case "count", "avg", "min", "max", "sum":
	case "by", "select", "coalesce", "rate", "count_over_time", "quantile_over_time", "histogram_over_time", "compare",
		"min_over_time", "max_over_time", "avg_over_time", "sum_over_time", "topk", "bottomk":
		err := errAt(p.src, t.off, t.raw+"() is not supported here; "+stagesHelp)
		err.Unsupported = true
		return nil, err
	default:
		return nil, p.errAt(t, "unknown pipeline stage "+t.describe()+"; "+stagesHelp)
	}
	st := aggStage{fn: t.raw}
	if err := p.expect("(", `"(" after `+t.raw); err != nil {
		return nil, err
	}
	want := "a number"
	if t.raw != "count" {
		ft := p.next()
		f, ok := fieldOf(ft)
		if ft.kind != tIdent || !ok {
			return nil, p.errAt(ft, "expected a field to aggregate (duration, span.x, resource.x or .x), got "+ft.describe())
		}
		switch {
		case f.kind == fDuration || f.kind == fTraceDuration:
			want = "a duration like 20ms"
		case f.kind != fAttr || f.scope == scopeEvent || f.scope == scopeLink:
			return nil, p.errAt(ft, t.raw+"() takes duration or a numeric span, resource or unscoped attribute, got "+ft.describe())
		}
		st.f = f
	}
	if err := p.expect(")", `")" after the `+t.raw+" argument"); err != nil {
		return nil, err
	}
	ot := p.next()
	o, ok := ops[ot.text]
	if ot.kind != tPunct || !ok || o == opRe || o == opNre {
		return nil, p.errAt(ot, "expected a comparison (= != > >= < <=) after "+t.raw+"(), got "+ot.describe())
	}
	vt := p.next()
	v, err := p.value(vt, ot)
	if err != nil {
		return nil, err
	}
	if (want == "a duration like 20ms") != (v.kind == lDuration) || v.kind != lDuration && v.kind != lInt && v.kind != lFloat {
		return nil, p.errAt(vt, t.raw+"() compares with "+want+", got "+vt.describe())
	}
	st.op, st.v = o, v
	return st, nil
}

// apply computes the aggregate over the spans in the set: spans without a
// numeric value for the field are left out of avg, min, max and sum, and
// an aggregate of no values compares false.
func (a aggStage) apply(e *env, in Set) Set {
	var got float64
	ok := true
	if a.fn == "count" {
		got = float64(in.Len())
	} else {
		var g Aggregate
		spans := e.tr.Trace.Spans
		in.each(func(i int32) {
			if x, ok := number(e, a.f, &spans[i]); ok {
				g.Add(x)
			}
		})
		got, ok = g.Of(a.fn)
	}
	if !ok || !ordered(cmp.Compare(got, a.v.f), a.op) {
		return newSet(int(in.n))
	}
	return in
}

// number is a span's numeric value of f: durations in nanoseconds, int
// and double attributes as they are.
func number(e *env, f field, s *trace.Span) (float64, bool) {
	switch f.kind {
	case fDuration:
		return float64(s.Duration()), true
	case fTraceDuration:
		return float64(e.tr.Duration()), true
	}
	var v trace.Value
	ok := false
	switch f.scope {
	case scopeSpan, scopeAny:
		v, ok = trace.Lookup(s.Attrs, f.key)
	}
	if !ok && (f.scope == scopeResource || f.scope == scopeAny) && s.Resource != nil {
		v, ok = trace.Lookup(s.Resource.Attrs, f.key)
	}
	if !ok && f.scope == scopeInst && s.Scope != nil {
		v, ok = trace.Lookup(s.Scope.Attrs, f.key)
	}
	switch {
	case ok && v.Kind() == trace.ValueInt:
		return float64(v.Int()), true
	case ok && v.Kind() == trace.ValueDouble:
		return v.Double(), true
	}
	// Missing, or not a number: numbers recorded as text are not
	// converted, as TraceQL does not convert them either.
	return 0, false
}
