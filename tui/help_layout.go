package tui

import (
	"strings"

	"github.com/tracetui/tracetui/render"
)

// helpColumns lays the groups out in as many columns as fit w, in order,
// each column about as tall as the others; a group never splits, so its
// title stays over its keys. At 40 columns it is one column.
func helpColumns(groups []helpGroup, w int, st render.Styles) []string {
	const gap = 3
	blocks := make([][]string, len(groups))
	colW, total := 0, 0
	for k, grp := range groups {
		keyW := 0
		for _, b := range grp.keys {
			keyW = max(keyW, render.Width(b.Help().Key))
		}
		block := []string{st.Paint(st.Header, grp.title)}
		colW = max(colW, render.Width(grp.title))
		for _, b := range grp.keys {
			line := b.Help().Key + strings.Repeat(" ", keyW-render.Width(b.Help().Key)) + "  " + b.Help().Desc
			colW = max(colW, render.Width(line))
			block = append(block, line)
		}
		blocks[k] = block
		total += len(block) + 1
	}
	ncols := max(1, min((w+gap)/(colW+gap), len(blocks)))
	if ncols == 1 {
		var out []string
		for k, b := range blocks {
			if k > 0 {
				out = append(out, "")
			}
			out = append(out, b...)
		}
		return out
	}
	// Fill each column up to an even share of the lines, then the next.
	target := (total + ncols - 1) / ncols
	cols := make([][]string, 1, ncols)
	for _, b := range blocks {
		c := &cols[len(cols)-1]
		if len(*c) > 0 && len(*c)+1+len(b) > target && len(cols) < ncols {
			cols = append(cols, nil)
			c = &cols[len(cols)-1]
		}
		if len(*c) > 0 {
			*c = append(*c, "")
		}
		*c = append(*c, b...)
	}
	height := 0
	for _, c := range cols {
		height = max(height, len(c))
	}
	out := make([]string, height)
	for r := range out {
		var line strings.Builder
		for k, c := range cols {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if k < len(cols)-1 {
				cell += strings.Repeat(" ", colW+gap-render.Width(cell))
			}
			line.WriteString(cell)
		}
		out[r] = strings.TrimRight(line.String(), " ")
	}
	return out
}

// wrapWords breaks text at spaces into lines of at most w columns, later
// lines indented; a word longer than a line is cut when drawn.
func wrapWords(text string, w int, indent string) []string {
	if render.Width(text) <= w {
		return []string{text}
	}
	lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
	var out []string
	cur := lead
	for _, word := range strings.Fields(text) {
		switch {
		case strings.TrimSpace(cur) == "":
			cur += word
		case render.Width(cur)+1+render.Width(word) <= w:
			cur += " " + word
		default:
			out = append(out, cur)
			cur = indent + word
		}
	}
	return append(out, cur)
}
