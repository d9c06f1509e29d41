// Package remote is the HTTP side every trace store adapter shares (Jaeger,
// Tempo, Zipkin): one client with the user's headers, token, timeout, CA
// and proxy, and errors that say what happened and what to do without ever
// printing a secret.
//
// A store is input like any file, so the client bounds what it can do:
// each answer's body is cut at Options.MaxResponse (--max-response) with a
// TooLargeError naming the store, the timeout covers the body as well as
// the headers (body.go), and a redirect to another scheme or host drops
// everything the user gave for their store (checkRedirect). Adapters
// decode through Response.Decode, so a cut-off body is reported as such
// rather than as whatever the decoder made of it.
package remote
