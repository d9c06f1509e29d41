package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// StatsSorts are the columns stats can sort by (largest first).
var StatsSorts = []string{"total", "self", "count", "avg", "p50", "p95", "p99", "max", "errors", "name"}

// SortStats orders rows by a column, largest first ("name": A to Z).
func SortStats(rows []trace.OpStat, by string) {
	key := func(o trace.OpStat) int64 {
		switch by {
		case "self":
			return o.Self
		case "count":
			return int64(o.Count)
		case "avg":
			return o.Avg()
		case "p50":
			return o.Percentile(0.50)
		case "p95":
			return o.Percentile(0.95)
		case "p99":
			return o.Percentile(0.99)
		case "max":
			return o.Max
		case "errors":
			return int64(o.Errors)
		}
		return o.Total
	}
	slices.SortStableFunc(rows, func(x, y trace.OpStat) int {
		if by != "name" {
			if c := cmp.Compare(key(y), key(x)); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(x.Service, y.Service); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
}

var statsHead = []string{"COUNT", "TOTAL", "AVG", "P50", "P95", "P99", "MIN", "MAX", "SELF", "ERRORS"}

// untimedHead is the column added, after COUNT, when some span had no
// usable times: COUNT counts it, the times leave it out, and a reader
// dividing TOTAL by COUNT needs to know.
const untimedHead = "UNTIMED"

func anyUntimed(rows []trace.OpStat) bool {
	for _, o := range rows {
		if o.Untimed > 0 {
			return true
		}
	}
	return false
}

func statsHeads(untimed bool) []string {
	if !untimed {
		return statsHead
	}
	return append([]string{statsHead[0], untimedHead}, statsHead[1:]...)
}

// statsCells are a row's columns; a time over no timed span is "-", never
// a 0 ns that reads as a measurement. A SELF leaving unknown time out
// (OpStat.Unknown) ends in unknownMark.
func statsCells(o trace.OpStat, untimed bool, g *Glyphs) []string {
	d := func(ns int64) string {
		if o.Timed() == 0 {
			return "-"
		}
		return g.Duration(ns)
	}
	self := d(o.Self)
	if o.Unknown > 0 {
		self += unknownMark
	}
	cells := []string{strconv.Itoa(o.Count), d(o.Total), d(o.Avg()), d(o.Percentile(0.50)), d(o.Percentile(0.95)),
		d(o.Percentile(0.99)), d(o.Min), d(o.Max), self, strconv.Itoa(o.Errors)}
	if untimed {
		cells = append([]string{cells[0], strconv.Itoa(o.Untimed)}, cells[1:]...)
	}
	return cells
}

// unknownMark follows a SELF that leaves unknown time out, which
// unknownNote then counts.
const unknownMark = "+?"

// unknownNote is the line under a stats table whose SELF leaves out
// unknown time: how much, and why, in print's words (its unknown line).
// "" when none.
func unknownNote(rows []trace.OpStat, g *Glyphs) string {
	var ns int64
	for _, o := range rows {
		ns += o.Unknown
	}
	if ns <= 0 {
		return ""
	}
	return unknownMark + " SELF leaves out " + g.or().Duration(ns) + " unknown: after a span with no usable end started, " +
		"its parent's time no timed child covers may be either's"
}

func statsName(o trace.OpStat, g *Glyphs) string {
	if o.Name == "" {
		return g.Clean(o.Service)
	}
	return g.Clean(o.Service) + " " + g.Clean(o.Name)
}

// statsDropOrder is which columns give way first when names would be cut
// short: the ones a reader can best do without (MIN, then the median and
// mean the percentiles and TOTAL stand in for). ERRORS and UNTIMED never
// go: they say what the times leave out.
var statsDropOrder = []string{"MIN", "P50", "AVG", "P99", "TOTAL", "MAX", "SELF", "P95", "COUNT"}

// statsMinName is the name column's share worth dropping a column for.
const statsMinName = 24

// StatsTable is the stats table of `tracetui stats` and the explorer,
// fitted to the width: each number column as wide as its head or widest
// value; below the width every column needs, columns give way
// (statsDropOrder; never keep, the sorted one) before names are cut under
// statsMinName, and a last line says which went. Names cut to the same
// text are cut in the middle instead, so two operations never read as one
// row. With opt.FullNames (output that is not a terminal, no --width)
// every column stays and the name column is as wide as the longest name.
func StatsTable(rows []trace.OpStat, byOperation bool, keep string, opt Options) []string {
	g := opt.Glyphs.or()
	untimed := anyUntimed(rows)
	heads := statsHeads(untimed)
	longest := len("SERVICE") // the head needs as much
	names := make([]string, len(rows))
	cells := make([][]string, len(rows))
	colW := make([]int, len(heads))
	for k, h := range heads {
		colW[k] = len(h)
	}
	for k, o := range rows {
		names[k] = statsName(o, g)
		longest = max(longest, Width(names[k]))
		cells[k] = statsCells(o, untimed, g)
		for c, cell := range cells[k] {
			colW[c] = max(colW[c], Width(cell))
		}
	}
	show := make([]bool, len(heads))
	numbers := 0 // the shown number columns' width, with a space before each
	for k := range show {
		show[k] = true
		numbers += colW[k] + 1
	}
	var dropped []string
	for _, d := range statsDropOrder {
		if opt.FullNames || opt.Width-numbers >= min(longest, statsMinName) {
			break
		}
		for k, h := range heads {
			if h == d && !strings.EqualFold(h, keep) {
				show[k] = false
				numbers -= colW[k] + 1
				dropped = append(dropped, h)
			}
		}
	}
	// What the numbers leave, never more: short names (services) must not
	// push the line past the width.
	nameW := max(opt.Width-numbers, min(longest, 12))
	if opt.FullNames { // not on a terminal: names whole, however wide
		nameW = max(nameW, longest)
	}
	first := "SERVICE"
	if byOperation {
		first = "SERVICE OPERATION"
		if nameW < len(first) {
			first = "OPERATION"
		}
	}
	head := g.Fit(first, nameW)
	for k, h := range heads {
		if show[k] {
			head += " " + PadLeft(h, colW[k])
		}
	}
	lines := []string{opt.Styles.Paint(opt.Styles.Header, head)}
	fitted := FitNames(names, nameW, g)
	for k, o := range rows {
		line := fitted[k]
		for c, cell := range cells[k] {
			if show[c] {
				line += " " + PadLeft(cell, colW[c])
			}
		}
		if o.Errors > 0 {
			line = opt.Styles.Paint(opt.Styles.Error, line)
		}
		lines = append(lines, line)
	}
	if note := unknownNote(rows, g); note != "" && !slices.Contains(dropped, "SELF") {
		for _, l := range wrapWords(note, max(opt.Width, 20), "  ") {
			lines = append(lines, opt.Styles.Paint(opt.Styles.Dim, l))
		}
	}
	if len(dropped) > 0 {
		// Said whole, wrapped: a reader must know what is missing.
		words := append(dropped[:len(dropped)-1:len(dropped)-1], dropped[len(dropped)-1], "not", "shown", "at", "this", "width")
		for k := range len(dropped) - 1 {
			words[k] += ","
		}
		for _, l := range wrapJoin(words, " ", max(opt.Width, 20), g) {
			lines = append(lines, opt.Styles.Paint(opt.Styles.Dim, l))
		}
	}
	return lines
}

// StatsMarkdown is the table for a job summary.
func StatsMarkdown(rows []trace.OpStat, byOperation bool, opt Options) string {
	var b strings.Builder
	first := "service"
	if byOperation {
		first = "service | operation"
	}
	untimed := anyUntimed(rows)
	b.WriteString("| " + first + " | " + strings.ToLower(strings.Join(statsHeads(untimed), " | ")) + " |\n|---|")
	if byOperation {
		b.WriteString("---|")
	}
	b.WriteString(strings.Repeat("---:|", len(statsHeads(untimed))) + "\n")
	for _, o := range rows {
		b.WriteString("| " + mdEscape(o.Service) + " | ")
		if byOperation {
			b.WriteString(mdEscape(o.Name) + " | ")
		}
		b.WriteString(strings.Join(statsCells(o, untimed, opt.Glyphs), " | ") + " |\n")
	}
	if note := unknownNote(rows, opt.Glyphs); note != "" {
		b.WriteString("\n" + mdEscape(note) + "\n")
	}
	return b.String()
}

// StatJSON is one row of `stats --format json`.
type StatJSON struct {
	Service   string   `json:"service"`
	Operation string   `json:"operation,omitempty"`
	Count     int      `json:"count"`
	Untimed   int      `json:"untimed"`  // among count, left out of every time
	TotalMS   *float64 `json:"total_ms"` // the times are null when every span is untimed
	AvgMS     *float64 `json:"avg_ms"`
	P50MS     *float64 `json:"p50_ms"`
	P95MS     *float64 `json:"p95_ms"`
	P99MS     *float64 `json:"p99_ms"`
	MinMS     *float64 `json:"min_ms"`
	MaxMS     *float64 `json:"max_ms"`
	SelfMS    *float64 `json:"self_ms"`
	// SelfUnknownMS is the time self_ms leaves out as nobody's for sure
	// (after an unended span under these started); absent when none.
	SelfUnknownMS *float64 `json:"self_unknown_ms,omitempty"`
	Errors        int      `json:"errors"`
}

// StatsJSON encodes the table for scripts.
func StatsJSON(rows []trace.OpStat) ([]byte, error) {
	out := struct {
		Stats []StatJSON `json:"stats"`
	}{Stats: make([]StatJSON, 0, len(rows))}
	for _, o := range rows {
		j := StatJSON{Service: o.Service, Operation: o.Name, Count: o.Count, Untimed: o.Untimed, Errors: o.Errors}
		if o.Timed() > 0 {
			d := func(ns int64) *float64 { return finite(ms(ns)) }
			j.TotalMS, j.AvgMS, j.P50MS, j.P95MS, j.P99MS = d(o.Total), d(o.Avg()), d(o.Percentile(0.50)), d(o.Percentile(0.95)), d(o.Percentile(0.99))
			j.MinMS, j.MaxMS, j.SelfMS = d(o.Min), d(o.Max), d(o.Self)
			if o.Unknown > 0 {
				j.SelfUnknownMS = d(o.Unknown)
			}
		}
		out.Stats = append(out.Stats, j)
	}
	return marshalJSON(out)
}
