package render

import (
	"slices"
	"strconv"

	"github.com/tracetui/tracetui/trace"
)

// ServiceMapLines draws the service map as an indented dependency tree
// from the services that start traces: each call edge with its count,
// errors and time; a service reached again on the same path is marked as
// a cycle, one seen on another branch is not expanded twice.
func ServiceMapLines(m *trace.ServiceMap, opt Options) []string {
	sy := opt.Glyphs.or()
	arrow, loop, sep := sy.Edge, sy.Cycle+"cycle back to ", sy.Sep
	stats := map[string]trace.ServiceStat{}
	for _, s := range m.Services {
		stats[s.Name] = s
	}
	out := map[string][]trace.Call{}
	hasIn := map[string]bool{}
	for _, c := range m.Calls {
		out[c.From] = append(out[c.From], c)
		hasIn[c.To] = true
	}
	d := sy.Duration
	node := func(name string) string {
		s, ok := stats[name]
		if !ok {
			return opt.Glyphs.Clean(name) + "  (no spans of its own)"
		}
		text := opt.Glyphs.Clean(name) + "  " + Plural(s.Spans, "span") + sep + d(s.Total) + sep + "self " + d(s.Self)
		if s.Errors > 0 {
			text += sep + Plural(s.Errors, "error")
		}
		return text
	}
	var lines []string
	expanded := map[string]bool{}
	var walk func(name, prefix string, path map[string]bool)
	walk = func(name, prefix string, path map[string]bool) {
		calls := out[name]
		for k, c := range calls {
			guide, next := sy.Tee, prefix+sy.Pipe
			if k == len(calls)-1 {
				guide, next = sy.Elbow, prefix+sy.Blank
			}
			edge := sy.Times + strconv.Itoa(c.Count) + " " + d(c.Total)
			if c.Errors > 0 {
				edge += ", " + Plural(c.Errors, "error")
			}
			head := prefix + guide + arrow
			switch {
			case path[c.To]:
				lines = append(lines, head+loop+opt.Glyphs.Clean(c.To)+" ("+edge+")")
			case expanded[c.To] && len(out[c.To]) > 0:
				lines = append(lines, head+opt.Glyphs.Clean(c.To)+" ("+edge+", its calls are shown above)")
			case expanded[c.To]:
				lines = append(lines, head+opt.Glyphs.Clean(c.To)+" ("+edge+")")
			default:
				expanded[c.To] = true
				lines = append(lines, head+node(c.To)+" ("+edge+")")
				path[c.To] = true
				walk(c.To, next, path)
				delete(path, c.To)
			}
		}
	}
	roots := append([]string(nil), m.Entries...)
	for _, s := range m.Services { // services only ever called in loops
		if !hasIn[s.Name] && !slices.Contains(roots, s.Name) {
			roots = append(roots, s.Name)
		}
	}
	for _, r := range roots {
		if expanded[r] {
			continue
		}
		expanded[r] = true
		lines = append(lines, opt.Styles.Paint(opt.Styles.Header, node(r)))
		walk(r, "", map[string]bool{r: true})
	}
	for k, l := range lines {
		lines[k] = opt.Glyphs.Truncate(l, opt.Width)
	}
	return lines
}

// ServiceMapJSON is `services --format json`.
func ServiceMapJSON(m *trace.ServiceMap) ([]byte, error) {
	type svc struct {
		Name    string  `json:"name"`
		Spans   int     `json:"spans"`
		Errors  int     `json:"errors"`
		TotalMS float64 `json:"total_ms"`
		SelfMS  float64 `json:"self_ms"`
		Entry   bool    `json:"entry"`
	}
	type call struct {
		From    string  `json:"from"`
		To      string  `json:"to"`
		Count   int     `json:"count"`
		Errors  int     `json:"errors"`
		TotalMS float64 `json:"total_ms"`
	}
	out := struct {
		Services []svc  `json:"services"`
		Calls    []call `json:"calls"`
	}{Services: []svc{}, Calls: []call{}}
	for _, s := range m.Services {
		out.Services = append(out.Services, svc{s.Name, s.Spans, s.Errors, ms(s.Total), ms(s.Self), slices.Contains(m.Entries, s.Name)})
	}
	for _, c := range m.Calls {
		out.Calls = append(out.Calls, call{c.From, c.To, c.Count, c.Errors, ms(c.Total)})
	}
	return marshalJSON(out)
}
