package trace

// queueWaits reports messages that sat in a queue for a large share of the
// trace: the waterfall shows empty space between producer and consumer,
// and no span's self time or the critical path accounts for it. The same
// share as a "self" finding (three times FindOptions.Share) makes it worth
// a line; the three longest are kept.
func (f *Findings) queueWaits(tr *Tree, opt FindOptions) {
	floor := max(opt.MinGap, int64(3*opt.Share*float64(tr.Duration())))
	var found []Finding
	for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
		if w := tr.QueueWait(i); w > 0 && w >= floor {
			found = append(found, Finding{Kind: FindingQueueWait, Span: i, Spans: []int32{tr.Parent[i], i},
				Time: w, Of: tr.Duration()})
		}
	}
	for _, x := range largest(found, 3) {
		f.add(x)
	}
}
