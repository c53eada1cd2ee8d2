// Package runtime holds the Go code that is the same in every generated
// SDK, as ordinary packages that are vetted and tested here, and embeds
// their sources so the emitter can write them into each SDK.
package runtime

import (
	"bytes"
	_ "embed"
)

// Params is the source of package params (params/params.go), written into
// an SDK as internal/params/params.go.
//
//go:embed params/params.go
var Params []byte

// SSE is the source of package sse (sse/sse.go), the typed stream of
// server-sent events, written into an SDK as pkg/sse/sse.go when one of
// its operations answers with an event stream. It imports no other
// runtime package.
//
//go:embed sse/sse.go
var SSE []byte

// Multipart is the source of params/multipart.go (the streamed
// multipart/form-data body), written into an SDK beside params.go when one
// of its operations takes a multipart body.
//
//go:embed params/multipart.go
var Multipart []byte

// File is the source of types/file.go (types.File, a file to upload),
// written into an SDK as pkg/types/file.go when a multipart body holds a
// file. It imports no other runtime package.
//
//go:embed types/file.go
var File []byte

//go:embed client/client.go
var clientSrc []byte

//go:embed retry/retry.go
var retrySrc []byte

//go:embed hooks/hooks.go
var hooksSrc []byte

//go:embed operations/options.go
var optionsSrc []byte

//go:embed sdkerrors/apierror.go
var apiErrorSrc []byte

// Import is the import path of this package tree; the runtime packages
// import each other under it.
const Import = "github.com/oasgo/gen/internal/emit/runtime"

// Source is one runtime file as an SDK holds it.
type Source struct {
	Path string // in the SDK: "internal/client/client.go"
	Data []byte
}

// Files are the runtime files every SDK holds (params aside: only SDKs
// with parameters need it), their imports of each other rewritten to the
// SDK's module.
func Files(module string) []Source {
	paths := map[string]string{
		Import + "/client":    module + "/internal/client",
		Import + "/retry":     module + "/pkg/retry",
		Import + "/hooks":     module + "/pkg/hooks",
		Import + "/sdkerrors": module + "/pkg/models/sdkerrors",
	}
	rewrite := func(src []byte) []byte {
		for from, to := range paths {
			src = bytes.ReplaceAll(src, []byte(`"`+from+`"`), []byte(`"`+to+`"`))
		}
		// The sources group their imports of each other so that the new
		// paths sort as the old ones did: the output stays gofmt-clean
		// (TestFilesGofmt) without formatting it on every generation.
		return src
	}
	return []Source{
		{"internal/client/client.go", rewrite(clientSrc)},
		{"pkg/retry/retry.go", rewrite(retrySrc)},
		{"pkg/hooks/hooks.go", rewrite(hooksSrc)},
		{"pkg/models/operations/sdk_options.go", rewrite(optionsSrc)},
		{"pkg/models/sdkerrors/apierror.go", rewrite(apiErrorSrc)},
	}
}
