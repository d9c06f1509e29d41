// Package remote is the HTTP side every trace store adapter shares (Jaeger,
// Tempo, Zipkin): one client with the user's headers, token, timeout, CA
// and proxy, and errors that say what happened and what to do without ever
// printing a secret.
package remote
