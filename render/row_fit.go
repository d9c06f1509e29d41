package render

import (
	"bytes"
	"slices"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// labelFit carries one row's label between the passes that keep the
// labels of rows drawn together distinguishable: cut to the same text,
// "api handler 1…" ten times, they would read as one row (see FitNames).
type labelFit struct {
	// Label, when set, is drawn after the fold marker instead of the label
	// cut at its end: FitNames' cut, padded to the room.
	Label string
	Cut   bool // the label was cut at its end to fit
	W     int  // the columns it was cut to, when Cut
	// The label's parts after the fold marker, when Cut: joined only
	// when another row's label may be cut to the same text.
	parts [5]string
	// at and end are where the label after the fold marker lies in the
	// bytes it was drawn into, when drawn without styles (end 0 else):
	// another label of as many columns can take its place there.
	at, end int
}

// full is the whole label after the fold marker.
func (f *labelFit) full() string { return strings.Join(f.parts[:], "") }

// key identifies the text the label is cut to (g.Fit's, as fitNamesEach
// groups them): with ASCII parts, a hash of its first W-1 bytes and the
// ellipsis the cut ends with, so telling that no two rows are cut alike
// costs no allocation. Equal keys are only candidates: fitNamesEach
// compares the texts.
func (f *labelFit) key(g *Glyphs) uint64 {
	const offset = 14695981039346656037 // FNV-1a's
	h := uint64(offset)
	left := f.W - 1
	for _, p := range f.parts {
		if !isPlainASCII(p) {
			return hashString(offset, strings.TrimRight(g.or().Fit(f.full(), f.W), " "))
		}
		for i := 0; i < len(p) && left > 0; i, left = i+1, left-1 {
			h = (h ^ uint64(p[i])) * 1099511628211
		}
	}
	return hashString(h, g.or().Ellipsis)
}

// hashString is FNV-1a continued from h over s.
func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// note records whether the label's parts fit in room after fold, and
// hands back Label ("" for the usual cut).
func (f *labelFit) note(fold string, room int, service, sep, name, suffix, note string) string {
	if f.Label != "" {
		return f.Label
	}
	w := room - Width(fold)
	// A string never takes more columns than bytes: most labels that fit
	// are told so without measuring.
	f.Cut = w > 0 && len(service)+len(sep)+len(name)+len(suffix)+len(note) > w &&
		Width(service)+Width(sep)+Width(name)+Width(suffix)+Width(note) > w
	if f.Cut {
		f.parts, f.W = [5]string{service, sep, name, suffix, note}, w
	}
	return ""
}

// fitScratch is fitLabels' working memory, kept by print's batches so
// that fitting a million rows does not allocate it a thousand times.
type fitScratch struct {
	hashes []uint64       // each cut label's key
	keys   map[uint64]int // how many cut labels have each key
	idx    []int          // the rows that may be cut alike
	names  []string
	ws     []int
	work   fitWork
}

// fitLabels sets Label on the rows among fits whose labels, cut at their
// end, would read as another's though the whole labels differ: those get
// FitNames' cut around where they differ. It says whether any did. sc
// may be nil.
func fitLabels(fits []labelFit, g *Glyphs, sc *fitScratch) bool {
	cut := 0
	for k := range fits {
		if fits[k].Cut {
			cut++
		}
	}
	if cut < 2 {
		return false
	}
	if sc == nil {
		sc = &fitScratch{}
	}
	if sc.keys == nil {
		sc.keys = make(map[uint64]int, cut)
	}
	clear(sc.keys)
	// Each cut label is hashed once: hashes[k] is fits[k]'s key.
	hashes, keys := slices.Grow(sc.hashes[:0], len(fits))[:len(fits)], sc.keys
	for k := range fits {
		if fits[k].Cut {
			hashes[k] = fits[k].key(g)
			keys[hashes[k]]++
		}
	}
	idx := sc.idx[:0]
	for k := range fits {
		if fits[k].Cut && keys[hashes[k]] > 1 {
			idx = append(idx, k)
		}
	}
	sc.hashes, sc.idx = hashes, idx
	if len(idx) == 0 {
		return false
	}
	names := slices.Grow(sc.names[:0], len(idx))[:len(idx)]
	ws := slices.Grow(sc.ws[:0], len(idx))[:len(idx)]
	sc.names, sc.ws = names, ws
	for j, k := range idx {
		names[j], ws[j] = fits[k].full(), fits[k].W
	}
	fitted, recut := fitNamesRecutInto(names, ws, g, &sc.work)
	clear(names) // not to keep the labels alive until the next batch
	any := false
	for j, k := range idx {
		if recut[j] {
			fits[k].Label, any = fitted[j], true
		}
	}
	return any
}

// rowBatch is a run of drawn rows held until their labels are fitted
// among each other (fitLabels): print's waterfall is drawn batch by
// batch, so a million rows are never held at once.
type rowBatch struct {
	scratch fitScratch
	rows    []Row
	fits    []labelFit
	data    []byte
	ends    []int // where each row's text ends in data
}

// rowBatchSize is how many rows print fits among each other: many
// screenfuls (the explorer fits the rows on its screen), so the rows a
// reader compares are nearly always in one batch, at a few hundred
// kilobytes held.
const rowBatchSize = 1024

func (b *rowBatch) reset() {
	b.rows, b.fits, b.data, b.ends = b.rows[:0], b.fits[:0], b.data[:0], b.ends[:0]
}

// start is where row k's text starts in data.
func (b *rowBatch) start(k int) int {
	if k == 0 {
		return 0
	}
	return b.ends[k-1]
}

// line is row k's text, without trailing spaces.
func (b *rowBatch) line(k int) []byte {
	return bytes.TrimRight(b.data[b.start(k):b.ends[k]], " ")
}

// RenderRows draws rows as RenderRow does, the labels fitted among each
// other (fitLabels): the explorer draws the rows on its screen with it, so
// a keypress fits a screenful, never the trace.
func RenderRows(tr *trace.Tree, a *trace.Analysis, rows []Row, st ViewState, l Layout, opt Options) []string {
	fits := make([]labelFit, len(rows))
	out := make([]string, len(rows))
	buf := make([]byte, 0, l.Width+64)
	for k, r := range rows {
		buf = appendRowFit(buf[:0], tr, a, r, st, l, opt, &fits[k])
		out[k] = string(buf)
	}
	if fitLabels(fits, opt.Glyphs, nil) {
		for k, r := range rows {
			if fits[k].Label != "" {
				out[k] = string(appendRowFit(buf[:0], tr, a, r, st, l, opt, &fits[k]))
			}
		}
	}
	return out
}
