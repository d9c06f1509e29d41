package trace

import "slices"

// serviceStats totals spans per service; placeholders are not a service.
func serviceStats(tr *Tree, a *Analysis) []ServiceStat {
	idx := make(map[string]int)
	var out []ServiceStat
	for i := int32(0); i < int32(tr.Len()); i++ {
		s := tr.Span(i)
		if s.Placeholder {
			continue
		}
		name := s.Service()
		k, ok := idx[name]
		if !ok {
			k = len(out)
			idx[name] = k
			out = append(out, ServiceStat{Name: name})
		}
		st := &out[k]
		st.Spans++
		if s.IsError() {
			st.Errors++
		}
		st.Total += s.Duration()
		st.Self += a.Self[i]
	}
	sortServices(out)
	return out
}

// sortServices orders services by total time, descending, then name.
func sortServices(out []ServiceStat) {
	slices.SortFunc(out, func(x, y ServiceStat) int {
		switch {
		case x.Total > y.Total:
			return -1
		case x.Total < y.Total:
			return 1
		case x.Name < y.Name:
			return -1
		case x.Name > y.Name:
			return 1
		}
		return 0
	})
}
