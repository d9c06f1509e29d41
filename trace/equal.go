package trace

// Equality by content, for repeat detection (a span delivered twice, a
// retried export). It gives reflect.DeepEqual's answer on the fields as
// declared, which it replaced once Value held its text by pointer: a nil
// list differs from an empty one, pointers are compared by what they point
// at, and a double is compared by its bits (NaN equals the same NaN, 0
// differs from -0), as when Value kept them in an int64. equal_test.go
// fails when a field is added to a span's types and not compared here.

// Equal reports whether v and o hold the same kind and content.
func (v Value) Equal(o Value) bool {
	k := v.Kind()
	if k != o.Kind() {
		return false
	}
	switch k {
	case ValueString, ValueBytes:
		return v.Str() == o.Str()
	case ValueArray, ValueMap:
		return attrsEqual(v.Items(), o.Items())
	}
	return v.w == o.w
}

// Equal reports whether a and o have the same key and value.
func (a *Attr) Equal(o *Attr) bool { return a.Key == o.Key && a.Value.Equal(o.Value) }

func attrsEqual(a, b []Attr) bool { return sliceEqual(a, b, (*Attr).Equal) }

// sliceEqual compares two lists element by element, nil apart from empty.
func sliceEqual[T any](a, b []T, eq func(x, y *T) bool) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	for i := range a {
		if !eq(&a[i], &b[i]) {
			return false
		}
	}
	return true
}

// ptrEqual is true for two nils, the same pointer or equal pointees.
func ptrEqual[T any](a, b *T, eq func(x, y *T) bool) bool {
	if a == nil || b == nil || a == b {
		return a == b
	}
	return eq(a, b)
}

// Equal reports whether r and o (either may be nil) are alike.
func (r *Resource) Equal(o *Resource) bool {
	return ptrEqual(r, o, func(r, o *Resource) bool {
		return r.Service == o.Service && r.DroppedAttrs == o.DroppedAttrs && r.SchemaURL == o.SchemaURL &&
			attrsEqual(r.Attrs, o.Attrs)
	})
}

// Equal reports whether s and o (either may be nil) are alike.
func (s *Scope) Equal(o *Scope) bool {
	return ptrEqual(s, o, func(s, o *Scope) bool {
		return s.Name == o.Name && s.Version == o.Version && s.DroppedAttrs == o.DroppedAttrs &&
			attrsEqual(s.Attrs, o.Attrs)
	})
}

// Equal reports whether e and o are alike.
func (e *Event) Equal(o *Event) bool {
	return e.Time == o.Time && e.Name == o.Name && e.DroppedAttrs == o.DroppedAttrs && attrsEqual(e.Attrs, o.Attrs)
}

// Equal reports whether l and o are alike.
func (l *Link) Equal(o *Link) bool {
	return l.TraceID == o.TraceID && l.SpanID == o.SpanID && l.TraceState == o.TraceState &&
		l.DroppedAttrs == o.DroppedAttrs && l.Flags == o.Flags && attrsEqual(l.Attrs, o.Attrs)
}

// Equal reports whether s and o (either may be nil) record the same span:
// every field alike, and what Resource, Scope and Raw point at.
func (s *Span) Equal(o *Span) bool {
	return ptrEqual(s, o, func(s, o *Span) bool {
		return s.TraceID == o.TraceID && s.SpanID == o.SpanID && s.ParentID == o.ParentID &&
			s.Start == o.Start && s.End == o.End && s.Name == o.Name &&
			s.StatusMessage == o.StatusMessage && s.TraceState == o.TraceState &&
			s.Flags == o.Flags && s.DroppedAttrs == o.DroppedAttrs && s.DroppedEvents == o.DroppedEvents &&
			s.DroppedLinks == o.DroppedLinks && s.Kind == o.Kind && s.Status == o.Status &&
			s.Placeholder == o.Placeholder &&
			ptrEqual(s.Raw, o.Raw, func(a, b *RawIDs) bool { return *a == *b }) &&
			s.Resource.Equal(o.Resource) && s.Scope.Equal(o.Scope) &&
			attrsEqual(s.Attrs, o.Attrs) &&
			sliceEqual(s.Events, o.Events, (*Event).Equal) &&
			sliceEqual(s.Links, o.Links, (*Link).Equal)
	})
}
