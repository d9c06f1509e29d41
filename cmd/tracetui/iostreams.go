package main

import (
	"io"
	"os"
	"strconv"
	"time"

	"github.com/charmbracelet/x/term"
)

// IOStreams is everything a command touches outside itself, injected so
// tests run commands with buffers, a fixed width and a fixed clock.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	StdinIsTTY  bool
	StdoutIsTTY bool
	// TermWidth is the terminal's width, 0 when stdout is not a terminal.
	TermWidth int
	Getenv    func(string) string
	Now       func() time.Time
}

func systemIO() *IOStreams {
	ios := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		StdinIsTTY:  term.IsTerminal(os.Stdin.Fd()),
		StdoutIsTTY: term.IsTerminal(os.Stdout.Fd()),
		Getenv:      os.Getenv,
		Now:         time.Now,
	}
	if ios.StdoutIsTTY {
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil {
			ios.TermWidth = w
		}
	}
	return ios
}

// defaultWidth is the terminal's width, else $COLUMNS, else 120: CI logs
// are usually wide and never a terminal.
func (ios *IOStreams) defaultWidth() int {
	if ios.TermWidth > 0 {
		return ios.TermWidth
	}
	if n, err := strconv.Atoi(ios.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 120
}

// ColorEnabled is the one colour decision, for reports and the explorer
// alike. --color always or never wins; in auto, CLICOLOR_FORCE forces
// colour (as gh does), NO_COLOR or CLICOLOR=0 turn it off, and otherwise
// only a terminal gets it: escapes in a CI log or a pipe are noise.
func (ios *IOStreams) ColorEnabled(flag string) bool {
	switch flag {
	case "always":
		return true
	case "never":
		return false
	}
	if v := ios.Getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if ios.Getenv("NO_COLOR") != "" || ios.Getenv("CLICOLOR") == "0" {
		return false
	}
	return ios.StdoutIsTTY
}
