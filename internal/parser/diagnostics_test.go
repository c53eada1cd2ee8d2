package parser

import (
	"testing"

	"github.com/oasgo/gen/internal/model"
)

// TestDiagnosticKeys: a problem is its place and its complaint, so one met
// from several operations (naming each one's inline type) is one; without a
// place, only equal text is the same problem.
func TestDiagnosticKeys(t *testing.T) {
	at := model.Pos{File: "a.yml", Line: 3, Col: 5}
	nowhere := model.Pos{File: "a.yml"}
	const f = "%s: allOf of incompatible types"
	if errorKey(at, f, "Get0Mixed: allOf of incompatible types") != errorKey(at, f, "Get1Mixed: allOf of incompatible types") {
		t.Error("one placed error met twice gives two keys")
	}
	if errorKey(nowhere, f, "Get0Mixed: x") == errorKey(nowhere, f, "Get1Mixed: x") {
		t.Error("two unplaced errors share a key")
	}
	w := func(pos model.Pos, kind, msg string) string {
		return warningKey(model.Diagnostic{Pos: pos, Kind: kind, Message: msg})
	}
	if w(at, "untyped", "Get0Any: not") != w(at, "untyped", "Get1Any: not") {
		t.Error("one placed untyped warning met twice gives two keys")
	}
	if w(nowhere, "untyped", "Get0Any: not") == w(nowhere, "untyped", "Get1Any: not") {
		t.Error("two unplaced untyped warnings share a key")
	}
	if w(at, "duplicate-required", "required lists id twice") == w(at, "duplicate-required", "required lists name twice") {
		t.Error("two problems at one place share a key")
	}
}
