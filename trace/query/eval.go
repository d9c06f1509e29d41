package query

import (
	"github.com/tracetui/tracetui/trace"
)

// env is one evaluation of a program over one tree. Comparisons that can
// reuse an answer keep it in memo[slot]: a resource attribute is looked up
// once per resource (spans share them), a regular expression runs once per
// run of equal strings, and trace-level fields once per trace.
type env struct {
	tr   *trace.Tree
	n    int32       // real spans: indexes 0..n-1; placeholders follow
	root *trace.Span // the earliest real root; nil when no root arrived
	memo []memo
}

type memo struct {
	res      *trace.Resource // resource whose answer is resOK
	resOK    bool
	resSet   bool
	str      string // string whose regexp answer is strOK
	strOK    bool
	strSet   bool
	constOK  bool // a trace-level field's answer
	constSet bool
}

func newEnv(tr *trace.Tree, slots int) *env {
	e := &env{tr: tr, n: int32(len(tr.Trace.Spans)), memo: make([]memo, slots)}
	for _, r := range tr.Roots {
		if s := tr.Span(r); !s.Placeholder {
			e.root = s
			break
		}
	}
	return e
}

func (p *program) eval(tr *trace.Tree) Set {
	e := newEnv(tr, p.slots)
	s := p.set.eval(e)
	for _, st := range p.stages {
		if s.Empty() {
			break
		}
		s = st.apply(e, s)
	}
	return s
}

// eval tests every real span; placeholders (parents that never arrived)
// are not spans and never match.
func (f filterSet) eval(e *env) Set {
	out := newSet(e.tr.Len())
	if c, ok := f.cond.(constCond); ok {
		if c {
			for i := int32(0); i < e.n; i++ {
				out.add(i)
			}
		}
		return out
	}
	spans := e.tr.Trace.Spans
	for i := range spans {
		if f.cond.match(e, &spans[i]) {
			out.add(int32(i))
		}
	}
	return out
}

func (b binSet) eval(e *env) Set {
	l := b.l.eval(e)
	r := b.r.eval(e)
	switch b.op {
	case "&&":
		if l.Empty() || r.Empty() {
			return newSet(e.tr.Len())
		}
		return l.union(r)
	case "||":
		return l.union(r)
	}
	return structural(e.tr, b.op, l, r)
}

func (f filterStage) apply(e *env, in Set) Set {
	out := newSet(int(in.n))
	spans := e.tr.Trace.Spans
	in.each(func(i int32) {
		if f.cond.match(e, &spans[i]) {
			out.add(i)
		}
	})
	return out
}
