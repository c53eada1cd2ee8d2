// Package runtime holds the Go code that is the same in every generated
// SDK, as ordinary packages that are vetted and tested here, and embeds
// their sources so the emitter can write them into each SDK.
package runtime

import _ "embed"

// Params is the source of package params (params/params.go), written into
// an SDK as internal/params/params.go.
//
//go:embed params/params.go
var Params []byte
