package query

import (
	"cmp"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// match tests one span. A field the span lacks compares false, except
// with "= nil" (true) and "!= nil" (false); a field with several values
// (an array attribute, event names, link IDs) matches when any value does.
func (c *cmpCond) match(e *env, s *trace.Span) bool {
	switch c.f.kind {
	case fName:
		return c.str(e, s.Name, true)
	case fStatusMessage:
		return c.str(e, s.StatusMessage, true)
	case fStatus:
		return c.enum(int64(s.Status))
	case fKind:
		return c.enum(int64(s.Kind))
	case fDuration:
		return ordered(cmp.Compare(s.Duration(), c.v.i), c.op)
	case fTraceDuration:
		return ordered(cmp.Compare(e.tr.Duration(), c.v.i), c.op)
	case fSpanID:
		if s.Raw == nil && c.v.idHex && (c.op == opEq || c.op == opNe) {
			var id [16]byte
			copy(id[8:], s.SpanID[:])
			return (id == c.v.idByte) == (c.op == opEq)
		}
		return c.str(e, s.DisplaySpanID(), true)
	case fTraceID, fRootName, fRootService:
		return c.perTrace(e)
	case fEventName:
		return c.any(len(s.Events), func(k int) bool { return c.str(e, s.Events[k].Name, true) })
	case fLinkTraceID:
		return c.any(len(s.Links), func(k int) bool { return c.str(e, s.Links[k].TraceID.String(), true) })
	case fLinkSpanID:
		return c.any(len(s.Links), func(k int) bool { return c.str(e, s.Links[k].SpanID.String(), true) })
	}
	return c.attr(e, s)
}

// perTrace answers fields that are the same for every span once per trace.
func (c *cmpCond) perTrace(e *env) bool {
	m := &e.memo[c.slot]
	if !m.constSet {
		m.constSet = true
		switch c.f.kind {
		case fTraceID:
			t := e.tr.Trace
			m.constOK = c.str(e, t.DisplayID(), true)
			if c.op == opEq && !m.constOK && t.Raw == "" {
				m.constOK = strings.EqualFold(t.ID.String(), c.v.s) // the 32-digit form of a 64-bit ID
			}
		case fRootName:
			if e.root == nil {
				m.constOK = c.str(e, "", false)
			} else {
				m.constOK = c.str(e, e.root.Name, true)
			}
		case fRootService:
			if e.root == nil || e.root.Resource == nil || e.root.Resource.Service == "" {
				m.constOK = c.str(e, "", false)
			} else {
				m.constOK = c.str(e, e.root.Resource.Service, true)
			}
		}
	}
	return m.constOK
}

// str compares a string field; present is false for a field the span
// lacks. IDs compare without regard to case.
func (c *cmpCond) str(e *env, s string, present bool) bool {
	if c.v.kind == lNil {
		return present == (c.op == opNe)
	}
	if !present || c.v.kind != lString {
		return false
	}
	switch c.op {
	case opRe, opNre:
		m := &e.memo[c.slot]
		if !m.strSet || m.str != s {
			m.str, m.strOK, m.strSet = s, c.v.re.MatchString(s), true
		}
		return m.strOK == (c.op == opRe)
	case opEq, opNe:
		eq := s == c.v.s || c.f.isID() && strings.EqualFold(s, c.v.s)
		return eq == (c.op == opEq)
	}
	return ordered(strings.Compare(s, c.v.s), c.op)
}

func (c *cmpCond) enum(v int64) bool { return (v == c.v.i) == (c.op == opEq) }

// any is true when one of n values matches; with nil, "= nil" means no
// value at all and "!= nil" at least one.
func (c *cmpCond) any(n int, match func(k int) bool) bool {
	if c.v.kind == lNil {
		return (n > 0) == (c.op == opNe)
	}
	for k := 0; k < n; k++ {
		if match(k) {
			return true
		}
	}
	return false
}

// attr compares an attribute, looked up in the field's scope.
func (c *cmpCond) attr(e *env, s *trace.Span) bool {
	switch c.f.scope {
	case scopeSpan:
		return c.lookup(e, s.Attrs)
	case scopeResource:
		return c.resource(e, s.Resource)
	case scopeAny:
		// The span's attribute wins; the resource's counts when the span
		// has none by that name (TraceQL's unscoped lookup).
		if v, ok := trace.Lookup(s.Attrs, c.f.key); ok {
			return c.value(e, v)
		}
		return c.resource(e, s.Resource)
	case scopeInst:
		if s.Scope == nil {
			return c.lookup(e, nil)
		}
		return c.lookup(e, s.Scope.Attrs)
	case scopeEvent:
		return c.anyAttrs(e, len(s.Events), func(k int) []trace.Attr { return s.Events[k].Attrs })
	case scopeLink:
		return c.anyAttrs(e, len(s.Links), func(k int) []trace.Attr { return s.Links[k].Attrs })
	}
	return false
}

func (c *cmpCond) resource(e *env, r *trace.Resource) bool {
	m := &e.memo[c.slot]
	if m.resSet && m.res == r {
		return m.resOK
	}
	var attrs []trace.Attr
	if r != nil {
		attrs = r.Attrs
	}
	ok := false
	if _, has := trace.Lookup(attrs, c.f.key); !has && c.f.key == "service.name" && r != nil && r.Service != "" {
		// Decoders that read the service from elsewhere (Jaeger's
		// process) fill Resource.Service only.
		ok = c.value(e, trace.StringValue(r.Service))
	} else {
		ok = c.lookup(e, attrs)
	}
	m.res, m.resOK, m.resSet = r, ok, true
	return ok
}

func (c *cmpCond) lookup(e *env, attrs []trace.Attr) bool {
	v, ok := trace.Lookup(attrs, c.f.key)
	if !ok {
		return c.v.kind == lNil && c.op == opEq
	}
	return c.value(e, v)
}

// anyAttrs: an event or link attribute matches when one event (link) has
// it matching; "= nil" when none has it.
func (c *cmpCond) anyAttrs(e *env, n int, attrs func(k int) []trace.Attr) bool {
	if c.v.kind == lNil {
		has := false
		for k := 0; k < n && !has; k++ {
			_, has = trace.Lookup(attrs(k), c.f.key)
		}
		return has == (c.op == opNe)
	}
	for k := 0; k < n; k++ {
		if v, ok := trace.Lookup(attrs(k), c.f.key); ok && c.value(e, v) {
			return true
		}
	}
	return false
}

// value compares a present attribute value. Ints and floats compare as
// numbers; other kinds compare only with a value of their own kind; an
// array matches when any element does.
func (c *cmpCond) value(e *env, v trace.Value) bool {
	if c.v.kind == lNil {
		return c.op == opNe
	}
	switch v.Kind() {
	case trace.ValueString:
		return c.str(e, v.Str(), true)
	case trace.ValueInt:
		switch c.v.kind {
		case lInt:
			return ordered(cmp.Compare(v.Int(), c.v.i), c.op)
		case lFloat:
			return ordered(cmp.Compare(float64(v.Int()), c.v.f), c.op)
		}
	case trace.ValueDouble:
		if c.v.kind == lInt || c.v.kind == lFloat {
			return ordered(cmp.Compare(v.Double(), c.v.f), c.op)
		}
	case trace.ValueBool:
		if c.v.kind == lBool {
			return (v.Bool() == (c.v.i == 1)) == (c.op == opEq)
		}
	case trace.ValueArray:
		for _, it := range v.Items() {
			if c.value(e, it.Value) {
				return true
			}
		}
	}
	return false
}

// ordered applies a comparison operator to cmp.Compare's answer.
func ordered(c int, o op) bool {
	switch o {
	case opEq:
		return c == 0
	case opNe:
		return c != 0
	case opGt:
		return c > 0
	case opGe:
		return c >= 0
	case opLt:
		return c < 0
	case opLe:
		return c <= 0
	}
	return false
}
