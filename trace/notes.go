package trace

// Note is one thing odd about a span, for its row and its details: a mark
// and, for clock skew, by how much. Render words it; times stay as
// recorded, so skew is described, never corrected.
type Note struct {
	// Kind is a single mark: MarkPlaceholder, MarkOrphan, MarkSharedRPC,
	// MarkDuplicateID, MarkCycle, MarkNoStart, MarkNoEnd, MarkEndBeforeStart,
	// MarkStartsBeforeParent or MarkEndsAfterParent.
	Kind Mark
	// Amount is how far outside its parent the span reaches, in ns: how
	// long before the parent it starts (MarkStartsBeforeParent), or after
	// the parent it ends (MarkEndsAfterParent); 0 for the other kinds.
	Amount int64
}

// noteOrder is the order notes come in: the first is the one a row has
// room for, so what breaks the tree comes before what skews a bar.
// A missing start comes before the shared-RPC note, which is normal Zipkin
// data, because it is why the row has no bar.
var noteOrder = [...]Mark{MarkPlaceholder, MarkOrphan, MarkNoStart, MarkSharedRPC, MarkDuplicateID, MarkCycle,
	MarkNoEnd, MarkEndBeforeStart, MarkStartsBeforeParent, MarkEndsAfterParent}

// Notes lists what is odd about span i, most telling first; nil when
// nothing is. MarkAsync and MarkMessaging are not notes: async work is
// normal (QueueWait tells a message's wait).
func (tr *Tree) Notes(i int32) []Note {
	m := tr.Marks[i] &^ (MarkAsync | MarkMessaging)
	if m == 0 {
		return nil
	}
	s := tr.Span(i)
	var ps *Span
	if p := tr.Parent[i]; p >= 0 {
		ps = tr.Span(p)
	}
	var out []Note
	for _, k := range noteOrder {
		if m&k == 0 {
			continue
		}
		n := Note{Kind: k}
		switch k {
		case MarkStartsBeforeParent, MarkEndsAfterParent:
			if ps == nil {
				continue
			}
			n.Amount = ps.Start - s.Start
			if k == MarkEndsAfterParent {
				n.Amount = s.End - ps.End
			}
		}
		out = append(out, n)
	}
	return out
}
