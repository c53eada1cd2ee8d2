package runtime

import (
	"bytes"
	"go/format"
	"testing"
)

// TestFilesGofmt: the runtime files, their imports rewritten to an SDK's
// module, are gofmt-clean as written (Files does not format them).
func TestFilesGofmt(t *testing.T) {
	for _, module := range []string{"openapi", "example.com/acme/vault", "z"} {
		for _, f := range Files(module) {
			out, err := format.Source(f.Data)
			if err != nil {
				t.Fatalf("%s (module %s): %v", f.Path, module, err)
			}
			if !bytes.Equal(out, f.Data) {
				t.Errorf("%s (module %s) is not gofmt-clean", f.Path, module)
			}
		}
	}
}
