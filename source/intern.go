package source

// InternTable hands out one string per distinct byte sequence, so a million
// spans named "GET /v2/rates" share one string. A table that has seen too
// many distinct values (a request ID attribute) stops interning and copies:
// holding every unique value in a map too would cost more than it saves.
type InternTable struct {
	m     map[string]string
	full  bool
	Limit int // distinct values before giving up; 0 means 1024
}

// Get returns the interned string for b; looking up does not allocate.
func (t *InternTable) Get(b []byte) string {
	if t.full {
		return string(b)
	}
	if s, ok := t.m[string(b)]; ok {
		return s
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
	return s
}

// Interner keeps one table for names and keys and one per attribute key for
// values, since cardinality is a property of the key.
type Interner struct {
	Names  InternTable // span names, keys, services: few, so a high limit
	values map[string]*InternTable
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
		t = &InternTable{}
		in.values[key] = t
	}
	return t
}
