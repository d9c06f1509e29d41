package render

import (
	"strconv"
)

// Duration formats nanoseconds with three significant digits and a unit
// ("850 ns", "12.3 µs", "7.05 ms", "175 ms", "5.20 s"); a minute or more is
// "2m05s". Rounding never crosses a unit boundary wrongly: 999.96 ms is
// "1.00 s", not "1000 ms". Glyphs.Duration writes a glyph set's
// microsecond unit ("us" in ASCII).
func Duration(ns int64) string { return duration(ns, "µs") }

func duration(ns int64, us string) string {
	if ns < 0 {
		return "-" + duration(-ns, us)
	}
	units := []struct {
		scale float64
		name  string
	}{{1, "ns"}, {1e3, us}, {1e6, "ms"}, {1e9, "s"}}
	if ns >= 60e9-5e6 {
		s := (ns + 5e8) / 1e9
		if s >= 3600 {
			return strconv.FormatInt(s/3600, 10) + "h" + pad2(s/60%60) + "m"
		}
		return strconv.FormatInt(s/60, 10) + "m" + pad2(s%60) + "s"
	}
	if ns < 1000 {
		return strconv.FormatInt(ns, 10) + " ns"
	}
	for k := len(units) - 1; k >= 1; k-- {
		v := float64(ns) / units[k].scale
		if v < 1 {
			continue
		}
		txt := sig3(v)
		if txt == "1000" && k < len(units)-1 {
			return "1.00 " + units[k+1].name
		}
		return txt + " " + units[k].name
	}
	return strconv.FormatInt(ns, 10) + " ns"
}

// sig3 formats v (≥ 1) with three significant digits.
func sig3(v float64) string {
	switch {
	case v >= 99.95:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 9.995:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}
