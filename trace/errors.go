package trace

// errorRoles tells origins from propagated errors and picks the failure
// point: the origin whose chain of erroring ancestors climbs highest, since
// that is the error the request as a whole failed with.
func errorRoles(tr *Tree, a *Analysis) {
	n := int32(tr.Len())
	for i := int32(0); i < n; i++ {
		if !tr.Span(i).IsError() || tr.Marks[i]&MarkPlaceholder != 0 {
			continue
		}
		a.Errors++
		a.Roles[i] = RoleOrigin
		for _, c := range tr.Children(i) {
			if tr.Span(c).IsError() {
				a.Roles[i] = RolePropagated
				break
			}
		}
	}
	a.ErrorsBelow = make([]int32, n)
	for k := len(tr.Order) - 1; k >= 0; k-- {
		i := tr.Order[k]
		if p := tr.Parent[i]; p >= 0 {
			a.ErrorsBelow[p] += a.ErrorsBelow[i]
			if a.Roles[i] != RoleNone {
				a.ErrorsBelow[p]++
			}
		}
	}
	best, bestTop := int32(-1), int32(0)
	for i := int32(0); i < n; i++ {
		if a.Roles[i] != RoleOrigin {
			continue
		}
		top := i
		for p := tr.Parent[top]; p >= 0 && a.Roles[p] == RolePropagated; p = tr.Parent[top] {
			top = p
		}
		if best < 0 || better(tr, i, tr.Depth[top], best, tr.Depth[bestTop]) {
			best, bestTop = i, top
		}
	}
	if best < 0 {
		return
	}
	f := &Failure{Span: best, Message: errorMessage(tr.Span(best))}
	for p := tr.Parent[best]; p >= 0 && a.Roles[p] == RolePropagated; p = tr.Parent[p] {
		f.Propagated = append(f.Propagated, p)
	}
	a.Failure = f
}

// better ranks origin i (its chain reaching depth top) against the best so
// far: reaching higher wins, then being deeper, then starting earlier.
func better(tr *Tree, i, top, best, bestTop int32) bool {
	if top != bestTop {
		return top < bestTop
	}
	if tr.Depth[i] != tr.Depth[best] {
		return tr.Depth[i] > tr.Depth[best]
	}
	return tr.Span(i).Start < tr.Span(best).Start
}

// errorMessage says what went wrong in the producer's words when it gave
// any: the status message, an exception event, else the response code.
func errorMessage(s *Span) string {
	if s.StatusMessage != "" {
		return s.StatusMessage
	}
	for _, e := range s.Events {
		if e.Name != "exception" {
			continue
		}
		typ, _ := Lookup(e.Attrs, "exception.type")
		msg, _ := Lookup(e.Attrs, "exception.message")
		switch {
		case typ.AsString() != "" && msg.AsString() != "":
			return typ.AsString() + ": " + msg.AsString()
		case msg.AsString() != "":
			return msg.AsString()
		case typ.AsString() != "":
			return typ.AsString()
		}
	}
	for _, k := range []string{"http.response.status_code", "http.status_code"} {
		if v, ok := Lookup(s.Attrs, k); ok {
			return "HTTP " + v.AsString()
		}
	}
	if v, ok := Lookup(s.Attrs, "rpc.grpc.status_code"); ok {
		return "gRPC status " + v.AsString()
	}
	for _, k := range []string{"error.type", "error.message", "error"} {
		if v, ok := Lookup(s.Attrs, k); ok && v.Kind() == ValueString && v.Str() != "" {
			return v.Str()
		}
	}
	return "error"
}
