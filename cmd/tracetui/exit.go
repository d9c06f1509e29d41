package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/remote"
)

// Exit codes, mapped in one place (exitCode) so every command agrees.
const (
	exitOK    = 0
	exitNo    = 1 // the answer is "no": a check or a gate failed
	exitUsage = 2 // bad flags or arguments
	exitInput = 3 // input unreadable: a bad file, a store that failed, nothing to read; or the job could not run
)

// answerNoError is a command's "no": it ran fine and the answer is a
// failure a CI job must see (a check or a regression gate failed).
type answerNoError struct{ err error }

func (e *answerNoError) Error() string { return e.err.Error() }
func (e *answerNoError) Unwrap() error { return e.err }

// usageError marks a mistake in how the command was invoked.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var st *exitStatusError
	if errors.As(err, &st) {
		return st.code // run: the command's own failure, unchanged
	}
	var ue *usageError
	if errors.As(err, &ue) || errors.Is(err, remote.ErrInvalid) || isCobraUsage(err) {
		return exitUsage
	}
	var no *answerNoError
	if errors.As(err, &no) {
		return exitNo
	}
	return exitInput
}

// isCobraUsage spots the usage errors cobra reports as plain errors (it
// has no error types for them).
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command ") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag")
}

// errorText is how an error reaches the user: one line per cause, no stack.
// Errors quote input (file names, a store's error message, an HTTP body),
// so each line is sanitized here, once for every command: an escape
// sequence in data must never reach the terminal. Lines after the first
// (errors.Join) are indented, so a newline inside quoted data cannot pass
// for a line of tracetui's own.
func errorText(err error) string {
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	for i, l := range lines {
		lines[i] = render.Sanitize(l)
	}
	msg := strings.Join(lines, "\n  ")
	if exitCode(err) == exitUsage {
		return "tracetui: " + msg + "\nRun 'tracetui --help' for usage."
	}
	return "tracetui: " + msg
}
