package trace

import "slices"

// cycles builds the service call graph (parent service → child service,
// and a client span's peer.service) and reports each loop with the spans
// that make its edges. One client/server pair is a single edge, never a loop.
func (f *Findings) cycles(tr *Tree) {
	type edge struct{ from, to string }
	example := map[edge]int32{}
	adj := map[string][]string{}
	addEdge := func(from, to string, span int32) {
		if from == to || from == "" || to == "" {
			return
		}
		e := edge{from, to}
		if _, ok := example[e]; ok {
			return
		}
		example[e] = span
		adj[from] = append(adj[from], to)
	}
	for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
		s := tr.Span(i)
		if p := tr.Parent[i]; p >= 0 && !tr.Span(p).Placeholder {
			addEdge(tr.Span(p).Service(), s.Service(), i)
		}
		if s.Kind == KindClient || s.Kind == KindProducer {
			if v, ok := Lookup(s.Attrs, "peer.service"); ok {
				addEdge(s.Service(), v.AsString(), i)
			}
		}
	}
	if len(adj) < 2 {
		return
	}
	seen := map[string]bool{}
	services := make([]string, 0, len(adj))
	for s := range adj {
		services = append(services, s)
	}
	slices.Sort(services)
	for _, s := range services {
		slices.Sort(adj[s])
	}
	for _, start := range services {
		if seen[start] {
			continue
		}
		path := findLoop(adj, start)
		if path == nil {
			continue
		}
		for _, s := range path {
			seen[s] = true
		}
		var spans []int32
		for k := 0; k+1 < len(path); k++ {
			spans = append(spans, example[edge{path[k], path[k+1]}])
		}
		f.add(Finding{Kind: FindingCycle, Span: spans[0], Spans: spans, Count: len(path) - 1, Path: path, Of: tr.Duration()})
	}
}

// findLoop returns the shortest path start → … → start (breadth first,
// neighbours in name order, so the report is stable), or nil.
func findLoop(adj map[string][]string, start string) []string {
	prev := map[string]string{}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, next := range adj[cur] {
			if next == start {
				path := []string{start}
				for n := cur; n != start; n = prev[n] {
					path = append(path, n)
				}
				path = append(path, start)
				slices.Reverse(path[1 : len(path)-1])
				return path
			}
			if _, ok := prev[next]; !ok && next != start {
				prev[next] = cur
				queue = append(queue, next)
			}
		}
	}
	return nil
}
