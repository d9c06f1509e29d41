package trace

import (
	"cmp"
	"slices"
)

// Call is an edge of the service map: calls from one service into another.
type Call struct {
	From, To      string
	Count, Errors int
	Total         int64 // ns spent in the called spans
}

// ServiceMap is the service-level call graph over any number of traces.
type ServiceMap struct {
	Services []ServiceStat
	Calls    []Call
	Entries  []string // services that start traces (their root spans)

	svc   map[string]int
	calls map[[2]string]int
	entry map[string]bool
}

// Add merges one analyzed trace in. An edge is a span whose parent is in
// another service (a client span and the server span under it are one
// call), or a client span naming a peer.service or db.system that sent
// no spans of its own (a database, a third-party API).
func (m *ServiceMap) Add(tr *Tree, a *Analysis) {
	if m.svc == nil {
		m.svc, m.calls, m.entry = map[string]int{}, map[[2]string]int{}, map[string]bool{}
	}
	for _, st := range a.Services {
		k, ok := m.svc[st.Name]
		if !ok {
			k = len(m.Services)
			m.svc[st.Name] = k
			m.Services = append(m.Services, ServiceStat{Name: st.Name})
		}
		s := &m.Services[k]
		s.Spans += st.Spans
		s.Errors += st.Errors
		s.Total += st.Total
		s.Self += st.Self
	}
	for _, r := range tr.Roots {
		if i := r; !tr.Span(i).Placeholder && !m.entry[tr.Span(i).Service()] {
			m.entry[tr.Span(i).Service()] = true
			m.Entries = append(m.Entries, tr.Span(i).Service())
		}
	}
	for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
		s := tr.Span(i)
		if p := tr.Parent[i]; p >= 0 && !tr.Span(p).Placeholder && tr.Span(p).Service() != s.Service() {
			m.addCall(tr.Span(p).Service(), s.Service(), s)
		}
		if (s.Kind == KindClient || s.Kind == KindProducer) && len(tr.Children(i)) == 0 {
			for _, key := range []string{"peer.service", "db.system"} {
				if v, ok := Lookup(s.Attrs, key); ok && v.AsString() != s.Service() {
					m.addCall(s.Service(), v.AsString(), s)
					break
				}
			}
		}
	}
}

func (m *ServiceMap) addCall(from, to string, s *Span) {
	key := [2]string{from, to}
	k, ok := m.calls[key]
	if !ok {
		k = len(m.Calls)
		m.calls[key] = k
		m.Calls = append(m.Calls, Call{From: from, To: to})
	}
	c := &m.Calls[k]
	c.Count++
	c.Total += s.Duration()
	if s.IsError() {
		c.Errors++
	}
}

// Sorted orders services by time and calls by caller then count, so text
// and JSON are stable.
func (m *ServiceMap) Sorted() {
	slices.SortStableFunc(m.Services, func(x, y ServiceStat) int {
		if c := cmp.Compare(y.Total, x.Total); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	slices.SortStableFunc(m.Calls, func(x, y Call) int {
		if c := cmp.Compare(x.From, y.From); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return cmp.Compare(x.To, y.To)
	})
	slices.Sort(m.Entries)
}
