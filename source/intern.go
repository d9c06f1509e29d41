package source

// InternTable hands out one string per distinct byte sequence, so a million
// spans named "GET /v2/rates" share one string. A table that has seen too
// many distinct values (a request ID attribute) stops interning and copies:
// holding every unique value in a map too would cost more than it saves.
type InternTable struct {
	m     map[string]string
	full  bool
	Limit int // distinct values before giving up; 0 means 1024

	key  string // the attribute key whose values the table holds
	last string // the value handed out last: runs of one value skip the map
}

// Get returns the interned string for b; looking up does not allocate.
func (t *InternTable) Get(b []byte) string {
	if s, ok := t.Lookup(b); ok {
		return s
	}
	if t.full {
		return string(b)
	}
	limit := t.Limit
	if limit == 0 {
		limit = 1024
	}
	if len(t.m) >= limit {
		t.full, t.m = true, nil
		return string(b)
	}
	if t.m == nil {
		t.m = make(map[string]string)
	}
	s := string(b)
	t.m[s] = s
	t.last = s
	return s
}

// Lookup returns the string interned for b, if there is one. Its bytes are
// b's, so a caller that checked them once (UTF-8) need not check again.
func (t *InternTable) Lookup(b []byte) (string, bool) {
	if string(b) == t.last && t.last != "" {
		return t.last, true
	}
	if t.full {
		return "", false
	}
	s, ok := t.m[string(b)]
	if ok {
		t.last = s
	}
	return s, ok
}

// Interner keeps one table for names and keys and one per attribute key for
// values, since cardinality is a property of the key.
type Interner struct {
	Names  InternTable // span names, keys, services: few, so a high limit
	values map[string]*InternTable

	// Attrs carves spans' attribute slices: a receiver lends one interner
	// to request after request, so a small request does not start (and
	// keep alive, with its spans) a mostly empty block of its own.
	Attrs AttrSlab
}

// NewInterner returns an interner whose name table holds up to 64k names.
func NewInterner() *Interner { return &Interner{Names: InternTable{Limit: 1 << 16}} }

// Keys is how many attribute keys have a value table; a long-lived
// interner uses it to know when to start over.
func (in *Interner) Keys() int { return len(in.values) }

// Value is the table for the values of attribute key.
func (in *Interner) Value(key string) *InternTable {
	t := in.values[key]
	if t == nil {
		if in.values == nil {
			in.values = make(map[string]*InternTable)
		}
		t = &InternTable{key: key}
		in.values[key] = t
	}
	return t
}

// Key returns the interned attribute key b and the table of its values in
// one lookup, or ok false when b is a key not seen yet (the caller checks
// its bytes, then calls Value(Names.Get(b))). hint is a table the caller
// expects (the same attribute's in the previous span): when b is its key,
// no map is consulted at all.
func (in *Interner) Key(b []byte, hint *InternTable) (key string, values *InternTable, ok bool) {
	if hint != nil && string(b) == hint.key {
		return hint.key, hint, true
	}
	if t := in.values[string(b)]; t != nil {
		return t.key, t, true
	}
	return "", nil, false
}
