package otlpjson

// internTable hands out one string per distinct byte sequence, so a million
// spans named "GET /v2/rates" share one string. A table that has seen too
// many distinct values (a request ID attribute) stops interning and copies:
// holding every unique value twice would cost more than it saves.
type internTable struct {
	m     map[string]string
	full  bool
	limit int // 0: maxInterned
}

const maxInterned = 1024

func (t *internTable) get(b []byte) string {
	if t.full {
		return string(b)
	}
	if s, ok := t.m[string(b)]; ok {
		return s
	}
	if t.m == nil {
		t.m = make(map[string]string)
	}
	if limit := t.limit; len(t.m) >= maxInterned && (limit == 0 || len(t.m) >= limit) {
		t.full = true
		t.m = nil
		return string(b)
	}
	s := string(b)
	t.m[s] = s
	return s
}

// interner keeps one table for names and keys and one per attribute key for
// values, since cardinality is a property of the key.
type interner struct {
	names  internTable
	values map[string]*internTable
}

func (in *interner) value(key string) *internTable {
	t := in.values[key]
	if t == nil {
		if in.values == nil {
			in.values = make(map[string]*internTable)
		}
		t = &internTable{}
		in.values[key] = t
	}
	return t
}
